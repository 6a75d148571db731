import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  isAllowed,
  ID_GENERATOR,
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
  daysBetween,
  externalReferenceErrors,
  roleAssignmentErrors,
  createOnce,
  newAggregateUuid,
  chosenUuid,
  uuidTaken,
  newPartUuid,
  earlierPart,
  refuseIfAdded,
} from '@kitos/common';
import {
  changedFields,
  GdprEvents,
  MAX_PAGE_SIZE,
  type CreateDataProcessingRegistrationRequest,
  type DataProcessingRegistrationResponse,
  type DataProcessingRegistrationSnapshot,
  type DprGeneralWrite,
  type DprOversightWrite,
  type FieldChange,
  type ListDataProcessingRegistrationsQuery,
  type OptionTypeKind,
  type OverdueOversightResponse,
  type OversightDateResponse,
  type OversightDatePatch,
  type OversightDateWrite,
  type Page,
  type ResourceCollectionPermissionsResponse,
  type ResourcePermissionsResponse,
  type UpdateDataProcessingRegistrationRequest,
  type HandedOverObject,
  type RoleHandoverCommand,
} from '@kitos/contracts';
import { handOverRoles } from '@kitos/platform';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { ContractCopies, type ContractCopy } from './contract-copies';
import {
  dprFields,
  nameKeyOf,
  type DataProcessingRegistration,
  type DprOversightDate,
  type DprSubProcessor,
} from './data-processing-registration';
import { DprDirectory } from './dpr-directory';
import { DprReferences, type FieldRef } from './dpr-references';
import { dependentOnYes, duplicateErrors, isEmptyList, isNull, registrationValid, subProcessorErrors } from './dpr-rules';
import { DprPolicy } from './dpr.policy';
import { DprRepository, type DprFilter } from './dpr.repository';
import { lastCompletedOversight, nextOversightDate } from './oversight-schedule';

const AGGREGATE = 'data-processing-registration';
const KIND = {
  dataResponsible: 'data-processing-registration-data-responsible-types',
  basisForTransfer: 'data-processing-registration-basis-for-transfer-types',
  country: 'data-processing-registration-country-types',
  oversight: 'data-processing-registration-oversight-types',
} as const satisfies Record<string, OptionTypeKind>;

type Request = Partial<UpdateDataProcessingRegistrationRequest>;
type Mode = 'full' | 'patch';
type Dpr = DataProcessingRegistration;

/** One change of an oversight date: an add, a patch or a removal. */
type OversightDateChange =
  | { kind: 'add'; date: OversightDateWrite }
  | { kind: 'patch'; dateUuid: string; date: OversightDatePatch }
  | { kind: 'delete'; dateUuid: string };

