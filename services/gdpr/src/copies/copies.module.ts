import { Global, Module } from '@nestjs/common';
import { NatsRpcClient } from '@kitos/messaging';
import { ArchiveFlagsRepository } from './archive-flags.repository';
import { ContractCopiesRepository } from './contract-copies.repository';
import { CopiesProjector } from './copies.projector';
import { DprCopiesRepository } from './dpr-copies.repository';
import { OrganizationCopiesRepository } from './organization-copies.repository';

const REPOSITORIES = [OrganizationCopiesRepository, ContractCopiesRepository, DprCopiesRepository, ArchiveFlagsRepository];

/** Local copies of what other services (and the registrations) own, kept from their events. */
@Global()
@Module({ providers: [NatsRpcClient, ...REPOSITORIES, CopiesProjector], exports: [NatsRpcClient, ...REPOSITORIES] })
export class CopiesModule {}
