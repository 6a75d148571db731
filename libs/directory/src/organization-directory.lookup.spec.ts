import { DomainError, ErrorCode } from '@kitos/common';
import { Rpc } from '@kitos/contracts';
import type { MongoConnection } from '@kitos/persistence';
import { resolveDirectoryOptions } from './directory.options';
import { DirectoryRepository } from './directory.repository';
import type { NatsRpcClient } from '@kitos/messaging';
import { OrganizationDirectoryLookup } from './organization-directory.lookup';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER_ORG = '22222222-2222-4222-8222-222222222222';
const USER = '99999999-9999-4999-8999-999999999999';
const UNIT = '33333333-3333-4333-8333-333333333333';

type Row = Record<string, unknown> & { _id: string; version: number; deleted: boolean };

/** A directory copy in memory with the repository's rules: rows by uuid, applied only when newer. */
function fakeRows() {
  const tables = {
    organizations: new Map<string, Row>(),
    units: new Map<string, Row>(),
    users: new Map<string, Row>(),
    roleTypes: new Map<string, Row>(),
  };
  const rows = {
    organizations: tables.organizations,
    units: tables.units,
    users: tables.users,
    roleTypes: tables.roleTypes,
    find: jest.fn(
      async (table: Map<string, Row>, uuids: readonly string[]) =>
        new Map(uuids.filter((u) => table.has(u)).map((u) => [u, table.get(u)!])),
    ),
    apply: jest.fn(async (table: Map<string, Row>, uuid: string, version: number, state: Record<string, unknown>) => {
      const existing = table.get(uuid);
      if (existing && existing.version >= version) return false;
      table.set(uuid, { ...state, _id: uuid, version } as Row);
      return true;
    }),
  };
  return { tables, rows: rows as unknown as DirectoryRepository };
}

