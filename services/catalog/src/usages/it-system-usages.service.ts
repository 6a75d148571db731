import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  canReadCatalogEntry,
  memberOrganizations,
  createOnce,
  newAggregateUuid,
  newPartUuid,
  earlierPart,
  refuseIfAdded,
  requireUser,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  fieldRefs,
  danishDayOfInput,
  externalReferenceErrors,
  roleAssignmentErrors,
  collectErrors,
  chosenUuid,
  uuidTaken,
  permits,
  systemCaller,
  withReference,
} from '@kitos/common';
import {
  changedFields,
  CatalogUsageEvents,
  MAX_PAGE_SIZE,
  type CreateItSystemUsageRequest,
  type FieldChange,
  type ItSystemUsageResponse,
  type ResourceCollectionPermissionsResponse,
  type ResourcePermissionsResponse,
  type UsageExternalReferenceWriteRequest,
  type ExternalReferenceResult,
  type OutgoingSystemRelationResponse,
  type ItSystemUsageSnapshot,
  type ListItSystemUsagesQuery,
  type Page,
  type UpdateItSystemUsageRequest,
  type UsageRoleAssignment,
  type HandedOverObject,
  type RoleHandoverCommand,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { handOverRoles } from '@kitos/platform';
import { ItSystemsRepository } from '../it-systems/it-systems.repository';
import { ContractDirectory, KleCatalog, OptionCatalog, OrganizationDirectory, RelationLookup, type KnownContract } from '../shared/ports';
import {
  USAGE_SECTIONS,
  identityKeyOf,
  usageFields,
  type ItSystemUsage,
  type UsageReference,
  type UsageRole,
  type UsageSection,
} from './it-system-usage';
import { ItSystemUsagePolicy } from './it-system-usage.policy';
import { ItSystemUsagesRepository, type ItSystemUsageFilter } from './it-system-usages.repository';
import { ADDED_KLE_FIELD, USING_UNITS_FIELD, isExpectedUsersBucket, kleDeviationErrors, organizationUsageErrors } from './usage-rules';
import { computeValidity } from './usage-validity';
import { UsageWriteAccess } from './usage-write-access';
import { UsingOrganizations } from './using-organizations';
import { collectionPermissions } from '../shared/collection-permissions';

const AGGREGATE = 'it-system-usage';
const DATA_CLASSIFICATION = 'it-system-usage-data-classification-types';

type Sections = Partial<UpdateItSystemUsageRequest>;
type SectionState = Partial<ItSystemUsage>;
type SystemState = NonNullable<Awaited<ReturnType<ItSystemsRepository['findByUuid']>>>;

/** One organisation's use of a catalogue system: taking it into use, its local registration, roles and references, each change an event. */
@Injectable()
export class ItSystemUsagesService {
  constructor(
    private readonly repository: ItSystemUsagesRepository,
    private readonly systems: ItSystemsRepository,
    private readonly options: OptionCatalog,
    private readonly kle: KleCatalog,
    private readonly directory: OrganizationDirectory,
    private readonly writeAccess: UsageWriteAccess,
    private readonly contracts: ContractDirectory,
    private readonly relations: RelationLookup,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly usingOrganizations: UsingOrganizations,
  ) {}

  async create(caller: CallerContext, request: CreateItSystemUsageRequest): Promise<ItSystemUsageResponse> {
    ItSystemUsagePolicy.assertCanCreate(caller, request.organizationUuid);
    const organizationUuid = request.organizationUuid;
    // an importer's chosen uuid, else one derived from the Idempotency-Key (a retry finds what the first run made)
    const uuid = chosenUuid(caller, organizationUuid, request.uuid, () => newAggregateUuid(this.ids, caller, AGGREGATE));
    const earlier = await this.earlierCreation(caller, uuid);
    if (earlier) return earlier;
    if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('An IT system usage', uuid);
    await this.directory.requireOrganization({ field: 'organizationUuid', uuid: organizationUuid });
    const system = await this.systems.findByUuid(request.systemUuid);
    if (!system)
      throw DomainError.badInput('The IT system does not exist', [
        { field: 'systemUuid', message: `IT system ${request.systemUuid} was not found` },
      ]);
    if (!canReadCatalogEntry(caller, system)) throw DomainError.forbidden('You may not read this IT system');
    if (system.deactivated)
      throw DomainError.badInput('A deactivated IT system cannot be taken into use', [
        { field: 'systemUuid', message: `IT system ${system.uuid} is deactivated` },
      ]);
    // a second usage of the system is refused by the unique index on (organisation, system) when it is written: no
    // scan for it before (FerretDB on SQLite pushes down nothing but `_id`)
    const now = this.clock.now();
    const empty = emptyUsage(organizationUuid, system.uuid, now, caller.userUuid);
    const sections = await this.resolveSections(empty, null, system, allSections(request));
    const state: ItSystemUsage = { ...empty, ...sections };
    const event = this.event(caller, state, uuid, 1, CatalogUsageEvents.itSystemUsageCreated, {
      usage: this.snapshot(uuid, state, system, null),
    });
    // a retry that overtook its first run collides with that run's usage (on `_id` or the system): that is its answer
    return createOnce(
      caller,
      async () => {
        try {
          await this.repository.insert(uuid, state, [event]);
        } catch (error) {
          if (error instanceof DuplicateKeyError) await this.refuseSecondUsage(organizationUuid, system.uuid);
          throw error;
        }
        await this.usingOrganizations.add(system.uuid, organizationUuid);
        if (state.mainContractUuid) await this.usingOrganizations.setMainContract(system.uuid, organizationUuid, state.mainContractUuid);
        return (await this.toResponses([{ ...state, uuid, version: 1 }]))[0];
      },
      () => this.earlierCreation(caller, uuid),
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<ItSystemUsageResponse> {
    const usage = await this.load(uuid);
    ItSystemUsagePolicy.assertCanRead(caller, usage);
    return (await this.toResponses([usage]))[0];
  }

  /** KITOS `GET /it-system-usages/{uuid}/permissions`: the rules of the write endpoints; another organisation's → 403 as GET. */
  async permissions(caller: CallerContext, uuid: string): Promise<ResourcePermissionsResponse> {
    const usage = await this.load(uuid);
    ItSystemUsagePolicy.assertCanRead(caller, usage);
    const held = ItSystemUsagePolicy.needsRoleAccess(caller, usage) ? ItSystemUsagePolicy.rolesHeldBy(caller, usage) : [];
    const writeRoles = held.length ? await this.writeAccess.writeRoles(held) : new Set<string>();
    const modify = permits(() => ItSystemUsagePolicy.assertCanModify(caller, usage, writeRoles));
    return { read: true, modify, delete: modify };
  }

  collectionPermissions(caller: CallerContext, organizationUuid: string): Promise<ResourceCollectionPermissionsResponse> {
    return collectionPermissions(caller, this.directory, organizationUuid, () =>
      ItSystemUsagePolicy.assertCanCreate(caller, organizationUuid),
    );
  }

  /** Only usages of the caller's organisations (all for global admins), silently. */
  async list(caller: CallerContext, query: ListItSystemUsagesQuery): Promise<Page<ItSystemUsageResponse>> {
    requireUser(caller);
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    const filter: ItSystemUsageFilter = {
      visibleOrganizationUuids: caller.isGlobalAdmin ? undefined : memberOrganizations(caller),
      organizationUuid: query.organizationUuid,
      systemUuids: await this.systemFilter(query),
      changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
      uuids: await this.relatedToFilter(query),
    };
    const orderBy = query.changedSinceGtEq ? 'LastChanged' : (query.orderByProperty ?? 'CreationOrder');
    const usages =
      orderBy === 'Name'
        ? await this.pageBySystemName(filter, page, pageSize)
        : await this.repository.list(filter, orderBy, page, pageSize);
    return { items: await this.toResponses(usages), page, pageSize };
  }

  /** PUT replaces every section (absent ones are reset); PATCH only the sections sent, each as a whole. */
  async update(
    caller: CallerContext,
    uuid: string,
    changes: Sections,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<ItSystemUsageResponse> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    const sections = mode === 'put' ? allSections(changes) : changes;
    const system = await this.systemOf(current);
    const next: ItSystemUsage = { ...current, ...(await this.resolveSections(current, current.uuid, system, sections)) };
    return this.save(caller, current, next, system, expectedVersion);
  }

  /** Assigns a role; the same (role, user) twice → 409 as in KITOS. */
  async addRole(
    caller: CallerContext,
    uuid: string,
    assignment: UsageRoleAssignment,
    expectedVersion?: number,
  ): Promise<ItSystemUsageResponse> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    if (current.roles.some((r) => r.roleUuid === assignment.roleUuid && r.userUuid === assignment.userUuid))
      throw DomainError.conflict('The user already holds this role on the usage', {
        roleUuid: assignment.roleUuid,
        userUuid: assignment.userUuid,
      });
    let roleName = '';
    const errors = await collectErrors([
      async () => {
        const refs = [{ field: 'roleUuid', uuid: assignment.roleUuid }];
        roleName = (await this.directory.requireRoleTypes('ItSystemUsage', refs, current.organizationUuid))[0].name;
      },
      () => this.directory.requireMembers(current.organizationUuid, [{ field: 'userUuid', uuid: assignment.userUuid }]),
    ]);
    if (errors.length) throw DomainError.badInput('The role assignment is invalid', errors);
    const added: UsageRole = { roleUuid: assignment.roleUuid, roleName, userUuid: assignment.userUuid };
    return this.save(caller, current, { ...current, roles: [...current.roles, added] }, await this.systemOf(current), expectedVersion);
  }

  /** Removes a role assignment; one the usage does not have → 400 as in KITOS. */
  async removeRole(
    caller: CallerContext,
    uuid: string,
    assignment: UsageRoleAssignment,
    expectedVersion?: number,
  ): Promise<ItSystemUsageResponse> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    const roles = current.roles.filter((r) => !(r.roleUuid === assignment.roleUuid && r.userUuid === assignment.userUuid));
    if (roles.length === current.roles.length)
      throw DomainError.badInput('The user does not hold this role on the usage', [
        { field: 'roleUuid', message: `No assignment of role ${assignment.roleUuid} to user ${assignment.userUuid}` },
      ]);
    return this.save(caller, current, { ...current, roles }, await this.systemOf(current), expectedVersion);
  }

  /** One step of a leaver's handover over the organisation's usages, each change through `update` (rules, events, access). */
  async handOverRoles(caller: CallerContext, command: RoleHandoverCommand): Promise<HandedOverObject[]> {
    const usages = await this.repository.ofOrganization(command.organizationUuid);
    return handOverRoles(
      'ItSystemUsage',
      usages,
      command,
      async (usage, roles) => {
        await this.update(caller, usage.uuid, { roles }, 'patch');
      },
      async (usage) => (await this.systems.findByUuid(usage.systemUuid))?.name ?? '',
    );
  }

  // ---- external references as a sub-resource (KITOS `…/it-system-usages/{uuid}/external-references[/{uuid}]`)

  /** Adds a reference (a master reference takes over from the previous one); the usage's `updated` event records it. */
  addReference(
    caller: CallerContext,
    uuid: string,
    request: UsageExternalReferenceWriteRequest,
    expectedVersion?: number,
  ): Promise<ExternalReferenceResult<UsageReference>> {
    const referenceUuid = newPartUuid(this.ids, caller, 'ItSystemUsageExternalReference');
    // a retry that overtook its first run finds the usage moved on by that run, with the reference: that is its answer
    return createOnce(
      caller,
      () => this.writeReference(caller, uuid, referenceUuid, request, false, expectedVersion),
      () => this.earlierReference(caller, uuid, referenceUuid),
    );
  }

  /** Replaces a reference of the usage; one it does not have is 404. */
  putReference(
    caller: CallerContext,
    uuid: string,
    referenceUuid: string,
    request: UsageExternalReferenceWriteRequest,
    expectedVersion?: number,
  ): Promise<ExternalReferenceResult<UsageReference>> {
    return this.writeReference(caller, uuid, referenceUuid, request, true, expectedVersion);
  }

  async deleteReference(caller: CallerContext, uuid: string, referenceUuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    if (!current.externalReferences.some((r) => r.uuid === referenceUuid)) throw DomainError.notFound('External reference', referenceUuid);
    const externalReferences = current.externalReferences.filter((r) => r.uuid !== referenceUuid);
    await this.save(caller, current, { ...current, externalReferences }, await this.systemOf(current), expectedVersion);
  }

  private async writeReference(
    caller: CallerContext,
    uuid: string,
    referenceUuid: string,
    request: UsageExternalReferenceWriteRequest,
    mustExist: boolean,
    expectedVersion: number | undefined,
  ): Promise<ExternalReferenceResult<UsageReference>> {
    // a retry of an add whose answer was lost (Idempotency-Key): the reference it added, before any version check
    const earlier = mustExist ? null : await this.earlierReference(caller, uuid, referenceUuid);
    if (earlier) return earlier;
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    if (!mustExist) refuseIfAdded(caller, current.externalReferences, referenceUuid);
    if (mustExist && !current.externalReferences.some((r) => r.uuid === referenceUuid))
      throw DomainError.notFound('External reference', referenceUuid);
    const reference: UsageReference = {
      uuid: referenceUuid,
      title: request.title,
      documentId: request.documentId ?? null,
      url: request.url ?? null,
      masterReference: request.masterReference ?? false,
    };
    const next = { ...current, externalReferences: withReference(current.externalReferences, reference) };
    const written = await this.save(caller, current, next, await this.systemOf(current), expectedVersion);
    return { reference, version: written.version };
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    const now = this.clock.now();
    const event = this.event(caller, current, uuid, current.version + 1, CatalogUsageEvents.itSystemUsageDeleted, {
      uuid,
      organizationUuid: current.organizationUuid,
      systemUuid: current.systemUuid,
      deletedAt: now.toISOString(),
    });
    try {
      await this.repository.markDeleted(
        uuid,
        current.version,
        { identityKey: `deleted:${uuid}`, lastModified: now, lastModifiedByUserUuid: caller.userUuid },
        [event],
        now,
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
    await this.usingOrganizations.remove(current.systemUuid, current.organizationUuid);
  }

  /**
   * A contract changed or was deleted (contracts service's events): every usage whose main contract it is but which it
   * no longer covers loses it, with an `updated` event. Idempotent: a repeated event finds nothing left to clear.
   */
  async dropMainContractWhereNotCovered(
    caller: CallerContext,
    contract: { uuid: string; systemUsageUuids: readonly string[] },
  ): Promise<number> {
    let dropped = 0;
    for (const uuid of await this.repository.withMainContract(contract.uuid)) {
      if (contract.systemUsageUuids.includes(uuid)) continue;
      if (await this.systemChange(uuid, (u) => (u.mainContractUuid === contract.uuid ? { ...u, mainContractUuid: null } : u))) dropped++;
    }
    return dropped;
  }

  /** A change the system makes, retried on a concurrent write; false when the usage is gone or nothing changed. */
  private async systemChange(uuid: string, change: (usage: Stored<ItSystemUsage>) => ItSystemUsage, attempts = 5): Promise<boolean> {
    const caller = systemCaller(this.ids.uuid());
    for (let attempt = 1; ; attempt++) {
      const current = await this.repository.findByUuid(uuid);
      if (!current) return false;
      const next = change(current);
      if (!fieldChanges(current, next).length) return false;
      try {
        await this.save(caller, current, next, await this.systemOf(current), undefined);
        return true;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === ErrorCode.Conflict) || attempt >= attempts) throw error;
      }
    }
  }

  /** The main contract must be a live contract of the organisation that covers the usage (KITOS: one of the usage's contracts). */
  private async requireCoveringContract(organizationUuid: string, usageUuid: string | null, contractUuid: string): Promise<void> {
    const field = 'general.mainContractUuid';
    await this.contracts.requireContract(organizationUuid, { field, uuid: contractUuid });
    const contract = await this.contracts.find(contractUuid);
    if (!usageUuid || !contract?.systemUsageUuids.includes(usageUuid))
      throw DomainError.badInput('The main contract must cover the usage', [
        { field, message: `IT contract ${contractUuid} does not cover this usage: add the usage to the contract first` },
      ]);
  }

  /** relatedToSystemUuid, relatedToSystemUsageUuid and relatedToContractUuid as the set of usages to match; undefined when none is given. */
  private async relatedToFilter(query: ListItSystemUsagesQuery): Promise<string[] | undefined> {
    const { relatedToSystemUuid, relatedToSystemUsageUuid, relatedToContractUuid } = query;
    if (!relatedToSystemUuid && !relatedToSystemUsageUuid && !relatedToContractUuid) return undefined;
    let targets: string[] | undefined = relatedToSystemUsageUuid ? [relatedToSystemUsageUuid] : undefined;
    if (relatedToSystemUuid) {
      const ofSystem = (await this.repository.keys({ systemUuids: [relatedToSystemUuid] })).map((k) => k.uuid);
      targets = targets ? targets.filter((t) => ofSystem.includes(t)) : ofSystem;
    }
    return this.relations.fromUsagesRelatedTo({ toSystemUsageUuids: targets, contractUuid: relatedToContractUuid });
  }

  private async load(uuid: string): Promise<Stored<ItSystemUsage>> {
    const usage = await this.repository.findByUuid(uuid);
    if (!usage) throw DomainError.notFound('IT system usage', uuid);
    return usage;
  }

  private async earlierReference(
    caller: CallerContext,
    uuid: string,
    referenceUuid: string,
  ): Promise<ExternalReferenceResult<UsageReference> | null> {
    if (!caller.idempotencyKey) return null;
    const current = await this.loadForChange(caller, uuid, undefined);
    const reference = earlierPart(caller, current.externalReferences, referenceUuid);
    return reference ? { reference, version: current.version } : null;
  }

  private async loadForChange(caller: CallerContext, uuid: string, expectedVersion: number | undefined): Promise<Stored<ItSystemUsage>> {
    const usage = await this.load(uuid);
    ItSystemUsagePolicy.assertCanRead(caller, usage);
    const held = ItSystemUsagePolicy.needsRoleAccess(caller, usage) ? ItSystemUsagePolicy.rolesHeldBy(caller, usage) : [];
    ItSystemUsagePolicy.assertCanModify(caller, usage, held.length ? await this.writeAccess.writeRoles(held) : new Set());
    if (expectedVersion !== undefined && expectedVersion !== usage.version) throw stale(uuid, expectedVersion);
    return usage;
  }

  /**
   * With an Idempotency-Key: the usage a previous run of this very request created (its answer was lost), as it is
   * now; its organisation is added to the system's using organisations again, in case that run stopped before.
   */
  private async earlierCreation(caller: CallerContext, uuid: string): Promise<ItSystemUsageResponse | null> {
    if (!caller.idempotencyKey) return null;
    const usage = await this.repository.findByUuid(uuid);
    if (!usage) return null;
    ItSystemUsagePolicy.assertCanRead(caller, usage);
    await this.usingOrganizations.add(usage.systemUuid, usage.organizationUuid);
    return (await this.toResponses([usage]))[0];
  }

  private async refuseSecondUsage(organizationUuid: string, systemUuid: string): Promise<void> {
    const existing = await this.repository.findByOrganizationAndSystem(organizationUuid, systemUuid);
    if (existing)
      throw DomainError.conflict('Only one system usage per it-system is allowed per organization', { existingUuid: existing.uuid });
  }

  private async systemOf(usage: ItSystemUsage): Promise<SystemState | null> {
    return this.systems.findByUuid(usage.systemUuid);
  }

  /** Writes the changed fields with an `updated` event; nothing changed → no write. */
  private async save(
    caller: CallerContext,
    current: Stored<ItSystemUsage>,
    next: ItSystemUsage,
    system: SystemState | null,
    expectedVersion: number | undefined,
  ): Promise<ItSystemUsageResponse> {
    const changes = fieldChanges(current, next);
    if (!changes.length) return (await this.toResponses([current]))[0];
    const uuid = current.uuid;
    const version = current.version + 1;
    const updated: ItSystemUsage = { ...next, lastModified: this.clock.now(), lastModifiedByUserUuid: caller.userUuid };
    const mainContract = updated.mainContractUuid ? await this.contracts.find(updated.mainContractUuid) : null;
    const event = this.event(caller, updated, uuid, version, CatalogUsageEvents.itSystemUsageUpdated, {
      usage: this.snapshot(uuid, updated, system, mainContract),
      changes,
    });
    const { uuid: _u, version: _v, ...set } = { ...updated, uuid, version };
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
    // the system's kept main contracts (its mainContractSuppliers), like its using organisations after a create
    if ((updated.mainContractUuid ?? null) !== (current.mainContractUuid ?? null))
      await this.usingOrganizations.setMainContract(updated.systemUuid, updated.organizationUuid, updated.mainContractUuid ?? null);
    return (await this.toResponses([{ ...updated, uuid, version }]))[0];
  }

  /**
   * The state of each section sent (a missing or null section is reset), checked against the KITOS rules and the
   * other parts of the catalogue. References already on the usage are not checked again (a unit renamed or a role
   * disabled since must not block other changes). Every problem of every section is reported in one 400.
   */
  private async resolveSections(
    current: ItSystemUsage,
    usageUuid: string | null,
    system: SystemState | null,
    sections: Sections,
  ): Promise<SectionState> {
    const organizationUuid = current.organizationUuid;
    const result: SectionState = {};
    const errors: FieldError[] = [];
    const checks: Array<() => Promise<unknown>> = [];

    if ('general' in sections) {
      const g = sections.general ?? {};
      const validity = g.validity ?? {};
      const validFrom = validity.validFrom ? danishDayOfInput(validity.validFrom) : null;
      const validTo = validity.validTo ? danishDayOfInput(validity.validTo) : null;
      if (validFrom !== null && validTo !== null && validTo < validFrom)
        errors.push({ field: 'general.validity.validTo', message: 'validTo must not be before validFrom' });
      const users = g.numberOfExpectedUsers ?? null;
      if (users && !isExpectedUsersBucket(users))
        errors.push({
          field: 'general.numberOfExpectedUsers',
          message: 'The expected number of users must be one of the intervals 0–9, 10–50, 50–100 or 100+ (upperBound null)',
        });
      const dataClassificationUuid = g.dataClassificationUuid ?? null;
      if (dataClassificationUuid !== null && dataClassificationUuid !== current.dataClassificationUuid)
        checks.push(() =>
          this.options.requireAvailable(DATA_CLASSIFICATION, organizationUuid, [
            { field: 'general.dataClassificationUuid', uuid: dataClassificationUuid },
          ]),
        );
      const mainContractUuid = g.mainContractUuid ?? null;
      if (mainContractUuid !== null && mainContractUuid !== current.mainContractUuid)
        checks.push(() => this.requireCoveringContract(current.organizationUuid, usageUuid, mainContractUuid));
      Object.assign(result, {
        mainContractUuid,
        localSystemId: g.localSystemId ?? null,
        localCallName: g.localCallName ?? null,
        systemVersion: g.systemVersion ?? null,
        notes: g.notes ?? null,
        dataClassificationUuid,
        expectedUsersLowerBound: users ? users.lowerBound : null,
        expectedUsersUpperBound: users ? (users.upperBound ?? null) : null,
        lifeCycleStatus: validity.lifeCycleStatus ?? null,
        validFrom,
        validTo,
        containsAITechnology: g.containsAITechnology ?? null,
        webAccessibilityCompliance: g.webAccessibilityCompliance ?? null,
        lastWebAccessibilityCheck: g.lastWebAccessibilityCheck ? danishDayOfInput(g.lastWebAccessibilityCheck) : null,
        webAccessibilityNotes: g.webAccessibilityNotes ?? null,
      } satisfies SectionState);
    }

    if ('organizationUsage' in sections) {
      const using = sections.organizationUsage?.usingOrganizationUnitUuids ?? [];
      const responsible = sections.organizationUsage?.responsibleOrganizationUnitUuid ?? null;
      errors.push(...organizationUsageErrors(using, responsible));
      const known = new Map(current.usingUnits.map((u) => [u.uuid, u.name]));
      const fresh = fieldRefs(USING_UNITS_FIELD, using).filter((r) => !known.has(r.uuid));
      result.responsibleUnitUuid = responsible;
      result.usingUnits = [...new Set(using)].map((uuid) => ({ uuid, name: known.get(uuid) ?? '' }));
      if (fresh.length)
        checks.push(async () => {
          for (const unit of await this.directory.requireUnits(organizationUuid, fresh)) known.set(unit.uuid, unit.name);
          result.usingUnits = result.usingUnits?.map((u) => ({ uuid: u.uuid, name: known.get(u.uuid) ?? '' }));
        });
    }

    if ('localKleDeviations' in sections) {
      const added = sections.localKleDeviations?.addedKLEUuids ?? [];
      const removed = sections.localKleDeviations?.removedKLEUuids ?? [];
      const ruleErrors = kleDeviationErrors(added, removed, new Set(system?.kleUuids ?? []));
      errors.push(...ruleErrors);
      const fresh = fieldRefs(ADDED_KLE_FIELD, added).filter((r) => !current.addedKleUuids.includes(r.uuid));
      if (!ruleErrors.length && fresh.length) checks.push(() => this.kle.requireExisting(fresh));
      result.addedKleUuids = [...added];
      result.removedKleUuids = [...removed];
    }

    if ('roles' in sections) {
      const assignments = sections.roles ?? [];
      errors.push(...roleAssignmentErrors(assignments));
      const known = new Map(current.roles.map((r) => [`${r.roleUuid}:${r.userUuid}`, r.roleName]));
      const roleNames = new Map(current.roles.map((r) => [r.roleUuid, r.roleName]));
      const fresh = assignments.map((a, i) => ({ ...a, i })).filter((a) => !known.has(`${a.roleUuid}:${a.userUuid}`));
      const build = () =>
        (result.roles = assignments.map((a) => ({
          roleUuid: a.roleUuid,
          roleName: roleNames.get(a.roleUuid) ?? '',
          userUuid: a.userUuid,
        })));
      build();
      if (fresh.length) {
        checks.push(async () => {
          const roles = await this.directory.requireRoleTypes(
            'ItSystemUsage',
            fresh.map((a) => ({ field: `roles[${a.i}].roleUuid`, uuid: a.roleUuid })),
            organizationUuid,
          );
          for (const role of roles) roleNames.set(role.uuid, role.name);
          build();
        });
        checks.push(() =>
          this.directory.requireMembers(
            organizationUuid,
            fresh.map((a) => ({ field: `roles[${a.i}].userUuid`, uuid: a.userUuid })),
          ),
        );
      }
    }

    if ('externalReferences' in sections) {
      const references = sections.externalReferences ?? [];
      errors.push(...externalReferenceErrors(references, new Set(current.externalReferences.map((r) => r.uuid)), 'usage'));
      result.externalReferences = references.map((r) => ({
        uuid: r.uuid ?? this.ids.uuid(),
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference ?? false,
      }));
    }

    errors.push(...(await collectErrors(checks)));
    if (errors.length) throw DomainError.badInput('The usage is invalid', errors);
    return result;
  }

  /** systemUuid and systemNameContent as the set of system uuids to match; undefined when neither is given. */
  private async systemFilter(query: ListItSystemUsagesQuery): Promise<string[] | undefined> {
    if (query.systemNameContent === undefined) return query.systemUuid ? [query.systemUuid] : undefined;
    const needle = query.systemNameContent.trim().toLocaleLowerCase('da');
    const keys = await this.repository.keys({
      organizationUuid: query.organizationUuid,
      systemUuids: query.systemUuid ? [query.systemUuid] : undefined,
    });
    const systemUuids = [...new Set(keys.map((k) => k.systemUuid))];
    const names = await this.systemNames(systemUuids);
    return systemUuids.filter((uuid) => (names.get(uuid) ?? '').toLocaleLowerCase('da').includes(needle));
  }

  private async pageBySystemName(filter: ItSystemUsageFilter, page: number, pageSize: number): Promise<Stored<ItSystemUsage>[]> {
    const keys = await this.repository.keys(filter);
    const names = await this.systemNames([...new Set(keys.map((k) => k.systemUuid))]);
    const nameOf = (systemUuid: string) => (names.get(systemUuid) ?? '').toLocaleLowerCase('da');
    keys.sort(
      (a, b) =>
        nameOf(a.systemUuid).localeCompare(nameOf(b.systemUuid), 'da') ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.uuid.localeCompare(b.uuid),
    );
    const slice = keys.slice(page * pageSize, (page + 1) * pageSize);
    return this.repository.findManyByUuid(slice.map((k) => k.uuid));
  }

  private async systemNames(systemUuids: readonly string[]): Promise<Map<string, string>> {
    const systems = await Promise.all(systemUuids.map((uuid) => this.systems.findByUuid(uuid)));
    return new Map(systems.filter((s): s is SystemState => s !== null).map((s) => [s.uuid, s.name]));
  }

  /** Responses with the names of everything referenced, looked up once for the whole page. */
  private async toResponses(usages: ReadonlyArray<Stored<ItSystemUsage>>): Promise<ItSystemUsageResponse[]> {
    if (!usages.length) return [];
    const unique = <T>(values: T[]) => [...new Set(values)];
    const userUuids = unique(
      usages
        .flatMap((u) => [...u.roles.map((r) => r.userUuid), u.createdByUserUuid, u.lastModifiedByUserUuid])
        .filter((x): x is string => !!x),
    );
    const classificationUuids = unique(usages.map((u) => u.dataClassificationUuid).filter((x): x is string => !!x));
    const kleUuids = unique(usages.flatMap((u) => [...u.addedKleUuids, ...u.removedKleUuids]));
    const [systemNames, organizationNames, userNames, classificationNames, kle, mainContracts, outgoing] = await Promise.all([
      this.systemNames(unique(usages.map((u) => u.systemUuid))),
      this.directory.organizationNames(unique(usages.map((u) => u.organizationUuid))),
      userUuids.length ? this.directory.userNames(userUuids) : new Map<string, string>(),
      classificationUuids.length ? this.options.namesOf(DATA_CLASSIFICATION, classificationUuids) : new Map<string, string>(),
      kleUuids.length ? this.kle.byUuids(kleUuids) : new Map<string, { kleNumber: string }>(),
      this.contracts.findMany(unique(usages.map((u) => u.mainContractUuid).filter((x): x is string => !!x))),
      this.relations.outgoingOf(usages.map((u) => u.uuid)),
    ]);
    const now = this.clock.now();
    const pair = (uuid: string, names: Map<string, string>) => ({ uuid, name: names.get(uuid) ?? null });
    const userPair = (uuid: string | null) => (uuid ? pair(uuid, userNames) : null);
    const klePair = (uuid: string) => ({ uuid, name: kle.get(uuid)?.kleNumber ?? null });
    return usages.map((u) => {
      const responsible = u.usingUnits.find((unit) => unit.uuid === u.responsibleUnitUuid);
      return {
        uuid: u.uuid,
        systemContext: pair(u.systemUuid, systemNames),
        organizationContext: pair(u.organizationUuid, organizationNames),
        general: {
          mainContract: u.mainContractUuid ? { uuid: u.mainContractUuid, name: mainContracts.get(u.mainContractUuid)?.name ?? null } : null,
          localSystemId: u.localSystemId,
          localCallName: u.localCallName,
          systemVersion: u.systemVersion,
          notes: u.notes,
          dataClassification: u.dataClassificationUuid ? pair(u.dataClassificationUuid, classificationNames) : null,
          numberOfExpectedUsers:
            u.expectedUsersLowerBound === null ? null : { lowerBound: u.expectedUsersLowerBound, upperBound: u.expectedUsersUpperBound },
          validity: {
            lifeCycleStatus: u.lifeCycleStatus,
            validFrom: u.validFrom,
            validTo: u.validTo,
            ...computeValidity(u, now, u.mainContractUuid ? (mainContracts.get(u.mainContractUuid) ?? null) : null),
          },
          containsAITechnology: u.containsAITechnology,
          webAccessibilityCompliance: u.webAccessibilityCompliance,
          lastWebAccessibilityCheck: u.lastWebAccessibilityCheck,
          webAccessibilityNotes: u.webAccessibilityNotes,
        },
        organizationUsage: {
          usingOrganizationUnits: u.usingUnits.map((unit) => ({ uuid: unit.uuid, name: unit.name || null })),
          responsibleOrganizationUnit: u.responsibleUnitUuid ? { uuid: u.responsibleUnitUuid, name: responsible?.name || null } : null,
        },
        localKleDeviations: { addedKLE: u.addedKleUuids.map(klePair), removedKLE: u.removedKleUuids.map(klePair) },
        roles: u.roles.map((r) => ({ role: { uuid: r.roleUuid, name: r.roleName || null }, user: pair(r.userUuid, userNames) })),
        externalReferences: u.externalReferences.map((r) => ({ ...r })),
        outgoingSystemRelations: outgoing.get(u.uuid) ?? ([] as OutgoingSystemRelationResponse[]),
        created: u.createdAt.toISOString(),
        createdBy: userPair(u.createdByUserUuid),
        lastModified: u.lastModified.toISOString(),
        lastModifiedBy: userPair(u.lastModifiedByUserUuid),
        version: u.version,
      };
    });
  }

  private snapshot(uuid: string, u: ItSystemUsage, system: SystemState | null, mainContract: KnownContract | null): ItSystemUsageSnapshot {
    const validity = computeValidity(u, this.clock.now(), mainContract);
    return {
      uuid,
      organizationUuid: u.organizationUuid,
      systemUuid: u.systemUuid,
      systemName: system?.name ?? null,
      localCallName: u.localCallName,
      localSystemId: u.localSystemId,
      validity: {
        lifeCycleStatus: u.lifeCycleStatus,
        validFrom: u.validFrom,
        validTo: u.validTo,
        valid: validity.valid,
        invalidReasons: validity.invalidReasons,
      },
      usingOrganizationUnitUuids: u.usingUnits.map((unit) => unit.uuid),
      responsibleOrganizationUnitUuid: u.responsibleUnitUuid,
      createdAt: u.createdAt.toISOString(),
      lastModified: u.lastModified.toISOString(),
      notes: u.notes ?? null,
      expectedUsersLowerBound: u.expectedUsersLowerBound ?? null,
      expectedUsersUpperBound: u.expectedUsersUpperBound ?? null,
    };
  }

  private event<T extends object>(
    caller: CallerContext,
    usage: ItSystemUsage,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid: usage.organizationUuid,
      caller,
      data,
    });
  }
}

