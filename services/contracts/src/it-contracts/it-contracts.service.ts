import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  isAllowed,
  isMember,
  memberOrganizations,
  requireUser,
  systemCaller,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  createOnce,
  refuseIfAdded,
  newAggregateUuid,
  chosenUuid,
  uuidTaken,
  newPartUuid,
} from '@kitos/common';
import {
  changedFields,
  ContractEvents,
  MAX_PAGE_SIZE,
  type CreateItContractRequest,
  type ExternalReferenceDataWriteRequest as ReferenceWrite,
  type ExternalReferenceResponse,
  type ExternalReferenceResult,
  type FieldChange,
  type ItContractResponse,
  type ListItContractsQuery,
  type OrganizationContractEconomyResponse,
  type Page,
  type ResourceCollectionPermissionsResponse,
  type ResourcePermissionsResponse,
  type TransferItContractsRequest,
  type HandedOverObject,
  type RoleHandoverCommand,
} from '@kitos/contracts';
import { handOverRoles } from '@kitos/platform';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { LinkedObjectsLookup } from '../links/linked-objects.lookup';
import { OrganizationDirectory } from '../shared/ports';
import { addPayment, addTotals, byYear, paymentYear, zeroTotals, type Payment, type Totals } from './contract-economy';
import { duplicateErrors, parentCycleError } from './contract-rules';
import { CONTRACT_PARTS, contractFields, type ContractPart, type ContractReference, type ItContract } from './it-contract';
import { ContractHierarchy } from './contract-hierarchy';
import { ContractPartsResolver, type Parts } from './contract-parts';
import { ContractResponses } from './contract-responses';
import { emptyContract } from './empty-contract';
import { ItContractPolicy } from './it-contract.policy';
import { ItContractsRepository, type ItContractFilter } from './it-contracts.repository';

const AGGREGATE = 'it-contract';

/** One change of an external reference: an add, a replacement or a removal. */
type ExternalReferenceChange =
  | { kind: 'add'; reference: ReferenceWrite }
  | { kind: 'replace'; referenceUuid: string; reference: ReferenceWrite }
  | { kind: 'delete'; referenceUuid: string };

