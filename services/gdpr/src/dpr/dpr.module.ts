import { Module } from '@nestjs/common';
import { DirectoryModule } from '@kitos/directory';
import { UsageCopiesModule } from '../usages/usage-copies.module';
import { NatsRpcClient } from '@kitos/messaging';
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
  // identity's directory (libs/directory) in gdpr's own collections `dpr_directory_*`, seen through DprDirectory
  imports: [UsageCopiesModule, DirectoryModule.forRoot({ modelPrefix: 'DprDirectory', collectionPrefix: 'dpr_directory' })],
  controllers: [DprHandlers],
  providers: [NatsRpcClient, DprDirectory, ContractCopies, DprReferences, DprRepository, DprService, DprProjector],
  exports: [DprService, DprDirectory, ContractCopies],
})
export class DprModule {}
