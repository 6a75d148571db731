import { Global, Module } from '@nestjs/common';
import { ContractDirectory, RelationLookup } from '../shared/ports';
import { KnownContracts } from './contract-directory';
import { RelationCascade } from './relation-cascade';
import { RelationNames } from './relation-names';
import { SystemRelationLookup } from './relation-lookup';
import { SystemNames } from './system-names';
import { SystemRelationsHandlers } from './system-relations.handlers';
import { SystemRelationsRepository } from './system-relations.repository';
import { SystemRelationsService } from './system-relations.service';

/** System relations and the relation graph; implements RelationLookup, and ContractDirectory from the contracts service's events. */
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
    SystemRelationLookup,
    { provide: RelationLookup, useExisting: SystemRelationLookup },
  ],
  exports: [ContractDirectory, RelationLookup],
})
export class RelationsModule {}
