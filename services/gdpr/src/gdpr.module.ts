import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { UsageCopiesModule } from './usages/usage-copies.module';
import { DprModule } from './dpr/dpr.module';
import { ComplianceModule } from './compliance.module';

/** The gdpr service: GDPR profiles of usages, data processing registrations and the Article 30 record. */
@Module({})
export class GdprModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: GdprModule,
      imports: [
        PlatformModule.forService(config, { consume: ['catalog', 'identity', 'contracts', 'gdpr', 'archiving'] }),
        UsageCopiesModule,
        DprModule,
        ComplianceModule,
      ],
      controllers: [pingHandlers('gdpr')],
    };
  }
}
