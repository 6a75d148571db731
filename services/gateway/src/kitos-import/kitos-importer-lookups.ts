import {
  MAX_PAGE_SIZE,
  Rpc,
  type DataProcessingRegistrationResponse,
  type GlobalOptionTypeResponse,
  type ItContractResponse,
  type ItSystemResponse,
  type ItSystemUsageResponse,
  type KleOptionResponse,
  type LocalOptionTypeResponse,
  type OptionTypeKind,
  type OptionTypeResponse,
  type Page,
  type RoleTypeResponse,
} from '@kitos/contracts';
import type { Mapped, MappingContext } from './kitos-mapping';
import type { ImportRun } from './kitos-importer-run';
import type { KitosPair } from './kitos.types';

type Uuids = Array<string | null | undefined>;

/** A value by uuid, else by name (case-insensitive, Danish). */
export function byUuidOrName<T extends { uuid: string; name: string }>(list: readonly T[], value: KitosPair): T | undefined {
  return (
    list.find((o) => o.uuid === value.uuid) ??
    list.find((o) => !!value.name && o.name.toLocaleLowerCase('da') === value.name.toLocaleLowerCase('da'))
  );
}

/**
 * What a run knows about this side: which objects the KITOS references point to here (looked up before the objects
 * that use them are mapped, and kept up to date as the run creates them), and the option values here with their
 * activation for the organisation (KITOS's local option types).
 */
export class ImportLookups {
  /** Organisations here (true) or not (false). */
  readonly organizations = new Map<string, boolean>();
  readonly systems = new Map<string, boolean>();
  /** Option values available, by `kind|organisation`. */
  readonly options = new Map<string, OptionTypeResponse[]>();
  /** KITOS unit uuid → the unit here. */
  readonly units = new Map<string, string>();
  readonly users = new Set<string>();
  /** Usages of the organisation that are here or imported in this run. */
  readonly usages = new Map<string, boolean>();
  /** Usages that were here before this run wrote (only their relations can be here already). */
  readonly usagesHere = new Set<string>();
  readonly interfaces = new Map<string, boolean>();
  usageRoles: RoleTypeResponse[] = [];
  readonly roleTypes = new Map<string, RoleTypeResponse[]>();
  readonly contracts = new Map<string, boolean>();
  readonly contractsHere = new Map<string, ItContractResponse>();
  /** The KLE on a system here (as it is, or in a dry run would be, after this run's write of it). */
  readonly systemKle = new Map<string, string[]>();
  /** KITOS KLE uuid → the KLE entry here (by uuid, else by KLE number), or null. */
  readonly kle = new Map<string, string | null>();
  readonly dprs = new Map<string, boolean>();
  /** Enabled values of an option type that are not available in the organisation yet (activated when used). */
  private readonly inactive = new Map<string, OptionTypeResponse[]>();
  /** Values the mapping of the current object needs activated first. */
  private pendingActivations: Array<{ kind: OptionTypeKind; option: OptionTypeResponse }> = [];
  /** Whether the organisation is here (false in a dry run of a new one). */
  organizationHere = false;

  constructor(private readonly run: ImportRun) {}

  private get org(): string {
    return this.run.org;
  }

  /** What the mapping asks about this side. */
  context(): MappingContext {
    return {
      organizationUuid: this.org,
      unit: (kitosUuid) => this.units.get(kitosUuid) ?? null,
      option: (kind, organizationUuid, value) => this.option(kind, organizationUuid, value),
      organizationExists: (uuid) => this.organizations.get(uuid) === true,
      systemKnown: (uuid) => this.systems.get(uuid) === true,
      usageRole: (value) => byUuidOrName(this.usageRoles, value)?.uuid ?? null,
      userKnown: (uuid) => this.users.has(uuid),
      role: (objectType, value) => byUuidOrName(this.roleTypes.get(objectType) ?? [], value)?.uuid ?? null,
      kle: (value) => this.kle.get(value.uuid) ?? null,
      systemKle: (systemUuid) => this.systemKle.get(systemUuid) ?? [],
      contractKnown: (uuid) => this.contracts.get(uuid) === true,
      dprKnown: (uuid) => this.dprs.get(uuid) === true,
      usageKnown: (uuid) => this.usages.get(uuid) === true,
      interfaceKnown: (uuid) => this.interfaces.get(uuid) === true,
    };
  }

  /** Why a shared catalogue entry owned by another organisation here is not changed by this import, or null. */
  sharedEntry(ownerHere: string): string | null {
    return ownerHere === this.org
      ? null
      : `a shared catalogue entry owned here by organisation ${ownerHere}: only an import of that organisation changes it`;
  }

  /** The organisation a catalogue entry is registered by here: its KITOS owner when that is here, else this one. */
  ownerHere(k: { organizationContext?: KitosPair | null }): string {
    const owner = k.organizationContext?.uuid;
    return owner && this.organizations.get(owner) ? owner : this.org;
  }

  // ---- option values