function emptyUsage(organizationUuid: string, systemUuid: string, now: Date, userUuid: string | null): ItSystemUsage {
  return {
    organizationUuid,
    systemUuid,
    identityKey: identityKeyOf(organizationUuid, systemUuid),
    localSystemId: null,
    localCallName: null,
    systemVersion: null,
    notes: null,
    dataClassificationUuid: null,
    expectedUsersLowerBound: null,
    expectedUsersUpperBound: null,
    lifeCycleStatus: null,
    validFrom: null,
    validTo: null,
    containsAITechnology: null,
    webAccessibilityCompliance: null,
    lastWebAccessibilityCheck: null,
    webAccessibilityNotes: null,
    mainContractUuid: null,
    usingUnits: [],
    responsibleUnitUuid: null,
    addedKleUuids: [],
    removedKleUuids: [],
    roles: [],
    externalReferences: [],
    createdAt: now,
    createdByUserUuid: userUuid,
    lastModified: now,
    lastModifiedByUserUuid: userUuid,
  };
}

/** Every section, absent ones as null (reset): the meaning of POST and PUT. */
function allSections(request: Sections): Sections {
  return Object.fromEntries(USAGE_SECTIONS.map((s: UsageSection) => [s, request[s] ?? null])) as Sections;
}

function fieldChanges(before: ItSystemUsage, after: ItSystemUsage): FieldChange[] {
  return changedFields(usageFields(before), usageFields(after));
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`IT system usage ${uuid}`, expectedVersion);
}
