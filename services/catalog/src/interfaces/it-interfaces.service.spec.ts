import { DomainError, ErrorCode, systemCaller, type CallerContext } from '@kitos/common';
import { DuplicateKeyError, type Stored } from '@kitos/persistence';
import type { ItSystemsRepository } from '../it-systems/it-systems.repository';
import type { OptionCatalog } from '../shared/ports';
import { uniqueKeyOf, type ItInterface } from './it-interface';
import type { ItInterfacesRepository } from './it-interfaces.repository';
import { ItInterfacesService } from './it-interfaces.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const SYSTEM = '33333333-3333-4333-8333-333333333333';
const TYPE = '44444444-4444-4444-8444-444444444444';
const DATA_TYPE = '55555555-5555-4555-8555-555555555555';
const ROW = '66666666-6666-4666-8666-666666666666';
const NOW = new Date('2026-11-26T12:00:00.000Z');
const admin: CallerContext = { ...systemCaller('c-1'), kind: 'user', userUuid: '99999999-9999-4999-8999-999999999999' };

function stored(overrides: Partial<Stored<ItInterface>> = {}): Stored<ItInterface> {
  return {
    uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    version: 3,
    organizationUuid: ORG,
    name: 'CPR-opslag',
    nameKey: 'cpr-opslag',
    interfaceId: 'CPR-1',
    interfaceIdKey: 'cpr-1',
    uniqueKey: uniqueKeyOf('CPR-opslag', 'CPR-1'),
    interfaceVersion: '1.0',
    description: null,
    urlReference: null,
    note: null,
    itInterfaceTypeUuid: TYPE,
    scope: 'Local',
    deactivated: false,
    exposedBySystemUuid: null,
    data: [{ uuid: ROW, description: 'CPR', dataTypeUuid: DATA_TYPE }],
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

describe('ItInterfacesService', () => {
  let repository: jest.Mocked<Pick<ItInterfacesRepository, 'insert' | 'update' | 'markDeleted' | 'findByUuid' | 'findByUniqueKey'>>;
  let systems: jest.Mocked<Pick<ItSystemsRepository, 'findByUuid'>>;
  let options: jest.Mocked<OptionCatalog>;
  let sut: ItInterfacesService;
  let nextId: number;

  beforeEach(() => {
    nextId = 0;
    repository = {
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
      markDeleted: jest.fn().mockResolvedValue(undefined),
      findByUuid: jest.fn().mockResolvedValue(stored()),
      findByUniqueKey: jest.fn().mockResolvedValue(null),
    };
    systems = {
      findByUuid: jest.fn().mockResolvedValue({ uuid: SYSTEM, name: 'KMD Sag', organizationUuid: ORG, scope: 'Global', version: 1 }),
    };
    options = {
      requireAvailable: jest.fn().mockResolvedValue([]),
      namesOf: jest.fn().mockResolvedValue(new Map([[TYPE, 'Webservice']])),
    } as unknown as jest.Mocked<OptionCatalog>;
    sut = new ItInterfacesService(
      repository as unknown as ItInterfacesRepository,
      systems as unknown as ItSystemsRepository,
      { now: () => NOW },
      { uuid: () => `00000000-0000-4000-8000-00000000000${++nextId}` },
      options,
    );
  });

  it('registers a Local, active interface by default, with a created event carrying the snapshot', async () => {
    const result = await sut.create(admin, { organizationUuid: ORG, name: 'CPR-opslag', version: '2.1', exposedBySystemUuid: SYSTEM });
    expect(result).toMatchObject({
      scope: 'Local',
      deactivated: false,
      version: '2.1',
      revision: 1,
      exposedBySystem: { uuid: SYSTEM, name: 'KMD Sag' },
      data: [],
    });
    const [uuid, state, events] = repository.insert.mock.calls[0];
    expect(state).toMatchObject({ uniqueKey: uniqueKeyOf('CPR-opslag', null), interfaceVersion: '2.1' });
    expect(events[0]).toMatchObject({
      type: 'catalog.it-interface.created',
      aggregate: { type: 'it-interface', uuid, version: 1 },
      data: { interface: { name: 'CPR-opslag', version: '2.1', exposedBySystemUuid: SYSTEM } },
    });
  });

  it('refuses a name + interface id already taken in the organisation (409), also when the index catches a race', async () => {
    repository.findByUniqueKey.mockResolvedValue(stored());
    const taken = await failureOf(sut.create(admin, { organizationUuid: ORG, name: ' cpr-OPSLAG ', interfaceId: 'cpr-1' }));
    expect(taken.code).toBe(ErrorCode.Conflict);
    expect(repository.findByUniqueKey).toHaveBeenCalledWith(ORG, uniqueKeyOf('CPR-opslag', 'CPR-1'));
    repository.findByUniqueKey.mockResolvedValue(null);
    repository.insert.mockRejectedValue(new DuplicateKeyError({ organizationUuid: 1, uniqueKey: 1 }));
    expect((await failureOf(sut.create(admin, { organizationUuid: ORG, name: 'CPR-opslag' }))).code).toBe(ErrorCode.Conflict);
  });

  it('answers every invalid reference in one 400: unknown system, unavailable type and data type by row', async () => {
    systems.findByUuid.mockResolvedValue(null);
    options.requireAvailable.mockImplementation(async (kind, _org, refs) => {
      throw DomainError.badInput(
        `unavailable ${kind}`,
        refs.map((r) => ({ field: r.field, message: 'is not available' })),
      );
    });
    const error = await failureOf(
      sut.create(admin, {
        organizationUuid: ORG,
        name: 'X',
        exposedBySystemUuid: SYSTEM,
        itInterfaceTypeUuid: TYPE,
        data: [{ description: 'a' }, { dataTypeUuid: DATA_TYPE }],
      }),
    );
    expect(error.code).toBe(ErrorCode.BadInput);
    expect(error.errors.map((e) => e.field)).toEqual(['exposedBySystemUuid', 'itInterfaceTypeUuid', 'data[1].dataTypeUuid']);
    expect(repository.insert).not.toHaveBeenCalled();
  });

  it('treats an exposing system the caller may not read as unknown', async () => {
    systems.findByUuid.mockResolvedValue({ uuid: SYSTEM, name: 'Hemmelig', organizationUuid: OTHER, scope: 'Local', version: 1 } as never);
    const member: CallerContext = {
      ...admin,
      isGlobalAdmin: false,
      crossOrganizationRead: 'Public',
      organizationRoles: [{ organizationUuid: ORG, role: 'LocalAdmin' }],
    };
    const error = await failureOf(sut.create(member, { organizationUuid: ORG, name: 'X', exposedBySystemUuid: SYSTEM }));
    expect(error.errors).toEqual([expect.objectContaining({ field: 'exposedBySystemUuid' })]);
  });

  it('checks options only when they change, so kept rows with a retired data type stay valid', async () => {
    await sut.patch(admin, stored().uuid, {
      description: 'ny',
      data: [{ uuid: ROW, description: 'CPR', dataTypeUuid: DATA_TYPE }, { dataTypeUuid: DATA_TYPE }],
    });
    expect(options.requireAvailable).toHaveBeenCalledTimes(1);
    expect(options.requireAvailable).toHaveBeenCalledWith('it-interface-interface-data-types', ORG, [
      { field: 'data[1].dataTypeUuid', uuid: DATA_TYPE },
    ]);
  });

  it('refuses a row uuid that is not a row of the interface', async () => {
    const error = await failureOf(sut.patch(admin, stored().uuid, { data: [{ uuid: SYSTEM, description: 'x' }] }));
    expect(error.errors).toEqual([expect.objectContaining({ field: 'data[0].uuid' })]);
  });

  it('PUT resets absent fields to their defaults and records each change under its API name', async () => {
    const result = await sut.put(admin, stored().uuid, { name: 'CPR-opslag' });
    expect(result).toMatchObject({ interfaceId: null, version: null, itInterfaceType: null, data: [], revision: 4 });
    const [, expectedVersion, , events] = repository.update.mock.calls[0];
    expect(expectedVersion).toBe(3);
    expect(events[0].data).toMatchObject({
      changes: [
        { field: 'interfaceId', oldValue: 'CPR-1', newValue: null },
        { field: 'version', oldValue: '1.0', newValue: null },
        { field: 'itInterfaceTypeUuid', oldValue: TYPE, newValue: null },
        { field: 'data', oldValue: stored().data, newValue: [] },
      ],
    });
  });

  it('writes nothing for a patch that changes nothing, and refuses a stale If-Match revision (412)', async () => {
    expect((await sut.patch(admin, stored().uuid, { name: 'CPR-opslag', version: '1.0' })).revision).toBe(3);
    expect(repository.update).not.toHaveBeenCalled();
    expect((await failureOf(sut.patch(admin, stored().uuid, { description: 'x' }, 2))).code).toBe(ErrorCode.PreconditionFailed);
  });

  it('refuses to delete an interface a system exposes (409 listing the conflict), and frees the key otherwise', async () => {
    repository.findByUuid.mockResolvedValue(stored({ exposedBySystemUuid: SYSTEM }));
    const conflict = await failureOf(sut.delete(admin, stored().uuid));
    expect(conflict.code).toBe(ErrorCode.Conflict);
    expect(conflict.extra).toEqual({ deletionConflicts: ['ExposedByItSystem'], exposedBySystem: { uuid: SYSTEM, name: 'KMD Sag' } });
    expect(repository.markDeleted).not.toHaveBeenCalled();

    repository.findByUuid.mockResolvedValue(stored());
    await sut.delete(admin, stored().uuid);
    const [, , set, events] = repository.markDeleted.mock.calls[0];
    expect(set.uniqueKey).toBe(`deleted:${stored().uuid}`);
    expect(events[0]).toMatchObject({ type: 'catalog.it-interface.deleted', data: { name: 'CPR-opslag', scope: 'Local' } });
  });

  it('adds, replaces and removes single data rows, validating a new data type under the row’s own field name', async () => {
    const added = await sut.addDataRow(admin, stored().uuid, { description: 'Adresse', dataTypeUuid: TYPE });
    expect(added).toMatchObject({ revision: 4, row: { description: 'Adresse', dataType: { uuid: TYPE } } });
    expect(options.requireAvailable).toHaveBeenCalledWith('it-interface-interface-data-types', ORG, [
      { field: 'dataTypeUuid', uuid: TYPE },
    ]);
    const unknownRow = await failureOf(sut.putDataRow(admin, stored().uuid, SYSTEM, { description: 'x' }));
    expect(unknownRow.code).toBe(ErrorCode.NotFound);
    expect(await sut.deleteDataRow(admin, stored().uuid, ROW)).toEqual({ revision: 4 });
    expect(repository.update.mock.calls[1][2]).toMatchObject({ data: [] });
  });

  it('answers 503 for an option reference while the option types are not deployed, but works without them otherwise', async () => {
    const bare = new ItInterfacesService(
      repository as unknown as ItInterfacesRepository,
      systems as unknown as ItSystemsRepository,
      { now: () => NOW },
      { uuid: () => '00000000-0000-4000-8000-000000000009' },
    );
    expect((await failureOf(bare.create(admin, { organizationUuid: ORG, name: 'X', itInterfaceTypeUuid: TYPE }))).code).toBe(
      ErrorCode.Unavailable,
    );
    expect((await bare.create(admin, { organizationUuid: ORG, name: 'Y' })).name).toBe('Y');
  });
});