/** IT contracts: registration, hierarchy, links, economy, validity and deadlines; every change an event. */
@Injectable()
export class ItContractsService {
  constructor(
    private readonly repository: ItContractsRepository,
    private readonly directory: OrganizationDirectory,
    private readonly links: LinkedObjectsLookup,
    private readonly hierarchy: ContractHierarchy,
    private readonly parts: ContractPartsResolver,
    private readonly responses: ContractResponses,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, request: CreateItContractRequest): Promise<ItContractResponse> {
    ItContractPolicy.assertCanCreate(caller, request.organizationUuid);
    // an importer's chosen uuid, else one derived from the Idempotency-Key (a retry finds what the first run made)
    const uuid = chosenUuid(caller, request.organizationUuid, request.uuid, () => newAggregateUuid(this.ids, caller, AGGREGATE));
    // with an Idempotency-Key: the contract a previous run of this very request created (its answer was lost)
    if (caller.idempotencyKey && (await this.repository.findByUuid(uuid))) return this.get(caller, uuid);
    if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('An IT contract', uuid);
    // a retry that overtook its first run finds the name (or `_id`) taken by that run's object: that is its answer
    return createOnce(
      caller,
      async () => {
        await this.directory.requireOrganization({ field: 'organizationUuid', uuid: request.organizationUuid });
        const now = this.clock.now();
        const empty = emptyContract(request.organizationUuid, request.name, now, caller.userUuid);
        const state: ItContract = { ...empty, ...(await this.parts.resolve(caller, empty, uuid, allParts(request))) };
        await this.refuseTakenName(state.nameKey, uuid);
        const chain = await this.hierarchy.ancestors([state.parentUuid]);
        const event = this.event(caller, state, uuid, 1, ContractEvents.contractCreated, {
          contract: this.responses.snapshot(uuid, state, chain),
        });
        try {
          await this.repository.insert(uuid, state, [event]);
        } catch (error) {
          if (error instanceof DuplicateKeyError) {
            if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('An IT contract', uuid);
            await this.refuseTakenName(state.nameKey, uuid);
          }
          throw error;
        }
        await this.reconcileLinks(uuid, state.systemUsageUuids, state.dataProcessingRegistrationUuids);
        return this.get(caller, uuid);
      },
      async () => ((await this.repository.findByUuid(uuid)) ? this.get(caller, uuid) : null),
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<ItContractResponse> {
    const contract = await this.load(uuid);
    ItContractPolicy.assertCanRead(caller, contract);
    return (await this.responses.toResponses([contract]))[0];
  }

  /**
   * KITOS `GET it-contracts/{uuid}/permissions`: the answers of the checks the write paths make. Unknown → 404, another
   * organisation's contract → 403 (as reading it). Deleting needs the same right as changing.
   */
  async permissions(caller: CallerContext, uuid: string): Promise<ResourcePermissionsResponse> {
    const contract = await this.load(uuid);
    ItContractPolicy.assertCanRead(caller, contract);
    const modify = await isAllowed(() => this.assertCanModify(caller, contract));
    return { read: true, modify, delete: modify };
  }

  /** KITOS `GET it-contracts/permissions?organizationUuid=`: whether the caller may create a contract there; unknown organisation → 404. */
  async collectionPermissions(caller: CallerContext, organizationUuid: string): Promise<ResourceCollectionPermissionsResponse> {
    requireUser(caller);
    if (!(await this.directory.organizations([organizationUuid])).has(organizationUuid))
      throw DomainError.notFound('Organisation', organizationUuid);
    return { create: await isAllowed(() => ItContractPolicy.assertCanCreate(caller, organizationUuid)) };
  }

  /** Only contracts of the caller's organisations (all for global admins), silently. */
  async list(caller: CallerContext, query: ListItContractsQuery): Promise<Page<ItContractResponse>> {
    requireUser(caller);
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    let systemUsageUuids: string[] | undefined;
    if (query.systemUuid) {
      const ofSystem = await this.links.usagesOfSystem(query.systemUuid);
      systemUsageUuids = query.systemUsageUuid ? ofSystem.filter((u) => u === query.systemUsageUuid) : ofSystem;
    } else if (query.systemUsageUuid) systemUsageUuids = [query.systemUsageUuid];
    const filter: ItContractFilter = {
      visibleOrganizationUuids: caller.isGlobalAdmin ? undefined : memberOrganizations(caller),
      organizationUuid: query.organizationUuid,
      systemUsageUuids,
      dataProcessingRegistrationUuid: query.dataProcessingRegistrationUuid,
      responsibleUnitUuid: query.responsibleOrgUnitUuid,
      supplierUuid: query.supplierUuid,
      nameContent: query.nameContent,
      nameEquals: query.nameEquals,
      changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
    };
    const orderBy = query.changedSinceGtEq ? 'LastChanged' : (query.orderByProperty ?? 'CreationOrder');
    const contracts = await this.repository.list(filter, orderBy, page, pageSize);
    return { items: await this.responses.toResponses(contracts), page, pageSize };
  }

  /** PUT replaces every part (absent ones are reset); PATCH only the parts sent, each section as a whole. */
  async update(
    caller: CallerContext,
    uuid: string,
    changes: Parts,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<ItContractResponse> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    const parts = mode === 'put' ? allParts(changes) : changes;
    const next: ItContract = { ...current, ...(await this.parts.resolve(caller, current, uuid, parts)) };
    if (next.nameKey !== current.nameKey) await this.refuseTakenName(next.nameKey, uuid);
    await this.save(caller, current, next, expectedVersion);
    await this.reconcileLinks(uuid, next.systemUsageUuids, next.dataProcessingRegistrationUuids);
    return this.get(caller, uuid);
  }

  /**
   * KITOS's external-reference sub-resource: adds, replaces or deletes one reference through the same checks as a PATCH
   * of `externalReferences` (403, 404, 412, field errors). A reference that becomes the master takes over from the old
   * master, as in KITOS. Answers the contract's new version and the reference as it now is (null after a delete); an
   * unknown reference → 404.
   */
  async changeExternalReference(
    caller: CallerContext,
    uuid: string,
    change: ExternalReferenceChange,
    expectedVersion: number | undefined,
  ): Promise<ExternalReferenceResult<ExternalReferenceResponse | null>> {
    // a retry of an add whose answer was lost (Idempotency-Key): the reference it added (the request's only new one,
    // so its uuid is the first derived one, see ContractPartsResolver), before any version check
    const earlier = async (): Promise<ExternalReferenceResult<ExternalReferenceResponse | null> | null> => {
      const contract = await this.loadForChange(caller, uuid, undefined);
      const derived = this.addedReferenceUuid(caller);
      if (!contract.externalReferences.some((r) => r.uuid === derived)) return null;
      const read = await this.get(caller, uuid);
      return { version: read.version, reference: read.externalReferences.find((r) => r.uuid === derived) ?? null };
    };
    const found = change.kind === 'add' && caller.idempotencyKey ? await earlier() : null;
    if (found) return found;
    // a retry that overtook its first run finds the contract moved on by that run, with the reference: that is its answer
    return createOnce(caller, () => this.writeExternalReference(caller, uuid, change, expectedVersion), earlier, {
      derived: change.kind === 'add',
    });
  }

  /** The uuid an add of one reference gives it: the request's only new reference, so the first derived one (ContractPartsResolver). */
  private addedReferenceUuid(caller: CallerContext): string {
    return newPartUuid(this.ids, caller, 'ContractExternalReference\n0');
  }

  private async writeExternalReference(
    caller: CallerContext,
    uuid: string,
    change: ExternalReferenceChange,
    expectedVersion: number | undefined,
  ): Promise<ExternalReferenceResult<ExternalReferenceResponse | null>> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    const before = current.externalReferences;
    // a run of this very add that got here first (it wrote after this run looked for it): its reference is the answer,
    // and adding the request's reference again would store a second one under the same derived uuid
    if (change.kind === 'add') refuseIfAdded(caller, before, this.addedReferenceUuid(caller));
    if (change.kind !== 'add' && !before.some((r) => r.uuid === change.referenceUuid))
      throw DomainError.notFound('External reference of the contract', change.referenceUuid);
    const master = change.kind !== 'delete' && change.reference.masterReference === true;
    const others = (r: ContractReference) => ({ ...r, masterReference: master ? false : r.masterReference });
    const references =
      change.kind === 'add'
        ? [...before.map(others), change.reference]
        : change.kind === 'replace'
          ? before.map((r) => (r.uuid === change.referenceUuid ? { ...change.reference, uuid: r.uuid } : others(r)))
          : before.filter((r) => r.uuid !== change.referenceUuid);
    const updated = await this.update(caller, uuid, { externalReferences: references }, 'patch', current.version);
    if (change.kind === 'delete') return { version: updated.version, reference: null };
    const known = new Set(before.map((r) => r.uuid));
    const wanted =
      change.kind === 'add' ? (r: { uuid: string }) => !known.has(r.uuid) : (r: { uuid: string }) => r.uuid === change.referenceUuid;
    return { version: updated.version, reference: updated.externalReferences.find(wanted) ?? null };
  }

  /**
   * Deletes the contract. Its sub-contracts are kept and become top-level contracts (KITOS: the children lose their
   * parent), each with an `updated` event; with `withChildren` the whole subtree is deleted instead, deepest first.
   */
  /** One step of a leaver's handover over the organisation's contracts, each change through `update` (rules, events, access). */
  async handOverRoles(caller: CallerContext, command: RoleHandoverCommand): Promise<HandedOverObject[]> {
    const contracts = await this.repository.ofOrganization(command.organizationUuid);
    return handOverRoles(
      'ItContract',
      contracts,
      command,
      async (contract, roles) => {
        await this.update(caller, contract.uuid, { roles }, 'patch');
      },
      (contract) => contract.name,
    );
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion: number | undefined, withChildren: boolean): Promise<void> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    if (withChildren) {
      const subtree = await this.hierarchy.descendants(uuid);
      const contracts = await this.repository.findManyByUuid(subtree);
      for (const child of contracts) await this.assertCanModify(caller, child);
      for (const child of contracts.reverse()) await this.markDeleted(caller, child, undefined);
    } else {
      for (const childUuid of await this.repository.childUuids(uuid)) {
        await this.retrying(async () => {
          const child = await this.repository.findByUuid(childUuid);
          if (child && child.parentUuid === uuid) await this.save(caller, child, { ...child, parentUuid: null }, undefined);
        });
      }
    }
    await this.markDeleted(caller, current, expectedVersion);
  }

