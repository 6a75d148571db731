import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { DirectoryModule } from '@kitos/directory';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { RemindersModule } from './reminders/reminders.module';
import { ItContractsModule } from './it-contracts/it-contracts.module';
import { LinksModule } from './links/links.module';
import { OptionsModule } from './options/options.module';
import { OrganizationDirectory } from './shared/ports';

/** The contracts service: IT contracts, economy, deadlines and reminders. */
@Module({})
export class ContractsModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ContractsModule,
      imports: [
        // reminders follow contracts (own stream), usages (catalog), DPRs (gdpr) and archive deliveries (archiving)
        // contracts follow identity (directory copy), catalog (usages) and gdpr (data processing registrations)
        PlatformModule.forService(config, { consume: ['identity', 'catalog', 'contracts', 'gdpr', 'archiving'] }),
        // the copy of identity's directory (libs/directory), provided as the OrganizationDirectory port
        DirectoryModule.forRoot({ provideAs: [OrganizationDirectory] }),
        OptionsModule,
        LinksModule,
        ItContractsModule,
        RemindersModule,
      ],
      controllers: [pingHandlers('contracts')],
    };
  }
}
