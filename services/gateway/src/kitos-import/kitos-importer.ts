import { DomainError, ErrorCode } from '@kitos/common';
import {
  MAX_PAGE_SIZE,
  OPTION_TYPE_KINDS,
  Rpc,
  type DataProcessingRegistrationResponse,
  type ItContractResponse,
  type ItInterfaceResponse,
  type KleOptionResponse,
  type LocalOptionTypeResponse,
  type UsageArchiveResponse,
  type UsageGdprResponse,
  type ItSystemResponse,
  type ItSystemUsageResponse,
  type GlobalOptionTypeResponse,
  type OptionTypeKind,
  type OptionTypeResponse,
  type OrganizationResponse,
  type OrganizationUnitResponse,
  type OutgoingSystemRelationResponse,
  type RoleTypeResponse,
  type Page,
  type UserResponse,
} from '@kitos/contracts';
import { record, newReport, emptyCounts, type Counts, type ImportReport, type ImportType, type Outcome } from './import-report';
import { KitosSourceError } from './kitos-client';
import {
  changedFields,
  currentItInterface,
  currentItSystem,
  currentOrganization,
  currentRelation,
  currentUnit,
  currentUsage,
  currentUser,
  mapItInterface,
  mapItSystem,
  mapOrganization,
  mapRelation,
  mapUnit,
  mapUsage,
  mapUser,
  parentsFirst,
  type Mapped,
  type MappingContext,
  text,
  type UsageWrite,
} from './kitos-mapping';
import { currentContract, currentDpr, mapContract, mapDpr } from './kitos-mapping-contracts';
import {
  currentUsageArchive,
  currentUsageGdpr,
  mapUsageArchive,
  mapUsageGdpr,
  type UsageArchiveWrite,
  type UsageGdprWrite,
} from './kitos-mapping-usage-sections';
import type {
  KitosDataProcessingRegistration,
  KitosItContract,
  KitosItInterface,
  KitosItSystem,
  KitosItSystemUsage,
  KitosOrganization,
  KitosOrganizationUnit,
  KitosPair,
  KitosShallowOrganization,
  KitosUser,
} from './kitos.types';

/** The domain services' own commands over NATS, as one caller (the CLI's operator, or the admin who started the job). */
export interface ImportBus {
  request<T>(subject: string, data: unknown): Promise<T>;
}

/** What the importer reads KITOS with (`KitosClient`). */
export interface KitosSource {
  authenticate(): Promise<void>;
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  list<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T[]>;
}

export interface ImportProgress {
  readonly type: ImportType;
  readonly done: number;
  readonly total: number;
  readonly counts: Counts;
  readonly finished: boolean;
}

export interface ImportOptions {
  readonly source: string;
  /** The organisation in KITOS (and here: its uuid is kept). */
  readonly organizationUuid: string;
  readonly apply: boolean;
  /** Only what changed in KITOS at or after this time (`changedSinceGtEq`). */
  readonly since?: string | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly now?: () => Date;
}

/** A failure that stops the whole run (KITOS or the bus cannot be reached, the run was aborted): re-running resumes. */
class Stop extends Error {}

const FATAL = new Set<ErrorCode>([ErrorCode.Unavailable, ErrorCode.Timeout, ErrorCode.Internal, ErrorCode.Unauthenticated]);

function reasonOf(error: unknown): string {
  if (error instanceof DomainError) {
    const fields = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return `refused here (${error.code}): ${error.message}${fields ? ` — ${fields}` : ''}`;
  }
  return (error as Error).message;
}

/**
 * Imports one organisation's IT overview from KITOS through the domain services' commands: organisation, units,
 * users with their organisation roles, the IT systems and interfaces it uses, and its system usages. A dry run
 * (`apply: false`) reads both sides and writes nothing. Each object is one create or one change command, compared
 * first: equal objects are left alone, so running again changes nothing. A refused object is reported and the rest
 * goes on; KITOS or the bus failing stops the run with the report so far, and running again resumes.
 */
export class KitosImporter {
  private readonly report: ImportReport;
  private readonly organizations = new Map<string, boolean>();
  private readonly systems = new Map<string, boolean>();
  private readonly options = new Map<string, OptionTypeResponse[]>();
  private readonly units = new Map<string, string>();
  private readonly users = new Set<string>();
  private readonly usages = new Map<string, boolean>();
  /** Usages that were here before this run wrote (only their relations can be here already). */
  private readonly usagesHere = new Set<string>();
  private readonly interfaces = new Map<string, boolean>();
  private usageRoles: RoleTypeResponse[] = [];
  private readonly roleTypes = new Map<string, RoleTypeResponse[]>();
  private readonly contracts = new Map<string, boolean>();
  private readonly contractsHere = new Map<string, ItContractResponse>();
  private readonly systemKle = new Map<string, string[]>();
  /** KITOS KLE uuid → the KLE entry here (by uuid, else by KLE number), or null. */
  private readonly kle = new Map<string, string | null>();
  private readonly dprs = new Map<string, boolean>();
  /** Enabled values of an option type that are not available in the organisation yet (activated when used). */
  private readonly inactive = new Map<string, OptionTypeResponse[]>();
  /** Values the mapping of the current object needs activated first. */
  private pendingActivations: Array<{ kind: OptionTypeKind; option: OptionTypeResponse }> = [];
  private usagesRead: KitosItSystemUsage[] = [];
  /** Systems deactivated in KITOS but created active, so that their usages can be created; deactivated after them. */
  private readonly deactivateAfterUsages = new Set<string>();
  private kitosRootUuid: string | null = null;
  private organizationHere = false;
  private organizationName = '';

  constructor(
    private readonly kitos: KitosSource,
    private readonly bus: ImportBus,
    private readonly options_: ImportOptions,
  ) {
    this.report = newReport({
      source: options_.source,
      organizationUuid: options_.organizationUuid.toLowerCase(),
      apply: options_.apply,
      since: options_.since ?? null,
      now: this.now(),
    });
  }

  private now(): Date {
    return this.options_.now?.() ?? new Date();
  }

  private get org(): string {
    return this.report.organizationUuid;
  }

  private get since(): string | undefined {
    return this.options_.since ?? undefined;
  }

