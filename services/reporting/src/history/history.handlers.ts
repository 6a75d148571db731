import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, canReadCatalogEntry, isMember, requireUser, type CallerContext } from '@kitos/common';
import {
  GetHistoryRequest,
  HISTORY_RESOURCES,
  MAX_PAGE_SIZE,
  Rpc,
  validateInto,
  type HistoryEntry,
  type HistoryResource,
} from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { HistoryRepository, type HistorySubject } from './history.repository';

/** Shared catalogue objects: Global ones are readable across organisations with Public read. */
const CATALOG_RESOURCES: ReadonlySet<HistoryResource> = new Set(['it-systems', 'it-interfaces']);

/**
 * Who may read an object's history (reporting keeps no permissions): members of the object's organisation and global
 * admins; for Global catalogue objects whoever may read the catalogue entry; projects never across organisations.
 */
export function mayReadHistory(
  caller: CallerContext,
  resource: HistoryResource,
  subject: Pick<HistorySubject, 'organizationUuid' | 'scope'>,
): boolean {
  if (!subject.organizationUuid) return caller.isGlobalAdmin;
  if (CATALOG_RESOURCES.has(resource)) {
    return canReadCatalogEntry(caller, { organizationUuid: subject.organizationUuid, scope: subject.scope ?? 'Local' });
  }
  return isMember(caller, subject.organizationUuid);
}

@Controller()
export class HistoryHandlers {
  constructor(private readonly history: HistoryRepository) {}

  @MessagePattern(Rpc.reporting.history.get)
  async get(@Payload() request: RpcRequest): Promise<HistoryEntry[]> {
    const caller = callerOf(request);
    requireUser(caller);
    const query = validateInto(GetHistoryRequest, request.data);
    const aggregateType = HISTORY_RESOURCES[query.resource];
    const subject = await this.history.findSubject(aggregateType, query.uuid);
    if (!subject || !mayReadHistory(caller, query.resource, subject)) throw DomainError.notFound(aggregateType, query.uuid);
    const entries = await this.history.page(aggregateType, query.uuid, query.page ?? 0, query.pageSize ?? MAX_PAGE_SIZE);
    const names = await this.history.namesOf(entries.flatMap((e) => (e.actorUuid ? [e.actorUuid] : [])));
    return entries.map((e) => {
      const name = e.actorUuid ? names.get(e.actorUuid) : undefined;
      return {
        occurredAt: new Date(e.occurredAt).toISOString(),
        actor: { uuid: e.actorUuid, ...(name ? { name } : {}) },
        event: e.event,
        version: e.version,
        changes: e.changes,
      };
    });
  }
}