  /**
   * The value here for a KITOS option value: by uuid, else by name, among the values available in the organisation;
   * else among the enabled values not active there yet, which the import activates (KITOS's local option types).
   */
  private option(kind: OptionTypeKind, organizationUuid: string, value: KitosPair): string | null {
    const available = byUuidOrName(this.options.get(`${kind}|${organizationUuid}`) ?? [], value);
    if (available) return available.uuid;
    const inactive = organizationUuid === this.org ? byUuidOrName(this.inactive.get(kind) ?? [], value) : undefined;
    if (inactive) this.pendingActivations.push({ kind, option: inactive });
    return inactive?.uuid ?? null;
  }

  /** The option values here (available, and enabled but inactive) that the mapping may match, when `needed`. */
  async knowOptions(kind: OptionTypeKind, organizations: string[], needed: boolean): Promise<void> {
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
        const all = await this.run.bus.request<GlobalOptionTypeResponse[]>(Rpc.catalog.options.listGlobal, { kind });
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
      const batch = await this.run.bus.request<Page<OptionTypeResponse>>(Rpc.catalog.options.list, {
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
    const all = await this.run.bus.request<GlobalOptionTypeResponse[]>(Rpc.catalog.options.listGlobal, { kind });
    return all.filter((o) => o.isEnabled && o.isObligatory);
  }

  /** Maps an object; option values it uses that are enabled but not active here are activated first (local options). */
  async mapWithOptions<W>(map: () => Mapped<W>): Promise<Mapped<W>> {
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
    const outcome = await this.run.attempt('local-option', option.uuid, `${option.name} (${kind})`, 'created', [], {}, () =>
      this.run.bus.request<LocalOptionTypeResponse>(Rpc.catalog.options.patchLocal, {
        kind,
        organizationUuid: this.org,
        uuid: option.uuid,
        changes: { isActive: true },
      }),
    );
    if (outcome === 'created') this.options.set(key, [...(this.options.get(key) ?? []), option]);
  }

  // ---- the objects KITOS's references point to

  /** Looks up each uuid not known yet and keeps whether it counts as here. */
  private async knowEach<T>(
    known: Map<string, boolean>,
    uuids: Uuids,
    subject: string,
    here: (found: T | null, uuid: string) => boolean,
  ): Promise<void> {
    for (const uuid of new Set(uuids)) {
      if (!uuid || known.has(uuid)) continue;
      known.set(uuid, here(await this.run.find<T>(subject, { uuid }), uuid));
    }
  }

  private ofThisOrganization(found: { organizationContext: { uuid: string } } | null): boolean {
    return found !== null && found.organizationContext.uuid === this.org;
  }

  knowOrganizations(uuids: Uuids): Promise<void> {
    return this.knowEach(this.organizations, uuids, Rpc.identity.getOrganization, (found) => found !== null);
  }

  knowUsages(uuids: Uuids): Promise<void> {
    return this.knowEach<ItSystemUsageResponse>(this.usages, uuids, Rpc.catalog.usages.get, (found) => this.ofThisOrganization(found));
  }

  knowContracts(uuids: Uuids): Promise<void> {
    return this.knowEach<ItContractResponse>(this.contracts, uuids, Rpc.contracts.itContracts.get, (found, uuid) => {
      if (found) this.contractsHere.set(uuid, found);
      return this.ofThisOrganization(found);
    });
  }

  knowDprs(uuids: Uuids): Promise<void> {
    return this.knowEach<DataProcessingRegistrationResponse>(this.dprs, uuids, Rpc.gdpr.dpr.get, (found) => this.ofThisOrganization(found));
  }

  knowInterfaces(uuids: Uuids): Promise<void> {
    return this.knowEach(this.interfaces, uuids, Rpc.catalog.interfaces.get, (found) => found !== null);
  }

  knowSystems(uuids: Uuids): Promise<void> {
    return this.knowEach<ItSystemResponse>(this.systems, uuids, Rpc.catalog.getItSystem, (found, uuid) => {
      if (found) this.knowSystemKle(uuid, found);
      return found !== null;
    });
  }

  /** The KLE a system here has (the usages' removed KLE must be among them). */
  knowSystemKle(uuid: string, system: ItSystemResponse): void {
    this.systemKle.set(
      uuid,
      system.kle.map((k) => k.uuid),
    );
  }

  async knowKle(values: KitosPair[]): Promise<void> {
    for (const value of values) {
      if (this.kle.has(value.uuid)) continue;
      const byUuid = await this.run.find<KleOptionResponse>(Rpc.catalog.kle.get, { uuid: value.uuid });
      let here = byUuid?.uuid ?? null;
      const number = value.name?.trim();
      if (!here && number && /^\d{2}(\.\d{2}){0,2}$/.test(number)) {
        const page = await this.run.bus.request<Page<KleOptionResponse>>(Rpc.catalog.kle.list, { kleNumberPrefix: number });
        here = page.items.find((k) => k.kleNumber === number)?.uuid ?? null;
      }
      this.kle.set(value.uuid, here);
    }
  }

  async knowRoles(objectType: 'ItContract' | 'DataProcessingRegistration', needed: boolean): Promise<void> {
    if (!needed || this.roleTypes.has(objectType)) return;
    this.roleTypes.set(objectType, await this.run.bus.request<RoleTypeResponse[]>(Rpc.identity.listRoleTypes, { objectType }));
  }
}
