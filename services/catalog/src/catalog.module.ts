import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { ItSystemsModule } from './it-systems/it-systems.module';

/** The catalogue service: IT systems, interfaces, system usages, relations, KLE and option types. */
@Module({})
export class CatalogModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        PlatformModule.forService(config),
        // feature modules (each @Global, exporting the port it implements from ./shared/ports)
        ItSystemsModule,
      ],
      controllers: [pingHandlers('catalog')],
    };
  }
}