  async run(): Promise<ImportReport> {
    try {
      await this.kitos.authenticate();
      const proceed = await this.importOrganization();
      if (proceed) {
        await this.importUnits();
        await this.importUsers();
        await this.importItSystems();
        await this.importItInterfaces();
        await this.importUsages();
        await this.importDprs();
        await this.importContracts();
        await this.importRelations(this.usagesRead);
        await this.importOptionDescriptions();
      }
    } catch (error) {
      if (!(error instanceof Stop || error instanceof KitosSourceError || error instanceof DomainError || isAbort(error))) throw error;
      this.report.abortedBecause = isAbort(error) ? 'the run was aborted' : (error as Error).message;
    }
    this.report.finishedAt = this.now().toISOString();
    return this.report;
  }

  // ---- the steps

  private async importOrganization(): Promise<boolean> {
    const k = await this.kitos.get<KitosOrganization>(`/api/v2/organizations/${this.org}`);
    const existing = await this.find<OrganizationResponse>(Rpc.identity.getOrganization, { uuid: this.org });
    this.organizationHere = existing !== null;
    const mapped = mapOrganization(k);
    this.organizationName = existing?.name ?? (mapped.ok ? mapped.value.name : '');
    const outcome = await this.one('organization', this.org, k.name ?? this.org, mapped, existing && currentOrganization(existing), {
      create: (value) => this.bus.request(Rpc.identity.createOrganization, { uuid: this.org, ...value }),
      update: null,
    });
    this.progress('organization', 1, 1, true);
    if (!existing && (outcome === 'skipped' || outcome === 'failed'))
      throw new Stop('the organisation cannot be imported, so nothing in it can');
    if (outcome === 'created' && this.options_.apply) this.organizationHere = true;
    this.organizations.set(this.org, true);
    return true;
  }

  private async importUnits(): Promise<void> {
    const all = await this.kitos.list<KitosOrganizationUnit>(`/api/v2/organizations/${this.org}/organization-units`);
    const changed = this.since
      ? await this.kitos.list<KitosOrganizationUnit>(`/api/v2/organizations/${this.org}/organization-units`, {
          changedSinceGtEq: this.since,
        })
      : all;
    const here = this.organizationHere
      ? await this.bus.request<OrganizationUnitResponse[]>(Rpc.identity.listUnits, { organizationUuid: this.org })
      : [];
    const hereByUuid = new Map(here.map((u) => [u.uuid, u]));
    const hereRoot = here.find((u) => !u.parentOrganizationUnit);
    const kitosRoot = all.find((u) => !u.parentOrganizationUnit);
    this.kitosRootUuid = kitosRoot?.uuid ?? null;
    for (const u of here) this.units.set(u.uuid, u.uuid);
    for (const u of all) if (u !== kitosRoot) this.units.set(u.uuid, u.uuid);
    if (kitosRoot) this.units.set(kitosRoot.uuid, hereRoot?.uuid ?? kitosRoot.uuid);
    const context = this.context();
    const ordered = parentsFirst(
      changed,
      (u) => u.uuid,
      (u) => u.parentOrganizationUnit?.uuid,
    );
    let done = 0;
    for (const k of ordered) {
      this.checkAbort();
      if (k === kitosRoot || (kitosRoot && k.uuid === kitosRoot.uuid)) {
        await this.importRoot(k, hereRoot ?? null);
      } else {
        const existing = hereByUuid.get(k.uuid);
        await this.one('organization-unit', k.uuid, k.name, mapUnit(k, context), existing ? currentUnit(existing) : null, {
          create: (value) => this.bus.request(Rpc.identity.createUnit, { organizationUuid: this.org, body: { uuid: k.uuid, ...value } }),
          update: (changes) => this.bus.request(Rpc.identity.patchUnit, { organizationUuid: this.org, uuid: k.uuid, body: changes }),
        });
      }
      this.progress('organization-unit', ++done, ordered.length, false);
    }
    this.progress('organization-unit', done, ordered.length, true);
  }

  /**
   * The KITOS root is this organisation's root here, which identity creates with the organisation (named after it):
   * its name is brought over, its uuid cannot be.
   */
  private async importRoot(k: KitosOrganizationUnit, hereRoot: OrganizationUnitResponse | null): Promise<void> {
    const note = `the root unit is this organisation's root here${hereRoot ? ` (uuid ${hereRoot.uuid})` : ''}; KITOS's root uuid is not kept`;
    const name = k.name?.trim();
    const mapped: Mapped<{ name: string }> = name
      ? { ok: true, value: { name }, notes: [note] }
      : { ok: false, reason: 'the unit has no name' };
    // without the organisation here yet (a dry run), its root will be named after it
    const current = { name: hereRoot?.name ?? this.organizationName };
    await this.one('organization-unit', k.uuid, k.name, mapped, current, {
      create: null,
      update: async (changes) => {
        const rootUuid = hereRoot?.uuid ?? this.units.get(k.uuid);
        await this.bus.request(Rpc.identity.patchUnit, { organizationUuid: this.org, uuid: rootUuid, body: changes });
      },
    });
  }

  private async importUsers(): Promise<void> {
    const users = await this.kitos.list<KitosUser>(`/api/v2/organizations/${this.org}/users`);
    let done = 0;
    for (const k of users) {
      this.checkAbort();
      const existing = await this.find<UserResponse>(Rpc.identity.getUser, { uuid: k.uuid });
      const mapped = mapUser(k);
      const current = existing && currentUser(existing, this.org);
      const name = [k.firstName, k.lastName].filter(Boolean).join(' ') || k.name || k.uuid;
      const outcome = await this.one('user', k.uuid, name, mapped, current, {
        create: ({ roles, ...value }) =>
          this.bus.request(Rpc.identity.createUser, {
            uuid: k.uuid,
            ...value,
            rights: roles.map((role) => ({ organizationUuid: this.org, role })),
          }),
        update: async (changes, desired) => {
          const { roles, ...fields } = changes;
          if (Object.keys(fields).length) await this.bus.request(Rpc.identity.patchUser, { uuid: k.uuid, body: fields });
          for (const role of roles ? desired.roles.filter((r) => !current?.roles.includes(r)) : []) {
            await this.bus.request(Rpc.identity.addRole, { organizationUuid: this.org, uuid: k.uuid, body: { role } });
          }
        },
        refuse: (desired, cur) =>
          desired.email.toLowerCase() !== cur.email.toLowerCase()
            ? `the e-mail address here (${cur.email}) differs; the import does not change e-mail addresses`
            : null,
        // roles the user has here but not in KITOS are kept: only missing ones count as a difference
        compare: (desired, cur) => ({
          ...desired,
          email: cur.email,
          roles: desired.roles.every((r) => cur.roles.includes(r)) ? cur.roles : desired.roles,
        }),
      });
      if (existing || outcome === 'created') this.users.add(k.uuid);
      this.progress('user', ++done, users.length, false);
    }
    this.progress('user', done, users.length, true);
  }

