import { DomainError, ErrorCode, systemCaller, type CallerContext } from '@kitos/common';
import { DuplicateKeyError, StaleVersionError, type Stored } from '@kitos/persistence';
import {
  InterfaceLookup,
  KleCatalog,
  OptionCatalog,
  OrganizationDirectory,
  UsageLookup,
  type FieldRef,
  type OptionKind,
} from '../shared/ports';
import type { ItSystem } from './it-system';
import type { ItSystemsRepository } from './it-systems.repository';
import { ItSystemsService } from './it-systems.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const USER = '99999999-9999-4999-8999-999999999999';
const SYSTEM = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const KLE_A = 'c0000000-0000-4000-8000-00000000000a';
const KLE_B = 'c0000000-0000-4000-8000-00000000000b';
const BUSINESS_TYPE = 'd0000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-26T12:00:00.000Z');

const user = (roles: Array<[string, string]>, overrides: Partial<CallerContext> = {}): CallerContext => ({
  ...systemCaller('c-1'),
  kind: 'user',
  userUuid: USER,
  isGlobalAdmin: false,
  crossOrganizationRead: 'Public',
  organizationRoles: roles.map(([organizationUuid, role]) => ({ organizationUuid, role })),
  ...overrides,
});
const admin = user([], { isGlobalAdmin: true, crossOrganizationRead: 'All' });
const localAdmin = user([[ORG, 'LocalAdmin']]);
const rightsHolder = user([[SUPPLIER, 'RightsHolderAccess']], { crossOrganizationRead: 'RightsHolder' });

