import { Global, Module } from '@nestjs/common';
import { OptionCatalog } from '../shared/ports';
import { LocalOptionsRepository } from './local-options.repository';
import { OptionLookup } from './option-lookup';
import { OptionSeeder } from './option-seeder';
import { OptionsHandlers } from './options.handlers';
import { OptionsRepository } from './options.repository';
import { OptionsService } from './options.service';

/** Option types of the catalogue; the other parts use them through the `OptionCatalog` port. */
@Global()
@Module({
  controllers: [OptionsHandlers],
  providers: [
    OptionsRepository,
    LocalOptionsRepository,
    OptionLookup,
    { provide: OptionCatalog, useExisting: OptionLookup },
    OptionsService,
    OptionSeeder,
  ],
  exports: [OptionCatalog],
})
export class OptionsModule {}
