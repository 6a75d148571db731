import { Module } from '@nestjs/common';
import { UsageCopiesModule } from '../usages/usage-copies.module';
import { DprBusClient } from './bus-client';
import { ContractCopies } from './contract-copies';
import { DprDirectory } from './dpr-directory';
import { DprReferences } from './dpr-references';
import { DprHandlers } from './dpr.handlers';
import { DprProjector } from './dpr.projector';
import { DprRepository } from './dpr.repository';
import { DprService } from './dpr.service';

/**
 * Data processing registrations [Databehandling] with oversight scheduling, and the local copies they need: contracts
 * (contracts' events) and identity's directory. Exports DprService (`registrationsOf`) and DprDirectory for the rest of gdpr.
 */
@Module({
  imports: [UsageCopiesModule],
  controllers: [DprHandlers],
  providers: [DprBusClient, DprDirectory, ContractCopies, DprReferences, DprRepository, DprService, DprProjector],
  exports: [DprService, DprDirectory, ContractCopies],
})
export class DprModule {}
