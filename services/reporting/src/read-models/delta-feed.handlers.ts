import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, memberOrganizations, requireUser } from '@kitos/common';
import { DeletedEntitiesQuery, Rpc, validateInto, type DeletedEntityResponse, type DeletedEntityType } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { ReadModelStore } from './read-model.store';
import type { ReadModelKind } from './read-model.types';

/** The entity types of the delta feed that reporting serves from its read models' tombstones. */
export const REPORTING_DELETED_ENTITY_TYPES: Partial<Record<DeletedEntityType, ReadModelKind>> = {
  ItContract: 'it-contracts',
  DataProcessingRegistration: 'data-processing-registrations',
  OrganizationUnit: 'organization-units',
  SystemRelation: 'system-relations',
};

/**
 * The KITOS delta feed of deleted entities for the modules outside the catalogue. These are organisation data, so a
 * caller sees the deletions of her own organisations (global admins: all).
 */
@Controller()
export class DeltaFeedHandlers {
  constructor(private readonly store: ReadModelStore) {}

  @MessagePattern(Rpc.reporting.deltaFeed.deletedEntities)
  async deleted(@Payload() request: RpcRequest): Promise<DeletedEntityResponse[]> {
    const caller = callerOf(request);
    requireUser(caller);
    const query = validateInto(DeletedEntitiesQuery, request.data);
    const kind = REPORTING_DELETED_ENTITY_TYPES[query.entityType];
    if (!kind)
      throw DomainError.badInput(`Reporting serves no deletions of ${query.entityType}`, [
        { field: 'entityType', message: 'not served here' },
      ]);
    const filter: Record<string, unknown> = { deleted: true };
    if (!caller.isGlobalAdmin) filter.organizationUuid = { $in: memberOrganizations(caller) };
    if (query.deletedSinceUTC) filter.deletedAt = { $gte: new Date(query.deletedSinceUTC) };
    const pageSize = query.pageSize ?? 250;
    const docs = await this.store.find<{ _id: string; deletedAt: Date }>(kind, filter, {
      projection: { _id: 1, deletedAt: 1 },
      sort: { deletedAt: 1, _id: 1 },
      skip: (query.page ?? 0) * pageSize,
      limit: pageSize,
    });
    return docs.map((d) => ({ entityType: query.entityType, entityUuid: d._id, occurredAtUtc: new Date(d.deletedAt).toISOString() }));
  }
}
