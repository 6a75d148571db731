import { Module } from '@nestjs/common';
import { ContractLinkCascade } from './contract-link-cascade';
import { ItContractsHandlers } from './it-contracts.handlers';
import { ItContractsRepository } from './it-contracts.repository';
import { ItContractsService } from './it-contracts.service';

/** IT contracts: the aggregate, its handlers on the bus and the cascade of deleted links. */
@Module({
  controllers: [ItContractsHandlers],
  providers: [ItContractsRepository, ItContractsService, ContractLinkCascade],
  exports: [ItContractsRepository, ItContractsService],
})
export class ItContractsModule {}
