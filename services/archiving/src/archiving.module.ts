import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';

/** The archiving service: archive duty, journal periods and deliveries to the archives. It boots, owns its database and answers on the bus; its domain comes with its own issue. */
@Module({})
export class ArchivingModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: ArchivingModule, imports: [PlatformModule.forService(config)], controllers: [pingHandlers('archiving')] };
  }
}
