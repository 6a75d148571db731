import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { UsageArchivesModule } from './usage-archives/usage-archives.module';

/** The archiving service: archive duty, journal periods and deliveries to the archives, judged against gdpr's deletion dates. */
@Module({})
export class ArchivingModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ArchivingModule,
      imports: [PlatformModule.forService(config, { consume: ['identity', 'catalog', 'gdpr'] }), UsageArchivesModule],
      controllers: [pingHandlers('archiving')],
    };
  }
}
