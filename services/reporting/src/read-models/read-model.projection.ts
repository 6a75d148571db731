import {
  ArchivingEvents,
  CatalogEvents,
  CatalogInterfaceEvents,
  CatalogRelationEvents,
  CatalogUsageEvents,
  ContractEvents,
  GdprEvents,
  IdentityEvents,
  ProjectEvents,
  type EventDefinition,
  type EventEnvelope,
} from '@kitos/contracts';
import type { ReadModelCollections } from './read-model.store';
import type { ReadModelKind } from './read-model.types';

type Data = Record<string, unknown>;

/** How one event type changes the read models. */
type Projection =
  | { readonly op: 'snapshot'; readonly kind: ReadModelKind; readonly key: string }
  | { readonly op: 'delete'; readonly kind: ReadModelKind }
  | { readonly op: 'attach'; readonly name: 'gdpr' | 'archive'; readonly key: string | null };

const snapshot = (kind: ReadModelKind, key: string): Projection => ({ op: 'snapshot', kind, key });
const deletion = (kind: ReadModelKind): Projection => ({ op: 'delete', kind });

/** Every event the read models follow, and what it does. */
const PROJECTIONS: ReadonlyArray<readonly [EventDefinition<object>, Projection]> = [
  [CatalogEvents.itSystemCreated, snapshot('it-systems', 'system')],
  [CatalogEvents.itSystemUpdated, snapshot('it-systems', 'system')],
  [CatalogEvents.itSystemDeleted, deletion('it-systems')],
  [CatalogInterfaceEvents.itInterfaceCreated, snapshot('it-interfaces', 'interface')],
  [CatalogInterfaceEvents.itInterfaceUpdated, snapshot('it-interfaces', 'interface')],
  [CatalogInterfaceEvents.itInterfaceDeleted, deletion('it-interfaces')],
  [CatalogUsageEvents.itSystemUsageCreated, snapshot('it-system-usages', 'usage')],
  [CatalogUsageEvents.itSystemUsageUpdated, snapshot('it-system-usages', 'usage')],
  [CatalogUsageEvents.itSystemUsageDeleted, deletion('it-system-usages')],
  [CatalogRelationEvents.systemRelationCreated, snapshot('system-relations', 'relation')],
  [CatalogRelationEvents.systemRelationUpdated, snapshot('system-relations', 'relation')],
  [CatalogRelationEvents.systemRelationDeleted, deletion('system-relations')],
  [ContractEvents.contractCreated, snapshot('it-contracts', 'contract')],
  [ContractEvents.contractUpdated, snapshot('it-contracts', 'contract')],
  [ContractEvents.contractDeleted, deletion('it-contracts')],
  [GdprEvents.dataProcessingRegistrationCreated, snapshot('data-processing-registrations', 'registration')],
  [GdprEvents.dataProcessingRegistrationUpdated, snapshot('data-processing-registrations', 'registration')],
  [GdprEvents.dataProcessingRegistrationDeleted, deletion('data-processing-registrations')],
  [GdprEvents.usageGdprChanged, { op: 'attach', name: 'gdpr', key: 'profile' }],
  [GdprEvents.usageGdprDeleted, { op: 'attach', name: 'gdpr', key: null }],
  [ArchivingEvents.usageArchiveChanged, { op: 'attach', name: 'archive', key: 'archive' }],
  [ArchivingEvents.usageArchiveDeleted, { op: 'attach', name: 'archive', key: null }],
  [ProjectEvents.itProjectCreated, snapshot('it-projects', 'project')],
  [ProjectEvents.itProjectUpdated, snapshot('it-projects', 'project')],
  [ProjectEvents.itProjectDeleted, deletion('it-projects')],
  [IdentityEvents.organizationCreated, snapshot('organizations', 'organization')],
  [IdentityEvents.organizationUpdated, snapshot('organizations', 'organization')],
  [IdentityEvents.organizationDeleted, deletion('organizations')],
  [IdentityEvents.organizationUnitCreated, snapshot('organization-units', 'unit')],
  [IdentityEvents.organizationUnitUpdated, snapshot('organization-units', 'unit')],
  [IdentityEvents.organizationUnitDeleted, deletion('organization-units')],
];

const BY_TYPE = new Map(PROJECTIONS.map(([definition, projection]) => [`${definition.type}@${definition.version}`, projection]));

/** The event definitions the read models follow. */
export const READ_MODEL_EVENTS: readonly EventDefinition<object>[] = PROJECTIONS.map(([definition]) => definition);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Applies one event to a set of read-model collections: the same function for the live projector and for a rebuild
 * from the streams, so that both give the same documents. Returns false for events the read models don't follow.
 */
export async function projectEvent(event: EventEnvelope, target: ReadModelCollections): Promise<boolean> {
  const projection = BY_TYPE.get(`${event.type}@${event.version}`);
  if (!projection) return false;
  const data = event.data as Data;
  const version = event.aggregate.version;
  const at = new Date(event.occurredAt);
  switch (projection.op) {
    case 'snapshot': {
      const snap = data[projection.key] as Data;
      const uuid = text(snap.uuid) ?? event.aggregate.uuid;
      const organizationUuid = projection.kind === 'organizations' ? uuid : (text(snap.organizationUuid) ?? event.organizationUuid ?? null);
      await target.applySnapshot(projection.kind, uuid, organizationUuid, version, at, snap);
      return true;
    }
    case 'delete': {
      const uuid = text(data.uuid) ?? event.aggregate.uuid;
      const organizationUuid = projection.kind === 'organizations' ? uuid : (text(data.organizationUuid) ?? event.organizationUuid ?? null);
      await target.applyDeletion(projection.kind, uuid, organizationUuid, version, at);
      return true;
    }
    case 'attach': {
      const snap = projection.key ? (data[projection.key] as Data) : null;
      const usageUuid = text(snap ? snap.usageUuid : data.usageUuid) ?? event.aggregate.uuid;
      const organizationUuid = text(snap ? snap.organizationUuid : data.organizationUuid) ?? event.organizationUuid ?? '';
      await target.applyAttachment(projection.name, usageUuid, organizationUuid, version, snap);
      return true;
    }
  }
}
