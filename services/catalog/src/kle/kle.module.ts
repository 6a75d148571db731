import { Global, Module } from '@nestjs/common';
import { KleCatalog } from '../shared/ports';
import { KleHandlers } from './kle.handlers';
import { KleImportsRepository } from './kle-imports.repository';
import { KleLookup } from './kle-lookup';
import { KleStartupImport } from './kle-startup-import';
import { KleRepository } from './kle.repository';
import { KleService } from './kle.service';

/** KLE, the municipal task classification: read API, previewed re-imports, the start-up import and the KleCatalog port. */
@Global()
@Module({
  controllers: [KleHandlers],
  providers: [
    KleRepository,
    KleImportsRepository,
    KleService,
    KleStartupImport,
    KleLookup,
    { provide: KleCatalog, useExisting: KleLookup },
  ],
  exports: [KleCatalog],
})
export class KleModule {}