/** Data processing registrations [Databehandling]: registration, the KITOS rules, oversight scheduling, each change an event. */
@Injectable()
export class DprService {
  constructor(
    private readonly repository: DprRepository,
    private readonly contracts: ContractCopies,
    private readonly directory: DprDirectory,
    private readonly references: DprReferences,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, request: CreateDataProcessingRegistrationRequest): Promise<DataProcessingRegistrationResponse> {
    requireUser(caller);
    const organizationUuid = request.organizationUuid;
    if (!(await this.directory.organizationsByUuid([organizationUuid])).has(organizationUuid))
      throw DomainError.badInput('The organisation does not exist', [
        { field: 'organizationUuid', message: `Organisation ${organizationUuid} was not found` },
      ]);
    DprPolicy.assertCanCreate(caller, organizationUuid);
    // an importer's chosen uuid, else one derived from the Idempotency-Key (a retry finds what the first run made)
    const uuid = chosenUuid(caller, organizationUuid, request.uuid, () => newAggregateUuid(this.ids, caller, AGGREGATE));
    // with an Idempotency-Key: the registration a previous run of this very request created (its answer was lost)
    if (caller.idempotencyKey && (await this.repository.findByUuid(uuid))) return this.get(caller, uuid);
    if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('A data processing registration', uuid);
    // a retry that overtook its first run finds the name (or `_id`) taken by that run's object: that is its answer
    return createOnce(
      caller,
      async () => {
        const now = this.clock.now();
        const empty = emptyRegistration(organizationUuid, request.name, now, caller.userUuid);
        const state = await this.resolve(uuid, empty, request, 'full');
        await this.refuseTakenName(state, uuid);
        const event = this.event(caller, state, uuid, 1, GdprEvents.dataProcessingRegistrationCreated, {
          registration: await this.snapshot(uuid, state),
        });
        try {
          await this.repository.insert(uuid, state, [event]);
        } catch (error) {
          if (error instanceof DuplicateKeyError) {
            if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('A data processing registration', uuid);
            throw nameTaken(state.name);
          }
          throw error;
        }
        return (await this.toResponses([{ ...state, uuid, version: 1 }]))[0];
      },
      async () => ((await this.repository.findByUuid(uuid)) ? this.get(caller, uuid) : null),
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<DataProcessingRegistrationResponse> {
    const registration = await this.load(uuid);
    DprPolicy.assertCanRead(caller, registration);
    return (await this.toResponses([registration]))[0];
  }

  /**
   * KITOS `GET data-processing-registrations/{uuid}/permissions`: the answers of the checks the write paths make.
   * Unknown → 404, another organisation's registration → 403 (as reading it). Deleting needs the same right as changing.
   */
  async permissions(caller: CallerContext, uuid: string): Promise<ResourcePermissionsResponse> {
    const registration = await this.load(uuid);
    DprPolicy.assertCanRead(caller, registration);
    const held = DprPolicy.rolesToCheck(caller, registration);
    const writeRoles = held.length ? await this.directory.writeRoles(held) : new Set<string>();
    const modify = await isAllowed(() => DprPolicy.assertCanModify(caller, registration, writeRoles));
    return { read: true, modify, delete: modify };
  }

  /** KITOS `GET data-processing-registrations/permissions?organizationUuid=`: whether the caller may create one there; unknown organisation → 404. */
  async collectionPermissions(caller: CallerContext, organizationUuid: string): Promise<ResourceCollectionPermissionsResponse> {
    requireUser(caller);
    if (!(await this.directory.organizationsByUuid([organizationUuid])).has(organizationUuid))
      throw DomainError.notFound('Organisation', organizationUuid);
    return { create: await isAllowed(() => DprPolicy.assertCanCreate(caller, organizationUuid)) };
  }

  /**
   * KITOS's `oversight-dates` sub-resource: adds, changes (only the properties sent) or deletes one completed oversight.
   * Same rights as changing the registration (403), an unknown registration or date → 404, a stale If-Match → 412.
   * As for the whole registration, dates exist only while `isOversightCompleted` is Yes (400 at that field otherwise).
   */
  async changeOversightDate(
    caller: CallerContext,
    uuid: string,
    change: OversightDateChange,
    expectedVersion: number | undefined,
  ): Promise<OversightDateResponse | null> {
    const addedUuid = change.kind === 'add' ? newPartUuid(this.ids, caller, 'DprOversightDate') : null;
    // a retry of an add whose answer was lost (Idempotency-Key): the date it added, before any version check
    const earlier = async (): Promise<OversightDateResponse | null> => {
      const registration = await this.loadForChange(caller, uuid, undefined);
      if (!addedUuid || !earlierPart(caller, registration.oversightDates, addedUuid)) return null;
      return (await this.get(caller, uuid)).oversight.oversightDates.find((d) => d.uuid === addedUuid) ?? null;
    };
    const found = addedUuid && caller.idempotencyKey ? await earlier() : null;
    if (found) return found;
    // a retry that overtook its first run finds the registration moved on by that run, with the date: that is its answer
    return createOnce(caller, () => this.writeOversightDate(caller, uuid, change, addedUuid, expectedVersion), earlier, {
      derived: addedUuid !== null,
    });
  }

  private async writeOversightDate(
    caller: CallerContext,
    uuid: string,
    change: OversightDateChange,
    addedUuid: string | null,
    expectedVersion: number | undefined,
  ): Promise<OversightDateResponse | null> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    // a run of this very add that got here first (it wrote after this run looked for it): its date is the answer, and
    // adding the request's date again would store a second one under the same derived uuid
    if (addedUuid) refuseIfAdded(caller, current.oversightDates, addedUuid);
    const existing = change.kind === 'add' ? undefined : current.oversightDates.find((d) => d.uuid === change.dateUuid);
    if (change.kind !== 'add' && !existing) throw DomainError.notFound('Oversight date of the registration', change.dateUuid);
    if (change.kind !== 'delete' && current.isOversightCompleted !== 'Yes')
      throw DomainError.badInput('Oversight dates are only registered when the oversight is completed', [
        { field: 'oversight.isOversightCompleted', message: 'must be Yes before oversight dates can be added or changed' },
      ]);
    if (change.kind === 'patch' && change.date.completedAt === null)
      throw DomainError.badInput('completedAt cannot be cleared', [{ field: 'completedAt', message: 'completedAt is required' }]);
    let dates = current.oversightDates;
    let dateUuid: string | null = null;
    if (change.kind === 'add') {
      dateUuid = addedUuid ?? this.ids.uuid();
      const { completedAt, remark, oversightReportLink } = change.date;
      dates = [
        ...dates,
        {
          uuid: dateUuid,
          completedAt: danishDayOfInput(completedAt),
          remark: remark ?? null,
          oversightReportLink: reportLinkOf(oversightReportLink),
        },
      ];
    } else if (change.kind === 'patch' && existing) {
      dateUuid = existing.uuid;
      const patch = change.date;
      const changed: DprOversightDate = {
        uuid: existing.uuid,
        completedAt: patch.completedAt ? danishDayOfInput(patch.completedAt) : existing.completedAt,
        remark: patch.remark !== undefined ? (patch.remark ?? null) : existing.remark,
        oversightReportLink:
          patch.oversightReportLink !== undefined ? reportLinkOf(patch.oversightReportLink) : existing.oversightReportLink,
      };
      dates = dates.map((d) => (d.uuid === existing.uuid ? changed : d));
    } else dates = dates.filter((d) => d.uuid !== existing?.uuid);
    // the next oversight follows the dates (as when the whole registration is written)
    const response = await this.save(
      caller,
      current,
      withDerived({ ...current, oversightDates: [...dates].sort(byCompletion) }),
      expectedVersion,
    );
    return dateUuid ? (response.oversight.oversightDates.find((d) => d.uuid === dateUuid) ?? null) : null;
  }

  /** Only registrations of the caller's organisations (all for global admins), silently. */
  async list(caller: CallerContext, query: ListDataProcessingRegistrationsQuery): Promise<Page<DataProcessingRegistrationResponse>> {
    requireUser(caller);
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    let usageUuids: string[] | undefined = query.systemUsageUuid ? [query.systemUsageUuid] : undefined;
    if (query.systemUuid) {
      const ofSystem = await this.references.usagesOfSystem(query.systemUuid, query.organizationUuid);
      usageUuids = usageUuids ? usageUuids.filter((u) => ofSystem.includes(u)) : ofSystem;
    }
    const filter: DprFilter = {
      visibleOrganizationUuids: caller.isGlobalAdmin ? undefined : memberOrganizations(caller),
      organizationUuid: query.organizationUuid,
      systemUsageUuids: usageUuids,
      dataProcessorUuid: query.dataProcessorUuid,
      subDataProcessorUuid: query.subDataProcessorUuid,
      agreementConcluded: query.agreementConcluded,
      nameContains: query.nameContains,
      nameEquals: query.nameEquals,
      changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
    };
    const orderBy = query.changedSinceGtEq ? 'LastChanged' : (query.orderByProperty ?? 'CreationOrder');
    const items = await this.repository.list(filter, orderBy, page, pageSize);
    return { items: await this.toResponses(items), page, pageSize };
  }

  /** PUT (`full`) replaces everything, absent parts reset; PATCH changes only the properties sent. */
  async update(
    caller: CallerContext,
    uuid: string,
    request: Request,
    mode: Mode,
    expectedVersion?: number,
  ): Promise<DataProcessingRegistrationResponse> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    if (mode === 'full' && request.name === undefined)
      throw DomainError.badInput('PUT replaces the whole registration: name is required', [{ field: 'name', message: 'name is required' }]);
    const next = await this.resolve(uuid, current, request, mode);
    return this.save(caller, current, next, expectedVersion);
  }

