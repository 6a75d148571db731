import { Global, Module } from '@nestjs/common';
import { NatsRpcClient } from '@kitos/messaging';
import { LinkedCopiesProjector } from './linked-copies.projector';
import { LinkedCopiesRepository } from './linked-copies.repository';
import { LinkedObjectsLookup } from './linked-objects.lookup';

/** Copies of the usages and data processing registrations contracts link to. */
@Global()
@Module({
  providers: [LinkedCopiesRepository, LinkedCopiesProjector, LinkedObjectsLookup, NatsRpcClient],
  exports: [LinkedCopiesRepository, LinkedObjectsLookup, NatsRpcClient],
})
export class LinksModule {}