  /** Moves several contracts under a new parent (or to the top with null); all are checked before any is moved. */
  async transfer(caller: CallerContext, request: TransferItContractsRequest): Promise<ItContractResponse[]> {
    requireUser(caller);
    const duplicates = duplicateErrors('contractUuids', request.contractUuids, 'Contract');
    if (duplicates.length) throw DomainError.badInput('Each contract can be moved once', duplicates);
    const contracts: Stored<ItContract>[] = [];
    for (const uuid of request.contractUuids) {
      const contract = await this.load(uuid);
      ItContractPolicy.assertCanRead(caller, contract);
      await this.assertCanModify(caller, contract);
      contracts.push(contract);
    }
    const parentUuid = request.parentUuid ?? null;
    if (parentUuid !== null) {
      const errors: FieldError[] = [];
      const parent = await this.hierarchy.requireReadableParent(caller, parentUuid);
      const ancestors = await this.hierarchy.ancestorUuids(parentUuid);
      for (const contract of contracts) {
        if (parent.organizationUuid !== contract.organizationUuid)
          errors.push({ field: 'parentUuid', message: `Contract ${contract.uuid} belongs to another organisation than the parent` });
        const cycle = parentCycleError(contract.uuid, parentUuid, ancestors, 'parentUuid');
        if (cycle) errors.push({ ...cycle, message: `${cycle.message} (${contract.uuid})` });
      }
      if (errors.length) throw DomainError.badInput('The contracts cannot be moved there', errors);
    }
    for (const contract of contracts) {
      await this.retrying(async () => {
        const fresh = await this.load(contract.uuid);
        await this.save(caller, fresh, { ...fresh, parentUuid }, undefined);
      });
    }
    return this.responses.toResponses(await this.repository.findManyByUuid(request.contractUuids));
  }