  /** One step of a leaver's handover over the organisation's registrations, each change through `update` (rules, events, access). */
  async handOverRoles(caller: CallerContext, command: RoleHandoverCommand): Promise<HandedOverObject[]> {
    const registrations = await this.repository.ofOrganization(command.organizationUuid);
    return handOverRoles(
      'DataProcessingRegistration',
      registrations,
      command,
      async (registration, roles) => {
        await this.update(caller, registration.uuid, { roles }, 'patch');
      },
      (registration) => registration.name,
    );
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.loadForChange(caller, uuid, expectedVersion);
    const now = this.clock.now();
    const event = this.event(caller, current, uuid, current.version + 1, GdprEvents.dataProcessingRegistrationDeleted, {
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

  /** Registrations of an organisation whose next oversight lies before today (Danish calendar day), the longest overdue first. */
  async overdueOversights(caller: CallerContext, organizationUuid: string): Promise<OverdueOversightResponse[]> {
    requireUser(caller);
    if (!(await this.directory.organizationsByUuid([organizationUuid])).has(organizationUuid))
      throw DomainError.notFound('Organisation', organizationUuid);
    DprPolicy.assertCanReadOrganization(caller, organizationUuid);
    const today = danishDayOf(this.clock.now());
    return (await this.repository.overdue(organizationUuid, today)).map((r) => ({
      uuid: r.uuid,
      name: r.name,
      nextOversightDate: r.nextOversightDate!,
      daysOverdue: daysBetween(r.nextOversightDate!, today),
      oversightInterval: r.oversightInterval,
      lastCompletedOversight: lastCompletedOversight(oversightStateOf(r)),
      oversightScheduledInspectionDate: r.oversightScheduledInspectionDate,
      responsibleOrganizationUnit: r.responsibleUnitUuid ? { uuid: r.responsibleUnitUuid, name: r.responsibleUnitName || null } : null,
    }));
  }

  /** Every live registration of an organisation as stored (for the Article 30 record of the same service). */
  registrationsOf(organizationUuid: string): Promise<Stored<Dpr>[]> {
    return this.repository.allOf(organizationUuid);
  }

  // ------------------------------------------------------------ reactions to other services' events (system caller)

  /** A usage deleted in the catalogue leaves every registration that covered it. */
  async removeUsage(usageUuid: string, correlationId: string): Promise<void> {
    for (const uuid of await this.repository.uuidsCoveringUsage(usageUuid))
      await this.systemChange(uuid, correlationId, (r) => ({ ...r, systemUsageUuids: r.systemUsageUuids.filter((u) => u !== usageUuid) }));
  }

  /** A contract that was deleted or no longer names a registration stops being its main contract. */
  async contractChanged(contractUuid: string, correlationId: string): Promise<void> {
    const contract = await this.contracts.find(contractUuid);
    for (const uuid of await this.repository.uuidsWithMainContract(contractUuid)) {
      if (contract?.dataProcessingRegistrationUuids.includes(uuid)) continue;
      await this.systemChange(uuid, correlationId, (r) => (r.mainContractUuid === contractUuid ? { ...r, mainContractUuid: null } : r));
    }
  }

  private async systemChange(uuid: string, correlationId: string, change: (r: Stored<Dpr>) => Dpr): Promise<void> {
    const caller = systemCaller(correlationId);
    for (let attempt = 0; ; attempt++) {
      const current = await this.repository.findByUuid(uuid);
      if (!current) return;
      try {
        await this.save(caller, current, withDerived(change(current)), undefined);
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || attempt >= 5) throw error;
      }
    }
  }

  // ------------------------------------------------------------ internals

  private async load(uuid: string): Promise<Stored<Dpr>> {
    const registration = await this.repository.findByUuid(uuid);
    if (!registration) throw DomainError.notFound('Data processing registration', uuid);
    return registration;
  }

  private async loadForChange(caller: CallerContext, uuid: string, expectedVersion: number | undefined): Promise<Stored<Dpr>> {
    const registration = await this.load(uuid);
    DprPolicy.assertCanRead(caller, registration);
    const held = DprPolicy.rolesToCheck(caller, registration);
    DprPolicy.assertCanModify(caller, registration, held.length ? await this.directory.writeRoles(held) : new Set());
    if (expectedVersion !== undefined && expectedVersion !== registration.version) throw stale(uuid, expectedVersion);
    return registration;
  }

  private async refuseTakenName(state: Dpr, ownUuid: string | null): Promise<void> {
    const existing = await this.repository.findByName(state.organizationUuid, state.nameKey);
    if (existing && existing.uuid !== ownUuid) throw nameTaken(state.name);
  }

  /** Writes the changed fields with an `updated` event; nothing changed → no write. */
  private async save(
    caller: CallerContext,
    current: Stored<Dpr>,
    next: Dpr,
    expectedVersion: number | undefined,
  ): Promise<DataProcessingRegistrationResponse> {
    const changes = fieldChanges(current, next);
    if (!changes.length) return (await this.toResponses([current]))[0];
    if (next.nameKey !== current.nameKey) await this.refuseTakenName(next, current.uuid);
    const uuid = current.uuid;
    const version = current.version + 1;
    const updated: Dpr = { ...next, lastModified: this.clock.now(), lastModifiedByUserUuid: caller.userUuid };
    const event = this.event(caller, updated, uuid, version, GdprEvents.dataProcessingRegistrationUpdated, {
      registration: await this.snapshot(uuid, updated),
      changes,
    });
    const { uuid: _u, version: _v, ...set } = { ...updated, uuid, version };
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      if (error instanceof DuplicateKeyError) throw nameTaken(next.name);
      throw error;
    }
    return (await this.toResponses([{ ...updated, uuid, version }]))[0];
  }

  /**
   * The next state from a request, checked against every KITOS rule; all problems are reported in one 400. `full`
   * (POST, PUT) reads every property (absent = empty); `patch` only those sent, inside general and oversight too.
   * References already on the registration are not checked again (an option disabled since must not block other changes).
   */
  private async resolve(uuid: string, current: Dpr, request: Request, mode: Mode): Promise<Dpr> {
    const org = current.organizationUuid;
    const next: Dpr = { ...current };
    const errors: FieldError[] = [];
    const checks: Array<Promise<FieldError[]>> = [];
    const has = (key: keyof Request) => mode === 'full' || key in request;

    if (request.name !== undefined) {
      next.name = request.name.trim();
      next.nameKey = nameKeyOf(org, next.name);
      next.nameLower = next.name.toLocaleLowerCase('da');
    }

    if (has('general')) {
      const section = sectionReader<DprGeneralWrite>(request.general, mode);
      const g = generalOf(current);
      const pick = <K extends keyof DprGeneralWrite>(key: K, empty: NonNullable<DprGeneralWrite[K]> | null) =>
        (section.sent(key) ? (section.value(key) ?? empty) : g[key]) as NonNullable<DprGeneralWrite[K]> | null;

      next.dataResponsibleUuid = pick('dataResponsibleUuid', null);
      next.dataResponsibleRemark = pick('dataResponsibleRemark', null);
      next.isAgreementConcluded = pick('isAgreementConcluded', null);
      next.isAgreementConcludedRemark = pick('isAgreementConcludedRemark', null);
      const concludedAt = dependentOnYes({
        field: 'general.agreementConcludedAt',
        parentField: 'general.isAgreementConcluded',
        answer: next.isAgreementConcluded,
        value: pick('agreementConcludedAt', null),
        sent: section.sent('agreementConcludedAt'),
        isEmpty: isNull,
        empty: null,
      });
      next.agreementConcludedAt = concludedAt.value ? danishDayOfInput(concludedAt.value) : null;
      next.basisForTransferUuid = pick('basisForTransferUuid', null);
      next.transferToInsecureThirdCountries = pick('transferToInsecureThirdCountries', null);
      const countries = dependentOnYes({
        field: 'general.insecureCountriesSubjectToDataTransferUuids',
        parentField: 'general.transferToInsecureThirdCountries',
        answer: next.transferToInsecureThirdCountries,
        value: pick('insecureCountriesSubjectToDataTransferUuids', []) ?? [],
        sent: section.sent('insecureCountriesSubjectToDataTransferUuids'),
        isEmpty: isEmptyList,
        empty: [] as string[],
      });
      next.insecureCountryUuids = [...countries.value];
      next.dataProcessorUuids = [...(pick('dataProcessorUuids', []) ?? [])];
      next.hasSubDataProcessors = pick('hasSubDataProcessors', null);
      const subWrites = dependentOnYes({
        field: 'general.subDataProcessors',
        parentField: 'general.hasSubDataProcessors',
        answer: next.hasSubDataProcessors,
        value: pick('subDataProcessors', []) ?? [],
        sent: section.sent('subDataProcessors'),
        isEmpty: isEmptyList,
        empty: [],
      });
      next.subDataProcessors = subWrites.value.map((s) => ({
        organizationUuid: s.dataProcessorOrganizationUuid,
        basisForTransferUuid: s.basisForTransferUuid ?? null,
        transferToInsecureThirdCountry: s.transferToInsecureThirdCountry ?? null,
        insecureThirdCountryUuid: s.insecureThirdCountrySubjectToDataProcessingUuid ?? null,
      }));
      next.mainContractUuid = pick('mainContractUuid', null);
      const unitUuid = pick('responsibleOrganizationUnitUuid', null);
      next.responsibleUnitUuid = unitUuid;
      next.responsibleUnitName = unitUuid === current.responsibleUnitUuid ? current.responsibleUnitName : null;

      for (const result of [concludedAt, countries, subWrites]) if (result.error) errors.push(result.error);
      errors.push(...duplicateErrors('general.insecureCountriesSubjectToDataTransferUuids', next.insecureCountryUuids, 'Country'));
      errors.push(...duplicateErrors('general.dataProcessorUuids', next.dataProcessorUuids, 'Data processor'));
      if (!subWrites.error) errors.push(...subProcessorErrors(subWrites.value));

      const fresh = (value: string | null, old: string | null) => value !== null && value !== old;
      if (fresh(next.dataResponsibleUuid, current.dataResponsibleUuid))
        checks.push(
          this.references.optionErrors(KIND.dataResponsible, org, [
            { field: 'general.dataResponsibleUuid', uuid: next.dataResponsibleUuid! },
          ]),
        );
      const basisRefs: FieldRef[] = [];
      if (fresh(next.basisForTransferUuid, current.basisForTransferUuid))
        basisRefs.push({ field: 'general.basisForTransferUuid', uuid: next.basisForTransferUuid! });
      const countryRefs = fieldRefs('general.insecureCountriesSubjectToDataTransferUuids', next.insecureCountryUuids).filter(
        (r) => !current.insecureCountryUuids.includes(r.uuid),
      );
      const oldSubs = new Map(current.subDataProcessors.map((s) => [s.organizationUuid, s]));
      next.subDataProcessors.forEach((s, i) => {
        const old = oldSubs.get(s.organizationUuid);
        if (fresh(s.basisForTransferUuid, old?.basisForTransferUuid ?? null))
          basisRefs.push({ field: `general.subDataProcessors[${i}].basisForTransferUuid`, uuid: s.basisForTransferUuid! });
        if (fresh(s.insecureThirdCountryUuid, old?.insecureThirdCountryUuid ?? null))
          countryRefs.push({
            field: `general.subDataProcessors[${i}].insecureThirdCountrySubjectToDataProcessingUuid`,
            uuid: s.insecureThirdCountryUuid!,
          });
      });
      checks.push(this.references.optionErrors(KIND.basisForTransfer, org, basisRefs));
      checks.push(this.references.optionErrors(KIND.country, org, countryRefs));
      const organizationRefs = [
        ...fieldRefs('general.dataProcessorUuids', next.dataProcessorUuids).filter((r) => !current.dataProcessorUuids.includes(r.uuid)),
        ...next.subDataProcessors
          .map((s, i) => ({ field: `general.subDataProcessors[${i}].dataProcessorOrganizationUuid`, uuid: s.organizationUuid }))
          .filter((r) => !oldSubs.has(r.uuid)),
      ];
      if (organizationRefs.length) checks.push(this.directory.organizationErrors(organizationRefs));
      if (fresh(next.mainContractUuid, current.mainContractUuid)) checks.push(this.mainContractErrors(uuid, org, next.mainContractUuid!));
      if (fresh(unitUuid, current.responsibleUnitUuid))
        checks.push(
          this.directory.requireUnit(org, { field: 'general.responsibleOrganizationUnitUuid', uuid: unitUuid! }).then((name) => {
            next.responsibleUnitName = name;
            return [];
          }),
        );
    }

    if (has('systemUsageUuids')) {
      next.systemUsageUuids = [...(request.systemUsageUuids ?? [])];
      errors.push(...duplicateErrors('systemUsageUuids', next.systemUsageUuids, 'System usage'));
      const fresh = fieldRefs('systemUsageUuids', next.systemUsageUuids).filter((r) => !current.systemUsageUuids.includes(r.uuid));
      if (fresh.length) checks.push(this.references.usageErrors(org, fresh));
    }

    if (has('oversight')) {
      const section = sectionReader<DprOversightWrite>(request.oversight, mode);
      const o = oversightOf(current);
      const pick = <K extends keyof DprOversightWrite>(key: K, empty: NonNullable<DprOversightWrite[K]> | null) =>
        (section.sent(key) ? (section.value(key) ?? empty) : o[key]) as NonNullable<DprOversightWrite[K]> | null;
      next.oversightOptionUuids = [...(pick('oversightOptionUuids', []) ?? [])];
      next.oversightOptionsRemark = pick('oversightOptionsRemark', null);
      next.oversightInterval = pick('oversightInterval', null);
      next.oversightIntervalRemark = pick('oversightIntervalRemark', null);
      next.isOversightCompleted = pick('isOversightCompleted', null);
      next.oversightCompletedRemark = pick('oversightCompletedRemark', null);
      const dates = dependentOnYes({
        field: 'oversight.oversightDates',
        parentField: 'oversight.isOversightCompleted',
        answer: next.isOversightCompleted,
        value: pick('oversightDates', []) ?? [],
        sent: section.sent('oversightDates'),
        isEmpty: isEmptyList,
        empty: [],
      });
      if (dates.error) errors.push(dates.error);
      const known = new Map(current.oversightDates.map((d) => [`${d.completedAt}|${d.remark ?? ''}`, d.uuid]));
      next.oversightDates = dates.value
        .map((d) => {
          const completedAt = danishDayOfInput(d.completedAt);
          const remark = d.remark ?? null;
          const uuid = known.get(`${completedAt}|${remark ?? ''}`) ?? this.ids.uuid();
          return { uuid, completedAt, remark, oversightReportLink: reportLinkOf(d.oversightReportLink) };
        })
        .sort(byCompletion);
      const scheduled = pick('oversightScheduledInspectionDate', null);
      next.oversightScheduledInspectionDate = scheduled ? danishDayOfInput(scheduled) : null;
      errors.push(...duplicateErrors('oversight.oversightOptionUuids', next.oversightOptionUuids, 'Oversight option'));
      const fresh = fieldRefs('oversight.oversightOptionUuids', next.oversightOptionUuids).filter(
        (r) => !current.oversightOptionUuids.includes(r.uuid),
      );
      checks.push(this.references.optionErrors(KIND.oversight, org, fresh));
    }

    if (has('roles')) {
      const assignments = request.roles ?? [];
      errors.push(...roleAssignmentErrors(assignments));
      const names = new Map(current.roles.map((r) => [r.roleUuid, r.roleName]));
      const held = new Set(current.roles.map((r) => `${r.roleUuid}:${r.userUuid}`));
      const fresh = assignments.map((a, i) => ({ ...a, i })).filter((a) => !held.has(`${a.roleUuid}:${a.userUuid}`));
      next.roles = assignments.map((a) => ({ roleUuid: a.roleUuid, roleName: names.get(a.roleUuid) ?? '', userUuid: a.userUuid }));
      if (fresh.length) {
        checks.push(
          this.directory
            .requireRoleTypes(
              fresh.map((a) => ({ field: `roles[${a.i}].roleUuid`, uuid: a.roleUuid })),
              org,
            )
            .then((result) => {
              next.roles = next.roles.map((r) => ({ ...r, roleName: result.names.get(r.roleUuid) ?? r.roleName }));
              return result.errors;
            }),
        );
        checks.push(
          this.directory.memberErrors(
            org,
            fresh.map((a) => ({ field: `roles[${a.i}].userUuid`, uuid: a.userUuid })),
          ),
        );
      }
    }

    if (has('externalReferences')) {
      const references = request.externalReferences ?? [];
      errors.push(...externalReferenceErrors(references, new Set(current.externalReferences.map((r) => r.uuid)), 'registration'));
      next.externalReferences = references.map((r) => ({
        uuid: r.uuid ?? this.ids.uuid(),
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference ?? false,
      }));
    }

    for (const found of await Promise.all(checks)) errors.push(...found);
    if (errors.length) throw DomainError.badInput('The data processing registration is invalid', errors);
    return withDerived(next);
  }

  /** KITOS: the main contract must be one of the contracts associated with the registration (those that name it). */
  private async mainContractErrors(uuid: string, organizationUuid: string, contractUuid: string): Promise<FieldError[]> {
    const field = 'general.mainContractUuid';
    const contract = await this.contracts.find(contractUuid);
    if (!contract || contract.organizationUuid !== organizationUuid || !contract.dataProcessingRegistrationUuids.includes(uuid))
      return [{ field, message: 'The main contract must be one of the contracts associated with the registration' }];
    return [];
  }

  /** Responses with the names of everything referenced, looked up once for the whole page. */
  private async toResponses(registrations: ReadonlyArray<Stored<Dpr>>): Promise<DataProcessingRegistrationResponse[]> {
    if (!registrations.length) return [];
    const all = <T>(f: (r: Stored<Dpr>) => T[]) => [...new Set(registrations.flatMap(f))];
    const optionNames = (kind: OptionTypeKind, f: (r: Stored<Dpr>) => Array<string | null>) =>
      this.references.optionNames(
        kind,
        all((r) => f(r).filter((x): x is string => x !== null)),
      );
    const [organizations, users, responsibles, bases, countries, oversights, associated, usages] = await Promise.all([
      this.directory.organizationsByUuid(all((r) => [r.organizationUuid, ...r.dataProcessorUuids, ...r.subDataProcessorUuids])),
      this.directory.userNames(
        all((r) => [...r.roles.map((x) => x.userUuid), r.createdByUserUuid, r.lastModifiedByUserUuid].filter((x): x is string => !!x)),
      ),
      optionNames(KIND.dataResponsible, (r) => [r.dataResponsibleUuid]),
      optionNames(KIND.basisForTransfer, (r) => [r.basisForTransferUuid, ...r.subDataProcessors.map((s) => s.basisForTransferUuid)]),
      optionNames(KIND.country, (r) => [...r.insecureCountryUuids, ...r.subDataProcessors.map((s) => s.insecureThirdCountryUuid)]),
      optionNames(KIND.oversight, (r) => r.oversightOptionUuids),
      Promise.all(registrations.map((r) => this.contracts.associatedWith(r.uuid))),
      Promise.all(all((r) => r.systemUsageUuids).map((uuid) => this.references.usage(uuid).catch(() => null))),
    ]);
    const usageNames = new Map(usages.filter((u) => u !== null).map((u) => [u!.uuid, u!.systemName ?? '']));
    const today = danishDayOf(this.clock.now());
    const pair = (uuid: string, names: Map<string, string>) => ({ uuid, name: names.get(uuid) || null });
    const optional = (uuid: string | null, names: Map<string, string>) => (uuid ? pair(uuid, names) : null);
    const organization = (uuid: string) => {
      const o = organizations.get(uuid);
      return { uuid, name: o?.name ?? null, cvr: o?.cvr ?? null };
    };
    return registrations.map((r, i) => {
      const contracts = associated[i];
      const main = contracts.find((c) => c.uuid === r.mainContractUuid) ?? null;
      return {
        uuid: r.uuid,
        name: r.name,
        organizationContext: { uuid: r.organizationUuid, name: organizations.get(r.organizationUuid)?.name ?? null },
        general: {
          dataResponsible: optional(r.dataResponsibleUuid, responsibles),
          dataResponsibleRemark: r.dataResponsibleRemark,
          isAgreementConcluded: r.isAgreementConcluded,
          isAgreementConcludedRemark: r.isAgreementConcludedRemark,
          agreementConcludedAt: r.agreementConcludedAt,
          basisForTransfer: optional(r.basisForTransferUuid, bases),
          transferToInsecureThirdCountries: r.transferToInsecureThirdCountries,
          insecureCountriesSubjectToDataTransfer: r.insecureCountryUuids.map((uuid) => pair(uuid, countries)),
          dataProcessors: r.dataProcessorUuids.map(organization),
          hasSubDataProcessors: r.hasSubDataProcessors,
          subDataProcessors: r.subDataProcessors.map((s) => ({
            dataProcessorOrganization: organization(s.organizationUuid),
            basisForTransfer: optional(s.basisForTransferUuid, bases),
            transferToInsecureThirdCountry: s.transferToInsecureThirdCountry,
            insecureThirdCountrySubjectToDataProcessing: optional(s.insecureThirdCountryUuid, countries),
          })),
          valid: registrationValid(main, r.mainContractUuid !== null, today),
          mainContract: r.mainContractUuid ? { uuid: r.mainContractUuid, name: main?.name ?? null } : null,
          associatedContracts: contracts.map((c) => ({ uuid: c.uuid, name: c.name })),
          responsibleOrganizationUnit: r.responsibleUnitUuid ? { uuid: r.responsibleUnitUuid, name: r.responsibleUnitName || null } : null,
        },
        systemUsages: r.systemUsageUuids.map((uuid) => pair(uuid, usageNames)),
        oversight: {
          oversightOptions: r.oversightOptionUuids.map((uuid) => pair(uuid, oversights)),
          oversightOptionsRemark: r.oversightOptionsRemark,
          oversightInterval: r.oversightInterval,
          oversightIntervalRemark: r.oversightIntervalRemark,
          isOversightCompleted: r.isOversightCompleted,
          oversightCompletedRemark: r.oversightCompletedRemark,
          oversightDates: r.oversightDates.map((d) => ({ ...d })),
          oversightScheduledInspectionDate: r.oversightScheduledInspectionDate,
          nextOversightDate: r.nextOversightDate,
        },
        roles: r.roles.map((x) => ({ role: { uuid: x.roleUuid, name: x.roleName || null }, user: pair(x.userUuid, users) })),
        externalReferences: r.externalReferences.map((x) => ({ ...x })),
        created: r.createdAt.toISOString(),
        createdBy: r.createdByUserUuid ? pair(r.createdByUserUuid, users) : null,
        lastModified: r.lastModified.toISOString(),
        lastModifiedBy: r.lastModifiedByUserUuid ? pair(r.lastModifiedByUserUuid, users) : null,
        version: r.version,
      };
    });
  }

  /** The event snapshot: what reminders (nextOversightDate), the Article 30 record and reporting need, names as of now. */
  private async snapshot(uuid: string, r: Dpr): Promise<DataProcessingRegistrationSnapshot> {
    const subs = r.subDataProcessors;
    const [organizations, responsibles, bases, countries, oversights, main] = await Promise.all([
      this.directory
        .organizationsByUuid([...r.dataProcessorUuids, ...r.subDataProcessorUuids])
        .catch(() => new Map<string, { name: string; cvr: string | null }>()),
      this.references.optionNames(KIND.dataResponsible, r.dataResponsibleUuid ? [r.dataResponsibleUuid] : []),
      this.references.optionNames(
        KIND.basisForTransfer,
        [r.basisForTransferUuid, ...subs.map((s) => s.basisForTransferUuid)].filter((x): x is string => !!x),
      ),
      this.references.optionNames(
        KIND.country,
        [...r.insecureCountryUuids, ...subs.map((s) => s.insecureThirdCountryUuid)].filter((x): x is string => !!x),
      ),
      this.references.optionNames(KIND.oversight, r.oversightOptionUuids),
      r.mainContractUuid ? this.contracts.find(r.mainContractUuid) : Promise.resolve(null),
    ]);
    const option = (uuid: string | null, names: Map<string, string>) => (uuid ? { uuid, name: names.get(uuid) ?? '' } : null);
    const organization = (uuid: string) => ({ uuid, name: organizations.get(uuid)?.name ?? '', cvr: organizations.get(uuid)?.cvr ?? null });
    return {
      uuid,
      organizationUuid: r.organizationUuid,
      name: r.name,
      systemUsageUuids: [...r.systemUsageUuids],
      mainContractUuid: r.mainContractUuid,
      agreementConcluded: r.isAgreementConcluded,
      dataProcessorUuids: [...r.dataProcessorUuids],
      nextOversightDate: r.nextOversightDate,
      responsibleOrganizationUnitUuid: r.responsibleUnitUuid,
      lastModified: r.lastModified.toISOString(),
      agreementConcludedDate: r.agreementConcludedAt,
      dataResponsible: option(r.dataResponsibleUuid, responsibles),
      basisForTransfer: option(r.basisForTransferUuid, bases),
      transferToInsecureThirdCountries: r.transferToInsecureThirdCountries,
      insecureThirdCountries: r.insecureCountryUuids.map((uuid) => ({ uuid, name: countries.get(uuid) ?? '' })),
      dataProcessors: r.dataProcessorUuids.map(organization),
      hasSubDataProcessors: r.hasSubDataProcessors,
      subDataProcessors: subs.map((s: DprSubProcessor) => ({
        organization: organization(s.organizationUuid),
        basisForTransfer: option(s.basisForTransferUuid, bases),
        transferToInsecureThirdCountry: s.transferToInsecureThirdCountry,
        insecureThirdCountry: option(s.insecureThirdCountryUuid, countries),
      })),
      valid: registrationValid(main as ContractCopy | null, r.mainContractUuid !== null, danishDayOf(this.clock.now())),
      oversightInterval: r.oversightInterval,
      isOversightCompleted: r.isOversightCompleted,
      lastOversightDate: lastCompletedOversight(oversightStateOf(r)),
      oversightScheduledInspectionDate: r.oversightScheduledInspectionDate,
      oversightOptions: r.oversightOptionUuids.map((uuid) => ({ uuid, name: oversights.get(uuid) ?? '' })),
      dataResponsibleRemark: r.dataResponsibleRemark ?? null,
      agreementConcludedRemark: r.isAgreementConcludedRemark ?? null,
      oversightOptionsRemark: r.oversightOptionsRemark ?? null,
      oversightIntervalRemark: r.oversightIntervalRemark ?? null,
      oversightCompletedRemark: r.oversightCompletedRemark ?? null,
    };
  }

  private event<T extends object>(
    caller: CallerContext,
    registration: Dpr,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid: registration.organizationUuid,
      caller,
      data,
    });
  }
}

