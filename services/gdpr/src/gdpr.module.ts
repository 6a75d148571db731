import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';

/** The gdpr service: GDPR profiles of usages, data processing registrations and the Article 30 record. It boots, owns its database and answers on the bus; its domain comes with its own issue. */
@Module({})
export class GdprModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: GdprModule, imports: [PlatformModule.forService(config)], controllers: [pingHandlers('gdpr')] };
  }
}
