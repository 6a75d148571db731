import { Module } from '@nestjs/common';
import { ContractHierarchy } from './contract-hierarchy';
import { ContractLinkCascade } from './contract-link-cascade';
import { ContractPartsResolver } from './contract-parts';
import { ContractResponses } from './contract-responses';
import { ItContractsHandlers } from './it-contracts.handlers';
import { ItContractsRepository } from './it-contracts.repository';
import { ItContractsService } from './it-contracts.service';

/** IT contracts: the aggregate, its handlers on the bus and the cascade of deleted links. */
@Module({
  controllers: [ItContractsHandlers],
  providers: [ItContractsRepository, ContractHierarchy, ContractPartsResolver, ContractResponses, ItContractsService, ContractLinkCascade],
  exports: [ItContractsRepository, ItContractsService],
})
export class ItContractsModule {}