/** Reads one section of a request: in `full` mode (or a section sent as null) every property counts as sent. */
function sectionReader<T extends object>(section: T | null | undefined, mode: Mode) {
  const whole = mode === 'full' || section === null || section === undefined;
  const source = (section ?? {}) as Partial<T>;
  return {
    sent: (key: keyof T) => whole || (key in source && source[key] !== undefined),
    value: <K extends keyof T>(key: K): T[K] | undefined => source[key],
  };
}

/** The general part of the stored state in request form (what a PATCH leaves untouched). */
function generalOf(r: Dpr): DprGeneralWrite {
  return {
    dataResponsibleUuid: r.dataResponsibleUuid,
    dataResponsibleRemark: r.dataResponsibleRemark,
    isAgreementConcluded: r.isAgreementConcluded,
    isAgreementConcludedRemark: r.isAgreementConcludedRemark,
    agreementConcludedAt: r.agreementConcludedAt,
    basisForTransferUuid: r.basisForTransferUuid,
    transferToInsecureThirdCountries: r.transferToInsecureThirdCountries,
    insecureCountriesSubjectToDataTransferUuids: r.insecureCountryUuids,
    dataProcessorUuids: r.dataProcessorUuids,
    hasSubDataProcessors: r.hasSubDataProcessors,
    subDataProcessors: r.subDataProcessors.map((s) => ({
      dataProcessorOrganizationUuid: s.organizationUuid,
      basisForTransferUuid: s.basisForTransferUuid,
      transferToInsecureThirdCountry: s.transferToInsecureThirdCountry,
      insecureThirdCountrySubjectToDataProcessingUuid: s.insecureThirdCountryUuid,
    })),
    mainContractUuid: r.mainContractUuid,
    responsibleOrganizationUnitUuid: r.responsibleUnitUuid,
  };
}