async function failureOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('OrganizationDirectoryLookup', () => {
  let tables: ReturnType<typeof fakeRows>['tables'];
  let identity: { systemFind: jest.Mock };
  let sut: OrganizationDirectoryLookup;

  beforeEach(() => {
    const fake = fakeRows();
    tables = fake.tables;
    identity = { systemFind: jest.fn().mockResolvedValue(null) };
    sut = new OrganizationDirectoryLookup(fake.rows, identity as unknown as NatsRpcClient);
  });

  it('answers from the copy without asking identity', async () => {
    tables.organizations.set(ORG, {
      _id: ORG,
      name: 'Aarhus Kommune',
      cvr: '55133018',
      organizationType: 'Municipality',
      version: 2,
      deleted: false,
    });
    expect(await sut.requireOrganization({ field: 'organizationUuid', uuid: ORG })).toEqual({
      uuid: ORG,
      name: 'Aarhus Kommune',
      cvr: '55133018',
    });
    expect(identity.systemFind).not.toHaveBeenCalled();
  });

  it('reads an organisation the copy has not seen yet through from identity and remembers it', async () => {
    identity.systemFind.mockResolvedValue({ uuid: ORG, name: 'Ny Kommune', cvr: null, organizationType: 'Municipality', version: 1 });
    expect(await sut.requireOrganization({ field: 'rightsHolderUuid', uuid: ORG })).toMatchObject({ name: 'Ny Kommune' });
    expect(identity.systemFind).toHaveBeenCalledWith(Rpc.identity.getOrganization, { uuid: ORG }, { passOn: [] });
    expect(tables.organizations.get(ORG)).toMatchObject({ name: 'Ny Kommune', version: 1 });
  });

  it('refuses an organisation unknown to identity with a 400 naming the field', async () => {
    const error = await failureOf(sut.requireOrganization({ field: 'rightsHolderUuid', uuid: ORG }));
    expect(error.code).toBe(ErrorCode.BadInput);
    expect(error.errors).toEqual([expect.objectContaining({ field: 'rightsHolderUuid' })]);
  });

  it('treats a deleted organisation as unknown, without asking identity again', async () => {
    tables.organizations.set(ORG, { _id: ORG, name: 'Gone', cvr: null, organizationType: 'Municipality', version: 3, deleted: true });
    expect((await failureOf(sut.requireOrganization({ field: 'organizationUuid', uuid: ORG }))).code).toBe(ErrorCode.BadInput);
    expect(await sut.organizationNames([ORG])).toEqual(new Map());
    expect(identity.systemFind).not.toHaveBeenCalled();
  });

  it('accepts only units of the given organisation', async () => {
    tables.units.set(UNIT, { _id: UNIT, organizationUuid: OTHER_ORG, name: 'IT', parentUuid: null, version: 1, deleted: false });
    const error = await failureOf(sut.requireUnits(ORG, [{ field: 'units[0]', uuid: UNIT }]));
    expect(error.errors[0].field).toBe('units[0]');
    expect(await sut.requireUnits(OTHER_ORG, [{ field: 'units[0]', uuid: UNIT }])).toEqual([{ uuid: UNIT, name: 'IT' }]);
  });

  it('asks identity again about a known user who is not (yet) a member, since a new right may not have arrived', async () => {
    tables.users.set(USER, { _id: USER, name: 'Anne', isGlobalAdmin: false, organizationUuids: [], version: 1, deleted: false });
    identity.systemFind.mockResolvedValue({
      uuid: USER,
      name: 'Anne',
      isGlobalAdmin: false,
      rights: [{ organizationUuid: ORG, role: 'User' }],
      version: 2,
    });
    expect(await sut.requireMembers(ORG, [{ field: 'userUuid', uuid: USER }])).toEqual([{ uuid: USER, name: 'Anne' }]);
    expect(tables.users.get(USER)).toMatchObject({ organizationUuids: [ORG], version: 2 });
  });

  it('accepts only enabled role types of the given kind of object', async () => {
    const role = {
      _id: UNIT,
      objectType: 'ItSystemUsage',
      name: 'Systemejer',
      hasReadAccess: true,
      hasWriteAccess: true,
      version: 1,
      deleted: false,
    };
    tables.roleTypes.set(UNIT, { ...role, isEnabled: true });
    expect(await sut.requireRoleTypes('ItSystemUsage', [{ field: 'roleUuid', uuid: UNIT }])).toEqual([{ uuid: UNIT, name: 'Systemejer' }]);
    expect((await failureOf(sut.requireRoleTypes('ItContract', [{ field: 'roleUuid', uuid: UNIT }]))).code).toBe(ErrorCode.BadInput);
    tables.roleTypes.set(UNIT, { ...role, isEnabled: false, version: 2 });
    expect((await failureOf(sut.requireRoleTypes('ItSystemUsage', [{ field: 'roleUuid', uuid: UNIT }]))).code).toBe(ErrorCode.BadInput);
  });

  it('reads only the copy for write roles, unless asked to read unknown role types through', async () => {
    identity.systemFind.mockResolvedValue([
      {
        uuid: UNIT,
        objectType: 'ItProject',
        name: 'Projektleder',
        hasReadAccess: true,
        hasWriteAccess: true,
        isEnabled: true,
        version: 1,
      },
    ]);
    expect(await sut.writeRoleTypes('ItProject', [UNIT])).toEqual(new Set());
    expect(identity.systemFind).not.toHaveBeenCalled();
    expect(await sut.writeRoleTypesReadThrough('ItProject', [UNIT])).toEqual(new Set([UNIT]));
    expect(identity.systemFind).toHaveBeenCalledWith(Rpc.identity.listRoleTypes, { objectType: 'ItProject' }, { passOn: [] });
  });
});

describe('DirectoryRepository', () => {
  function modelsOf(options = resolveDirectoryOptions()) {
    const compiled: Array<[string, unknown]> = [];
    const mongo = {
      model: (name: string, schema: { get(key: string): unknown }) => {
        compiled.push([name, schema.get('collection')]);
        return {};
      },
    };
    new DirectoryRepository(mongo as unknown as MongoConnection, options);
    return compiled;
  }

  it('keeps the models and collections the services have always used', () => {
    expect(modelsOf()).toEqual([
      ['DirectoryOrganization', 'directory_organizations'],
      ['DirectoryUnit', 'directory_units'],
      ['DirectoryUser', 'directory_users'],
      ['DirectoryRoleType', 'directory_role_types'],
    ]);
    expect(modelsOf(resolveDirectoryOptions({ modelPrefix: 'DprDirectory', collectionPrefix: 'dpr_directory' }))).toEqual([
      ['DprDirectoryOrganization', 'dpr_directory_organizations'],
      ['DprDirectoryUnit', 'dpr_directory_units'],
      ['DprDirectoryUser', 'dpr_directory_users'],
      ['DprDirectoryRoleType', 'dpr_directory_role_types'],
    ]);
  });
});