function stored(overrides: Partial<Stored<ItSystem>> = {}): Stored<ItSystem> {
  return {
    uuid: SYSTEM,
    version: 3,
    organizationUuid: ORG,
    name: 'Løn',
    nameKey: 'løn',
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
    legalName: null,
    legalDataProcessorName: null,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    createdByUserUuid: null,
    lastModified: new Date('2026-01-01T00:00:00.000Z'),
    lastModifiedByUserUuid: null,
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const badRef = (ref: FieldRef) => DomainError.badInput('unknown', [{ field: ref.field, message: 'unknown' }]);

describe('ItSystemsService', () => {
  let repository: jest.Mocked<
    Pick<
      ItSystemsRepository,
      'insert' | 'update' | 'markDeleted' | 'findByUuid' | 'findByName' | 'findMany' | 'children' | 'list' | 'exists'
    >
  >;
  let directory: jest.Mocked<OrganizationDirectory>;
  let options: jest.Mocked<Pick<OptionCatalog, 'requireAvailable' | 'namesOf'>>;
  let kle: jest.Mocked<Pick<KleCatalog, 'requireExisting' | 'byUuids' | 'uuidsUnderNumber'>>;
  let usages: jest.Mocked<Pick<UsageLookup, 'countBySystem' | 'usingOrganizations' | 'systemsUsedBy' | 'usageCounts'>>;
  let interfaces: jest.Mocked<Pick<InterfaceLookup, 'exposedBy'>>;
  let systems: Map<string, Stored<ItSystem>>;
  let sut: ItSystemsService;
  let nextId: number;

  beforeEach(() => {
    nextId = 0;
    systems = new Map([[SYSTEM, stored()]]);
    repository = {
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
      markDeleted: jest.fn().mockResolvedValue(undefined),
      findByUuid: jest.fn(async (uuid: string) => systems.get(uuid) ?? null),
      findByName: jest.fn().mockResolvedValue(null),
      findMany: jest.fn(async (uuids: readonly string[]) => new Map(uuids.filter((u) => systems.has(u)).map((u) => [u, systems.get(u)!]))),
      children: jest.fn(async (parent: string) => [...systems.values()].filter((s) => s.parentUuid === parent)),
      list: jest.fn(),
      exists: jest.fn().mockResolvedValue(false),
    };
    directory = {
      requireOrganization: jest.fn(async (ref: FieldRef) => {
        if (ref.uuid !== ORG && ref.uuid !== SUPPLIER) throw badRef(ref);
        return { uuid: ref.uuid, name: ref.uuid === ORG ? 'Aarhus Kommune' : 'KMD A/S', cvr: ref.uuid === ORG ? '55133018' : '26911745' };
      }),
      organizationNames: jest.fn(async (uuids: readonly string[]) => new Map(uuids.map((u) => [u, `Org ${u.slice(0, 4)}`]))),
      requireUnits: jest.fn(),
      requireMembers: jest.fn(),
      requireRoleTypes: jest.fn(),
      userNames: jest.fn(async (uuids: readonly string[]) => new Map(uuids.map((u) => [u, 'Test Bruger']))),
    };
    options = {
      requireAvailable: jest.fn(async (_kind, _org, refs: readonly FieldRef[]) => {
        if (refs.some((r) => r.uuid !== BUSINESS_TYPE)) throw badRef(refs[0]);
        return refs.map((r) => ({ uuid: r.uuid, name: 'Økonomi' }));
      }),
      namesOf: jest.fn(async (_kind: OptionKind, _uuids: readonly string[]) => new Map([[BUSINESS_TYPE, 'Økonomi']])),
    };
    kle = {
      requireExisting: jest.fn(async (refs: readonly FieldRef[]) => {
        const unknown = refs.find((r) => r.uuid !== KLE_A && r.uuid !== KLE_B);
        if (unknown) throw badRef(unknown);
        return refs.map((r) => ({ uuid: r.uuid, kleNumber: '02.05', description: 'Byggeri' }));
      }),
      byUuids: jest.fn(
        async (_uuids: readonly string[]) => new Map([[KLE_A, { uuid: KLE_A, kleNumber: '02.05.01', description: 'Byggetilladelser' }]]),
      ),
      uuidsUnderNumber: jest.fn(async (_number: string) => [KLE_A]),
    };
    usages = {
      countBySystem: jest.fn().mockResolvedValue(0),
      usingOrganizations: jest.fn().mockResolvedValue(new Map()),
      systemsUsedBy: jest.fn().mockResolvedValue([]),
      usageCounts: jest.fn().mockResolvedValue(new Map()),
    };
    interfaces = { exposedBy: jest.fn().mockResolvedValue([]) };
    sut = new ItSystemsService(
      repository as unknown as ItSystemsRepository,
      { now: () => NOW },
      { uuid: () => `00000000-0000-4000-8000-00000000000${++nextId}` },
      directory,
      options as unknown as OptionCatalog,
      kle as unknown as KleCatalog,
      usages as unknown as UsageLookup,
      interfaces as unknown as InterfaceLookup,
    );
  });

  describe('create', () => {
    it('registers a Global, active system by default and records a created event at version 1 with the full snapshot', async () => {
      const result = await sut.create(admin, { organizationUuid: ORG, name: 'Løn', rightsHolderUuid: SUPPLIER, kleUuids: [KLE_A] });
      expect(result).toMatchObject({
        scope: 'Global',
        deactivated: false,
        version: 1,
        created: NOW.toISOString(),
        organizationContext: { uuid: ORG, name: 'Aarhus Kommune', cvr: '55133018' },
        rightsHolder: { uuid: SUPPLIER, name: 'KMD A/S', cvr: '26911745' },
        kle: [{ uuid: KLE_A, name: '02.05.01', kleNumber: '02.05.01' }],
        recommendedArchiveDuty: { id: 'Undecided', comment: null },
        usingOrganizations: [],
      });
      const [uuid, state, events] = repository.insert.mock.calls[0];
      expect(uuid).toBe(result.uuid);
      expect(state).toMatchObject({ nameKey: 'løn', organizationUuid: ORG });
      expect(events).toEqual([
        expect.objectContaining({
          type: 'catalog.it-system.created',
          version: 1,
          aggregate: { type: 'it-system', uuid: result.uuid, version: 1 },
          data: { system: expect.objectContaining({ name: 'Løn', rightsHolderUuid: SUPPLIER, kleUuids: [KLE_A] }) },
        }),
      ]);
    });

    it('is refused for a local administrator (only global admins and rights holders of the owner create)', async () => {
      expect((await failureOf(sut.create(localAdmin, { organizationUuid: ORG, name: 'X' }))).code).toBe(ErrorCode.Forbidden);
    });

    it('lets a rights holder of the owning organisation create, but not choose Local', async () => {
      await sut.create(rightsHolder, { organizationUuid: SUPPLIER, name: 'X' });
      expect(repository.insert).toHaveBeenCalled();
      expect((await failureOf(sut.create(rightsHolder, { organizationUuid: SUPPLIER, name: 'Y', scope: 'Local' }))).code).toBe(
        ErrorCode.Forbidden,
      );
    });

    it('refuses an owning organisation that does not exist', async () => {
      const error = await failureOf(sut.create(admin, { organizationUuid: OTHER, name: 'X' }));
      expect(error.code).toBe(ErrorCode.BadInput);
      expect(error.errors.map((e) => e.field)).toEqual(['organizationUuid']);
    });

    it('collects every invalid reference into one 400 naming each field', async () => {
      const error = await failureOf(
        sut.create(admin, {
          organizationUuid: ORG,
          name: 'X',
          rightsHolderUuid: OTHER,
          businessTypeUuid: OTHER,
          kleUuids: [KLE_A, KLE_A],
          parentUuid: OTHER,
          recommendedArchiveDuty: { id: 'Undecided', comment: 'why' },
        }),
      );
      expect(error.code).toBe(ErrorCode.BadInput);
      expect(error.errors.map((e) => e.field).sort()).toEqual(
        ['businessTypeUuid', 'kleUuids[1]', 'parentUuid', 'recommendedArchiveDuty.comment', 'rightsHolderUuid'].sort(),
      );
      expect(options.requireAvailable).toHaveBeenCalledWith('business-types', ORG, [{ field: 'businessTypeUuid', uuid: OTHER }]);
    });

    it('refuses an unknown KLE reference and two master references', async () => {
      const kleError = await failureOf(sut.create(admin, { organizationUuid: ORG, name: 'X', kleUuids: [KLE_A, OTHER] }));
      expect(kleError.errors.map((e) => e.field)).toEqual(['kleUuids[1]']);
      const refs = await failureOf(
        sut.create(admin, {
          organizationUuid: ORG,
          name: 'X',
          externalReferences: [
            { title: 'a', masterReference: true },
            { title: 'b', masterReference: true },
          ],
        }),
      );
      expect(refs.errors.map((e) => e.field)).toEqual(['externalReferences']);
    });

    it('refuses a parent the caller cannot read with 403', async () => {
      systems.set(OTHER, stored({ uuid: OTHER, organizationUuid: SUPPLIER, scope: 'Local', name: 'Hidden', nameKey: 'hidden' }));
      const caller = user([[ORG, 'RightsHolderAccess']]);
      expect((await failureOf(sut.create(caller, { organizationUuid: ORG, name: 'X', parentUuid: OTHER }))).code).toBe(ErrorCode.Forbidden);
    });

    it('answers 409 naming the holder when the unique index refuses a name already taken in the organisation, ignoring case', async () => {
      repository.insert.mockRejectedValue(new DuplicateKeyError({ organizationUuid: 1, nameKey: 1 }));
      repository.findByName.mockResolvedValue(stored({ uuid: OTHER }));
      const failure = await failureOf(sut.create(admin, { organizationUuid: ORG, name: 'LØN' }));
      expect(failure.code).toBe(ErrorCode.Conflict);
      expect(failure.extra).toMatchObject({ existingUuid: OTHER });
      expect(repository.insert).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ nameKey: 'løn' }), expect.anything());
      expect(repository.findByName).toHaveBeenCalledWith(ORG, 'løn');
    });

    it('writes a new system without looking its name up first (the unique index guards it)', async () => {
      await sut.create(admin, { organizationUuid: ORG, name: 'Fri' });
      expect(repository.insert).toHaveBeenCalled();
      expect(repository.findByName).not.toHaveBeenCalled();
    });

    it('turns a unique-index collision (a concurrent registration) into a conflict', async () => {
      repository.insert.mockRejectedValue(new DuplicateKeyError({ organizationUuid: 1, nameKey: 1 }));
      expect((await failureOf(sut.create(admin, { organizationUuid: ORG, name: 'Løn' }))).code).toBe(ErrorCode.Conflict);
    });
  });

  describe('change', () => {
    it('patches only the fields sent and records each change with old and new value', async () => {
      const result = await sut.patch(admin, SYSTEM, { description: 'Lønsystem', kleUuids: [KLE_A] });
      expect(result).toMatchObject({ name: 'Løn', description: 'Lønsystem', version: 4 });
      const [, expectedVersion, set, events] = repository.update.mock.calls[0];
      expect(expectedVersion).toBe(3);
      expect(set).toMatchObject({ description: 'Lønsystem', kleUuids: [KLE_A], lastModified: NOW });
      expect(events[0]).toMatchObject({
        type: 'catalog.it-system.updated',
        aggregate: { version: 4 },
        data: {
          system: { kleUuids: [KLE_A] },
          changes: [
            { field: 'description', oldValue: null, newValue: 'Lønsystem' },
            { field: 'kleUuids', oldValue: [], newValue: [KLE_A] },
          ],
        },
      });
    });

    it('PUT resets what is left out to its defaults', async () => {
      systems.set(
        SYSTEM,
        stored({ description: 'old', kleUuids: [KLE_A], recommendedArchiveDuty: 'B', recommendedArchiveDutyComment: 'c' }),
      );
      const result = await sut.put(admin, SYSTEM, { name: 'Løn 2' });
      expect(result).toMatchObject({
        name: 'Løn 2',
        description: null,
        kle: [],
        recommendedArchiveDuty: { id: 'Undecided', comment: null },
      });
    });

    it('writes nothing for a patch that changes nothing', async () => {
      const result = await sut.patch(admin, SYSTEM, { name: 'Løn' });
      expect(result.version).toBe(3);
      expect(repository.update).not.toHaveBeenCalled();
    });

    it('lets only global admins change the scope', async () => {
      expect((await failureOf(sut.patch(localAdmin, SYSTEM, { scope: 'Local' }))).code).toBe(ErrorCode.Forbidden);
      await sut.patch(admin, SYSTEM, { scope: 'Local' });
      expect(repository.update).toHaveBeenCalled();
    });

    it('refuses a parent that would make a cycle', async () => {
      systems.set(OTHER, stored({ uuid: OTHER, parentUuid: SYSTEM, name: 'Child', nameKey: 'child' }));
      const selfParent = await failureOf(sut.patch(admin, SYSTEM, { parentUuid: SYSTEM }));
      expect(selfParent.errors.map((e) => e.field)).toEqual(['parentUuid']);
      const loop = await failureOf(sut.patch(admin, SYSTEM, { parentUuid: OTHER }));
      expect(loop.code).toBe(ErrorCode.BadInput);
      expect(loop.errors[0].message).toMatch(/cycle/);
    });

    it('does not re-check references that did not change', async () => {
      systems.set(SYSTEM, stored({ businessTypeUuid: OTHER }));
      await sut.patch(admin, SYSTEM, { description: 'x' });
      expect(options.requireAvailable).not.toHaveBeenCalled();
    });

    it('refuses a stale If-Match version (412), and a concurrent change without one (409)', async () => {
      expect((await failureOf(sut.patch(admin, SYSTEM, { description: 'x' }, 2))).code).toBe(ErrorCode.PreconditionFailed);
      repository.update.mockRejectedValue(new StaleVersionError(SYSTEM, 3));
      expect((await failureOf(sut.patch(admin, SYSTEM, { description: 'x' }))).code).toBe(ErrorCode.Conflict);
    });

    it('refuses to rename onto another system of the organisation', async () => {
      repository.findByName.mockResolvedValue(stored({ uuid: OTHER, name: 'ESDH', nameKey: 'esdh' }));
      expect((await failureOf(sut.patch(admin, SYSTEM, { name: 'esdh' }))).code).toBe(ErrorCode.Conflict);
    });

    it('answers not found for an unknown system', async () => {
      expect((await failureOf(sut.get(admin, OTHER))).code).toBe(ErrorCode.NotFound);
    });
  });

  describe('delete', () => {
    it('leaves a tombstone that frees the name and carries the deleted event', async () => {
      await sut.delete(admin, SYSTEM);
      const [uuid, expectedVersion, set, events, at] = repository.markDeleted.mock.calls[0];
      expect({ uuid, expectedVersion, at }).toEqual({ uuid: SYSTEM, expectedVersion: 3, at: NOW });
      expect(set.nameKey).toBe(`deleted:${SYSTEM}`);
      expect(events[0]).toMatchObject({ type: 'catalog.it-system.deleted', data: { uuid: SYSTEM, name: 'Løn', organizationUuid: ORG } });
    });

    it('is refused with 409 and every conflict with the uuids and names behind it', async () => {
      systems.set(OTHER, stored({ uuid: OTHER, parentUuid: SYSTEM, name: 'Child', nameKey: 'child' }));
      usages.countBySystem.mockResolvedValue(1);
      usages.usingOrganizations.mockResolvedValue(new Map([[SYSTEM, [ORG]]]));
      interfaces.exposedBy.mockResolvedValue([{ uuid: KLE_B, name: 'API' }]);
      const error = await failureOf(sut.delete(localAdmin, SYSTEM));
      expect(error.code).toBe(ErrorCode.Conflict);
      expect(error.extra).toEqual({
        deletionConflicts: ['HasItSystemUsages', 'HasChildSystems', 'HasInterfaceExposures'],
        conflicts: [
          { conflict: 'HasItSystemUsages', items: [{ uuid: ORG, name: `Org ${ORG.slice(0, 4)}` }] },
          { conflict: 'HasChildSystems', items: [{ uuid: OTHER, name: 'Child' }] },
          { conflict: 'HasInterfaceExposures', items: [{ uuid: KLE_B, name: 'API' }] },
        ],
      });
      expect(repository.markDeleted).not.toHaveBeenCalled();
    });

    it('is refused for a rights holder (they deactivate instead)', async () => {
      systems.set(SYSTEM, stored({ rightsHolderUuid: SUPPLIER }));
      expect((await failureOf(sut.delete(rightsHolder, SYSTEM))).code).toBe(ErrorCode.Forbidden);
    });
  });

  describe('rights holders', () => {
    it('create systems owned by their organisation, and not for another organisation', async () => {
      const created = await sut.rightsHolderCreate(rightsHolder, { rightsHolderUuid: SUPPLIER, name: 'Sag', description: 'ESDH' });
      expect(created).toMatchObject({ organizationContext: { uuid: SUPPLIER }, rightsHolder: { uuid: SUPPLIER }, description: 'ESDH' });
      const refused = sut.rightsHolderCreate(rightsHolder, { rightsHolderUuid: ORG, name: 'Sag', description: 'ESDH' });
      expect((await failureOf(refused)).code).toBe(ErrorCode.Forbidden);
    });

    it('are refused a uuid that is already taken', async () => {
      repository.exists.mockResolvedValue(true);
      const taken = sut.rightsHolderCreate(rightsHolder, { uuid: OTHER, rightsHolderUuid: SUPPLIER, name: 'Sag', description: 'ESDH' });
      expect((await failureOf(taken)).code).toBe(ErrorCode.Conflict);
    });

    it('manage only systems whose rights holder they are', async () => {
      expect((await failureOf(sut.rightsHolderGet(rightsHolder, SYSTEM))).code).toBe(ErrorCode.Forbidden);
      systems.set(SYSTEM, stored({ rightsHolderUuid: SUPPLIER }));
      expect((await sut.rightsHolderGet(rightsHolder, SYSTEM)).uuid).toBe(SYSTEM);
    });

    it('deactivate with the reason, recorded in the state and in the event', async () => {
      systems.set(SYSTEM, stored({ rightsHolderUuid: SUPPLIER }));
      const result = await sut.deactivate(rightsHolder, SYSTEM, { deactivationReason: 'Udgået' });
      expect(result).toMatchObject({ deactivated: true, deactivationReason: 'Udgået' });
      const [, , , events] = repository.update.mock.calls[0];
      expect(events[0].data).toMatchObject({
        system: { deactivated: true, deactivationReason: 'Udgået' },
        changes: [
          { field: 'deactivated', oldValue: false, newValue: true },
          { field: 'deactivationReason', oldValue: null, newValue: 'Udgået' },
        ],
      });
    });

    it('are the only ones (besides global admins) to use the rights-holder endpoints', async () => {
      expect((await failureOf(sut.rightsHolderList(localAdmin, {}))).code).toBe(ErrorCode.Forbidden);
    });
  });

  describe('list', () => {
    beforeEach(() => repository.list.mockResolvedValue({ items: [stored()], page: 0, pageSize: 250 }));

    it('orders by last change when changedSinceGtEq is given, with the default page size of 250', async () => {
      await sut.list(admin, { changedSinceGtEq: '2026-01-01T00:00:00Z', orderByProperty: 'Name' });
      expect(repository.list).toHaveBeenCalledWith(
        expect.objectContaining({ orderBy: 'LastChanged', pageSize: 250, page: 0, includeDeactivated: false }),
      );
    });

    it('turns usage and KLE filters into the systems they select', async () => {
      usages.systemsUsedBy.mockResolvedValue([SYSTEM, OTHER]);
      usages.usageCounts.mockResolvedValue(
        new Map([
          [SYSTEM, 3],
          [OTHER, 1],
        ]),
      );
      await sut.list(admin, { usedInOrganizationUuid: ORG, numberOfUsers: 2, kleNumber: '02' });
      expect(kle.uuidsUnderNumber).toHaveBeenCalledWith('02');
      expect(repository.list).toHaveBeenCalledWith(expect.objectContaining({ uuidIn: [SYSTEM], kleUuidsAny: [KLE_A] }));
    });

    it('names the using organisations of each system', async () => {
      usages.usingOrganizations.mockResolvedValue(new Map([[SYSTEM, [ORG]]]));
      const page = await sut.list(admin, {});
      expect(page.items[0].usingOrganizations).toEqual([{ uuid: ORG, name: 'Aarhus Kommune', cvr: '55133018' }]);
    });
  });

  it('shows the hierarchy from the top of the tree', async () => {
    systems.set(OTHER, stored({ uuid: OTHER, parentUuid: SYSTEM, name: 'Child', nameKey: 'child' }));
    expect(await sut.hierarchy(admin, OTHER)).toEqual([
      { node: { uuid: SYSTEM, name: 'Løn' }, parent: null, deactivated: false },
      { node: { uuid: OTHER, name: 'Child' }, parent: { uuid: SYSTEM, name: 'Løn' }, deactivated: false },
    ]);
  });
});