function oversightOf(r: Dpr): DprOversightWrite {
  return {
    oversightOptionUuids: r.oversightOptionUuids,
    oversightOptionsRemark: r.oversightOptionsRemark,
    oversightInterval: r.oversightInterval,
    oversightIntervalRemark: r.oversightIntervalRemark,
    isOversightCompleted: r.isOversightCompleted,
    oversightCompletedRemark: r.oversightCompletedRemark,
    oversightDates: r.oversightDates.map((d) => ({
      completedAt: d.completedAt,
      remark: d.remark,
      oversightReportLink: d.oversightReportLink,
    })),
    oversightScheduledInspectionDate: r.oversightScheduledInspectionDate,
  };
}

function reportLinkOf(link: { name?: string | null; url?: string | null } | null | undefined): DprOversightDate['oversightReportLink'] {
  return link && (link.name || link.url) ? { name: link.name ?? null, url: link.url ?? null } : null;
}

function byCompletion(a: DprOversightDate, b: DprOversightDate): number {
  return a.completedAt.localeCompare(b.completedAt);
}

function oversightStateOf(r: Dpr) {
  return {
    oversightInterval: r.oversightInterval,
    isOversightCompleted: r.isOversightCompleted,
    completedDates: r.oversightDates.map((d) => d.completedAt),
    scheduledInspectionDate: r.oversightScheduledInspectionDate,
  };
}

