import { Global, Module } from '@nestjs/common';
import { UsageCopyProjector } from './usage-copy.projector';
import { UsageCopyRepository } from './usage-copy.repository';
import { UsageDirectory } from './usage-directory';

/** The GDPR service's local copy of the catalogue's system usages. */
@Global()
@Module({ providers: [UsageCopyRepository, UsageCopyProjector, UsageDirectory], exports: [UsageCopyRepository, UsageDirectory] })
export class UsageCopiesModule {}
