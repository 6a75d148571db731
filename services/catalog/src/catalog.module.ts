import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { DirectoryModule } from '@kitos/directory';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { ItSystemsModule } from './it-systems/it-systems.module';
import { InterfacesModule } from './interfaces/interfaces.module';
import { DeltaFeedModule } from './delta-feed/delta-feed.module';
import { OptionsModule } from './options/options.module';
import { UsagesModule } from './usages/usages.module';
import { RelationsModule } from './relations/relations.module';
import { KleModule } from './kle/kle.module';
import { OrganizationDirectory } from './shared/ports';

/** The catalogue service: IT systems, interfaces, system usages, relations, KLE and option types. */
@Module({})
export class CatalogModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        PlatformModule.forService(config, { consume: ['identity', 'catalog', 'contracts'] }),
        // feature modules (each @Global, exporting the port it implements from ./shared/ports)
        ItSystemsModule,
        InterfacesModule,
        // the copy of identity's directory (libs/directory), provided as the OrganizationDirectory port
        DirectoryModule.forRoot({ provideAs: [OrganizationDirectory] }),
        DeltaFeedModule,
        OptionsModule,
        UsagesModule,
        RelationsModule,
        KleModule,
      ],
      controllers: [pingHandlers('catalog')],
    };
  }
}
