import { Injectable } from '@nestjs/common';
import type { CallerContext } from '@kitos/common';
import { DomainError } from '@kitos/common';
import {
  CATALOG_DELETED_ENTITY_TYPES,
  type CatalogDeletedEntityType,
  type DeletedEntitiesQuery,
  type DeletedEntityResponse,
} from '@kitos/contracts';
import { MongoConnection } from '@kitos/persistence';
import { TOMBSTONE_COLLECTIONS, deletedEntityFilter } from './deleted-entities';

/**
 * Reads the deletion feed straight from the tombstones the aggregates leave behind: the tombstone is written in the same
 * document write as the deletion event, so the feed can neither miss a deletion nor show one that did not happen.
 */
@Injectable()
export class DeltaFeedRepository {
  constructor(private readonly mongo: MongoConnection) {}

  async deleted(caller: CallerContext, query: DeletedEntitiesQuery): Promise<DeletedEntityResponse[]> {
    if (!(CATALOG_DELETED_ENTITY_TYPES as readonly string[]).includes(query.entityType))
      throw DomainError.badInput(`The catalogue keeps no tombstones of ${query.entityType}`, [
        { field: 'entityType', message: 'not a catalogue entity type' },
      ]);
    const source = TOMBSTONE_COLLECTIONS[query.entityType as CatalogDeletedEntityType];
    const visible = deletedEntityFilter(caller, source.shared);
    if (visible === null) return [];
    const filter: Record<string, unknown> = { deleted: true, ...visible };
    if (query.deletedSinceUTC) filter.deletedAt = { $gte: new Date(query.deletedSinceUTC) };
    const pageSize = query.pageSize ?? 250;
    const documents = await this.mongo.connection
      .collection(source.collection)
      .find(filter, { projection: { _id: 1, deletedAt: 1 } })
      .sort({ deletedAt: 1, _id: 1 })
      .skip((query.page ?? 0) * pageSize)
      .limit(pageSize)
      .toArray();
    return documents.map((d) => ({
      entityType: query.entityType,
      entityUuid: String(d._id),
      occurredAtUtc: (d.deletedAt as Date).toISOString(),
    }));
  }
}