  private async importItSystems(): Promise<void> {
    const list = await this.kitos.list<KitosItSystem>('/api/v2/it-systems', {
      usedInOrganizationUuid: this.org,
      includeDeactivated: true,
      changedSinceGtEq: this.since,
    });
    await this.knowOrganizations(list.flatMap((s) => [s.organizationContext?.uuid, s.rightsHolder?.uuid]));
    await this.knowSystems(list.map((s) => s.parentSystem?.uuid));
    await this.knowKle(list.flatMap((s) => s.kle ?? []));
    const existing = new Map<string, ItSystemResponse | null>();
    for (const s of list) {
      const here = await this.find<ItSystemResponse>(Rpc.catalog.getItSystem, { uuid: s.uuid });
      existing.set(s.uuid, here);
      if (here)
        this.systemKle.set(
          s.uuid,
          here.kle.map((k) => k.uuid),
        );
    }
    // a system is known to what follows (children, interfaces, usages) when it is here or is imported in this run
    for (const s of list) this.systems.set(s.uuid, existing.get(s.uuid) !== null);
    await this.knowOptions(
      'business-types',
      [...new Set(list.map((s) => this.ownerHere(s)))],
      list.some((s) => s.businessType),
    );
    const context = this.context();
    const ordered = parentsFirst(
      list,
      (s) => s.uuid,
      (s) => s.parentSystem?.uuid,
    );
    let done = 0;
    for (const k of ordered) {
      this.checkAbort();
      const here = existing.get(k.uuid) ?? null;
      const mapped = mapItSystem(k, context);
      const outcome = await this.one('it-system', k.uuid, k.name, mapped, here && currentItSystem(here), {
        create: async (value) => {
          await this.bus.request(Rpc.catalog.createItSystem, { uuid: k.uuid, ...value, deactivated: false });
          if (value.deactivated) this.deactivateAfterUsages.add(k.uuid);
        },
        update: async ({ deactivated, ...changes }) => {
          // deactivated last, so that usages of it can still be created in this run
          if (Object.keys(changes).length) await this.bus.request(Rpc.catalog.patchItSystem, { uuid: k.uuid, changes });
          if (deactivated === true) this.deactivateAfterUsages.add(k.uuid);
          else if (deactivated === false) await this.bus.request(Rpc.catalog.patchItSystem, { uuid: k.uuid, changes: { deactivated } });
        },
        refuse: (_, cur) => this.sharedEntry(cur.organizationUuid),
        compare: (desired, cur) => ({ ...desired, organizationUuid: cur.organizationUuid }),
      });
      if (outcome === 'created') this.systems.set(k.uuid, true);
      // the usages' removed KLE must be on the system: as it is (or, in a dry run, would be) after this write
      if (mapped.ok && (outcome === 'created' || outcome === 'updated')) this.systemKle.set(k.uuid, mapped.value.kleUuids);
      this.progress('it-system', ++done, ordered.length, false);
    }
    this.progress('it-system', done, ordered.length, true);
  }

  private async importItInterfaces(): Promise<void> {
    const list = await this.kitos.list<KitosItInterface>('/api/v2/it-interfaces', {
      usedInOrganizationUuid: this.org,
      includeDeactivated: true,
      changedSinceGtEq: this.since,
    });
    await this.knowOrganizations(list.map((i) => i.organizationContext?.uuid));
    await this.knowSystems(list.map((i) => i.exposedBySystem?.uuid));
    await this.knowOptions(
      'it-interface-interface-types',
      [...new Set(list.map((i) => this.ownerHere(i)))],
      list.some((i) => i.itInterfaceType),
    );
    await this.knowOptions(
      'it-interface-interface-data-types',
      [...new Set(list.map((i) => this.ownerHere(i)))],
      list.some((i) => i.data?.some((r) => r.dataType)),
    );
    const context = this.context();
    let done = 0;
    for (const k of list) {
      this.checkAbort();
      const here = await this.find<ItInterfaceResponse>(Rpc.catalog.interfaces.get, { uuid: k.uuid });
      const outcome = await this.one('it-interface', k.uuid, k.name, mapItInterface(k, context), here && currentItInterface(here), {
        create: (value) => this.bus.request(Rpc.catalog.interfaces.create, { uuid: k.uuid, ...value }),
        update: ({ data, ...changes }) => {
          // the rows replace all rows here; a row equal to one here keeps that row's uuid
          const unused = [...(here?.data ?? [])];
          const rows = data?.map((row) => {
            const same = unused.findIndex((r) => r.description === row.description && (r.dataType?.uuid ?? null) === row.dataTypeUuid);
            return same < 0 ? row : { uuid: unused.splice(same, 1)[0].uuid, ...row };
          });
          return this.bus.request(Rpc.catalog.interfaces.patch, { uuid: k.uuid, changes: { ...changes, ...(rows ? { data: rows } : {}) } });
        },
        refuse: (_, cur) => this.sharedEntry(cur.organizationUuid),
        compare: (desired, cur) => ({ ...desired, organizationUuid: cur.organizationUuid }),
      });
      this.interfaces.set(k.uuid, here !== null || outcome === 'created');
      this.progress('it-interface', ++done, list.length, false);
    }
    this.progress('it-interface', done, list.length, true);
  }

