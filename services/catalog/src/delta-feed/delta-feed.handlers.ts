import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { requireUser } from '@kitos/common';
import { DeletedEntitiesQuery, Rpc, validateInto, type DeletedEntityResponse } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { DeltaFeedRepository } from './delta-feed.repository';

@Controller()
export class DeltaFeedHandlers {
  constructor(private readonly repository: DeltaFeedRepository) {}

  @MessagePattern(Rpc.catalog.deltaFeed.deletedEntities)
  deleted(@Payload() request: RpcRequest): Promise<DeletedEntityResponse[]> {
    const caller = callerOf(request);
    requireUser(caller);
    return this.repository.deleted(caller, validateInto(DeletedEntitiesQuery, request.data));
  }
}
