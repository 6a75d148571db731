import { Global, Module } from '@nestjs/common';
import { OptionCatalog } from '../shared/ports';
import { OptionCatalogClient } from './option-catalog.client';

/** The catalogue's option types, asked over request/reply; implements OptionCatalog. */
@Global()
@Module({
  providers: [OptionCatalogClient, { provide: OptionCatalog, useExisting: OptionCatalogClient }],
  exports: [OptionCatalog],
})
export class OptionsModule {}
