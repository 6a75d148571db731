import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  isMember,
  memberOrganizations,
  requireUser,
  systemCaller,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  fieldRefs,
  danishDayOf,
  danishDayOfInput,
  roleAssignmentErrors,
} from '@kitos/common';
import {
  changedFields,
  ContractEvents,
  MAX_PAGE_SIZE,
  type ContractPaymentWrite,
  type CreateItContractRequest,
  type FieldChange,
  type ItContractResponse,
  type ItContractEconomySnapshot,
  type ItContractSnapshot,
  type ListItContractsQuery,
  type OptionTypeKind,
  type OrganizationContractEconomyResponse,
  type Page,
  type TransferItContractsRequest,
  type UpdateItContractRequest,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { LinkedObjectsLookup } from '../links/linked-objects.lookup';
import { OptionCatalog, OrganizationDirectory } from '../shared/ports';
import {
  addPayment,
  addTotals,
  byYear,
  contractEconomy,
  paymentYear,
  zeroTotals,
  type Economy,
  type Payment,
  type Totals,
} from './contract-economy';
import {
  agreementPeriodErrors,
  duplicateErrors,
  keptUuidErrors,
  masterReferenceErrors,
  parentCycleError,
  validityPeriodErrors,
} from './contract-rules';
import { computeChainValidity, computeDeadlines, parseExtensionOption, parseNoticeMonths, type ContractValidity } from './contract-terms';
import { CONTRACT_PARTS, contractFields, nameKeyOf, termsOf, type ContractPart, type ItContract, type OptionValue } from './it-contract';
import { ItContractPolicy } from './it-contract.policy';
import { ItContractsRepository, type ItContractFilter } from './it-contracts.repository';

const AGGREGATE = 'it-contract';
/** Deepest parent chain followed (a guard: the rules keep the hierarchy acyclic). */
const MAX_DEPTH = 100;

type Parts = Partial<UpdateItContractRequest>;
type PartState = Partial<ItContract>;
type Chain = Map<string, Stored<ItContract> | null>;

/** IT contracts: registration, hierarchy, links, economy, validity and deadlines; every change an event. */
@Injectable()
export class ItContractsService {
  constructor(
    private readonly repository: ItContractsRepository,
    private readonly options: OptionCatalog,
    private readonly directory: OrganizationDirectory,
    private readonly links: LinkedObjectsLookup,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, request: CreateItContractRequest): Promise<ItContractResponse> {
    ItContractPolicy.assertCanCreate(caller, request.organizationUuid);
    await this.directory.requireOrganization({ field: 'organizationUuid', uuid: request.organizationUuid });
    const now = this.clock.now();
    const uuid = this.ids.uuid();
    const empty = emptyContract(request.organizationUuid, request.name, now, caller.userUuid);
    const state: ItContract = { ...empty, ...(await this.resolveParts(caller, empty, uuid, allParts(request))) };
    await this.refuseTakenName(state.nameKey, uuid);
    const chain = await this.ancestors([state.parentUuid]);
    const event = this.event(caller, state, uuid, 1, ContractEvents.contractCreated, { contract: this.snapshot(uuid, state, chain) });
    try {
      await this.repository.insert(uuid, state, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) await this.refuseTakenName(state.nameKey, uuid);
      throw error;
    }
    await this.reconcileLinks(uuid, state.systemUsageUuids, state.dataProcessingRegistrationUuids);
    return this.get(caller, uuid);
  }

  async get(caller: CallerContext, uuid: string): Promise<ItContractResponse> {
    const contract = await this.load(uuid);
    ItContractPolicy.assertCanRead(caller, contract);
    return (await this.toResponses([contract]))[0];
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
    return { items: await this.toResponses(contracts), page, pageSize };
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
    const next: ItContract = { ...current, ...(await this.resolveParts(caller, current, uuid, parts)) };
    if (next.nameKey !== current.nameKey) await this.refuseTakenName(next.nameKey, uuid);
    await this.save(caller, current, next, expectedVersion);
    await this.reconcileLinks(uuid, next.systemUsageUuids, next.dataProcessingRegistrationUuids);
    return this.get(caller, uuid);
  }

  /**
   * Deletes the contract. Its sub-contracts are kept and become top-level contracts (KITOS: the children lose their
   * parent), each with an `updated` event; with `withChildren` the whole subtree is deleted instead, deepest first.
   */
  async delete(caller: CallerContext, uuid: string, expectedVersion: number | undefined, withChildren: boolean): Promise<void> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    if (withChildren) {
      const subtree = await this.descendants(uuid);
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
      const parent = await this.requireReadableParent(caller, parentUuid);
      const ancestors = await this.ancestorUuids(parentUuid);
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
    return this.toResponses(await this.repository.findManyByUuid(request.contractUuids));
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

  /** The parent must exist (404) and be readable (403); same organisation and no cycle are checked by the caller (400). */
  private async requireReadableParent(caller: CallerContext, parentUuid: string): Promise<Stored<ItContract>> {
    const parent = await this.repository.findByUuid(parentUuid);
    if (!parent) throw DomainError.notFound('Parent contract', parentUuid);
    if (!ItContractPolicy.canRead(caller, parent)) throw DomainError.forbidden('You may not read the parent contract');
    return parent;
  }

  /** Uuids of the ancestors of a contract, nearest first (the contract itself not included). */
  private async ancestorUuids(uuid: string): Promise<string[]> {
    const result: string[] = [];
    let next = (await this.repository.findByUuid(uuid))?.parentUuid ?? null;
    while (next !== null && result.length < MAX_DEPTH && !result.includes(next)) {
      result.push(next);
      next = (await this.repository.findByUuid(next))?.parentUuid ?? null;
    }
    return result;
  }

  /** Every descendant, breadth-first (children before grandchildren). */
  private async descendants(uuid: string): Promise<string[]> {
    const result: string[] = [];
    const queue = [uuid];
    while (queue.length && result.length < 10_000) {
      for (const child of await this.repository.childUuids(queue.shift()!)) {
        if (child === uuid || result.includes(child)) continue;
        result.push(child);
        queue.push(child);
      }
    }
    return result;
  }

  /** The contracts above the given parents, loaded once: enough to compute validity along the chain. */
  private async ancestors(parentUuids: ReadonlyArray<string | null>, chain: Chain = new Map()): Promise<Chain> {
    let pending = [...new Set(parentUuids.filter((u): u is string => u !== null && !chain.has(u)))];
    for (let depth = 0; pending.length && depth < MAX_DEPTH; depth++) {
      const found = await this.repository.findManyByUuid(pending);
      for (const uuid of pending) chain.set(uuid, found.find((c) => c.uuid === uuid) ?? null);
      pending = [...new Set(found.map((c) => c.parentUuid).filter((u): u is string => u !== null && !chain.has(u)))];
    }
    return chain;
  }

  private validityOf(contract: ItContract, chain: Chain, today: string): ContractValidity {
    const terms = [termsOf(contract)];
    const seen = new Set<string>();
    let parentUuid = contract.parentUuid;
    while (parentUuid !== null && !seen.has(parentUuid) && seen.size < MAX_DEPTH) {
      seen.add(parentUuid);
      const parent = chain.get(parentUuid);
      if (!parent) break;
      terms.push(termsOf(parent));
      parentUuid = parent.parentUuid;
    }
    return computeChainValidity(terms, today);
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
    const chain = await this.ancestors([updated.parentUuid]);
    const event = this.event(caller, updated, uuid, version, ContractEvents.contractUpdated, {
      contract: this.snapshot(uuid, updated, chain),
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

  /**
   * The state of each part sent (a missing or null section is reset), checked against the KITOS rules and the data
   * owned elsewhere. References already on the contract are not checked again (an option deactivated since must not
   * block other changes). Every 400 problem of every part is reported together; an unknown parent is 404, an
   * unreadable one 403, as in KITOS.
   */
  private async resolveParts(caller: CallerContext, current: ItContract, uuid: string, parts: Parts): Promise<PartState> {
    const org = current.organizationUuid;
    const result: PartState = {};
    const errors: FieldError[] = [];
    const checks: Array<() => Promise<unknown>> = [];
    const day = (value: string | null | undefined) => (value ? danishDayOfInput(value) : null);
    /** An option: kept when unchanged, else checked for availability in the organisation and named. */
    const option = (
      kind: OptionTypeKind,
      field: string,
      key: keyof ItContract,
      chosen: string | null | undefined,
      after?: (o: OptionValue) => void,
    ) => {
      const uuidChosen = chosen ?? null;
      const existing = current[key] as OptionValue | null;
      if (uuidChosen === null) {
        (result as Record<string, unknown>)[key] = null;
        return;
      }
      if (existing?.uuid === uuidChosen) {
        (result as Record<string, unknown>)[key] = existing;
        after?.(existing);
        return;
      }
      checks.push(async () => {
        const [found] = await this.options.requireAvailable(kind, org, [{ field, uuid: uuidChosen }]);
        const value = { uuid: found.uuid, name: found.name };
        (result as Record<string, unknown>)[key] = value;
        after?.(value);
      });
    };

    if ('name' in parts) {
      if (!parts.name) errors.push({ field: 'name', message: 'name is required and cannot be cleared' });
      else Object.assign(result, { name: parts.name, nameKey: nameKeyOf(org, parts.name) });
    }

    if ('parentContractUuid' in parts) {
      const parentUuid = parts.parentContractUuid ?? null;
      result.parentUuid = parentUuid;
      if (parentUuid !== null && parentUuid !== current.parentUuid) {
        const field = 'parentContractUuid';
        if (parentUuid === uuid) errors.push({ field, message: 'A contract cannot be its own parent' });
        else {
          const parent = await this.requireReadableParent(caller, parentUuid);
          if (parent.organizationUuid !== org) errors.push({ field, message: 'The parent contract must belong to the same organisation' });
          const cycle = parentCycleError(uuid, parentUuid, await this.ancestorUuids(parentUuid), field);
          if (cycle) errors.push(cycle);
        }
      }
    }

    if ('general' in parts) {
      const g = parts.general ?? {};
      const v = g.validity ?? {};
      Object.assign(result, {
        contractId: g.contractId ?? null,
        notes: g.notes ?? null,
        enforcedValid: v.enforcedValid ?? false,
        validFrom: day(v.validFrom),
        validTo: day(v.validTo),
        requireValidParent: v.requireValidParent ?? false,
      } satisfies PartState);
      errors.push(...validityPeriodErrors(result.validFrom ?? null, result.validTo ?? null));
      option('it-contract-contract-types', 'general.contractTypeUuid', 'contractType', g.contractTypeUuid);
      option('it-contract-contract-template-types', 'general.contractTemplateUuid', 'contractTemplate', g.contractTemplateUuid);
      option('it-contract-criticality-types', 'general.criticalityUuid', 'criticality', g.criticalityUuid);
      const elements = g.agreementElementUuids ?? [];
      const elementErrors = duplicateErrors('general.agreementElementUuids', elements, 'Agreement element');
      errors.push(...elementErrors);
      const known = new Map(current.agreementElements.map((e) => [e.uuid, e.name]));
      const build = () => (result.agreementElements = elements.map((u) => ({ uuid: u, name: known.get(u) ?? '' })));
      build();
      const fresh = elements.map((u, i) => ({ field: `general.agreementElementUuids[${i}]`, uuid: u })).filter((r) => !known.has(r.uuid));
      if (!elementErrors.length && fresh.length)
        checks.push(async () => {
          for (const o of await this.options.requireAvailable('it-contract-agreement-element-types', org, fresh)) known.set(o.uuid, o.name);
          build();
        });
    }

    if ('procurement' in parts) {
      const p = parts.procurement ?? {};
      option('it-contract-purchase-types', 'procurement.purchaseTypeUuid', 'purchaseType', p.purchaseTypeUuid);
      option(
        'it-contract-procurement-strategy-types',
        'procurement.procurementStrategyUuid',
        'procurementStrategy',
        p.procurementStrategyUuid,
      );
      Object.assign(result, {
        procurementPlanQuarter: p.procurementPlan?.quarterOfYear ?? null,
        procurementPlanYear: p.procurementPlan?.year ?? null,
        procurementInitiated: p.procurementInitiated ?? null,
      } satisfies PartState);
    }

    if ('supplier' in parts) {
      const s = parts.supplier ?? {};
      const supplierUuid = s.organizationUuid ?? null;
      Object.assign(result, {
        supplierUuid,
        supplierSigned: s.signed ?? false,
        supplierSignedBy: s.signedBy ?? null,
        supplierSignedAt: day(s.signedAt),
      } satisfies PartState);
      if (supplierUuid !== null && supplierUuid !== current.supplierUuid)
        checks.push(() => this.directory.requireOrganization({ field: 'supplier.organizationUuid', uuid: supplierUuid }));
    }

    if ('responsible' in parts) {
      const r = parts.responsible ?? {};
      const unitUuid = r.organizationUnitUuid ?? null;
      Object.assign(result, {
        responsibleUnitUuid: unitUuid,
        responsibleUnitName: unitUuid === null ? null : unitUuid === current.responsibleUnitUuid ? current.responsibleUnitName : '',
        responsibleSigned: r.signed ?? false,
        responsibleSignedBy: r.signedBy ?? null,
        responsibleSignedAt: day(r.signedAt),
      } satisfies PartState);
      if (unitUuid !== null && unitUuid !== current.responsibleUnitUuid)
        checks.push(async () => {
          const [unit] = await this.directory.requireUnits(org, [{ field: 'responsible.organizationUnitUuid', uuid: unitUuid }]);
          result.responsibleUnitName = unit.name;
        });
    }

    if ('systemUsageUuids' in parts) {
      const usages = parts.systemUsageUuids ?? [];
      const dup = duplicateErrors('systemUsageUuids', usages, 'System usage');
      errors.push(...dup);
      result.systemUsageUuids = [...usages];
      const fresh = fieldRefs('systemUsageUuids', usages).filter((r) => !current.systemUsageUuids.includes(r.uuid));
      if (!dup.length && fresh.length) checks.push(() => this.links.requireUsages(org, fresh));
    }

    if ('dataProcessingRegistrationUuids' in parts) {
      const registrations = parts.dataProcessingRegistrationUuids ?? [];
      const dup = duplicateErrors('dataProcessingRegistrationUuids', registrations, 'Data processing registration');
      errors.push(...dup);
      result.dataProcessingRegistrationUuids = [...registrations];
      const fresh = fieldRefs('dataProcessingRegistrationUuids', registrations).filter(
        (r) => !current.dataProcessingRegistrationUuids.includes(r.uuid),
      );
      if (!dup.length && fresh.length) checks.push(() => this.links.requireRegistrations(org, fresh));
    }

    if ('paymentModel' in parts) {
      const m = parts.paymentModel ?? {};
      result.operationsRemunerationStartedAt = day(m.operationsRemunerationStartedAt);
      option('it-contract-payment-frequency-types', 'paymentModel.paymentFrequencyUuid', 'paymentFrequency', m.paymentFrequencyUuid);
      option('it-contract-payment-model-types', 'paymentModel.paymentModelUuid', 'paymentModel', m.paymentModelUuid);
      option('it-contract-price-regulation-types', 'paymentModel.priceRegulationUuid', 'priceRegulation', m.priceRegulationUuid);
    }

    if ('agreementPeriod' in parts) {
      const a = parts.agreementPeriod ?? {};
      Object.assign(result, {
        durationYears: a.durationYears ?? null,
        durationMonths: a.durationMonths ?? null,
        isContinuous: a.isContinuous ?? false,
        extensionOptionsUsed: a.extensionOptionsUsed ?? 0,
        irrevocableUntil: day(a.irrevocableUntil),
        extensionOptionCount: null,
        extensionOptionMonths: null,
      } satisfies PartState);
      option(
        'it-contract-agreement-extension-option-types',
        'agreementPeriod.extensionOptionsUuid',
        'extensionOptions',
        a.extensionOptionsUuid,
        (o) => {
          const parsed = parseExtensionOption(o.name);
          result.extensionOptionCount = parsed?.count ?? null;
          result.extensionOptionMonths = parsed?.months ?? null;
        },
      );
    }

    if ('termination' in parts) {
      const t = parts.termination ?? {};
      const terms = t.terms ?? {};
      Object.assign(result, {
        terminatedAt: day(t.terminatedAt),
        noticePeriodExtendsCurrent: terms.noticePeriodExtendsCurrent ?? null,
        noticeByEndOf: terms.noticeByEndOf ?? null,
        noticePeriodMonths: null,
      } satisfies PartState);
      const field = 'termination.terms.noticePeriodMonthsUuid';
      option('it-contract-notice-period-month-types', field, 'noticePeriod', terms.noticePeriodMonthsUuid, (o) => {
        result.noticePeriodMonths = parseNoticeMonths(o.name);
        if (result.noticePeriodMonths === null) errors.push({ field, message: `The notice period "${o.name}" is not a number of months` });
      });
    }

    if ('payments' in parts) {
      const internal = parts.payments?.internal ?? [];
      const external = parts.payments?.external ?? [];
      const existing = new Map([...current.internalPayments, ...current.externalPayments].map((p) => [p.uuid, p]));
      const unitNames = new Map(
        [...current.internalPayments, ...current.externalPayments].map((p) => [p.organizationUnitUuid, p.organizationUnitName]),
      );
      errors.push(...keptUuidErrors('payments.internal', internal, new Set(current.internalPayments.map((p) => p.uuid)), 'Payment'));
      errors.push(...keptUuidErrors('payments.external', external, new Set(current.externalPayments.map((p) => p.uuid)), 'Payment'));
      const toPayment = (p: ContractPaymentWrite): Payment => ({
        uuid: p.uuid && existing.has(p.uuid) ? p.uuid : this.ids.uuid(),
        organizationUnitUuid: p.organizationUnitUuid,
        organizationUnitName: unitNames.get(p.organizationUnitUuid) ?? '',
        acquisitionOre: p.acquisitionØre ?? 0,
        operationOre: p.operationØre ?? 0,
        otherOre: p.otherØre ?? 0,
        accountingEntry: p.accountingEntry ?? null,
        auditStatus: p.auditStatus ?? 'White',
        auditDate: day(p.auditDate),
        note: p.note ?? null,
      });
      result.internalPayments = internal.map(toPayment);
      result.externalPayments = external.map(toPayment);
      const fresh = [
        ...internal.map((p, i) => ({ field: `payments.internal[${i}].organizationUnitUuid`, uuid: p.organizationUnitUuid })),
        ...external.map((p, i) => ({ field: `payments.external[${i}].organizationUnitUuid`, uuid: p.organizationUnitUuid })),
      ].filter((r) => !unitNames.has(r.uuid));
      if (fresh.length)
        checks.push(async () => {
          for (const unit of await this.directory.requireUnits(org, fresh)) unitNames.set(unit.uuid, unit.name);
          for (const p of [...(result.internalPayments ?? []), ...(result.externalPayments ?? [])])
            p.organizationUnitName = unitNames.get(p.organizationUnitUuid) ?? '';
        });
    }

    if ('roles' in parts) {
      const assignments = parts.roles ?? [];
      errors.push(...roleAssignmentErrors(assignments));
      const known = new Set(current.roles.map((r) => `${r.roleUuid}:${r.userUuid}`));
      const roleNames = new Map(current.roles.map((r) => [r.roleUuid, r.roleName]));
      const build = () =>
        (result.roles = assignments.map((a) => ({
          roleUuid: a.roleUuid,
          roleName: roleNames.get(a.roleUuid) ?? '',
          userUuid: a.userUuid,
        })));
      build();
      const fresh = assignments.map((a, i) => ({ ...a, i })).filter((a) => !known.has(`${a.roleUuid}:${a.userUuid}`));
      if (fresh.length) {
        checks.push(async () => {
          const roles = await this.directory.requireRoleTypes(
            'ItContract',
            fresh.map((a) => ({ field: `roles[${a.i}].roleUuid`, uuid: a.roleUuid })),
          );
          for (const role of roles) roleNames.set(role.uuid, role.name);
          build();
        });
        checks.push(() =>
          this.directory.requireMembers(
            org,
            fresh.map((a) => ({ field: `roles[${a.i}].userUuid`, uuid: a.userUuid })),
          ),
        );
      }
    }

    if ('externalReferences' in parts) {
      const references = parts.externalReferences ?? [];
      errors.push(...keptUuidErrors('externalReferences', references, new Set(current.externalReferences.map((r) => r.uuid)), 'Reference'));
      errors.push(...masterReferenceErrors(references));
      result.externalReferences = references.map((r) => ({
        uuid: r.uuid ?? this.ids.uuid(),
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference ?? false,
      }));
    }

    errors.push(...(await this.collectErrors(checks)));
    if ('agreementPeriod' in parts)
      errors.push(
        ...agreementPeriodErrors({
          isContinuous: result.isContinuous ?? false,
          durationYears: result.durationYears ?? null,
          durationMonths: result.durationMonths ?? null,
          extensionOptionsUsed: result.extensionOptionsUsed ?? 0,
          extensionOptionCount: result.extensionOptionCount ?? null,
        }),
      );
    if (errors.length) throw DomainError.badInput('The contract is invalid', errors);
    return result;
  }

  /** Runs the checks and gathers the field errors of those that refuse their input. */
  private async collectErrors(checks: ReadonlyArray<() => Promise<unknown>>): Promise<FieldError[]> {
    const outcomes = await Promise.allSettled(checks.map((check) => check()));
    const errors: FieldError[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      const error = outcome.reason as unknown;
      if (!(error instanceof DomainError) || error.code !== ErrorCode.BadInput) throw error;
      errors.push(...(error.errors.length ? error.errors : [{ field: '', message: error.message }]));
    }
    return errors;
  }

  // ------------------------------------------------------------------ reading

  /** Responses with the names of everything referenced, looked up once for the whole page. */
  private async toResponses(contracts: ReadonlyArray<Stored<ItContract>>): Promise<ItContractResponse[]> {
    if (!contracts.length) return [];
    const unique = <T>(values: T[]) => [...new Set(values)];
    const userUuids = unique(
      contracts
        .flatMap((c) => [...c.roles.map((r) => r.userUuid), c.createdByUserUuid, c.lastModifiedByUserUuid])
        .filter((x): x is string => !!x),
    );
    const chain = await this.ancestors(contracts.map((c) => c.parentUuid));
    const [organizations, userNames, usageNames, registrationNames] = await Promise.all([
      this.directory.organizations(unique(contracts.flatMap((c) => [c.organizationUuid, c.supplierUuid]).filter((x): x is string => !!x))),
      userUuids.length ? this.directory.userNames(userUuids) : new Map<string, string>(),
      this.links.usageNames(unique(contracts.flatMap((c) => c.systemUsageUuids))),
      this.links.registrationNames(unique(contracts.flatMap((c) => c.dataProcessingRegistrationUuids))),
    ]);
    const today = danishDayOf(this.clock.now());
    const pair = (uuid: string, names: Map<string, string | null>) => ({ uuid, name: names.get(uuid) ?? null });
    const userPair = (uuid: string | null) => (uuid ? pair(uuid, userNames) : null);
    const opt = (o: OptionValue | null) => (o ? { uuid: o.uuid, name: o.name || null } : null);
    return contracts.map((c) => {
      const validity = this.validityOf(c, chain, today);
      const parent = c.parentUuid ? chain.get(c.parentUuid) : null;
      const supplier = c.supplierUuid ? organizations.get(c.supplierUuid) : undefined;
      const payment = (p: Payment) => ({
        uuid: p.uuid,
        organizationUnit: { uuid: p.organizationUnitUuid, name: p.organizationUnitName || null },
        acquisitionØre: p.acquisitionOre,
        operationØre: p.operationOre,
        otherØre: p.otherOre,
        accountingEntry: p.accountingEntry,
        auditStatus: p.auditStatus,
        auditDate: p.auditDate,
        note: p.note,
      });
      return {
        uuid: c.uuid,
        name: c.name,
        organizationContext: { uuid: c.organizationUuid, name: organizations.get(c.organizationUuid)?.name ?? null },
        parentContract: c.parentUuid ? { uuid: c.parentUuid, name: parent?.name ?? null } : null,
        general: {
          contractId: c.contractId,
          contractType: opt(c.contractType),
          contractTemplate: opt(c.contractTemplate),
          agreementElements: c.agreementElements.map((e) => ({ uuid: e.uuid, name: e.name || null })),
          notes: c.notes,
          criticality: opt(c.criticality),
          validity: { ...validity, validFrom: c.validFrom, validTo: c.validTo, requireValidParent: c.requireValidParent },
        },
        procurement: {
          purchaseType: opt(c.purchaseType),
          procurementStrategy: opt(c.procurementStrategy),
          procurementPlan:
            c.procurementPlanQuarter === null ? null : { quarterOfYear: c.procurementPlanQuarter, year: c.procurementPlanYear ?? 0 },
          procurementInitiated: c.procurementInitiated,
        },
        supplier: {
          organization: c.supplierUuid ? { uuid: c.supplierUuid, name: supplier?.name ?? null, cvr: supplier?.cvr ?? null } : null,
          signed: c.supplierSigned,
          signedBy: c.supplierSignedBy,
          signedAt: c.supplierSignedAt,
        },
        responsible: {
          organizationUnit: c.responsibleUnitUuid ? { uuid: c.responsibleUnitUuid, name: c.responsibleUnitName || null } : null,
          signed: c.responsibleSigned,
          signedBy: c.responsibleSignedBy,
          signedAt: c.responsibleSignedAt,
        },
        systemUsages: c.systemUsageUuids.map((u) => pair(u, usageNames)),
        dataProcessingRegistrations: c.dataProcessingRegistrationUuids.map((u) => pair(u, registrationNames)),
        paymentModel: {
          operationsRemunerationStartedAt: c.operationsRemunerationStartedAt,
          paymentFrequency: opt(c.paymentFrequency),
          paymentModel: opt(c.paymentModel),
          priceRegulation: opt(c.priceRegulation),
        },
        agreementPeriod: {
          durationYears: c.durationYears,
          durationMonths: c.durationMonths,
          isContinuous: c.isContinuous,
          extensionOptions: opt(c.extensionOptions),
          extensionOptionsUsed: c.extensionOptionsUsed,
          irrevocableUntil: c.irrevocableUntil,
        },
        termination: {
          terminatedAt: c.terminatedAt,
          terms: {
            noticePeriodMonths: opt(c.noticePeriod),
            noticePeriodExtendsCurrent: c.noticePeriodExtendsCurrent,
            noticeByEndOf: c.noticeByEndOf,
          },
        },
        payments: { internal: c.internalPayments.map(payment), external: c.externalPayments.map(payment) },
        roles: c.roles.map((r) => ({ role: { uuid: r.roleUuid, name: r.roleName || null }, user: pair(r.userUuid, userNames) })),
        externalReferences: c.externalReferences.map((r) => ({ ...r })),
        validity,
        deadlines: computeDeadlines(termsOf(c), today),
        economy: contractEconomy(c.internalPayments, c.externalPayments, c.operationsRemunerationStartedAt),
        created: c.createdAt.toISOString(),
        createdBy: userPair(c.createdByUserUuid),
        lastModified: c.lastModified.toISOString(),
        lastModifiedBy: userPair(c.lastModifiedByUserUuid),
        version: c.version,
      };
    });
  }

  private snapshot(uuid: string, c: ItContract, chain: Chain): ItContractSnapshot {
    const today = danishDayOf(this.clock.now());
    const validity = this.validityOf(c, chain, today);
    const deadlines = computeDeadlines(termsOf(c), today);
    return {
      uuid,
      organizationUuid: c.organizationUuid,
      name: c.name,
      lastModified: c.lastModified.toISOString(),
      supplierUuid: c.supplierUuid,
      systemUsageUuids: [...c.systemUsageUuids],
      dataProcessingRegistrationUuids: [...c.dataProcessingRegistrationUuids],
      valid: validity.valid,
      validFrom: c.validFrom,
      validTo: c.validTo,
      enforcedValid: c.enforcedValid,
      deadlines: { ...deadlines },
      validationErrors: validity.validationErrors,
      requireValidParent: c.requireValidParent,
      parentContractUuid: c.parentUuid,
      responsibleOrganizationUnitUuid: c.responsibleUnitUuid,
      contractId: c.contractId,
      notes: c.notes ?? null,
      noticePeriodMonths: c.noticePeriodMonths ?? null,
      economy: economySnapshot(contractEconomy(c.internalPayments, c.externalPayments, c.operationsRemunerationStartedAt)),
    };
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

/** The economy as events carry it: both payment streams summed, with ASCII property names. */
function economySnapshot(economy: Economy): ItContractEconomySnapshot {
  const sums = (t: Totals) => ({
    acquisitionOre: t.acquisitionØre,
    operationOre: t.operationØre,
    otherOre: t.otherØre,
    totalOre: t.totalØre,
  });
  return { ...sums(economy.total), byYear: economy.byYear.map((y) => ({ year: y.year, ...sums(y) })) };
}

function hasYear(contract: ItContract, year: number): boolean {
  return [...contract.internalPayments, ...contract.externalPayments].some(
    (p) => paymentYear(p, contract.operationsRemunerationStartedAt) === year,
  );
}

export function emptyContract(organizationUuid: string, name: string, now: Date, userUuid: string | null): ItContract {
  return {
    organizationUuid,
    name,
    nameKey: nameKeyOf(organizationUuid, name),
    parentUuid: null,
    contractId: null,
    contractType: null,
    contractTemplate: null,
    agreementElements: [],
    notes: null,
    criticality: null,
    enforcedValid: false,
    validFrom: null,
    validTo: null,
    requireValidParent: false,
    purchaseType: null,
    procurementStrategy: null,
    procurementPlanQuarter: null,
    procurementPlanYear: null,
    procurementInitiated: null,
    supplierUuid: null,
    supplierSigned: false,
    supplierSignedBy: null,
    supplierSignedAt: null,
    responsibleUnitUuid: null,
    responsibleUnitName: null,
    responsibleSigned: false,
    responsibleSignedBy: null,
    responsibleSignedAt: null,
    systemUsageUuids: [],
    dataProcessingRegistrationUuids: [],
    operationsRemunerationStartedAt: null,
    paymentFrequency: null,
    paymentModel: null,
    priceRegulation: null,
    durationYears: null,
    durationMonths: null,
    isContinuous: false,
    extensionOptions: null,
    extensionOptionCount: null,
    extensionOptionMonths: null,
    extensionOptionsUsed: 0,
    irrevocableUntil: null,
    terminatedAt: null,
    noticePeriod: null,
    noticePeriodMonths: null,
    noticePeriodExtendsCurrent: null,
    noticeByEndOf: null,
    internalPayments: [],
    externalPayments: [],
    roles: [],
    externalReferences: [],
    createdAt: now,
    createdByUserUuid: userUuid,
    lastModified: now,
    lastModifiedByUserUuid: userUuid,
  };
}

/** Every part, absent ones as null (reset): the meaning of POST and PUT. The name is kept as sent. */
function allParts(request: Parts): Parts {
  return Object.fromEntries(CONTRACT_PARTS.map((p: ContractPart) => [p, request[p] ?? null])) as Parts;
}

function fieldChanges(before: ItContract, after: ItContract): FieldChange[] {
  return changedFields(contractFields(before), contractFields(after));
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`IT contract ${uuid}`, expectedVersion);
}
