import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  createOnce,
  earlierCreation,
  ID_GENERATOR,
  chosenUuid,
  newAggregateUuid,
  hasRole,
  isMember,
  uuidTaken,
  type CallerContext,
  type Clock,
  type IdGenerator,
} from '@kitos/common';
import {
  IdentityEvents,
  ImportedUnit,
  MAX_PAGE_SIZE,
  validateInto,
  type ListOrganizationUnitsQuery,
  type CreateOrganizationUnitRequest,
  type ImportOrganizationUnitsRequest,
  type ImportOrganizationUnitsResponse,
  type OrganizationUnitResponse,
  type PatchOrganizationUnitRequest,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { OrganizationsService } from '../organizations/organizations.service';
import { UnitTree, parseUnitCsv, type TreeChange, type Unit } from './unit-tree';
import { UnitTreesRepository, type UnitTreeState } from './unit-trees.repository';

/** Organisation units: one tree per organisation, read by its members, changed by its organisation administrators. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly trees: UnitTreesRepository,
    private readonly organizations: OrganizationsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * The tree as a flat list (tree order), or with `changedSinceGtEq` the units changed since, oldest change first (KITOS
   * orders by last change then); `page`/`pageSize` page either.
   */
  async list(caller: CallerContext, organizationUuid: string, query: ListOrganizationUnitsQuery): Promise<OrganizationUnitResponse[]> {
    this.requireMember(caller, organizationUuid);
    const state = await this.load(caller, organizationUuid);
    const tree = UnitTree.of(state.units);
    const name = query.nameQuery?.toLocaleLowerCase('da');
    const since = query.changedSinceGtEq ? new Date(query.changedSinceGtEq).getTime() : undefined;
    const changedAt = (u: Unit) => (u.lastModified ?? state.lastModified).getTime();
    let units = tree.units.filter(
      (u) => (!name || u.name.toLocaleLowerCase('da').includes(name)) && (since === undefined || changedAt(u) >= since),
    );
    if (since !== undefined) units = [...units].sort((a, b) => changedAt(a) - changedAt(b));
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    const page = query.page ?? 0;
    return units.slice(page * pageSize, (page + 1) * pageSize).map((u) => toResponse(tree, u, state.lastModified, state.version));
  }

  async get(caller: CallerContext, organizationUuid: string, uuid: string): Promise<OrganizationUnitResponse> {
    this.requireMember(caller, organizationUuid);
    const state = await this.load(caller, organizationUuid);
    const tree = UnitTree.of(state.units);
    const unit = tree.find(uuid);
    if (!unit) throw DomainError.notFound('Organisation unit', uuid);
    return toResponse(tree, unit, state.lastModified, state.version);
  }

  async create(caller: CallerContext, organizationUuid: string, request: CreateOrganizationUnitRequest): Promise<OrganizationUnitResponse> {
    this.requireEditor(caller, organizationUuid);
    const uuid = chosenUuid(caller, organizationUuid, request.uuid, () => newAggregateUuid(this.ids, caller, 'organization-unit'));
    // a retry of a create whose answer was lost (Idempotency-Key): the unit the first run added, as it is now
    const earlier = () => earlierCreation(caller, () => this.get(caller, organizationUuid, uuid));
    const found = request.uuid ? null : await earlier();
    if (found) return found;
    // a retry that overtook its first run finds the tree changed by that run (or the unit there): that unit is its answer
    return createOnce(
      caller,
      async () => {
        const { tree, version } = await this.change(caller, organizationUuid, (t) => {
          if (t.find(uuid)) throw uuidTaken('An organisation unit', uuid);
          return t.add({
            uuid,
            name: request.name,
            parentUuid: request.parentUuid,
            ean: request.ean ?? null,
            unitId: request.unitId ?? null,
          });
        });
        return toResponse(tree, tree.find(uuid) as Unit, this.clock.now(), version);
      },
      earlier,
      { derived: !request.uuid },
    );
  }

  async patch(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    changes: PatchOrganizationUnitRequest,
    expectedVersion?: number,
  ): Promise<OrganizationUnitResponse> {
    this.requireEditor(caller, organizationUuid);
    const { tree, version } = await this.change(caller, organizationUuid, (t) => t.update(uuid, changes), expectedVersion);
    return toResponse(tree, tree.find(uuid) as Unit, this.clock.now(), version);
  }

  /** `expectedVersion` (If-Match) is the version of the organisation's unit tree, which every unit's ETag carries. */
  async delete(caller: CallerContext, organizationUuid: string, uuid: string, expectedVersion?: number): Promise<void> {
    if (!hasRole(caller, organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only local administrators delete organisation units');
    await this.change(caller, organizationUuid, (t) => t.remove(uuid), expectedVersion);
  }

  /** Bulk import from JSON rows or CSV text: all or nothing, matched by local unit id. */
  async import(
    caller: CallerContext,
    organizationUuid: string,
    request: ImportOrganizationUnitsRequest,
  ): Promise<ImportOrganizationUnitsResponse> {
    this.requireEditor(caller, organizationUuid);
    const rows = request.format === 'csv' ? parseUnitCsv(request.csv ?? '').map((row, i) => validateRow(row, i)) : (request.units ?? []);
    let counts = { created: 0, updated: 0, unchanged: 0 };
    await this.change(caller, organizationUuid, (t) => {
      const result = t.import(rows, () => this.ids.uuid());
      counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
      return result;
    });
    return counts;
  }

  /** The organisation's tree as stored (unit roles build on it); created on first use. */
  loadTree(caller: CallerContext, organizationUuid: string): Promise<Stored<UnitTreeState>> {
    return this.load(caller, organizationUuid);
  }

  /** The organisation's tree, created with its root (named after the organisation) on first use. */
  private async load(caller: CallerContext, organizationUuid: string): Promise<Stored<UnitTreeState>> {
    const existing = await this.trees.findByUuid(organizationUuid);
    if (existing) return existing;
    const [organization] = await this.organizations.many([organizationUuid]);
    if (!organization) throw DomainError.notFound('Organisation', organizationUuid);
    const root = UnitTree.withRoot(this.ids.uuid(), organization.name).root;
    const now = this.clock.now();
    const state: UnitTreeState = { units: [{ ...root, lastModified: now }], lastModified: now };
    try {
      await this.trees.insert(organizationUuid, state, [this.event(caller, organizationUuid, 1, { kind: 'created', unit: root })]);
      return { ...state, uuid: organizationUuid, version: 1 };
    } catch (error) {
      if (error instanceof DuplicateKeyError) return (await this.trees.findByUuid(organizationUuid)) as Stored<UnitTreeState>;
      throw error;
    }
  }

  private async change(
    caller: CallerContext,
    organizationUuid: string,
    apply: (tree: UnitTree) => { tree: UnitTree; changes: TreeChange[] },
    expectedVersion?: number,
  ): Promise<{ tree: UnitTree; version: number }> {
    const current = await this.load(caller, organizationUuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(organizationUuid, expectedVersion);
    const result = apply(UnitTree.of(current.units));
    if (!result.changes.length) return { tree: result.tree, version: current.version };
    const version = current.version + 1;
    const events = result.changes.map((change) => this.event(caller, organizationUuid, version, change));
    const now = this.clock.now();
    const touched = new Set(result.changes.filter((c) => c.kind !== 'deleted').map((c) => c.unit.uuid));
    const units = result.tree.units.map((u) => (touched.has(u.uuid) ? { ...u, lastModified: now } : u));
    try {
      await this.trees.update(organizationUuid, current.version, { units, lastModified: now }, events);
    } catch (error) {
      if (error instanceof StaleVersionError) {
        if (expectedVersion !== undefined) throw stale(organizationUuid, expectedVersion);
        throw DomainError.conflict('The unit tree was changed concurrently; try again');
      }
      throw error;
    }
    return { tree: UnitTree.of(units), version };
  }

  private event(caller: CallerContext, organizationUuid: string, version: number, change: TreeChange): PendingEvent {
    const aggregate = { type: 'organization-unit-tree', uuid: organizationUuid, version };
    const source = { clock: this.clock, ids: this.ids };
    const unit = { uuid: change.unit.uuid, organizationUuid, name: change.unit.name, parentUuid: change.unit.parentUuid };
    const envelope =
      change.kind === 'deleted'
        ? buildEvent(source, IdentityEvents.organizationUnitDeleted, {
            aggregate,
            organizationUuid,
            caller,
            data: { uuid: unit.uuid, organizationUuid },
          })
        : buildEvent(source, change.kind === 'created' ? IdentityEvents.organizationUnitCreated : IdentityEvents.organizationUnitUpdated, {
            aggregate,
            organizationUuid,
            caller,
            data: { unit },
          });
    return envelope;
  }

  private requireMember(caller: CallerContext, organizationUuid: string): void {
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('Only members see the units of an organisation');
  }

  private requireEditor(caller: CallerContext, organizationUuid: string): void {
    if (!hasRole(caller, organizationUuid, 'LocalAdmin', 'OrganizationModuleAdmin')) {
      throw DomainError.forbidden('Only local and organisation-module administrators change organisation units');
    }
  }
}

function validateRow(row: ImportedUnit, index: number): ImportedUnit {
  try {
    return validateInto(ImportedUnit, row);
  } catch (error) {
    if (error instanceof DomainError) {
      throw DomainError.badInput(
        'The import is invalid; nothing was changed',
        error.errors.map((e) => ({ field: `csv line ${index + 2}: ${e.field}`, message: e.message })),
      );
    }
    throw error;
  }
}

function stale(organizationUuid: string, expectedVersion: number): DomainError {
  return DomainError.stale(`The unit tree of organisation ${organizationUuid}`, expectedVersion);
}

function toResponse(tree: UnitTree, unit: Unit, treeModified: Date, version: number): OrganizationUnitResponse {
  const parent = unit.parentUuid ? tree.find(unit.parentUuid) : undefined;
  return {
    uuid: unit.uuid,
    name: unit.name,
    parentOrganizationUnit: parent ? { uuid: parent.uuid, name: parent.name } : null,
    ean: unit.ean,
    unitId: unit.unitId,
    origin: unit.origin,
    lastModified: (unit.lastModified ?? treeModified).toISOString(),
    version,
  };
}
