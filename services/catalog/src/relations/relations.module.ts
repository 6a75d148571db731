import { Global, Module } from '@nestjs/common';
import { ContractDirectory } from '../shared/ports';
import { KnownContracts } from './contract-directory';
import { RelationCascade } from './relation-cascade';
import { RelationNames } from './relation-names';
import { SystemNames } from './system-names';
import { SystemRelationsHandlers } from './system-relations.handlers';
import { SystemRelationsRepository } from './system-relations.repository';
import { SystemRelationsService } from './system-relations.service';

/** System relations and the relation graph; implements ContractDirectory from the contracts service's events. */
@Global()
@Module({
  controllers: [SystemRelationsHandlers],
  providers: [
    SystemRelationsService,
    SystemRelationsRepository,
    RelationNames,
    SystemNames,
    RelationCascade,
    KnownContracts,
    { provide: ContractDirectory, useExisting: KnownContracts },
  ],
  exports: [ContractDirectory],
})
export class RelationsModule {}