  private async importUsages(): Promise<void> {
    const list = await this.kitos.list<KitosItSystemUsage>('/api/v2/it-system-usages', {
      organizationUuid: this.org,
      changedSinceGtEq: this.since,
    });
    await this.knowSystems(list.map((u) => u.systemContext.uuid));
    await this.knowKle(list.flatMap((u) => [...(u.localKleDeviations?.addedKLE ?? []), ...(u.localKleDeviations?.removedKLE ?? [])]));
    await this.knowContracts(list.map((u) => u.general?.mainContract?.uuid));
    await this.knowOptions(
      'it-system-usage-data-classification-types',
      [this.org],
      list.some((u) => u.general?.dataClassification),
    );
    if (list.some((u) => u.roles?.length))
      this.usageRoles = await this.bus.request<RoleTypeResponse[]>(Rpc.identity.listRoleTypes, { objectType: 'ItSystemUsage' });
    const context = this.context();
    let done = 0;
    for (const k of list) {
      this.checkAbort();
      const here = await this.find<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid: k.uuid });
      if (here) this.usagesHere.add(k.uuid);
      const name = k.general?.localCallName ?? k.systemContext.name ?? k.uuid;
      const outcome = await this.one(
        'it-system-usage',
        k.uuid,
        name,
        this.mainContractLater(k, mapUsage(k, context), here),
        here && currentUsage(here),
        {
          create: (value) => this.bus.request(Rpc.catalog.usages.create, { uuid: k.uuid, ...value }),
          update: (changes) => this.bus.request(Rpc.catalog.usages.patch, { uuid: k.uuid, changes }),
          refuse: (desired, cur) =>
            desired.organizationUuid !== cur.organizationUuid || desired.systemUuid !== cur.systemUuid
              ? 'a usage with this uuid here belongs to another organisation or system'
              : null,
        },
      );
      this.usages.set(k.uuid, here !== null || outcome === 'created');
      this.progress('it-system-usage', ++done, list.length, false);
    }
    for (const uuid of this.deactivateAfterUsages)
      await this.bus.request(Rpc.catalog.patchItSystem, { uuid, changes: { deactivated: true } });
    this.progress('it-system-usage', done, list.length, true);
    this.usagesRead = list;
    await this.importUsageSections(list);
  }

  /**
   * The GDPR profile (gdpr) and archiving with journal periods (archiving) of the usages read, when KITOS sends them.
   * A usage created in this run has neither here yet: its sections count as created.
   */
  private async importUsageSections(list: KitosItSystemUsage[]): Promise<void> {
    const imported = list.filter((u) => this.usages.get(u.uuid) === true);
    await this.importPartners(imported.map((u) => u.archiving?.supplierOrganization));
    const kinds = [
      ['it-system-usage-sensitive-personal-data-types', imported.some((u) => u.gdpr?.sensitivePersonData?.length)],
      ['it-system-usage-registered-data-category-types', imported.some((u) => u.gdpr?.registeredDataCategories?.length)],
      ['it-system-usage-archive-types', imported.some((u) => u.archiving?.type)],
      ['it-system-usage-archive-location-types', imported.some((u) => u.archiving?.location)],
      ['it-system-usage-archive-test-location-types', imported.some((u) => u.archiving?.testLocation)],
    ] as const;
    for (const [kind, needed] of kinds) await this.knowOptions(kind, [this.org], needed);
    let done = 0;
    const total = imported.filter((u) => u.gdpr || u.archiving).length;
    for (const k of imported) {
      if (!k.gdpr && !k.archiving) continue;
      this.checkAbort();
      const name = k.general?.localCallName ?? k.systemContext.name ?? k.uuid;
      const fresh = !this.usagesHere.has(k.uuid);
      if (k.gdpr) {
        const here = fresh ? null : await this.find<UsageGdprResponse>(Rpc.gdpr.compliance.usageGdpr.get, { uuid: k.uuid });
        const mapped = await this.mapWithOptions(() => mapUsageGdpr(k, this.context()));
        // gdpr learns of a usage from the catalogue's events: one created a moment ago may not be there yet
        const patch = (changes: Partial<UsageGdprWrite>) =>
          this.catchingUp('not-found', () => this.bus.request(Rpc.gdpr.compliance.usageGdpr.patch, { uuid: k.uuid, changes }));
        await this.one('usage-gdpr', k.uuid, name, mapped, here && currentUsageGdpr(here), { create: patch, update: patch });
      }
      if (k.archiving) {
        const here = fresh ? null : await this.find<UsageArchiveResponse>(Rpc.archiving.usageArchive.get, { uuid: k.uuid });
        const mapped = await this.mapWithOptions(() => mapUsageArchive(k, this.context()));
        const write = async ({ journalPeriods, ...changes }: Partial<UsageArchiveWrite>) => {
          if (Object.keys(changes).length)
            await this.catchingUp('not-found', () => this.bus.request(Rpc.archiving.usageArchive.patch, { uuid: k.uuid, changes }));
          for (const period of journalPeriods ?? []) {
            const existing = here?.journalPeriods.find((p) => p.archiveId === period.archiveId);
            const same =
              existing &&
              JSON.stringify(currentUsageArchive({ ...here!, journalPeriods: [existing] }).journalPeriods[0]) === JSON.stringify(period);
            if (same) continue;
            await this.catchingUp('not-found', () =>
              existing
                ? this.bus.request(Rpc.archiving.usageArchive.journalPeriods.put, { usageUuid: k.uuid, periodUuid: existing.uuid, period })
                : this.bus.request(Rpc.archiving.usageArchive.journalPeriods.create, { usageUuid: k.uuid, period }),
            );
          }
        };
        await this.one('usage-archiving', k.uuid, name, mapped, here && currentUsageArchive(here), {
          create: write,
          update: write,
          // journal periods here that KITOS does not have are kept: only missing or different ones count
          compare: (desired, cur) => ({
            ...desired,
            journalPeriods: desired.journalPeriods.every((p) => cur.journalPeriods.some((c) => JSON.stringify(c) === JSON.stringify(p)))
              ? cur.journalPeriods
              : desired.journalPeriods,
          }),
        });
      }
      this.progress('usage-gdpr', ++done, total, false);
    }
    this.progress('usage-gdpr', done, total, true);
  }

  /**
   * The organisations a contract or registration names (supplier, data processors, sub-processors): created here with
   * KITOS's uuid when they are not (as companies; an existing one is never changed), so that the references hold.
   */
  private async importPartners(partners: Array<KitosShallowOrganization | null | undefined>): Promise<void> {
    const byUuid = new Map<string, KitosShallowOrganization>();
    for (const p of partners) if (p?.uuid && p.uuid !== this.org) byUuid.set(p.uuid, p);
    await this.knowOrganizations([...byUuid.keys()]);
    for (const k of byUuid.values()) {
      if (this.organizations.get(k.uuid)) continue;
      const mapped = mapOrganization({ ...k, organizationType: 'Company' });
      const outcome = await this.one('organization', k.uuid, k.name, mapped, null, {
        create: (value) => this.bus.request(Rpc.identity.createOrganization, { uuid: k.uuid, ...value }),
        update: null,
      });
      if (outcome === 'created') this.organizations.set(k.uuid, true);
    }
  }

  private async importDprs(): Promise<void> {
    const list = await this.kitos.list<KitosDataProcessingRegistration>('/api/v2/data-processing-registrations', {
      organizationUuid: this.org,
      changedSinceGtEq: this.since,
    });
    await this.importPartners(
      list.flatMap((d) => [
        ...(d.general?.dataProcessors ?? []),
        ...(d.general?.subDataProcessors ?? []).map((s) => s.dataProcessorOrganization),
      ]),
    );
    await this.knowUsages(list.flatMap((d) => (d.systemUsages ?? []).map((u) => u.uuid)));
    await this.knowContracts(list.map((d) => d.general?.mainContract?.uuid));
    await this.knowRoles(
      'DataProcessingRegistration',
      list.some((d) => d.roles?.length),
    );
    for (const kind of OPTION_TYPE_KINDS.filter((k) => k.startsWith('data-processing-registration-')))
      await this.knowOptions(kind, [this.org], list.length > 0);
    let done = 0;
    for (const k of list) {
      this.checkAbort();
      const here = await this.find<DataProcessingRegistrationResponse>(Rpc.gdpr.dpr.get, { uuid: k.uuid });
      const mapped = await this.mapWithOptions(() => mapDpr(k, this.context()));
      const main = k.general?.mainContract;
      const later = mapped.ok && main && !this.contracts.get(main.uuid);
      if (later) this.mainContractsAfter.set(k.uuid, k);
      const withNote: typeof mapped =
        later && mapped.ok
          ? {
              ...mapped,
              notes: [...mapped.notes, `main contract ${main.name ?? main.uuid} is set once the contracts are imported`],
            }
          : mapped;
      const outcome = await this.one('data-processing-registration', k.uuid, k.name, withNote, here && currentDpr(here), {
        create: (value) => this.bus.request(Rpc.gdpr.dpr.create, { uuid: k.uuid, organizationUuid: this.org, ...value }),
        update: (changes) => this.bus.request(Rpc.gdpr.dpr.patch, { uuid: k.uuid, changes }),
        refuse: () =>
          here && here.organizationContext.uuid !== this.org ? 'a registration with this uuid here belongs to another organisation' : null,
      });
      this.dprs.set(k.uuid, here !== null || outcome === 'created');
      this.progress('data-processing-registration', ++done, list.length, false);
    }
    this.progress('data-processing-registration', done, list.length, true);
  }

  private readonly mainContractsAfter = new Map<string, KitosDataProcessingRegistration>();
  private readonly usageMainContractsAfter = new Map<string, KitosItSystemUsage>();

  /**
   * A usage's main contract must be a contract here that covers the usage: one not imported yet, or not covering it
   * here yet, is left as it is here (none for a new usage) and set after the contracts (`setUsageMainContracts`).
   */
  private mainContractLater(k: KitosItSystemUsage, mapped: Mapped<UsageWrite>, here: ItSystemUsageResponse | null): Mapped<UsageWrite> {
    const main = k.general?.mainContract;
    if (!mapped.ok || !main) return mapped;
    const covers =
      this.contracts.get(main.uuid) === true && !!this.contractsHere.get(main.uuid)?.systemUsages.some((u) => u.uuid === k.uuid);
    if (covers) return mapped;
    this.usageMainContractsAfter.set(k.uuid, k);
    return {
      ok: true,
      value: { ...mapped.value, general: { ...mapped.value.general, mainContractUuid: here?.general.mainContract?.uuid ?? null } },
      notes: [
        ...mapped.notes,
        `main contract ${main.name ?? main.uuid} is set after the contracts, when it is imported and covers the usage`,
      ],
    };
  }

  private async importContracts(): Promise<void> {
    const list = await this.kitos.list<KitosItContract>('/api/v2/it-contracts', {
      organizationUuid: this.org,
      changedSinceGtEq: this.since,
    });
    await this.importPartners(list.map((c) => c.supplier?.organization));
    await this.knowUsages(list.flatMap((c) => (c.systemUsages ?? []).map((u) => u.uuid)));
    await this.knowDprs(list.flatMap((c) => (c.dataProcessingRegistrations ?? []).map((d) => d.uuid)));
    await this.knowContracts(list.flatMap((c) => [c.uuid, c.parentContract?.uuid]));
    await this.knowRoles(
      'ItContract',
      list.some((c) => c.roles?.length),
    );
    for (const kind of OPTION_TYPE_KINDS.filter((k) => k.startsWith('it-contract-')))
      await this.knowOptions(kind, [this.org], list.length > 0);
    const ordered = parentsFirst(
      list,
      (c) => c.uuid,
      (c) => c.parentContract?.uuid,
    );
    let done = 0;
    for (const k of ordered) {
      this.checkAbort();
      const here = this.contractsHere.get(k.uuid) ?? null;
      const mapped = await this.mapWithOptions(() => mapContract(k, this.context()));
      const outcome = await this.one('it-contract', k.uuid, k.name, mapped, here && currentContract(here), {
        // the contracts service knows registrations from gdpr's events: one created a moment ago may not be there yet
        create: (value) =>
          this.catchingUp(/^dataProcessingRegistrationUuids/, () =>
            this.bus.request(Rpc.contracts.itContracts.create, { uuid: k.uuid, organizationUuid: this.org, ...value }),
          ),
        update: (changes) =>
          this.catchingUp(/^dataProcessingRegistrationUuids/, () =>
            this.bus.request(Rpc.contracts.itContracts.patch, { uuid: k.uuid, changes }),
          ),
        refuse: () =>
          here && here.organizationContext.uuid !== this.org ? 'a contract with this uuid here belongs to another organisation' : null,
      });
      this.contracts.set(k.uuid, here !== null || outcome === 'created');
      this.progress('it-contract', ++done, ordered.length, false);
    }
    await this.setMainContracts();
    await this.setUsageMainContracts();
    this.progress('it-contract', done, ordered.length, true);
  }

  /** The main contracts of usages imported before their contracts (or before a contract covered them): set now. */
  private async setUsageMainContracts(): Promise<void> {
    for (const [uuid, k] of this.usageMainContractsAfter) {
      const main = k.general?.mainContract;
      if (!main || !this.usages.get(uuid) || !this.options_.apply) continue;
      const name = k.general?.localCallName ?? k.systemContext.name ?? uuid;
      if (!this.contracts.get(main.uuid)) continue;
      const mapped = mapUsage(k, this.context());
      if (!mapped.ok) continue;
      try {
        // the catalogue knows a contract's usages from the contracts' events: wait for them to arrive there
        await this.catchingUp(/^general\.mainContractUuid/, () =>
          this.bus.request(Rpc.catalog.usages.patch, { uuid, changes: { general: mapped.value.general } }),
        );
      } catch (error) {
        if (!(error instanceof DomainError) || FATAL.has(error.code)) throw error;
        record(this.report, {
          type: 'it-system-usage',
          uuid,
          name,
          outcome: 'failed',
          fields: ['general'],
          reason: `its main contract could not be set: ${reasonOf(error)}`,
        });
      }
    }
  }

  /** The main contracts of registrations created before their contracts: set now (only when applying). */
  private async setMainContracts(): Promise<void> {
    for (const [uuid, k] of this.mainContractsAfter) {
      const main = k.general?.mainContract?.uuid;
      if (!main || !this.contracts.get(main) || !this.dprs.get(uuid) || !this.options_.apply) continue;
      const mapped = mapDpr(k, this.context());
      if (!mapped.ok) continue;
      try {
        // gdpr knows a registration's contracts from the contracts' events: wait for the link to arrive there
        await this.catchingUp(/^general\.mainContractUuid/, () =>
          this.bus.request(Rpc.gdpr.dpr.patch, { uuid, changes: { general: mapped.value.general } }),
        );
      } catch (error) {
        if (!(error instanceof DomainError) || FATAL.has(error.code)) throw error;
        record(this.report, {
          type: 'data-processing-registration',
          uuid,
          name: k.name,
          outcome: 'failed',
          fields: ['general'],
          reason: `its main contract could not be set: ${reasonOf(error)}`,
        });
      }
    }
  }

  /**
   * A write refused because a service's copy of an object created a moment ago (fed by events) has not caught up:
   * tried again for up to 20 s while the refusal names only such fields.
   */
  private async catchingUp<T>(fields: RegExp | 'not-found', write: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        return await write();
      } catch (error) {
        const lagging =
          error instanceof DomainError &&
          (fields === 'not-found'
            ? error.code === ErrorCode.NotFound
            : error.code === ErrorCode.BadInput && error.errors.length > 0 && error.errors.every((e) => fields.test(e.field)));
        if (!lagging || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** Maps an object; option values it uses that are enabled but not active here are activated first (local options). */
  private async mapWithOptions<W>(map: () => Mapped<W>): Promise<Mapped<W>> {
    this.pendingActivations = [];
    const mapped = map();
    const pending = this.pendingActivations;
    this.pendingActivations = [];
    if (!mapped.ok) return mapped;
    for (const { kind, option } of pending) await this.activate(kind, option);
    return mapped;
  }

  private async activate(kind: OptionTypeKind, option: OptionTypeResponse): Promise<void> {
    const key = `${kind}|${this.org}`;
    if ((this.options.get(key) ?? []).some((o) => o.uuid === option.uuid)) return;
    const outcome = await this.attempt('local-option', option.uuid, `${option.name} (${kind})`, 'created', [], {}, () =>
      this.bus.request<LocalOptionTypeResponse>(Rpc.catalog.options.patchLocal, {
        kind,
        organizationUuid: this.org,
        uuid: option.uuid,
        changes: { isActive: true },
      }),
    );
    if (outcome === 'created') this.options.set(key, [...(this.options.get(key) ?? []), option]);
  }

  /** The outgoing relations of the usages read (so with --since, those of the usages that changed). */
  private async importRelations(usages: KitosItSystemUsage[]): Promise<void> {
    const relations = usages.flatMap((u) => (u.outgoingSystemRelations ?? []).map((r) => ({ from: u, relation: r })));
    await this.knowUsages(relations.map((r) => r.relation.toSystemUsage.uuid));
    await this.knowInterfaces(relations.map((r) => r.relation.relationInterface?.uuid));
    await this.knowContracts(relations.map((r) => r.relation.associatedContract?.uuid));
    await this.knowOptions(
      'it-system-usage-relation-frequency-types',
      [this.org],
      relations.some((r) => r.relation.relationFrequency),
    );
    const context = this.context();
    let done = 0;
    for (const { from, relation: k } of relations) {
      this.checkAbort();
      const name = `${from.systemContext.name ?? from.uuid} → ${k.toSystemUsage.name ?? k.toSystemUsage.uuid}`;
      if (this.usages.get(from.uuid) !== true) {
        record(this.report, {
          type: 'system-relation',
          uuid: k.uuid,
          name,
          outcome: 'skipped',
          reason: 'the usage it goes out from is not imported',
        });
      } else {
        const ids = { usageUuid: from.uuid, relationUuid: k.uuid };
        const here = this.usagesHere.has(from.uuid)
          ? await this.find<OutgoingSystemRelationResponse>(Rpc.catalog.relations.get, ids)
          : null;
        await this.one('system-relation', k.uuid, name, mapRelation(k, context), here && currentRelation(here), {
          // the catalogue knows contracts from their events: one created a moment ago may not be there yet
          create: (relation) =>
            this.catchingUp(/^associatedContract/, () =>
              this.bus.request(Rpc.catalog.relations.create, { usageUuid: from.uuid, uuid: k.uuid, relation }),
            ),
          update: (changes) =>
            this.catchingUp(/^associatedContract/, () => this.bus.request(Rpc.catalog.relations.patch, { ...ids, changes })),
        });
      }
      this.progress('system-relation', ++done, relations.length, false);
    }
    this.progress('system-relation', done, relations.length, true);
  }

  /**
   * KITOS's public option type reads (`GET /api/v2/{kind}?organizationUuid=`) answer each value's description as the
   * organisation sees it (its local description, else the global one). For the kinds the objects above use, a value
   * available here whose description in the organisation differs is given KITOS's as the organisation's own
   * description (none when KITOS's is the global description here). Only differences are reported.
   */
  private async importOptionDescriptions(): Promise<void> {
    const kinds = [...this.options.keys()].filter((key) => key.endsWith(`|${this.org}`)).map((key) => key.split('|')[0] as OptionTypeKind);
    for (const kind of kinds) {
      this.checkAbort();
      const values = await this.kitos.list<KitosPair & { description?: string | null }>(`/api/v2/${kind}`, { organizationUuid: this.org });
      const here = this.options.get(`${kind}|${this.org}`) ?? [];
      let global: GlobalOptionTypeResponse[] | null = null;
      for (const k of values) {
        const o =
          here.find((x) => x.uuid === k.uuid) ??
          here.find((x) => !!k.name && x.name.toLocaleLowerCase('da') === k.name.toLocaleLowerCase('da'));
        const desired = text(k.description);
        if (!o || desired === text(o.description)) continue;
        global ??= await this.bus.request<GlobalOptionTypeResponse[]>(Rpc.catalog.options.listGlobal, { kind });
        const local = desired === text(global.find((g) => g.uuid === o.uuid)?.description) ? null : desired;
        await this.attempt('local-option', o.uuid, `${o.name} (${kind})`, 'updated', ['description'], {}, () =>
          this.bus.request<LocalOptionTypeResponse>(Rpc.catalog.options.patchLocal, {
            kind,
            organizationUuid: this.org,
            uuid: o.uuid,
            changes: { description: local },
          }),
        );
      }
    }
  }

  // ---- one object: compare, then create or change it in one command

  private async one<W extends object>(
    type: ImportType,
    uuid: string,
    name: string | null | undefined,
    mapped: Mapped<W>,
    current: W | null,
    write: {
      create: ((value: W) => Promise<unknown>) | null;
      update: ((changes: Partial<W>, desired: W) => Promise<unknown>) | null;
      /** Why an existing object is left as it is although it differs. */
      refuse?: (desired: W, current: W) => string | null;
      /** The desired value as compared with the current one (fields the import does not change taken from current). */
      compare?: (desired: W, current: W) => W;
    },
  ): Promise<Outcome> {
    const label = name ?? uuid;
    if (!mapped.ok) {
      record(this.report, { type, uuid, name: label, outcome: 'skipped', reason: mapped.reason });
      return 'skipped';
    }
    const notes = mapped.notes.length ? { notes: mapped.notes } : {};
    if (!current) {
      if (!write.create) {
        record(this.report, { type, uuid, name: label, outcome: 'skipped', reason: 'cannot be created by the import', ...notes });
        return 'skipped';
      }
      return this.attempt(type, uuid, label, 'created', [], notes, () => write.create!(mapped.value));
    }
    const desired = write.compare ? write.compare(mapped.value, current) : mapped.value;
    const fields = changedFields(desired, current);
    if (!fields.length) {
      record(this.report, { type, uuid, name: label, outcome: 'unchanged', ...notes });
      return 'unchanged';
    }
    const refusal =
      write.refuse?.(mapped.value, current) ??
      (write.update ? null : `differs here in ${fields.join(', ')}; the import does not change it`);
    if (refusal) {
      record(this.report, { type, uuid, name: label, outcome: 'skipped', fields, reason: refusal, ...notes });
      return 'skipped';
    }
    const changes = Object.fromEntries(fields.map((f) => [f, desired[f]])) as Partial<W>;
    return this.attempt(type, uuid, label, 'updated', fields, notes, () => write.update!(changes, mapped.value));
  }

  private async attempt(
    type: ImportType,
    uuid: string,
    name: string,
    outcome: 'created' | 'updated',
    fields: string[],
    notes: { notes?: string[] },
    write: () => Promise<unknown>,
  ): Promise<Outcome> {
    const changed = fields.length ? { fields } : {};
    if (!this.options_.apply) {
      record(this.report, { type, uuid, name, outcome, ...changed, ...notes });
      return outcome;
    }
    try {
      await write();
    } catch (error) {
      if (!(error instanceof DomainError) || FATAL.has(error.code)) throw error;
      record(this.report, { type, uuid, name, outcome: 'failed', ...changed, reason: reasonOf(error), ...notes });
      return 'failed';
    }
    record(this.report, { type, uuid, name, outcome, ...changed, ...notes });
    return outcome;
  }

  // ---- what the mapping needs to know, looked up before it runs

  private context(): MappingContext {
    return {
      organizationUuid: this.org,
      unit: (kitosUuid) => this.units.get(kitosUuid) ?? null,
      option: (kind, organizationUuid, value) => this.option(kind, organizationUuid, value),
      organizationExists: (uuid) => this.organizations.get(uuid) === true,
      systemKnown: (uuid) => this.systems.get(uuid) === true,
      usageRole: (value) => {
        const byName = (r: RoleTypeResponse) => !!value.name && r.name.toLocaleLowerCase('da') === value.name.toLocaleLowerCase('da');
        return (this.usageRoles.find((r) => r.uuid === value.uuid) ?? this.usageRoles.find(byName))?.uuid ?? null;
      },
      userKnown: (uuid) => this.users.has(uuid),
      role: (objectType, value) => {
        const roles = this.roleTypes.get(objectType) ?? [];
        const byName = (r: RoleTypeResponse) => !!value.name && r.name.toLocaleLowerCase('da') === value.name.toLocaleLowerCase('da');
        return (roles.find((r) => r.uuid === value.uuid) ?? roles.find(byName))?.uuid ?? null;
      },
      kle: (value) => this.kle.get(value.uuid) ?? null,
      systemKle: (systemUuid) => this.systemKle.get(systemUuid) ?? [],
      contractKnown: (uuid) => this.contracts.get(uuid) === true,
      dprKnown: (uuid) => this.dprs.get(uuid) === true,
      usageKnown: (uuid) => this.usages.get(uuid) === true,
      interfaceKnown: (uuid) => this.interfaces.get(uuid) === true,
    };
  }

  private sharedEntry(ownerHere: string): string | null {
    return ownerHere === this.org
      ? null
      : `a shared catalogue entry owned here by organisation ${ownerHere}: only an import of that organisation changes it`;
  }

  private ownerHere(k: { organizationContext?: KitosPair | null }): string {
    const owner = k.organizationContext?.uuid;
    return owner && this.organizations.get(owner) ? owner : this.org;
  }

  /**
   * The value here for a KITOS option value: by uuid, else by name, among the values available in the organisation;
   * else among the enabled values not active there yet, which the import activates (KITOS's local option types).
   */
  private option(kind: OptionTypeKind, organizationUuid: string, value: KitosPair): string | null {
    const matching = (list: OptionTypeResponse[]) =>
      list.find((o) => o.uuid === value.uuid) ??
      list.find((o) => value.name && o.name.toLocaleLowerCase('da') === value.name.toLocaleLowerCase('da'));
    const available = matching(this.options.get(`${kind}|${organizationUuid}`) ?? []);
    if (available) return available.uuid;
    const inactive = organizationUuid === this.org ? matching(this.inactive.get(kind) ?? []) : undefined;
    if (inactive) this.pendingActivations.push({ kind, option: inactive });
    return inactive?.uuid ?? null;
  }

  private async knowOptions(kind: OptionTypeKind, organizations: string[], needed: boolean): Promise<void> {
    if (!needed) return;
    for (const organizationUuid of organizations) {
      const key = `${kind}|${organizationUuid}`;
      if (this.options.has(key) || this.organizations.get(organizationUuid) !== true) continue;
      const available =
        organizationUuid === this.org && !this.organizationHere
          ? await this.obligatory(kind)
          : await this.available(kind, organizationUuid);
      this.options.set(key, available);
      if (organizationUuid === this.org) {
        const active = new Set(available.map((o) => o.uuid));
        const all = await this.bus.request<GlobalOptionTypeResponse[]>(Rpc.catalog.options.listGlobal, { kind });
        this.inactive.set(
          kind,
          all.filter((o) => o.isEnabled && !active.has(o.uuid)),
        );
      }
    }
  }

  private async available(kind: OptionTypeKind, organizationUuid: string): Promise<OptionTypeResponse[]> {
    const all: OptionTypeResponse[] = [];
    for (let page = 0; ; page++) {
      const batch = await this.bus.request<Page<OptionTypeResponse>>(Rpc.catalog.options.list, {
        kind,
        organizationUuid,
        page,
        pageSize: MAX_PAGE_SIZE,
      });
      all.push(...batch.items);
      if (batch.items.length < MAX_PAGE_SIZE) return all;
    }
  }

  /** An organisation not here yet (a dry run) will have the obligatory values, as every new organisation does. */
  private async obligatory(kind: OptionTypeKind): Promise<OptionTypeResponse[]> {
    const all = await this.bus.request<GlobalOptionTypeResponse[]>(Rpc.catalog.options.listGlobal, { kind });
    return all.filter((o) => o.isEnabled && o.isObligatory);
  }

  private async knowOrganizations(uuids: Array<string | null | undefined>): Promise<void> {
    for (const uuid of new Set(uuids)) {
      if (!uuid || this.organizations.has(uuid)) continue;
      this.organizations.set(uuid, (await this.find(Rpc.identity.getOrganization, { uuid })) !== null);
    }
  }

  private async knowUsages(uuids: Array<string | null | undefined>): Promise<void> {
    for (const uuid of new Set(uuids)) {
      if (!uuid || this.usages.has(uuid)) continue;
      const usage = await this.find<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid });
      this.usages.set(uuid, usage !== null && usage.organizationContext.uuid === this.org);
    }
  }

  private async knowKle(values: KitosPair[]): Promise<void> {
    for (const value of values) {
      if (this.kle.has(value.uuid)) continue;
      const byUuid = await this.find<KleOptionResponse>(Rpc.catalog.kle.get, { uuid: value.uuid });
      let here = byUuid?.uuid ?? null;
      const number = value.name?.trim();
      if (!here && number && /^\d{2}(\.\d{2}){0,2}$/.test(number)) {
        const page = await this.bus.request<Page<KleOptionResponse>>(Rpc.catalog.kle.list, { kleNumberPrefix: number });
        here = page.items.find((k) => k.kleNumber === number)?.uuid ?? null;
      }
      this.kle.set(value.uuid, here);
    }
  }

  private async knowContracts(uuids: Array<string | null | undefined>): Promise<void> {
    for (const uuid of new Set(uuids)) {
      if (!uuid || this.contracts.has(uuid)) continue;
      const contract = await this.find<ItContractResponse>(Rpc.contracts.itContracts.get, { uuid });
      if (contract) this.contractsHere.set(uuid, contract);
      this.contracts.set(uuid, contract !== null && contract.organizationContext.uuid === this.org);
    }
  }

  private async knowDprs(uuids: Array<string | null | undefined>): Promise<void> {
    for (const uuid of new Set(uuids)) {
      if (!uuid || this.dprs.has(uuid)) continue;
      const registration = await this.find<DataProcessingRegistrationResponse>(Rpc.gdpr.dpr.get, { uuid });
      this.dprs.set(uuid, registration !== null && registration.organizationContext.uuid === this.org);
    }
  }

  private async knowRoles(objectType: 'ItContract' | 'DataProcessingRegistration', needed: boolean): Promise<void> {
    if (!needed || this.roleTypes.has(objectType)) return;
    this.roleTypes.set(objectType, await this.bus.request<RoleTypeResponse[]>(Rpc.identity.listRoleTypes, { objectType }));
  }

  private async knowInterfaces(uuids: Array<string | null | undefined>): Promise<void> {
    for (const uuid of new Set(uuids)) {
      if (!uuid || this.interfaces.has(uuid)) continue;
      this.interfaces.set(uuid, (await this.find(Rpc.catalog.interfaces.get, { uuid })) !== null);
    }
  }

  private async knowSystems(uuids: Array<string | null | undefined>): Promise<void> {
    for (const uuid of new Set(uuids)) {
      if (!uuid || this.systems.has(uuid)) continue;
      const system = await this.find<ItSystemResponse>(Rpc.catalog.getItSystem, { uuid });
      if (system)
        this.systemKle.set(
          uuid,
          system.kle.map((k) => k.uuid),
        );
      this.systems.set(uuid, system !== null);
    }
  }

  private async find<T>(subject: string, data: unknown): Promise<T | null> {
    try {
      return await this.bus.request<T>(subject, data);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      if (error instanceof DomainError && !FATAL.has(error.code)) throw new Stop(`reading ${subject} here was refused: ${error.message}`);
      throw error;
    }
  }

  private checkAbort(): void {
    if (this.options_.signal?.aborted) throw new Stop('the run was aborted');
  }

  private progress(type: ImportType, done: number, total: number, finished: boolean): void {
    this.options_.onProgress?.({ type, done, total, counts: { ...(this.report.counts[type] ?? emptyCounts()) }, finished });
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