  /** The payment streams of every contract of an organisation, summed; members only (403). */
  async organizationEconomy(
    caller: CallerContext,
    organizationUuid: string,
    year: number | undefined,
  ): Promise<OrganizationContractEconomyResponse> {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden("You may not read another organisation's economy");
    const organization = (await this.directory.organizations([organizationUuid])).get(organizationUuid);
    if (!organization) throw DomainError.notFound('Organisation', organizationUuid);
    let internal = zeroTotals();
    let external = zeroTotals();
    const years: Array<{ year: number | null; totals: Totals }> = [];
    const perContract: OrganizationContractEconomyResponse['contracts'] = [];
    const perUnit = new Map<string, { name: string; totals: Totals }>();
    const contracts = await this.repository.ofOrganization(organizationUuid);
    for (const contract of contracts) {
      let contractTotals = zeroTotals();
      const take = (p: Payment, kind: 'internal' | 'external') => {
        const paymentsYear = paymentYear(p, contract.operationsRemunerationStartedAt);
        if (year !== undefined && paymentsYear !== year) return;
        const totals = addPayment(zeroTotals(), p);
        if (kind === 'internal') internal = addTotals(internal, totals);
        else external = addTotals(external, totals);
        contractTotals = addTotals(contractTotals, totals);
        years.push({ year: paymentsYear, totals });
        const unit = perUnit.get(p.organizationUnitUuid) ?? { name: p.organizationUnitName, totals: zeroTotals() };
        perUnit.set(p.organizationUnitUuid, { name: unit.name, totals: addTotals(unit.totals, totals) });
      };
      contract.internalPayments.forEach((p) => take(p, 'internal'));
      contract.externalPayments.forEach((p) => take(p, 'external'));
      if (
        contract.internalPayments.length + contract.externalPayments.length > 0 &&
        (year === undefined || contractTotals.totalØre > 0 || hasYear(contract, year))
      )
        perContract.push({ contract: { uuid: contract.uuid, name: contract.name }, ...contractTotals });
    }
    const byName = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'da');
    return {
      organization: { uuid: organizationUuid, name: organization.name },
      year: year ?? null,
      internal,
      external,
      total: addTotals(internal, external),
      byYear: byYear(years),
      contracts: perContract.sort((a, b) => byName(a.contract.name, b.contract.name)),
      organizationUnits: [...perUnit]
        .map(([uuid, u]) => ({ organizationUnit: { uuid, name: u.name || null }, ...u.totals }))
        .sort((a, b) => byName(a.organizationUnit.name, b.organizationUnit.name)),
    };
  }

  /**
   * Removes links to a usage or registration that was deleted where it is owned (an `updated` event for each contract
   * that had it). Idempotent: a contract without the link is left alone.
   */
  async unlink(caller: CallerContext, kind: 'usages' | 'registrations', linkedUuid: string): Promise<number> {
    const field = kind === 'usages' ? 'systemUsageUuids' : 'dataProcessingRegistrationUuids';
    const contractUuids = await this.repository.linking(field, linkedUuid);
    for (const uuid of contractUuids) await this.unlinkFrom(caller, uuid, kind, [linkedUuid]);
    return contractUuids.length;
  }

  private async unlinkFrom(
    caller: CallerContext,
    uuid: string,
    kind: 'usages' | 'registrations',
    linked: readonly string[],
  ): Promise<void> {
    const field = kind === 'usages' ? 'systemUsageUuids' : 'dataProcessingRegistrationUuids';
    await this.retrying(async () => {
      const contract = await this.repository.findByUuid(uuid);
      if (!contract) return;
      const kept = contract[field].filter((u) => !linked.includes(u));
      if (kept.length !== contract[field].length) await this.save(caller, contract, { ...contract, [field]: kept }, undefined);
    });
  }

  /** A link written while its object was being deleted is caught here: the write sees the deletion or the cascade sees the link. */
  private async reconcileLinks(uuid: string, usageUuids: readonly string[], registrationUuids: readonly string[]): Promise<void> {
    const [usages, registrations] = await Promise.all([
      this.links.deleted('usages', usageUuids),
      this.links.deleted('registrations', registrationUuids),
    ]);
    const caller = systemCaller(uuid);
    if (usages.length) await this.unlinkFrom(caller, uuid, 'usages', usages);
    if (registrations.length) await this.unlinkFrom(caller, uuid, 'registrations', registrations);
  }

  // ------------------------------------------------------------------ loading and permissions

  private async load(uuid: string): Promise<Stored<ItContract>> {
    const contract = await this.repository.findByUuid(uuid);
    if (!contract) throw DomainError.notFound('IT contract', uuid);
    return contract;
  }

  private async assertCanModify(caller: CallerContext, contract: Stored<ItContract>): Promise<void> {
    ItContractPolicy.assertCanRead(caller, contract);
    const held = ItContractPolicy.needsRoleAccess(caller, contract) ? ItContractPolicy.rolesHeldBy(caller, contract) : [];
    ItContractPolicy.assertCanModify(caller, contract, held.length ? await this.directory.writeRoleTypes('ItContract', held) : new Set());
  }

  private async loadForChange(caller: CallerContext, uuid: string, expectedVersion: number | undefined): Promise<Stored<ItContract>> {
    const contract = await this.load(uuid);
    await this.assertCanModify(caller, contract);
    if (expectedVersion !== undefined && expectedVersion !== contract.version) throw stale(uuid, expectedVersion);
    return contract;
  }

  private async refuseTakenName(nameKey: string, uuid: string): Promise<void> {
    const existing = await this.repository.findByNameKey(nameKey);
    if (existing && existing.uuid !== uuid)
      throw DomainError.conflict('Name taken: another contract of the organisation has this name', { existingUuid: existing.uuid });
  }

  // ------------------------------------------------------------------ writing

  private async save(
    caller: CallerContext,
    current: Stored<ItContract>,
    next: ItContract,
    expectedVersion: number | undefined,
  ): Promise<void> {
    const changes = fieldChanges(current, next);
    if (!changes.length) return;
    const uuid = current.uuid;
    const version = current.version + 1;
    const updated: ItContract = { ...next, lastModified: this.clock.now(), lastModifiedByUserUuid: caller.userUuid };
    const chain = await this.hierarchy.ancestors([updated.parentUuid]);
    const event = this.event(caller, updated, uuid, version, ContractEvents.contractUpdated, {
      contract: this.responses.snapshot(uuid, updated, chain),
      changes,
    });
    const { uuid: _u, version: _v, ...set } = { ...updated, uuid, version };
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      if (error instanceof DuplicateKeyError) await this.refuseTakenName(updated.nameKey, uuid);
      throw error;
    }
  }

  private async markDeleted(caller: CallerContext, current: Stored<ItContract>, expectedVersion: number | undefined): Promise<void> {
    const now = this.clock.now();
    const event = this.event(caller, current, current.uuid, current.version + 1, ContractEvents.contractDeleted, {
      uuid: current.uuid,
      organizationUuid: current.organizationUuid,
      name: current.name,
      deletedAt: now.toISOString(),
    });
    try {
      await this.repository.markDeleted(
        current.uuid,
        current.version,
        { nameKey: `deleted:${current.uuid}`, lastModified: now, lastModifiedByUserUuid: caller.userUuid },
        [event],
        now,
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(current.uuid, expectedVersion);
      throw error;
    }
  }

  /** Runs a read-modify-write again when another write came between (system-driven changes that must not be lost). */
  private async retrying(work: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= 5 || !(error instanceof DomainError) || error.code !== ErrorCode.Conflict) throw error;
      }
    }
  }

  private event<T extends object>(
    caller: CallerContext,
    contract: ItContract,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid: contract.organizationUuid,
      caller,
      data,
    });
  }
}

function hasYear(contract: ItContract, year: number): boolean {
  return [...contract.internalPayments, ...contract.externalPayments].some(
    (p) => paymentYear(p, contract.operationsRemunerationStartedAt) === year,
  );
}

function allParts(request: Parts): Parts {
  return Object.fromEntries(CONTRACT_PARTS.map((p: ContractPart) => [p, request[p] ?? null])) as Parts;
}

function fieldChanges(before: ItContract, after: ItContract): FieldChange[] {
  return changedFields(contractFields(before), contractFields(after));
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`IT contract ${uuid}`, expectedVersion);
}
