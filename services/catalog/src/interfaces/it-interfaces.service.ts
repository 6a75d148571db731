import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  canReadCatalogEntry,
  catalogVisibility,
  requireUser,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  chosenUuid,
  earlierPart,
  refuseIfAdded,
  createOnce,
  newAggregateUuid,
  newPartUuid,
  permits,
  uuidTaken,
} from '@kitos/common';
import {
  CatalogInterfaceEvents,
  IT_INTERFACE_DATA_ROWS_MAX,
  MAX_PAGE_SIZE,
  type CreateItInterfaceRequest,
  type FieldChange,
  type ItInterfaceDataRequest,
  type ItInterfaceDataResponse,
  type ItInterfaceDataRpcResult,
  type ItInterfaceDataWriteRequest,
  type ItInterfaceResponse,
  type ItInterfacePermissionsResponse,
  type ListRightsHolderItInterfacesQuery,
  type RightsHolderCreateItInterfaceRequest,
  type RightsHolderPatchItInterfaceRequest,
  type RightsHolderPutItInterfaceRequest,
  type ResourceCollectionPermissionsResponse,
  type ItInterfaceSnapshot,
  type ListItInterfacesQuery,
  type Page,
  type PatchItInterfaceRequest,
  type UpdateItInterfaceRequest,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { ItSystemsRepository } from '../it-systems/it-systems.repository';
import { OptionCatalog, OrganizationDirectory, UsageLookup, type FieldRef, type OptionKind } from '../shared/ports';
import { collectionPermissions } from '../shared/collection-permissions';
import {
  DEFAULTS,
  WRITABLE_FIELDS,
  apiFieldOf,
  normalizedKey,
  sameValue,
  textOrNull,
  uniqueKeyOf,
  type ItInterface,
  type ItInterfaceDataRow,
  type WritableState,
} from './it-interface';
import { ItInterfacePolicy } from './it-interface.policy';
import { ItSystemPolicy, rightsHolderOrganizations } from '../it-systems/it-system.policy';
import { ItInterfacesRepository } from './it-interfaces.repository';

const AGGREGATE = 'it-interface';
const INTERFACE_TYPES: OptionKind = 'it-interface-interface-types';
const DATA_TYPES: OptionKind = 'it-interface-interface-data-types';

/** Names the field of a data row's data type in a 400: `data[2].dataTypeUuid` in a body, `dataTypeUuid` on the row resource. */
type DataTypeField = (index: number) => string;
const IN_BODY: DataTypeField = (index) => `data[${index}].dataTypeUuid`;
const ON_ROW: DataTypeField = () => 'dataTypeUuid';

/** The IT-interface catalogue: registration, reading, changes (whole, partial, per data row) and deletion, each recorded as an event. */
@Injectable()
export class ItInterfacesService {
  constructor(
    private readonly repository: ItInterfacesRepository,
    private readonly systems: ItSystemsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    // Other parts of the catalogue; optional so that interfaces work before those parts are deployed.
    @Optional() private readonly options?: OptionCatalog,
    @Optional() private readonly usages?: UsageLookup,
    @Optional() private readonly directory?: OrganizationDirectory,
  ) {}

  async create(caller: CallerContext, request: CreateItInterfaceRequest): Promise<ItInterfaceResponse> {
    const scope = request.scope ?? DEFAULTS.scope;
    ItInterfacePolicy.assertCanCreate(caller, request.organizationUuid, scope);
    const { state: desired, errors } = this.writableFrom(request, []);
    const uuid = chosenUuid(caller, request.organizationUuid, request.uuid, () => newAggregateUuid(this.ids, caller, AGGREGATE));
    const earlier = request.uuid ? null : await this.earlierCreation(caller, uuid);
    if (earlier) return earlier;
    if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('An IT interface', uuid);
    return createOnce(
      caller,
      () => this.insertNew(caller, request.organizationUuid, uuid, desired, errors),
      () => this.earlierCreation(caller, uuid),
      { derived: !request.uuid },
    );
  }

  private async insertNew(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    desired: WritableState,
    errors: FieldError[],
  ): Promise<ItInterfaceResponse> {
    await this.requireValidReferences(caller, organizationUuid, null, desired, IN_BODY, errors);
    const uniqueKey = uniqueKeyOf(desired.name, desired.interfaceId);
    await this.refuseTaken(organizationUuid, uniqueKey, desired);
    const now = this.clock.now();
    const state: ItInterface = {
      ...desired,
      organizationUuid,
      nameKey: normalizedKey(desired.name),
      interfaceIdKey: normalizedKey(desired.interfaceId),
      uniqueKey,
      createdAt: now,
      createdByUserUuid: caller.userUuid,
      lastModified: now,
      lastModifiedByUserUuid: caller.userUuid,
    };
    const event = this.event(caller, state.organizationUuid, uuid, 1, CatalogInterfaceEvents.itInterfaceCreated, {
      interface: snapshot(uuid, state),
    });
    try {
      await this.repository.insert(uuid, state, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw taken(desired);
      throw error;
    }
    return (await this.toResponses(caller, [{ ...state, uuid, version: 1 }]))[0];
  }

  /**
   * With an Idempotency-Key: the interface a previous run of this very create made (its answer was lost), as it is now;
   * also the answer of a retry that overtook that run and found the name taken by it ({@link createOnce}).
   */
  private async earlierCreation(caller: CallerContext, uuid: string): Promise<ItInterfaceResponse | null> {
    if (!caller.idempotencyKey || !(await this.repository.findByUuid(uuid))) return null;
    return this.get(caller, uuid);
  }

  async get(caller: CallerContext, uuid: string): Promise<ItInterfaceResponse> {
    const found = await this.load(uuid);
    ItInterfacePolicy.assertCanRead(caller, found);
    return (await this.toResponses(caller, [found]))[0];
  }

  /** KITOS `GET /it-interfaces/{uuid}/permissions`: asks the rules the write endpoints enforce; unreadable → as GET (404). */
  async permissions(caller: CallerContext, uuid: string): Promise<ItInterfacePermissionsResponse> {
    const found = await this.load(uuid);
    ItInterfacePolicy.assertCanRead(caller, found);
    return {
      read: true,
      modify: permits(() => ItInterfacePolicy.assertCanModify(caller, found, found.scope)),
      delete: permits(() => ItInterfacePolicy.assertCanDelete(caller, found)),
      deletionConflicts: found.exposedBySystemUuid ? ['ExposedByItSystem'] : [],
    };
  }

  /** Creating a Local interface is the widest right (Global needs a global administrator, as in KITOS). */
  collectionPermissions(caller: CallerContext, organizationUuid: string): Promise<ResourceCollectionPermissionsResponse> {
    if (!this.directory) throw DomainError.unavailable('The organisation directory is not available');
    return collectionPermissions(caller, this.directory, organizationUuid, () =>
      ItInterfacePolicy.assertCanCreate(caller, organizationUuid, 'Local'),
    );
  }

  /** Lists silently only what the caller may read. */
  async list(caller: CallerContext, query: ListItInterfacesQuery): Promise<Page<ItInterfaceResponse>> {
    requireUser(caller);
    let exposedBy: string[] | undefined = query.exposedBySystemUuid ? [query.exposedBySystemUuid] : undefined;
    if (query.usedInOrganizationUuid) {
      if (!this.usages) throw DomainError.unavailable('System usages are not available yet, so usedInOrganizationUuid cannot be answered');
      const used = await this.usages.systemsUsedBy(query.usedInOrganizationUuid);
      exposedBy = exposedBy ? exposedBy.filter((s) => used.includes(s)) : used;
    }
    const page = await this.repository.list({
      visibility: catalogVisibility(caller),
      exposedBySystemUuids: exposedBy,
      includeDeactivated: query.includeDeactivated ?? false,
      changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
      nameKeyEquals: query.nameEquals !== undefined ? normalizedKey(query.nameEquals) : undefined,
      nameKeyContains: query.nameContains ? normalizedKey(query.nameContains) : undefined,
      interfaceIdKey: query.interfaceId !== undefined ? normalizedKey(query.interfaceId) : undefined,
      organizationUuid: query.organizationUuid,
      availableInOrganizationUuid: query.availableInOrganizationUuid,
      orderBy: query.changedSinceGtEq ? 'LastChanged' : (query.orderByProperty ?? 'CreationOrder'),
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
    });
    return { ...page, items: await this.toResponses(caller, page.items) };
  }

  /** Replaces every writable field; absent ones return to their defaults (KITOS PUT semantics). */
  async put(caller: CallerContext, uuid: string, body: UpdateItInterfaceRequest, expectedVersion?: number): Promise<ItInterfaceResponse> {
    const current = await this.load(uuid);
    ItInterfacePolicy.assertCanModify(caller, current, body.scope ?? DEFAULTS.scope);
    const { state: desired, errors } = this.writableFrom(body, current.data);
    const next = await this.apply(caller, current, desired, expectedVersion, IN_BODY, errors);
    return (await this.toResponses(caller, [next]))[0];
  }

  /** Changes only the fields sent; `data` replaces all rows (rows keep their identity when their uuid is sent). */
  async patch(
    caller: CallerContext,
    uuid: string,
    changes: Partial<PatchItInterfaceRequest>,
    expectedVersion?: number,
  ): Promise<ItInterfaceResponse> {
    const current = await this.load(uuid);
    ItInterfacePolicy.assertCanModify(caller, current, changes.scope ?? current.scope);
    const desired: WritableState = writableOf(current);
    const errors: FieldError[] = [];
    const sent = changes as Record<string, unknown>;
    for (const field of WRITABLE_FIELDS) {
      const value = sent[apiFieldOf(field)];
      if (value === undefined) continue;
      if (field === 'data') desired.data = this.rowsFrom((value as ItInterfaceDataRequest[] | null) ?? [], current.data, errors);
      else if (field === 'name') {
        if (value === null) errors.push({ field: 'name', message: 'name must not be null' });
        else desired.name = value as string;
      } else if (field === 'scope' || field === 'deactivated' || field.endsWith('Uuid'))
        (desired as Record<string, unknown>)[field] = value;
      else (desired as Record<string, unknown>)[field] = textOrNull(value as string | null);
    }
    const next = await this.apply(caller, current, desired, expectedVersion, IN_BODY, errors);
    return (await this.toResponses(caller, [next]))[0];
  }

  // ---- the rights-holder view (KITOS /api/v2/rightsholder/it-interfaces): the interfaces exposed by systems whose
  // rights holder is an organisation where the caller holds rights-holder access

  async rightsHolderList(caller: CallerContext, query: ListRightsHolderItInterfacesQuery): Promise<Page<ItInterfaceResponse>> {
    ItSystemPolicy.assertIsRightsHolder(caller);
    if (query.rightsHolderUuid) ItSystemPolicy.assertCanActAsRightsHolderFor(caller, query.rightsHolderUuid);
    const rightsHolders = query.rightsHolderUuid
      ? [query.rightsHolderUuid]
      : caller.isGlobalAdmin
        ? null
        : rightsHolderOrganizations(caller);
    const page = await this.repository.list({
      visibility: { all: true },
      exposedBySystemUuids: await this.systems.uuidsWithRightsHolderIn(rightsHolders),
      includeDeactivated: query.includeDeactivated ?? false,
      changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
      orderBy: query.changedSinceGtEq ? 'LastChanged' : 'CreationOrder',
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
    });
    return { ...page, items: await this.toResponses(caller, page.items) };
  }

  async rightsHolderGet(caller: CallerContext, uuid: string): Promise<ItInterfaceResponse> {
    const current = await this.load(uuid);
    await this.assertIsRightsHolderOf(caller, current.exposedBySystemUuid);
    return (await this.toResponses(caller, [current]))[0];
  }

  /** Registered in the rights holder's organisation and shared (Global), as KITOS does for rights holders. */
  async rightsHolderCreate(caller: CallerContext, request: RightsHolderCreateItInterfaceRequest): Promise<ItInterfaceResponse> {
    ItSystemPolicy.assertCanActAsRightsHolderFor(caller, request.rightsHolderUuid);
    await this.assertIsRightsHolderOf(caller, request.exposedBySystemUuid, request.rightsHolderUuid);
    const uuid = request.uuid?.toLowerCase() ?? newAggregateUuid(this.ids, caller, AGGREGATE);
    const earlier = request.uuid ? null : await this.earlierCreation(caller, uuid);
    if (earlier) return earlier;
    if (request.uuid && (await this.repository.findByUuid(uuid))) throw DomainError.conflict(`The uuid ${uuid} is already in use`);
    const { state: desired, errors } = this.writableFrom({ ...request, scope: 'Global' }, []);
    return createOnce(
      caller,
      () => this.insertNew(caller, request.rightsHolderUuid, uuid, desired, errors),
      () => this.earlierCreation(caller, uuid),
      { derived: !request.uuid },
    );
  }

  /** Replaces what a rights holder maintains (name, interface id, version, description, URL, exposing system); the rest stays. */
  async rightsHolderPut(
    caller: CallerContext,
    uuid: string,
    request: RightsHolderPutItInterfaceRequest,
    expectedVersion?: number,
  ): Promise<ItInterfaceResponse> {
    return this.rightsHolderChange(caller, uuid, { interfaceId: null, version: null, urlReference: null, ...request }, expectedVersion);
  }

  rightsHolderPatch(
    caller: CallerContext,
    uuid: string,
    changes: Partial<RightsHolderPatchItInterfaceRequest>,
    expectedVersion?: number,
  ): Promise<ItInterfaceResponse> {
    return this.rightsHolderChange(caller, uuid, changes, expectedVersion);
  }

  /** Rights holders do not delete interfaces: they deactivate them, with a reason (required by the request). */
  async rightsHolderDeactivate(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.load(uuid);
    await this.assertIsRightsHolderOf(caller, current.exposedBySystemUuid);
    await this.apply(caller, current, { ...writableOf(current), deactivated: true }, expectedVersion, IN_BODY, []);
  }

  private async rightsHolderChange(
    caller: CallerContext,
    uuid: string,
    changes: Partial<RightsHolderPatchItInterfaceRequest>,
    expectedVersion: number | undefined,
  ): Promise<ItInterfaceResponse> {
    const current = await this.load(uuid);
    await this.assertIsRightsHolderOf(caller, current.exposedBySystemUuid);
    const desired: WritableState = writableOf(current);
    const errors: FieldError[] = [];
    if (changes.name !== undefined) {
      if (changes.name === null) errors.push({ field: 'name', message: 'name must not be null' });
      else desired.name = changes.name;
    }
    if (changes.description !== undefined) {
      if (!changes.description) errors.push({ field: 'description', message: 'description must not be empty' });
      else desired.description = changes.description;
    }
    if (changes.interfaceId !== undefined) desired.interfaceId = textOrNull(changes.interfaceId);
    if (changes.version !== undefined) desired.interfaceVersion = textOrNull(changes.version);
    if (changes.urlReference !== undefined) desired.urlReference = textOrNull(changes.urlReference);
    if (changes.exposedBySystemUuid !== undefined) {
      if (changes.exposedBySystemUuid === null)
        errors.push({ field: 'exposedBySystemUuid', message: 'A rights holder cannot remove the exposing system' });
      else if (changes.exposedBySystemUuid !== current.exposedBySystemUuid) {
        await this.assertIsRightsHolderOf(caller, changes.exposedBySystemUuid);
        desired.exposedBySystemUuid = changes.exposedBySystemUuid;
      }
    }
    const next = await this.apply(caller, current, desired, expectedVersion, IN_BODY, errors);
    return (await this.toResponses(caller, [next]))[0];
  }

  /**
   * KITOS `IHasRightsHolder` of an interface: the rights holder of the system that exposes it. The caller must hold
   * rights-holder access there (and, when given, that organisation must be it); an unknown system is a field error.
   */
  private async assertIsRightsHolderOf(caller: CallerContext, systemUuid: string | null, rightsHolderUuid?: string): Promise<void> {
    ItSystemPolicy.assertIsRightsHolder(caller);
    const system = systemUuid ? await this.systems.findByUuid(systemUuid) : null;
    if (systemUuid && !system)
      throw DomainError.badInput('The exposing IT system does not exist', [
        { field: 'exposedBySystemUuid', message: `IT system ${systemUuid} does not exist` },
      ]);
    if (!system) throw DomainError.forbidden('You are not rights holder of this IT interface');
    ItSystemPolicy.assertIsRightsHolderOf(caller, system);
    if (rightsHolderUuid && system.rightsHolderUuid !== rightsHolderUuid)
      throw DomainError.badInput('The exposing system belongs to another rights holder', [
        { field: 'exposedBySystemUuid', message: `IT system ${systemUuid} does not have ${rightsHolderUuid} as rights holder` },
      ]);
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.load(uuid);
    ItInterfacePolicy.assertCanDelete(caller, current);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    if (current.exposedBySystemUuid) {
      const system = await this.systems.findByUuid(current.exposedBySystemUuid);
      throw DomainError.conflict('The interface is exposed by an IT system; remove the exposure before deleting it', {
        deletionConflicts: ['ExposedByItSystem'],
        exposedBySystem: {
          uuid: current.exposedBySystemUuid,
          name: system && canReadCatalogEntry(caller, system) ? system.name : null,
        },
      });
    }
    const now = this.clock.now();
    const event = this.event(caller, current.organizationUuid, uuid, current.version + 1, CatalogInterfaceEvents.itInterfaceDeleted, {
      uuid,
      organizationUuid: current.organizationUuid,
      name: current.name,
      scope: current.scope,
      deletedAt: now.toISOString(),
    });
    try {
      await this.repository.markDeleted(
        uuid,
        current.version,
        { uniqueKey: `deleted:${uuid}`, lastModified: now, lastModifiedByUserUuid: caller.userUuid },
        [event],
        now,
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
  }

  async addDataRow(
    caller: CallerContext,
    uuid: string,
    body: ItInterfaceDataWriteRequest,
    expectedVersion?: number,
  ): Promise<ItInterfaceDataRpcResult> {
    const rowUuid = newPartUuid(this.ids, caller, 'ItInterfaceData');
    // a retry of an add whose answer was lost (Idempotency-Key): the row it added, before any version check
    const earlier = async () => {
      const current = await this.load(uuid);
      ItInterfacePolicy.assertCanModify(caller, current, current.scope);
      return earlierPart(caller, current.data, rowUuid) ? this.rowResult(caller, current, rowUuid) : null;
    };
    const found = caller.idempotencyKey ? await earlier() : null;
    if (found) return found;
    // a retry that overtook its first run finds the interface moved on by that run, with the row: that is its answer
    return createOnce(
      caller,
      async () => {
        const current = await this.load(uuid);
        ItInterfacePolicy.assertCanModify(caller, current, current.scope);
        refuseIfAdded(caller, current.data, rowUuid);
        if (current.data.length >= IT_INTERFACE_DATA_ROWS_MAX)
          throw DomainError.badInput(`An interface has at most ${IT_INTERFACE_DATA_ROWS_MAX} data rows`);
        const row: ItInterfaceDataRow = {
          uuid: rowUuid,
          description: textOrNull(body.description),
          dataTypeUuid: body.dataTypeUuid ?? null,
        };
        const data = [...current.data, row];
        const next = await this.apply(caller, current, { ...writableOf(current), data }, expectedVersion, ON_ROW, []);
        return this.rowResult(caller, next, row.uuid);
      },
      earlier,
    );
  }

  async putDataRow(
    caller: CallerContext,
    uuid: string,
    dataUuid: string,
    body: ItInterfaceDataWriteRequest,
    expectedVersion?: number,
  ): Promise<ItInterfaceDataRpcResult> {
    const current = await this.load(uuid);
    ItInterfacePolicy.assertCanModify(caller, current, current.scope);
    requireRow(current, dataUuid);
    const data = current.data.map((r) =>
      r.uuid === dataUuid ? { uuid: dataUuid, description: textOrNull(body.description), dataTypeUuid: body.dataTypeUuid ?? null } : r,
    );
    const next = await this.apply(caller, current, { ...writableOf(current), data }, expectedVersion, ON_ROW, []);
    return this.rowResult(caller, next, dataUuid);
  }

  async deleteDataRow(caller: CallerContext, uuid: string, dataUuid: string, expectedVersion?: number): Promise<{ revision: number }> {
    const current = await this.load(uuid);
    ItInterfacePolicy.assertCanModify(caller, current, current.scope);
    requireRow(current, dataUuid);
    const data = current.data.filter((r) => r.uuid !== dataUuid);
    const next = await this.apply(caller, current, { ...writableOf(current), data }, expectedVersion, ON_ROW, []);
    return { revision: next.version };
  }

  /** Validates and writes the desired state (with its `updated` event), or returns the current one when nothing changes. */
  private async apply(
    caller: CallerContext,
    current: Stored<ItInterface>,
    desired: WritableState,
    expectedVersion: number | undefined,
    dataTypeField: DataTypeField,
    errors: FieldError[],
  ): Promise<Stored<ItInterface>> {
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(current.uuid, expectedVersion);
    const fieldChanges: FieldChange[] = WRITABLE_FIELDS.filter((f) => !sameValue(current[f], desired[f])).map((field) => ({
      field: apiFieldOf(field),
      oldValue: current[field],
      newValue: desired[field],
    }));
    if (!fieldChanges.length && !errors.length) return current;
    await this.requireValidReferences(caller, current.organizationUuid, current, desired, dataTypeField, errors);
    const uniqueKey = uniqueKeyOf(desired.name, desired.interfaceId);
    if (uniqueKey !== current.uniqueKey) await this.refuseTaken(current.organizationUuid, uniqueKey, desired, current.uuid);
    const next: ItInterface = {
      ...current,
      ...desired,
      nameKey: normalizedKey(desired.name),
      interfaceIdKey: normalizedKey(desired.interfaceId),
      uniqueKey,
      lastModified: this.clock.now(),
      lastModifiedByUserUuid: caller.userUuid,
    };
    const version = current.version + 1;
    const event = this.event(caller, current.organizationUuid, current.uuid, version, CatalogInterfaceEvents.itInterfaceUpdated, {
      interface: snapshot(current.uuid, next),
      changes: fieldChanges,
    });
    const { uuid: _u, version: _v, ...set } = next as Stored<ItInterface>;
    try {
      await this.repository.update(current.uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw taken(desired);
      if (error instanceof StaleVersionError) throw stale(current.uuid, expectedVersion);
      throw error;
    }
    return { ...next, uuid: current.uuid, version };
  }

  /** The full writable state of a create or PUT body; blank texts become null, rows keep the uuids of existing rows. */
  private writableFrom(
    body: UpdateItInterfaceRequest,
    existing: readonly ItInterfaceDataRow[],
  ): { state: WritableState; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const state: WritableState = {
      name: body.name,
      interfaceId: textOrNull(body.interfaceId),
      interfaceVersion: textOrNull(body.version),
      description: textOrNull(body.description),
      urlReference: textOrNull(body.urlReference),
      note: textOrNull(body.note),
      itInterfaceTypeUuid: body.itInterfaceTypeUuid ?? null,
      scope: body.scope ?? DEFAULTS.scope,
      deactivated: body.deactivated ?? DEFAULTS.deactivated,
      exposedBySystemUuid: body.exposedBySystemUuid ?? null,
      data: this.rowsFrom(body.data ?? [], existing, errors),
    };
    return { state, errors };
  }

  private rowsFrom(
    requested: readonly ItInterfaceDataRequest[],
    existing: readonly ItInterfaceDataRow[],
    errors: FieldError[],
  ): ItInterfaceDataRow[] {
    const seen = new Set<string>();
    return requested.map((row, index) => {
      if (row.uuid !== undefined) {
        if (!existing.some((r) => r.uuid === row.uuid))
          errors.push({ field: `data[${index}].uuid`, message: 'is not a data row of this interface; omit it for a new row' });
        else if (seen.has(row.uuid)) errors.push({ field: `data[${index}].uuid`, message: 'names a row already listed' });
        seen.add(row.uuid);
      }
      return { uuid: row.uuid ?? this.ids.uuid(), description: textOrNull(row.description), dataTypeUuid: row.dataTypeUuid ?? null };
    });
  }

  /**
   * The references a write introduces must be valid (KITOS: checked only when they change, so old registrations keep
   * options that are no longer available): the exposing system exists and is visible to the caller, the interface
   * type and data types are available in the owning organisation. All failures are answered in one 400.
   */
  private async requireValidReferences(
    caller: CallerContext,
    organizationUuid: string,
    current: ItInterface | null,
    desired: WritableState,
    dataTypeField: DataTypeField,
    errors: FieldError[],
  ): Promise<void> {
    const problems = [...errors];
    const collect = async (check: () => Promise<unknown>) => {
      try {
        await check();
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.BadInput) throw error;
        problems.push(...(error.errors.length ? error.errors : [{ field: '', message: error.message }]));
      }
    };
    if (desired.exposedBySystemUuid && desired.exposedBySystemUuid !== current?.exposedBySystemUuid) {
      const system = await this.systems.findByUuid(desired.exposedBySystemUuid);
      if (!system || !canReadCatalogEntry(caller, system))
        problems.push({ field: 'exposedBySystemUuid', message: `IT system ${desired.exposedBySystemUuid} does not exist` });
    }
    if (desired.itInterfaceTypeUuid && desired.itInterfaceTypeUuid !== current?.itInterfaceTypeUuid) {
      const ref = { field: 'itInterfaceTypeUuid', uuid: desired.itInterfaceTypeUuid };
      await collect(() => this.optionCatalog().requireAvailable(INTERFACE_TYPES, organizationUuid, [ref]));
    }
    const before = new Map((current?.data ?? []).map((r) => [r.uuid, r.dataTypeUuid]));
    const dataTypeRefs: FieldRef[] = desired.data.flatMap((row, index) =>
      row.dataTypeUuid && before.get(row.uuid) !== row.dataTypeUuid ? [{ field: dataTypeField(index), uuid: row.dataTypeUuid }] : [],
    );
    if (dataTypeRefs.length) await collect(() => this.optionCatalog().requireAvailable(DATA_TYPES, organizationUuid, dataTypeRefs));
    if (problems.length) throw DomainError.badInput('The request is invalid', problems);
  }

  private optionCatalog(): OptionCatalog {
    if (!this.options) throw DomainError.unavailable('Option types are not available yet');
    return this.options;
  }

  private async refuseTaken(organizationUuid: string, uniqueKey: string, desired: WritableState, exceptUuid?: string): Promise<void> {
    const existing = await this.repository.findByUniqueKey(organizationUuid, uniqueKey);
    if (existing && existing.uuid !== exceptUuid) throw taken(desired, existing.uuid);
  }

  private async load(uuid: string): Promise<Stored<ItInterface>> {
    const found = await this.repository.findByUuid(uuid);
    if (!found) throw DomainError.notFound('IT interface', uuid);
    return found;
  }

  private async rowResult(caller: CallerContext, state: Stored<ItInterface>, dataUuid: string): Promise<ItInterfaceDataRpcResult> {
    const [response] = await this.toResponses(caller, [state]);
    return { row: response.data.find((r) => r.uuid === dataUuid)!, revision: state.version };
  }

  /** Responses with the names of the referenced options and systems (a system's name only if the caller may read it). */
  private async toResponses(caller: CallerContext, items: readonly Stored<ItInterface>[]): Promise<ItInterfaceResponse[]> {
    const typeUuids = unique(items.map((i) => i.itInterfaceTypeUuid));
    const dataTypeUuids = unique(items.flatMap((i) => i.data.map((r) => r.dataTypeUuid)));
    const systemUuids = unique(items.map((i) => i.exposedBySystemUuid));
    const [typeNames, dataTypeNames, systemNames] = await Promise.all([
      this.optionNames(INTERFACE_TYPES, typeUuids),
      this.optionNames(DATA_TYPES, dataTypeUuids),
      this.systemNames(caller, systemUuids),
    ]);
    const ref = (uuid: string | null, names: Map<string, string>) => (uuid ? { uuid, name: names.get(uuid) ?? null } : null);
    const user = (uuid: string | null) => (uuid ? { uuid, name: null } : null);
    return items.map((s) => ({
      uuid: s.uuid,
      organizationContext: { uuid: s.organizationUuid, name: null },
      exposedBySystem: ref(s.exposedBySystemUuid, systemNames),
      name: s.name,
      interfaceId: s.interfaceId,
      version: s.interfaceVersion,
      description: s.description,
      notes: s.note,
      urlReference: s.urlReference,
      itInterfaceType: ref(s.itInterfaceTypeUuid, typeNames),
      scope: s.scope,
      deactivated: s.deactivated,
      data: s.data.map((r): ItInterfaceDataResponse => ({
        uuid: r.uuid,
        description: r.description,
        dataType: ref(r.dataTypeUuid, dataTypeNames),
      })),
      created: s.createdAt.toISOString(),
      createdBy: user(s.createdByUserUuid),
      lastModified: s.lastModified.toISOString(),
      lastModifiedBy: user(s.lastModifiedByUserUuid),
      revision: s.version,
    }));
  }

  private async optionNames(kind: OptionKind, uuids: string[]): Promise<Map<string, string>> {
    return uuids.length && this.options ? this.options.namesOf(kind, uuids) : new Map();
  }

  private async systemNames(caller: CallerContext, uuids: string[]): Promise<Map<string, string>> {
    const systems = await Promise.all(uuids.map((uuid) => this.systems.findByUuid(uuid)));
    return new Map(systems.flatMap((s) => (s && canReadCatalogEntry(caller, s) ? [[s.uuid, s.name] as const] : [])));
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

function writableOf(s: ItInterface): WritableState {
  return Object.fromEntries(WRITABLE_FIELDS.map((f) => [f, s[f]])) as WritableState;
}

function requireRow(current: Stored<ItInterface>, dataUuid: string): void {
  if (!current.data.some((r) => r.uuid === dataUuid)) throw DomainError.notFound('Data row of IT interface', dataUuid);
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

function taken(desired: Pick<WritableState, 'name' | 'interfaceId'>, existingUuid?: string): DomainError {
  const id = desired.interfaceId ? ` and interface id "${desired.interfaceId}"` : ' and no interface id';
  return DomainError.conflict(
    `An interface named "${desired.name}"${id} already exists in this organisation`,
    existingUuid ? { existingUuid } : {},
  );
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`IT interface ${uuid}`, expectedVersion, 'revision');
}

export function snapshot(uuid: string, s: ItInterface): ItInterfaceSnapshot {
  return {
    uuid,
    organizationUuid: s.organizationUuid,
    name: s.name,
    interfaceId: s.interfaceId,
    version: s.interfaceVersion,
    description: s.description,
    urlReference: s.urlReference,
    note: s.note,
    itInterfaceTypeUuid: s.itInterfaceTypeUuid,
    scope: s.scope,
    deactivated: s.deactivated,
    exposedBySystemUuid: s.exposedBySystemUuid,
    data: s.data.map((r) => ({ ...r })),
    createdAt: s.createdAt.toISOString(),
    lastModified: s.lastModified.toISOString(),
  };
}
