import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  chosenUuid,
  createOnce,
  newAggregateUuid,
  uuidTaken,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
} from '@kitos/common';
import {
  CatalogRelationEvents,
  type IncomingSystemRelationResponse,
  type OutgoingSystemRelationResponse,
  type PatchSystemRelationRequest,
  type SystemRelationDeletionReason,
  type SystemRelationGraphQuery,
  type SystemRelationGraphResponse,
  type SystemRelationSnapshot,
  type SystemRelationWriteRequest,
} from '@kitos/contracts';
import { StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { InterfaceLookup, OptionCatalog, OrganizationDirectory, UsageLookup, type UsageRef } from '../shared/ports';
import { KnownContracts } from './contract-directory';
import { impactOf, nodesOf } from './relation-graph';
import { RELATION_FREQUENCY_KIND, RelationNames, outgoingRelation, relationBase, type RelationNameBook } from './relation-names';
import { RELATION_FIELDS, type RelationContent, type RelationField, type SystemRelation } from './system-relation';
import { SystemRelationPolicy } from './system-relation.policy';
import { changesBetween, fieldsToCheck, interfaceError, targetError } from './system-relation.rules';
import { SystemRelationsRepository } from './system-relations.repository';

const AGGREGATE = 'system-relation';

/**
 * System relations between the usages of one organisation: outgoing ones are written through the source usage,
 * incoming ones are read through the target; the organisation's relations also form its dependency graph. Each
 * relation is its own aggregate, so a change touches one document and records its event with it.
 */
@Injectable()
export class SystemRelationsService {
  constructor(
    private readonly repository: SystemRelationsRepository,
    private readonly usages: UsageLookup,
    private readonly interfaces: InterfaceLookup,
    private readonly options: OptionCatalog,
    private readonly contracts: KnownContracts,
    private readonly organizations: OrganizationDirectory,
    private readonly names: RelationNames,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(
    caller: CallerContext,
    usageUuid: string,
    request: SystemRelationWriteRequest,
    chosen?: string,
  ): Promise<OutgoingSystemRelationResponse> {
    const from = await this.readableUsage(caller, usageUuid);
    SystemRelationPolicy.assertCanModify(caller, from);
    const content = contentOf(request);
    await this.checkReferences(from, null, content);
    const uuid = chosenUuid(caller, from.organizationUuid, chosen, () => newAggregateUuid(this.ids, caller, AGGREGATE));
    // a retry of a create whose answer was lost (Idempotency-Key): the relation the first run made, as it is now
    if (!chosen && caller.idempotencyKey && (await this.repository.findByUuid(uuid))) return this.get(caller, usageUuid, uuid);
    if (chosen && (await this.repository.findByUuid(uuid))) throw uuidTaken('A system relation', uuid);
    const now = this.clock.now();
    const state: SystemRelation = {
      ...content,
      organizationUuid: from.organizationUuid,
      fromSystemUsageUuid: from.uuid,
      createdAt: now,
      createdByUserUuid: caller.userUuid,
      lastModified: now,
      lastModifiedByUserUuid: caller.userUuid,
    };
    const event = this.event(caller, state.organizationUuid, uuid, 1, CatalogRelationEvents.systemRelationCreated, {
      relation: snapshot(uuid, state),
    });
    // a retry that overtook its first run collides on `_id` with that run's relation: that is its answer
    return createOnce(
      caller,
      async () => {
        await this.repository.insert(uuid, state, [event]);
        const created = { ...state, uuid, version: 1 };
        await this.undoIfUsageWentMeanwhile(caller, created);
        return this.outgoing(created, await this.names.of([created]));
      },
      async () => ((await this.repository.findByUuid(uuid)) ? this.get(caller, usageUuid, uuid) : null),
      { derived: !chosen },
    );
  }

  async get(caller: CallerContext, usageUuid: string, relationUuid: string): Promise<OutgoingSystemRelationResponse> {
    const from = await this.readableUsage(caller, usageUuid);
    const relation = await this.repository.findByUuid(relationUuid);
    if (!relation || relation.fromSystemUsageUuid !== from.uuid) throw DomainError.notFound('System relation', relationUuid);
    const names = await this.names.of([relation]);
    if (!names.isLive(relation)) throw DomainError.notFound('System relation', relationUuid);
    return this.outgoing(relation, names);
  }

  async listOutgoing(caller: CallerContext, usageUuid: string): Promise<OutgoingSystemRelationResponse[]> {
    const from = await this.readableUsage(caller, usageUuid);
    const relations = await this.repository.outgoing(from.uuid);
    const names = await this.names.of(relations);
    return relations.filter((r) => names.isLive(r)).map((r) => this.outgoing(r, names));
  }

  async listIncoming(caller: CallerContext, usageUuid: string): Promise<IncomingSystemRelationResponse[]> {
    const to = await this.readableUsage(caller, usageUuid);
    const relations = await this.repository.incoming(to.uuid);
    const names = await this.names.of(relations);
    return relations
      .filter((r) => names.isLive(r))
      .map((r) => ({ ...relationBase(r, names), fromSystemUsage: names.usage(r.fromSystemUsageUuid) }));
  }

  /** Replaces every field (absent optional ones are cleared). */
  put(
    caller: CallerContext,
    usageUuid: string,
    relationUuid: string,
    request: SystemRelationWriteRequest,
    expectedVersion?: number,
  ): Promise<OutgoingSystemRelationResponse> {
    return this.change(caller, usageUuid, relationUuid, expectedVersion, () => contentOf(request));
  }

  /** Changes only the fields sent. */
  patch(
    caller: CallerContext,
    usageUuid: string,
    relationUuid: string,
    changes: Partial<PatchSystemRelationRequest>,
    expectedVersion?: number,
  ): Promise<OutgoingSystemRelationResponse> {
    return this.change(caller, usageUuid, relationUuid, expectedVersion, (current) => {
      const next: Record<string, unknown> = { ...current };
      for (const field of RELATION_FIELDS) if (field in changes && changes[field] !== undefined) next[field] = changes[field] ?? null;
      return next as RelationContent;
    });
  }

  async delete(caller: CallerContext, usageUuid: string, relationUuid: string, expectedVersion?: number): Promise<void> {
    const from = await this.readableUsage(caller, usageUuid);
    SystemRelationPolicy.assertCanModify(caller, from);
    const current = await this.relationToChange(from, relationUuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(relationUuid, expectedVersion);
    await this.remove(caller, current, 'Requested', expectedVersion);
  }

  /** The relations of an organisation as nodes (usages) and edges; with a focus, only what depends on it. */
  async graph(caller: CallerContext, organizationUuid: string, query: SystemRelationGraphQuery): Promise<SystemRelationGraphResponse> {
    SystemRelationPolicy.assertCanReadGraph(caller, organizationUuid);
    if (caller.isGlobalAdmin) await this.requireOrganization(organizationUuid);
    const all = await this.repository.ofOrganization(organizationUuid);
    const focus = query.focusUsageUuid ?? null;
    const names = await this.names.of(all, focus ? [focus] : []);
    const relations = all.filter((r) => names.isLive(r));
    const edges = relations.map((relation) => ({
      uuid: relation.uuid,
      from: relation.fromSystemUsageUuid,
      to: relation.toSystemUsageUuid,
      relation,
    }));
    let shown = edges;
    let distances: Map<string, number> | undefined;
    if (focus) {
      if (names.usages.get(focus)?.organizationUuid !== organizationUuid)
        throw DomainError.badInput('The focus is not a usage of the organisation', [
          { field: 'focusUsageUuid', message: 'focusUsageUuid must be an IT system usage of the organisation' },
        ]);
      ({ distances, edges: shown } = impactOf(edges, focus, query.depth));
    }
    const usageUuids = distances ? [...distances.keys()] : nodesOf(shown);
    return {
      organizationUuid,
      focusUsageUuid: focus,
      nodes: usageUuids.map((uuid) => {
        const usage = names.usages.get(uuid);
        return {
          usageUuid: uuid,
          systemUuid: usage?.systemUuid ?? '',
          name: usage?.name ?? null,
          ...(distances ? { distance: distances.get(uuid) } : {}),
        };
      }),
      edges: shown.map(({ relation: r }) => ({
        uuid: r.uuid,
        from: r.fromSystemUsageUuid,
        to: r.toSystemUsageUuid,
        interface: names.interface(r.relationInterfaceUuid),
        contract: names.contract(r.associatedContractUuid),
        frequency: names.frequency(r.relationFrequencyUuid),
      })),
    };
  }

  /** A usage was deleted: its relations in both directions go too, each with its deletion event. Idempotent. */
  async removeRelationsOfUsage(caller: CallerContext, usageUuid: string): Promise<number> {
    const relations = await this.repository.touching(usageUuid);
    for (const relation of relations) await this.remove(caller, relation, 'UsageDeleted');
    return relations.length;
  }

  /** An interface was deleted or changed: relations through it keep it only while the target's system still exposes it. */
  async dropInterfaceWhereNotExposed(caller: CallerContext, interfaceUuid: string): Promise<number> {
    const relations = await this.repository.throughInterface(interfaceUuid);
    if (!relations.length) return 0;
    const exposedBy = (await this.interfaces.get(interfaceUuid))?.exposedBySystemUuid ?? null;
    let cleared = 0;
    for (const relation of relations) {
      const target = await this.usages.get(relation.toSystemUsageUuid);
      if (exposedBy !== null && target?.systemUuid === exposedBy) continue;
      await this.clear(caller, relation, 'relationInterfaceUuid');
      cleared++;
    }
    return cleared;
  }

  /** A contract was deleted: relations under it no longer name it. */
  async dropContract(caller: CallerContext, contractUuid: string): Promise<number> {
    const relations = await this.repository.underContract(contractUuid);
    for (const relation of relations) await this.clear(caller, relation, 'associatedContractUuid');
    return relations.length;
  }

  private async change(
    caller: CallerContext,
    usageUuid: string,
    relationUuid: string,
    expectedVersion: number | undefined,
    nextOf: (current: RelationContent) => RelationContent,
  ): Promise<OutgoingSystemRelationResponse> {
    const from = await this.readableUsage(caller, usageUuid);
    SystemRelationPolicy.assertCanModify(caller, from);
    const current = await this.relationToChange(from, relationUuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(relationUuid, expectedVersion);
    const next = nextOf(contentOf(current));
    await this.checkReferences(from, current, next);
    const updated = await this.write(caller, current, next, expectedVersion);
    await this.undoIfUsageWentMeanwhile(caller, updated);
    return this.outgoing(updated, await this.names.of([updated]));
  }

  private async write(
    caller: CallerContext,
    current: Stored<SystemRelation>,
    next: RelationContent,
    expectedVersion?: number,
  ): Promise<Stored<SystemRelation>> {
    const changes = changesBetween(current, next);
    if (!changes.length) return current;
    const version = current.version + 1;
    const state: SystemRelation = { ...current, ...next, lastModified: this.clock.now(), lastModifiedByUserUuid: caller.userUuid };
    const event = this.event(caller, current.organizationUuid, current.uuid, version, CatalogRelationEvents.systemRelationUpdated, {
      relation: snapshot(current.uuid, state),
      changes,
    });
    const { uuid: _u, version: _v, ...set } = { ...state, uuid: current.uuid, version };
    try {
      await this.repository.update(current.uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(current.uuid, expectedVersion);
      throw error;
    }
    return { ...state, uuid: current.uuid, version };
  }

  private async clear(caller: CallerContext, relation: Stored<SystemRelation>, field: RelationField): Promise<void> {
    await this.write(caller, relation, { ...contentOf(relation), [field]: null });
  }

  private async remove(
    caller: CallerContext,
    relation: Stored<SystemRelation>,
    reason: SystemRelationDeletionReason,
    expectedVersion?: number,
  ): Promise<void> {
    const now = this.clock.now();
    const event = this.event(
      caller,
      relation.organizationUuid,
      relation.uuid,
      relation.version + 1,
      CatalogRelationEvents.systemRelationDeleted,
      {
        uuid: relation.uuid,
        organizationUuid: relation.organizationUuid,
        fromSystemUsageUuid: relation.fromSystemUsageUuid,
        toSystemUsageUuid: relation.toSystemUsageUuid,
        reason,
        deletedAt: now.toISOString(),
      },
    );
    try {
      await this.repository.markDeleted(
        relation.uuid,
        relation.version,
        { lastModified: now, lastModifiedByUserUuid: caller.userUuid },
        [event],
        now,
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(relation.uuid, expectedVersion);
      throw error;
    }
  }

  /**
   * A usage deleted between our check and our write has had its cascade run already, without this relation: remove
   * it now. (Either the cascade sees the relation, or this check sees the usage gone.)
   */
  private async undoIfUsageWentMeanwhile(caller: CallerContext, relation: Stored<SystemRelation>): Promise<void> {
    const [from, to] = await Promise.all([this.usages.get(relation.fromSystemUsageUuid), this.usages.get(relation.toSystemUsageUuid)]);
    if (from && to) return;
    await this.remove(caller, relation, 'UsageDeleted');
    if (!from) throw DomainError.notFound('IT system usage', relation.fromSystemUsageUuid);
    throw DomainError.badInput('The target usage was deleted', [
      { field: 'toSystemUsageUuid', message: 'toSystemUsageUuid is not a known IT system usage' },
    ]);
  }

  private async readableUsage(caller: CallerContext, usageUuid: string): Promise<UsageRef> {
    const usage = await this.usages.get(usageUuid);
    if (!usage) throw DomainError.notFound('IT system usage', usageUuid);
    SystemRelationPolicy.assertCanRead(caller, usage);
    return usage;
  }

  /** KITOS answers a change of a relation the usage does not have with 400 (the usage itself was found). */
  private async relationToChange(from: UsageRef, relationUuid: string): Promise<Stored<SystemRelation>> {
    const relation = await this.repository.findByUuid(relationUuid);
    if (!relation || relation.fromSystemUsageUuid !== from.uuid)
      throw DomainError.badInput('The usage has no such system relation', [
        { field: 'relationUuid', message: 'relationUuid is not an outgoing relation of this usage' },
      ]);
    return relation;
  }

  private async requireOrganization(organizationUuid: string): Promise<void> {
    try {
      await this.organizations.requireOrganization({ field: 'organizationUuid', uuid: organizationUuid });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.BadInput) throw DomainError.notFound('Organisation', organizationUuid);
      throw error;
    }
  }

  /** Checks the references that changed, all of them, and refuses with one 400 listing every offending field. */
  private async checkReferences(from: UsageRef, current: RelationContent | null, next: RelationContent): Promise<void> {
    const fields = fieldsToCheck(current, next);
    const errors: FieldError[] = [];
    const collect = async (check: () => Promise<FieldError | null | void>) => {
      try {
        const error = await check();
        if (error) errors.push(error);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.BadInput) throw error;
        errors.push(...error.errors);
      }
    };
    const to = await this.usages.get(next.toSystemUsageUuid);
    const target = targetError(from, next.toSystemUsageUuid, to);
    if (fields.has('toSystemUsageUuid') && target) errors.push(target);
    const { relationInterfaceUuid: iface, associatedContractUuid: contract, relationFrequencyUuid: frequency } = next;
    await Promise.all([
      fields.has('relationInterfaceUuid') && iface && to && !target
        ? collect(async () => interfaceError(exposedBy(await this.interfaces.get(iface)), to))
        : undefined,
      fields.has('associatedContractUuid') && contract
        ? collect(() =>
            this.contracts.requireContract(from.organizationUuid, { field: 'associatedContractUuid', uuid: contract }).then(() => null),
          )
        : undefined,
      fields.has('relationFrequencyUuid') && frequency
        ? collect(() =>
            this.options
              .requireAvailable(RELATION_FREQUENCY_KIND, from.organizationUuid, [{ field: 'relationFrequencyUuid', uuid: frequency }])
              .then(() => null),
          )
        : undefined,
    ]);
    if (errors.length) throw DomainError.badInput('The system relation refers to something it may not', errors);
  }

  private outgoing(relation: Stored<SystemRelation>, names: RelationNameBook): OutgoingSystemRelationResponse {
    return outgoingRelation(relation, names);
  }

  private event<T extends object>(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid,
      caller,
      data,
    });
  }
}

function exposedBy(found: { exposedBySystemUuid: string | null } | null): string | null | undefined {
  return found ? found.exposedBySystemUuid : undefined;
}

function contentOf(source: Partial<Record<RelationField, unknown>>): RelationContent {
  return {
    toSystemUsageUuid: source.toSystemUsageUuid as string,
    relationInterfaceUuid: (source.relationInterfaceUuid as string | null | undefined) ?? null,
    associatedContractUuid: (source.associatedContractUuid as string | null | undefined) ?? null,
    relationFrequencyUuid: (source.relationFrequencyUuid as string | null | undefined) ?? null,
    description: (source.description as string | null | undefined) ?? null,
    urlReference: (source.urlReference as string | null | undefined) ?? null,
  };
}

function snapshot(uuid: string, s: SystemRelation): SystemRelationSnapshot {
  return {
    uuid,
    organizationUuid: s.organizationUuid,
    fromSystemUsageUuid: s.fromSystemUsageUuid,
    toSystemUsageUuid: s.toSystemUsageUuid,
    relationInterfaceUuid: s.relationInterfaceUuid,
    associatedContractUuid: s.associatedContractUuid,
    relationFrequencyUuid: s.relationFrequencyUuid,
    description: s.description,
    urlReference: s.urlReference,
    createdAt: s.createdAt.toISOString(),
    lastModified: s.lastModified.toISOString(),
  };
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`System relation ${uuid}`, expectedVersion);
}
