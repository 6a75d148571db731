import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  catalogVisibility,
  chosenUuid,
  createOnce,
  newAggregateUuid,
  newPartUuid,
  earlierPart,
  requireUser,
  uuidTaken,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  permits,
  withReference,
} from '@kitos/common';
import {
  CatalogEvents,
  MAX_PAGE_SIZE,
  type BaseItSystemsQuery,
  type CreateItSystemRequest,
  type DeactivateItSystemRequest,
  type ItSystemCommonFields,
  type ItSystemDeletionConflictDetail,
  type ItSystemFields,
  type ItSystemHierarchyNodeResponse,
  type ItSystemPermissionsResponse,
  type ItSystemLegalNamesRequest,
  type ItSystemOrganizationResponse,
  type ListRightsHolderOrganizationsQuery,
  type ItSystemExternalReferenceWriteRequest,
  type ExternalReferenceResult,
  type ResourceCollectionPermissionsResponse,
  type ItSystemResponse,
  type ItSystemSnapshot,
  type ListItSystemsQuery,
  type ListRightsHolderItSystemsQuery,
  type Page,
  type PatchItSystemRequest,
  type PutItSystemRequest,
  type RightsHolderCreateItSystemRequest,
  type RightsHolderPatchItSystemRequest,
  type RightsHolderPutItSystemRequest,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import {
  ContractDirectory,
  InterfaceLookup,
  KleCatalog,
  OptionCatalog,
  OrganizationDirectory,
  UsageLookup,
  type FieldRef,
} from '../shared/ports';
import { WRITABLE_FIELDS, nameKeyOf, type ItSystem, type ItSystemExternalReference, type ItSystemWritable } from './it-system';
import { ItSystemPolicy, rightsHolderOrganizations } from './it-system.policy';
import { archiveDutyErrors, changesBetween, closesCycle, duplicateKleErrors, resolveReferences } from './it-system.rules';
import { ItSystemsRepository, type ItSystemFilter } from './it-systems.repository';
import { collectionPermissions } from '../shared/collection-permissions';

const AGGREGATE = 'it-system';
const HIERARCHY_MAX = 1000;

type CommonKey = keyof ItSystemCommonFields;
type FieldsKey = keyof ItSystemFields;

/**
 * The IT-system catalogue (KITOS §2.3): registration, reading, full and partial changes, deletion guarded by what still
 * depends on the system, and the rights-holder view. Every change is recorded as an event with the field-level changes.
 * References to the other parts go through the ports.
 */
@Injectable()
export class ItSystemsService {
  constructor(
    private readonly repository: ItSystemsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly directory: OrganizationDirectory,
    private readonly options: OptionCatalog,
    private readonly kle: KleCatalog,
    private readonly usages: UsageLookup,
    private readonly interfaces: InterfaceLookup,
    // the contracts known from the contracts service's events (mainContractSuppliers); optional for unit specs
    @Optional() private readonly contracts?: ContractDirectory,
  ) {}

  // ---- the catalogue (/api/v2/it-systems)

  async create(caller: CallerContext, request: CreateItSystemRequest): Promise<ItSystemResponse> {
    ItSystemPolicy.assertCanCreate(caller, request.organizationUuid, request.scope);
    // an importer's chosen uuid, else one derived from the Idempotency-Key (a retry finds what the first run made)
    const uuid = chosenUuid(caller, request.organizationUuid, request.uuid, () => newAggregateUuid(this.ids, caller, AGGREGATE));
    const earlier = await this.earlierCreation(caller, uuid);
    if (earlier) return earlier;
    if (request.uuid && (await this.repository.exists(uuid))) throw uuidTaken('An IT system', uuid);
    await this.directory.requireOrganization({ field: 'organizationUuid', uuid: request.organizationUuid });
    const written = this.fullWrite(request, EMPTY, FIELDS_KEYS);
    return this.insert(caller, request.organizationUuid, uuid, written);
  }

  async get(caller: CallerContext, uuid: string): Promise<ItSystemResponse> {
    const system = await this.load(uuid);
    ItSystemPolicy.assertCanRead(caller, system);
    return this.respond(system);
  }

  /** KITOS `GET /it-systems/{uuid}/permissions`: asks the rules the write endpoints enforce; unreadable → as GET (404). */
  async permissions(caller: CallerContext, uuid: string): Promise<ItSystemPermissionsResponse> {
    const system = await this.load(uuid);
    ItSystemPolicy.assertCanRead(caller, system);
    return {
      read: true,
      modify: permits(() => ItSystemPolicy.assertCanModify(caller, system, false)),
      delete: permits(() => ItSystemPolicy.assertCanDelete(caller, system)),
      modifyVisibility: permits(() => ItSystemPolicy.assertCanModify(caller, system, true)),
      deletionConflicts: (await this.deletionConflicts(uuid)).map((c) => c.conflict),
    };
  }

  collectionPermissions(caller: CallerContext, organizationUuid: string): Promise<ResourceCollectionPermissionsResponse> {
    return collectionPermissions(caller, this.directory, organizationUuid, () =>
      ItSystemPolicy.assertCanCreate(caller, organizationUuid, null),
    );
  }

  /** Lists silently only what the caller may read. */
  async list(caller: CallerContext, query: ListItSystemsQuery): Promise<Page<ItSystemResponse>> {
    requireUser(caller);
    const uuidIn = await this.usageFilter(query);
    const kleUuidsAny = await this.kleFilter(query);
    return this.page(caller, query, {
      organizationUuid: query.organizationUuid,
      businessTypeUuid: query.businessTypeUuid,
      nameContains: query.nameContains,
      nameEquals: query.nameEquals,
      kleUuidsAny,
      uuidIn,
    });
  }

  /** PUT: every writable field is replaced; absent ones take their defaults. */
  async put(caller: CallerContext, uuid: string, request: PutItSystemRequest, expectedVersion?: number): Promise<ItSystemResponse> {
    const current = await this.load(uuid);
    const next = this.fullWrite(request, current, FIELDS_KEYS);
    ItSystemPolicy.assertCanModify(caller, current, next.scope !== current.scope);
    return this.change(caller, current, next, expectedVersion);
  }

  /** PATCH: only the fields sent change. */
  async patch(
    caller: CallerContext,
    uuid: string,
    changes: Partial<PatchItSystemRequest>,
    expectedVersion?: number,
  ): Promise<ItSystemResponse> {
    const current = await this.load(uuid);
    if ('name' in changes && changes.name === null)
      throw DomainError.badInput('The name cannot be removed', [{ field: 'name', message: 'name must not be null' }]);
    const next = this.partialWrite(changes, current, [...FIELDS_KEYS, 'name']);
    ItSystemPolicy.assertCanModify(caller, current, next.scope !== current.scope);
    return this.change(caller, current, next, expectedVersion);
  }

  // ---- external references as a sub-resource (KITOS `…/it-systems/{uuid}/external-references[/{uuid}]`)

  /** Adds a reference (a master reference takes over from the previous one); the system's `updated` event records it. */
  addReference(
    caller: CallerContext,
    uuid: string,
    request: ItSystemExternalReferenceWriteRequest,
    expectedVersion?: number,
  ): Promise<ExternalReferenceResult<ItSystemExternalReference>> {
    const referenceUuid = newPartUuid(this.ids, caller, 'ItSystemExternalReference');
    // a retry that overtook its first run finds the system moved on by that run, with the reference: that is its answer
    return createOnce(
      caller,
      () => this.writeReference(caller, uuid, referenceUuid, request, false, expectedVersion),
      async () => {
        const current = await this.load(uuid);
        ItSystemPolicy.assertCanModify(caller, current, false);
        const reference = earlierPart(caller, current.externalReferences, referenceUuid);
        return reference ? { reference, version: current.version } : null;
      },
    );
  }

  /** Replaces a reference of the system; one it does not have is 404. */
  putReference(
    caller: CallerContext,
    uuid: string,
    referenceUuid: string,
    request: ItSystemExternalReferenceWriteRequest,
    expectedVersion?: number,
  ): Promise<ExternalReferenceResult<ItSystemExternalReference>> {
    return this.writeReference(caller, uuid, referenceUuid, request, true, expectedVersion);
  }

  async deleteReference(caller: CallerContext, uuid: string, referenceUuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertCanModify(caller, current, false);
    if (!current.externalReferences.some((r) => r.uuid === referenceUuid)) throw DomainError.notFound('External reference', referenceUuid);
    await this.change(
      caller,
      current,
      { ...current, externalReferences: current.externalReferences.filter((r) => r.uuid !== referenceUuid) },
      expectedVersion,
    );
  }

  private async writeReference(
    caller: CallerContext,
    uuid: string,
    referenceUuid: string,
    request: ItSystemExternalReferenceWriteRequest,
    mustExist: boolean,
    expectedVersion: number | undefined,
  ): Promise<ExternalReferenceResult<ItSystemExternalReference>> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertCanModify(caller, current, false);
    // a retry of an add whose answer was lost (Idempotency-Key): the reference it added, before any version check
    const earlier = mustExist ? null : earlierPart(caller, current.externalReferences, referenceUuid);
    if (earlier) return { reference: earlier, version: current.version };
    if (mustExist && !current.externalReferences.some((r) => r.uuid === referenceUuid))
      throw DomainError.notFound('External reference', referenceUuid);
    const reference: ItSystemExternalReference = {
      uuid: referenceUuid,
      title: request.title,
      documentId: request.documentId ?? null,
      url: request.url ?? null,
      masterReference: request.masterReference ?? false,
    };
    const written = await this.change(
      caller,
      current,
      { ...current, externalReferences: withReference(current.externalReferences, reference) },
      expectedVersion,
    );
    return { reference, version: written.version };
  }

  /**
   * KITOS `PATCH /it-systems/{uuid}/dbs`: the legal names [DBS] of the system, only for users flagged system integrator
   * (KITOS `ChangeLegalSystemPropertiesPermission`) and global administrators. Only the names sent change; null clears.
   */
  async patchLegalNames(
    caller: CallerContext,
    uuid: string,
    changes: Partial<ItSystemLegalNamesRequest>,
    expectedVersion?: number,
  ): Promise<void> {
    requireUser(caller);
    const current = await this.load(uuid);
    ItSystemPolicy.assertCanRead(caller, current);
    if (!caller.isGlobalAdmin && !caller.isSystemIntegrator)
      throw DomainError.forbidden('Only system integrators change the legal names of an IT system');
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    const next = {
      legalName: changes.systemName !== undefined ? (changes.systemName ?? null) : current.legalName,
      legalDataProcessorName:
        changes.dataProcessorName !== undefined ? (changes.dataProcessorName ?? null) : current.legalDataProcessorName,
    };
    const fieldChanges = (['legalName', 'legalDataProcessorName'] as const)
      .filter((f) => next[f] !== current[f])
      .map((f) => ({ field: f, oldValue: current[f], newValue: next[f] }));
    if (!fieldChanges.length) return;
    const updated: ItSystem = { ...current, ...next, lastModified: this.clock.now(), lastModifiedByUserUuid: caller.userUuid };
    const version = current.version + 1;
    const event = this.event(caller, current.organizationUuid, uuid, version, CatalogEvents.itSystemUpdated, {
      system: snapshot(uuid, updated),
      changes: fieldChanges,
    });
    try {
      await this.repository.update(
        uuid,
        current.version,
        { ...next, lastModified: updated.lastModified, lastModifiedByUserUuid: caller.userUuid },
        [event],
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
  }

  /** Refused with 409 and the list of conflicts while the system is used, has child systems or exposes interfaces. */
  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertCanDelete(caller, current);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    const conflicts = await this.deletionConflicts(uuid);
    if (conflicts.length) {
      throw DomainError.conflict(`The IT system cannot be deleted while it ${conflicts.map((c) => CONFLICT_TEXT[c.conflict]).join(', ')}`, {
        deletionConflicts: conflicts.map((c) => c.conflict),
        conflicts,
      });
    }
    const now = this.clock.now();
    const event = this.event(caller, current.organizationUuid, uuid, current.version + 1, CatalogEvents.itSystemDeleted, {
      uuid,
      organizationUuid: current.organizationUuid,
      name: current.name,
      deletedAt: now.toISOString(),
    });
    try {
      await this.repository.markDeleted(
        uuid,
        current.version,
        { nameKey: `deleted:${uuid}`, lastModified: now, lastModifiedByUserUuid: caller.userUuid },
        [event],
        now,
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
  }

  /** The whole tree the system belongs to, from its top: one node per readable system with its parent (KITOS hierarchy). */
  async hierarchy(caller: CallerContext, uuid: string): Promise<ItSystemHierarchyNodeResponse[]> {
    let top = await this.load(uuid);
    ItSystemPolicy.assertCanRead(caller, top);
    const seen = new Set([top.uuid]);
    while (top.parentUuid && !seen.has(top.parentUuid)) {
      const parent = await this.repository.findByUuid(top.parentUuid);
      if (!parent || !ItSystemPolicy.canRead(caller, parent)) break;
      seen.add(parent.uuid);
      top = parent;
    }
    const nodes: Stored<ItSystem>[] = [top];
    const visited = new Set([top.uuid]);
    for (let i = 0; i < nodes.length && nodes.length < HIERARCHY_MAX; i++) {
      for (const child of await this.repository.children(nodes[i].uuid)) {
        if (visited.has(child.uuid) || !ItSystemPolicy.canRead(caller, child)) continue;
        visited.add(child.uuid);
        nodes.push(child);
      }
    }
    const names = new Map(nodes.map((n) => [n.uuid, n.name]));
    return nodes.map((n) => ({
      node: { uuid: n.uuid, name: n.name },
      parent: n.uuid !== top.uuid && n.parentUuid ? { uuid: n.parentUuid, name: names.get(n.parentUuid) ?? null } : null,
      deactivated: n.deactivated,
    }));
  }

  // ---- the rights-holder view (/api/v2/rightsholder/it-systems)

  async rightsHolderList(caller: CallerContext, query: ListRightsHolderItSystemsQuery): Promise<Page<ItSystemResponse>> {
    ItSystemPolicy.assertIsRightsHolder(caller);
    if (query.rightsHolderUuid) ItSystemPolicy.assertCanActAsRightsHolderFor(caller, query.rightsHolderUuid);
    return this.page(
      caller,
      query,
      caller.isGlobalAdmin ? { withRightsHolder: true } : { rightsHolderIn: rightsHolderOrganizations(caller) },
    );
  }

  /** KITOS `GET /rightsholder/organizations`: where the caller holds rights-holder access (an empty list when nowhere), by name. */
  async rightsHolderOrganizationList(
    caller: CallerContext,
    query: ListRightsHolderOrganizationsQuery,
  ): Promise<Page<ItSystemOrganizationResponse>> {
    requireUser(caller);
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    const organizations = [...(await this.organizations(rightsHolderOrganizations(caller))).values()].sort(
      (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'da') || a.uuid.localeCompare(b.uuid),
    );
    return { items: organizations.slice(page * pageSize, (page + 1) * pageSize), page, pageSize };
  }

  async rightsHolderGet(caller: CallerContext, uuid: string): Promise<ItSystemResponse> {
    const system = await this.load(uuid);
    ItSystemPolicy.assertIsRightsHolderOf(caller, system);
    return this.respond(system);
  }

  /** The system is owned by its rights holder, which must be an organisation where the caller holds rights-holder access. */
  async rightsHolderCreate(caller: CallerContext, request: RightsHolderCreateItSystemRequest): Promise<ItSystemResponse> {
    ItSystemPolicy.assertCanActAsRightsHolderFor(caller, request.rightsHolderUuid);
    await this.directory.requireOrganization({ field: 'rightsHolderUuid', uuid: request.rightsHolderUuid });
    const written: ItSystemWritable = {
      ...this.fullWrite(request, EMPTY, RIGHTS_HOLDER_KEYS),
      rightsHolderUuid: request.rightsHolderUuid.toLowerCase(),
    };
    const uuid = request.uuid?.toLowerCase() ?? newAggregateUuid(this.ids, caller, AGGREGATE);
    const earlier = request.uuid ? null : await this.earlierCreation(caller, uuid);
    if (earlier) return earlier;
    if (request.uuid && (await this.repository.exists(uuid)))
      throw DomainError.conflict(`An IT system with uuid ${uuid} already exists`, { existingUuid: uuid });
    return this.insert(caller, request.rightsHolderUuid, uuid, written);
  }

  async rightsHolderPut(
    caller: CallerContext,
    uuid: string,
    request: RightsHolderPutItSystemRequest,
    expectedVersion?: number,
  ): Promise<ItSystemResponse> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertIsRightsHolderOf(caller, current);
    return this.change(caller, current, this.fullWrite(request, current, RIGHTS_HOLDER_KEYS), expectedVersion);
  }

  async rightsHolderPatch(
    caller: CallerContext,
    uuid: string,
    changes: Partial<RightsHolderPatchItSystemRequest>,
    expectedVersion?: number,
  ): Promise<ItSystemResponse> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertIsRightsHolderOf(caller, current);
    for (const field of ['name', 'description'] as const)
      if (field in changes && changes[field] === null)
        throw DomainError.badInput(`The ${field} cannot be removed`, [{ field, message: `${field} must not be null` }]);
    return this.change(caller, current, this.partialWrite(changes, current, [...RIGHTS_HOLDER_KEYS, 'name']), expectedVersion);
  }

  /** Rights holders do not delete: they deactivate, giving a reason that is recorded and carried in the event. */
  async deactivate(
    caller: CallerContext,
    uuid: string,
    request: DeactivateItSystemRequest,
    expectedVersion?: number,
  ): Promise<ItSystemResponse> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertIsRightsHolderOf(caller, current);
    return this.change(caller, current, { ...current, deactivated: true, deactivationReason: request.deactivationReason }, expectedVersion);
  }

  // ---- writes

  private async insert(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    written: ItSystemWritable,
  ): Promise<ItSystemResponse> {
    await this.validate(caller, organizationUuid, uuid, written, null);
    // the unique index on (organisation, name) refuses a taken name: no scan for it before the write
    const nameKey = nameKeyOf(written.name);
    const now = this.clock.now();
    const state: ItSystem = {
      ...written,
      legalName: null,
      legalDataProcessorName: null,
      organizationUuid,
      nameKey,
      createdAt: now,
      createdByUserUuid: caller.userUuid,
      lastModified: now,
      lastModifiedByUserUuid: caller.userUuid,
    };
    const event = this.event(caller, organizationUuid, uuid, 1, CatalogEvents.itSystemCreated, { system: snapshot(uuid, state) });
    // a retry that overtook its first run collides with that run's system (on `_id` or the name): that is its answer
    return createOnce(
      caller,
      async () => {
        try {
          await this.repository.insert(uuid, state, [event]);
        } catch (error) {
          if (!(error instanceof DuplicateKeyError)) throw error;
          if (await this.repository.exists(uuid))
            throw DomainError.conflict(`An IT system with uuid ${uuid} already exists`, { existingUuid: uuid });
          throw await this.nameTakenIn(organizationUuid, nameKey, written.name);
        }
        // a system just created has no usages yet
        return (await this.respondAll([{ ...state, uuid, version: 1 }], true))[0];
      },
      () => this.earlierCreation(caller, uuid),
    );
  }

  private async change(
    caller: CallerContext,
    current: Stored<ItSystem>,
    written: ItSystemWritable,
    expectedVersion?: number,
  ): Promise<ItSystemResponse> {
    const uuid = current.uuid;
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    const next: ItSystem = { ...current, ...pick(written, WRITABLE_FIELDS) };
    if (!next.deactivated) next.deactivationReason = null;
    const fieldChanges = changesBetween(current, next);
    if (!fieldChanges.length) return this.respond(current);
    await this.validate(caller, current.organizationUuid, uuid, next, current);
    next.nameKey = nameKeyOf(next.name);
    // a rename is checked first: FerretDB 1.24 does not report an update that breaks the unique index as a duplicate key
    if (next.nameKey !== current.nameKey) {
      const holder = await this.repository.findByName(current.organizationUuid, next.nameKey);
      if (holder && holder.uuid !== uuid) throw nameTaken(next.name, holder.uuid);
    }
    next.lastModified = this.clock.now();
    next.lastModifiedByUserUuid = caller.userUuid;
    const version = current.version + 1;
    const event = this.event(caller, current.organizationUuid, uuid, version, CatalogEvents.itSystemUpdated, {
      system: snapshot(uuid, next),
      changes: fieldChanges,
    });
    const { uuid: _u, version: _v, ...set } = { ...next, uuid, version };
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw await this.nameTakenIn(current.organizationUuid, next.nameKey, next.name);
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
    return this.respond({ ...next, uuid, version });
  }

  /** With an Idempotency-Key: the system a previous run of this very request created (its answer was lost), as it is now. */
  private async earlierCreation(caller: CallerContext, uuid: string): Promise<ItSystemResponse | null> {
    if (!caller.idempotencyKey) return null;
    const system = await this.repository.findByUuid(uuid);
    if (!system) return null;
    ItSystemPolicy.assertCanRead(caller, system);
    return this.respond(system);
  }

  /**
   * The rules on references, checked for what is new or changed (a value that became unavailable later does not block
   * unrelated edits). Field errors are collected into one 400; an unreadable parent is 403.
   */
  private async validate(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    next: ItSystemWritable,
    current: ItSystemWritable | null,
  ): Promise<void> {
    const changed = (field: keyof ItSystemWritable) => !current || JSON.stringify(current[field]) !== JSON.stringify(next[field]);
    const errors: FieldError[] = [...archiveDutyErrors(next.recommendedArchiveDuty, next.recommendedArchiveDutyComment)];
    const collect = async (check: () => Promise<unknown>) => {
      try {
        await check();
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.BadInput) throw error;
        errors.push(...(error.errors.length ? error.errors : [{ field: '', message: error.message }]));
      }
    };
    if (next.rightsHolderUuid && changed('rightsHolderUuid'))
      await collect(() => this.directory.requireOrganization({ field: 'rightsHolderUuid', uuid: next.rightsHolderUuid as string }));
    if (next.businessTypeUuid && changed('businessTypeUuid')) {
      const ref: FieldRef = { field: 'businessTypeUuid', uuid: next.businessTypeUuid };
      await collect(() => this.options.requireAvailable('business-types', organizationUuid, [ref]));
    }
    if (changed('kleUuids')) {
      const duplicates = duplicateKleErrors(next.kleUuids);
      errors.push(...duplicates);
      const added = next.kleUuids
        .map((kle, i) => ({ field: `kleUuids[${i}]`, uuid: kle }))
        .filter((ref) => !current?.kleUuids.includes(ref.uuid));
      if (!duplicates.length && added.length) await collect(() => this.kle.requireExisting(added));
    }
    if (next.parentUuid && changed('parentUuid')) await collect(() => this.requireParent(caller, uuid, next.parentUuid as string));
    if (errors.length) throw DomainError.badInput('The IT system is invalid', errors);
  }

  private async requireParent(caller: CallerContext, uuid: string, parentUuid: string): Promise<void> {
    const field = 'parentUuid';
    const parent = await this.repository.findByUuid(parentUuid);
    if (!parent) throw DomainError.badInput('Unknown parent system', [{ field, message: 'parentUuid must be an existing IT system' }]);
    if (!ItSystemPolicy.canRead(caller, parent)) throw DomainError.forbidden('You may not read the parent system');
    const parentOf = async (at: string) =>
      at === parent.uuid ? parent.parentUuid : ((await this.repository.findByUuid(at))?.parentUuid ?? null);
    if (await closesCycle(uuid, parentUuid, parentOf))
      throw DomainError.badInput('A system cannot be its own ancestor', [
        { field, message: 'parentUuid would make a cycle in the system hierarchy' },
      ]);
  }

  /** The state after a full write (POST, PUT) of the given fields: absent ones take their defaults. */
  private fullWrite(request: Sent & { name: string }, current: ItSystemWritable, keys: readonly FieldsKey[]): ItSystemWritable {
    const full: Sent = { name: request.name };
    for (const key of keys) full[key] = (request[key] ?? null) as never;
    return this.partialWrite(full, current, [...keys, 'name']);
  }

  /** The state after writing the given request fields (present keys only); `null` takes the field's default. */
  private partialWrite(sent: Sent, current: ItSystemWritable, keys: readonly (FieldsKey | 'name')[]): ItSystemWritable {
    const next: ItSystemWritable = { ...pick(current, WRITABLE_FIELDS) };
    const present = (key: FieldsKey | 'name') => keys.includes(key) && key in sent && sent[key] !== undefined;
    if (present('name')) next.name = sent.name as string;
    for (const key of ['formerName', 'description', 'externalUuid', 'parentUuid', 'rightsHolderUuid', 'businessTypeUuid'] as const)
      if (present(key)) next[key] = (sent[key] as string | null)?.toString() ?? null;
    for (const key of ['externalUuid', 'parentUuid', 'rightsHolderUuid', 'businessTypeUuid'] as const)
      next[key] = next[key]?.toLowerCase() ?? null;
    if (present('kleUuids')) next.kleUuids = (sent.kleUuids ?? []).map((u) => u.toLowerCase());
    if (present('scope')) next.scope = sent.scope ?? 'Global';
    if (present('deactivated')) next.deactivated = sent.deactivated ?? false;
    if (present('recommendedArchiveDuty')) {
      next.recommendedArchiveDuty = sent.recommendedArchiveDuty?.id ?? 'Undecided';
      next.recommendedArchiveDutyComment = sent.recommendedArchiveDuty?.comment ?? null;
    }
    if (present('externalReferences')) {
      const { references, errors } = resolveReferences(sent.externalReferences ?? [], current.externalReferences, () => this.ids.uuid());
      if (errors.length) throw DomainError.badInput('The external references are invalid', errors);
      next.externalReferences = references;
    }
    return next;
  }

  /**
   * The conflict for a write the unique index refused because the name is taken; only then is the holder looked up
   * (FerretDB on SQLite scans the collection for anything but `_id`), so that the answer names it.
   */
  private async nameTakenIn(organizationUuid: string, nameKey: string, name: string): Promise<DomainError> {
    const existing = await this.repository.findByName(organizationUuid, nameKey).catch(() => null);
    return nameTaken(name, existing?.uuid);
  }

  private async deletionConflicts(uuid: string): Promise<ItSystemDeletionConflictDetail[]> {
    const [usageCount, children, exposed] = await Promise.all([
      this.usages.countBySystem(uuid),
      this.repository.children(uuid),
      this.interfaces.exposedBy(uuid),
    ]);
    const conflicts: ItSystemDeletionConflictDetail[] = [];
    if (usageCount > 0) {
      const organizations = (await this.usages.usingOrganizations([uuid])).get(uuid) ?? [];
      const names = await this.directory.organizationNames(organizations);
      conflicts.push({ conflict: 'HasItSystemUsages', items: organizations.map((o) => ({ uuid: o, name: names.get(o) ?? null })) });
    }
    if (children.length) conflicts.push({ conflict: 'HasChildSystems', items: children.map((c) => ({ uuid: c.uuid, name: c.name })) });
    if (exposed.length) conflicts.push({ conflict: 'HasInterfaceExposures', items: exposed.map((i) => ({ uuid: i.uuid, name: i.name })) });
    return conflicts;
  }

  // ---- reads

  private async load(uuid: string): Promise<Stored<ItSystem>> {
    const system = await this.repository.findByUuid(uuid);
    if (!system) throw DomainError.notFound('IT system', uuid);
    return system;
  }

  private async page(caller: CallerContext, query: BaseItSystemsQuery, filters: Partial<ItSystemFilter>): Promise<Page<ItSystemResponse>> {
    const page = await this.repository.list({
      visibility: catalogVisibility(caller),
      rightsHolderOf: rightsHolderOrganizations(caller),
      rightsHolderUuid: query.rightsHolderUuid,
      changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
      includeDeactivated: query.includeDeactivated ?? false,
      orderBy: query.changedSinceGtEq ? 'LastChanged' : (query.orderByProperty ?? 'CreationOrder'),
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
      ...filters,
    });
    return { ...page, items: await this.respondAll(page.items) };
  }

  /** Systems used by an organisation and/or by at least N organisations; undefined when neither filter is given. */
  private async usageFilter(query: ListItSystemsQuery): Promise<string[] | undefined> {
    let uuids: string[] | undefined;
    if (query.usedInOrganizationUuid) uuids = await this.usages.systemsUsedBy(query.usedInOrganizationUuid);
    if (query.numberOfUsers !== undefined && query.numberOfUsers > 0) {
      const counts = await this.usages.usageCounts();
      const enough = [...counts].filter(([, n]) => n >= (query.numberOfUsers as number)).map(([uuid]) => uuid);
      uuids = uuids ? uuids.filter((u) => enough.includes(u)) : enough;
    }
    return uuids;
  }

  private async kleFilter(query: ListItSystemsQuery): Promise<string[] | undefined> {
    let uuids: string[] | undefined;
    if (query.kleNumber) uuids = await this.kle.uuidsUnderNumber(query.kleNumber);
    if (query.kleUuid) uuids = uuids ? uuids.filter((u) => u === query.kleUuid?.toLowerCase()) : [query.kleUuid.toLowerCase()];
    return uuids;
  }

  private async respond(system: Stored<ItSystem>): Promise<ItSystemResponse> {
    return (await this.respondAll([system]))[0];
  }

  /** KITOS response shape, with the names of everything referenced looked up once for the whole page. */
  private async respondAll(systems: readonly Stored<ItSystem>[], unused = false): Promise<ItSystemResponse[]> {
    if (!systems.length) return [];
    const uuids = systems.map((s) => s.uuid);
    const ownOrganizations = new Set<string>();
    for (const s of systems) {
      ownOrganizations.add(s.organizationUuid);
      if (s.rightsHolderUuid) ownOrganizations.add(s.rightsHolderUuid);
    }
    const userUuids = systems.flatMap((s) => [s.createdByUserUuid, s.lastModifiedByUserUuid]).filter((u): u is string => !!u);
    const businessTypes = systems.map((s) => s.businessTypeUuid).filter((u): u is string => !!u);
    const parentUuids = systems.map((s) => s.parentUuid).filter((u): u is string => !!u);
    // every lookup at once: each is one or a few `_id` reads, and a read's time is the longest of them, not their sum
    const [using, suppliers, organizations, users, businessTypeNames, kle, parents] = await Promise.all([
      unused ? new Map<string, string[]>() : this.usages.usingOrganizations(uuids),
      unused ? new Map<string, string[]>() : this.mainContractSuppliers(uuids),
      this.organizations([...ownOrganizations]),
      this.directory.userNames([...new Set(userUuids)]),
      businessTypes.length ? this.options.namesOf('business-types', [...new Set(businessTypes)]) : new Map<string, string>(),
      this.kle.byUuids([...new Set(systems.flatMap((s) => s.kleUuids))]),
      this.repository.findMany(parentUuids),
    ]);
    const usingOnly = [...new Set([...using.values(), ...suppliers.values()].flat())].filter((o) => !organizations.has(o));
    for (const [uuid, o] of await this.organizations(usingOnly)) organizations.set(uuid, o);
    const organization = (uuid: string) => organizations.get(uuid) ?? { uuid, name: null, cvr: null };
    const user = (uuid: string | null) => (uuid ? { uuid, name: users.get(uuid) ?? null } : null);
    return systems.map((s) => ({
      uuid: s.uuid,
      name: s.name,
      formerName: s.formerName,
      description: s.description,
      externalUuid: s.externalUuid,
      parentSystem: s.parentUuid ? { uuid: s.parentUuid, name: parents.get(s.parentUuid)?.name ?? null } : null,
      rightsHolder: s.rightsHolderUuid ? organization(s.rightsHolderUuid) : null,
      businessType: s.businessTypeUuid ? { uuid: s.businessTypeUuid, name: businessTypeNames.get(s.businessTypeUuid) ?? null } : null,
      kle: s.kleUuids.map((uuid) => {
        const entry = kle.get(uuid);
        return { uuid, name: entry?.kleNumber ?? null, kleNumber: entry?.kleNumber ?? null, description: entry?.description ?? null };
      }),
      scope: s.scope,
      deactivated: s.deactivated,
      deactivationReason: s.deactivationReason,
      recommendedArchiveDuty: { id: s.recommendedArchiveDuty, comment: s.recommendedArchiveDutyComment },
      externalReferences: s.externalReferences.map((r) => ({ ...r })),
      usingOrganizations: (using.get(s.uuid) ?? []).map(organization),
      mainContractSuppliers: (suppliers.get(s.uuid) ?? []).map(organization),
      legalName: s.legalName,
      legalDataProcessorName: s.legalDataProcessorName,
      organizationContext: organization(s.organizationUuid),
      created: s.createdAt.toISOString(),
      createdBy: user(s.createdByUserUuid),
      lastModified: s.lastModified.toISOString(),
      lastModifiedBy: user(s.lastModifiedByUserUuid),
      version: s.version,
    }));
  }

  /**
   * KITOS `mainContractSuppliers`: the distinct suppliers of the main contracts of the system's usages, from the
   * usages' main contracts and the contracts known from the contracts service's events.
   */
  private async mainContractSuppliers(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (!this.contracts) return result;
    const mainContracts = await this.usages.mainContractsOf(systemUuids);
    const contracts = await this.contracts.findMany([...new Set([...mainContracts.values()].flat())]);
    for (const [systemUuid, contractUuids] of mainContracts) {
      const supplierUuids = contractUuids.map((c) => contracts.get(c)?.supplierUuid).filter((s): s is string => !!s);
      if (supplierUuids.length) result.set(systemUuid, [...new Set(supplierUuids)]);
    }
    return result;
  }

  /** Organisations with name and CVR; one that the directory does not know (any more) is shown without them. */
  private async organizations(uuids: readonly string[]): Promise<Map<string, { uuid: string; name: string | null; cvr: string | null }>> {
    if (!uuids.length) return new Map();
    const found = await Promise.all(
      uuids.map((uuid) =>
        this.directory.requireOrganization({ field: 'organizationUuid', uuid }).then(
          (o) => o,
          (error: unknown) => {
            if (error instanceof DomainError && error.code === ErrorCode.BadInput) return { uuid, name: null, cvr: null };
            throw error;
          },
        ),
      ),
    );
    return new Map(found.map((o) => [o.uuid, o]));
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

type Sent = Partial<ItSystemFields> & { name?: string | null };

const COMMON_KEYS: readonly CommonKey[] = [
  'formerName',
  'externalUuid',
  'parentUuid',
  'businessTypeUuid',
  'kleUuids',
  'externalReferences',
];
/** What rights holders write through their own endpoints. */
const RIGHTS_HOLDER_KEYS: readonly FieldsKey[] = [...COMMON_KEYS, 'description'];
const FIELDS_KEYS: readonly FieldsKey[] = [
  ...COMMON_KEYS,
  'description',
  'rightsHolderUuid',
  'scope',
  'deactivated',
  'recommendedArchiveDuty',
];

const EMPTY: ItSystemWritable = {
  name: '',
  formerName: null,
  description: null,
  externalUuid: null,
  parentUuid: null,
  rightsHolderUuid: null,
  businessTypeUuid: null,
  kleUuids: [],
  scope: 'Global',
  deactivated: false,
  deactivationReason: null,
  recommendedArchiveDuty: 'Undecided',
  recommendedArchiveDutyComment: null,
  externalReferences: [],
};

const CONFLICT_TEXT: Record<ItSystemDeletionConflictDetail['conflict'], string> = {
  HasItSystemUsages: 'is in use by organisations',
  HasChildSystems: 'has child systems',
  HasInterfaceExposures: 'exposes interfaces',
};

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, source[k]])) as Pick<T, K>;
}

function nameTaken(name: string, existingUuid?: string): DomainError {
  return DomainError.conflict(`An IT system named "${name}" already exists in this organisation`, existingUuid ? { existingUuid } : {});
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`IT system ${uuid}`, expectedVersion);
}

function snapshot(uuid: string, s: ItSystem): ItSystemSnapshot {
  return {
    uuid,
    organizationUuid: s.organizationUuid,
    name: s.name,
    formerName: s.formerName,
    description: s.description,
    scope: s.scope,
    deactivated: s.deactivated,
    createdAt: s.createdAt.toISOString(),
    lastModified: s.lastModified.toISOString(),
    externalUuid: s.externalUuid,
    parentUuid: s.parentUuid,
    rightsHolderUuid: s.rightsHolderUuid,
    businessTypeUuid: s.businessTypeUuid,
    kleUuids: [...s.kleUuids],
    recommendedArchiveDuty: s.recommendedArchiveDuty,
    recommendedArchiveDutyComment: s.recommendedArchiveDutyComment,
    externalReferences: s.externalReferences.map((r) => ({ ...r })),
    deactivationReason: s.deactivationReason,
    createdByUserUuid: s.createdByUserUuid,
    lastModifiedByUserUuid: s.lastModifiedByUserUuid,
  };
}