/** The fields derived from others: the next oversight date and the sub-processors' organisations. */
function withDerived(r: Dpr): Dpr {
  return {
    ...r,
    nextOversightDate: nextOversightDate(oversightStateOf(r)),
    subDataProcessorUuids: r.subDataProcessors.map((s) => s.organizationUuid),
  };
}

function emptyRegistration(organizationUuid: string, name: string, now: Date, userUuid: string | null): Dpr {
  const trimmed = name.trim();
  return {
    organizationUuid,
    name: trimmed,
    nameKey: nameKeyOf(organizationUuid, trimmed),
    nameLower: trimmed.toLocaleLowerCase('da'),
    dataResponsibleUuid: null,
    dataResponsibleRemark: null,
    isAgreementConcluded: null,
    isAgreementConcludedRemark: null,
    agreementConcludedAt: null,
    basisForTransferUuid: null,
    transferToInsecureThirdCountries: null,
    insecureCountryUuids: [],
    dataProcessorUuids: [],
    hasSubDataProcessors: null,
    subDataProcessors: [],
    subDataProcessorUuids: [],
    mainContractUuid: null,
    responsibleUnitUuid: null,
    responsibleUnitName: null,
    systemUsageUuids: [],
    oversightOptionUuids: [],
    oversightOptionsRemark: null,
    oversightInterval: null,
    oversightIntervalRemark: null,
    isOversightCompleted: null,
    oversightCompletedRemark: null,
    oversightDates: [],
    oversightScheduledInspectionDate: null,
    nextOversightDate: null,
    roles: [],
    externalReferences: [],
    createdAt: now,
    createdByUserUuid: userUuid,
    lastModified: now,
    lastModifiedByUserUuid: userUuid,
  };
}

function fieldChanges(before: Dpr, after: Dpr): FieldChange[] {
  return changedFields(dprFields(before), dprFields(after));
}

function nameTaken(name: string): DomainError {
  return DomainError.conflict(`A data processing registration named "${name}" already exists in the organisation`);
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`Data processing registration ${uuid}`, expectedVersion);
}
