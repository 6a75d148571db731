import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { ItSystemsModule } from './it-systems/it-systems.module';

/** The catalogue service: IT systems (interfaces, usages, KLE and option types follow). */
@Module({})
export class CatalogModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: CatalogModule, imports: [PlatformModule.forService(config), ItSystemsModule], controllers: [pingHandlers('catalog')] };
  }
}
