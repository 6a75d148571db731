import { DomainError, ErrorCode, systemCaller, type CallerContext } from '@kitos/common';
import type { EventEnvelope } from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import type { InterfaceLookup, OptionCatalog, OrganizationDirectory, UsageLookup, UsageRef } from '../shared/ports';
import type { KnownContracts } from './contract-directory';
import { RelationNames } from './relation-names';
import type { SystemNames } from './system-names';
import type { SystemRelation } from './system-relation';
import type { SystemRelationsRepository } from './system-relations.repository';
import { SystemRelationsService } from './system-relations.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER_ORG = '22222222-2222-4222-8222-222222222222';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const FOREIGN = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const IFACE = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const NOW = new Date('2026-11-29T12:00:00.000Z');

const user = (role?: string, organizationUuid = ORG): CallerContext => ({
  ...systemCaller('c-1'),
  kind: 'user',
  userUuid: '99999999-9999-4999-8999-999999999999',
  isGlobalAdmin: false,
  crossOrganizationRead: 'Public',
  organizationRoles: role ? [{ organizationUuid, role }] : [],
});
const admin = user('SystemModuleAdmin');

const USAGES: Record<string, UsageRef> = {
  [A]: { uuid: A, organizationUuid: ORG, systemUuid: 'sys-a' },
  [B]: { uuid: B, organizationUuid: ORG, systemUuid: 'sys-b' },
  [C]: { uuid: C, organizationUuid: ORG, systemUuid: 'sys-c' },
  [FOREIGN]: { uuid: FOREIGN, organizationUuid: OTHER_ORG, systemUuid: 'sys-b' },
};

function relation(overrides: Partial<Stored<SystemRelation>> = {}): Stored<SystemRelation> {
  return {
    uuid: 'ffffffff-0000-4000-8000-000000000001',
    version: 2,
    organizationUuid: ORG,
    fromSystemUsageUuid: A,
    toSystemUsageUuid: B,
    relationInterfaceUuid: null,
    associatedContractUuid: null,
    relationFrequencyUuid: null,
    description: null,
    urlReference: null,
    createdAt: NOW,
    createdByUserUuid: null,
    lastModified: NOW,
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

describe('SystemRelationsService', () => {
  let repository: jest.Mocked<
    Pick<
      SystemRelationsRepository,
      'insert' | 'update' | 'markDeleted' | 'findByUuid' | 'outgoing' | 'touching' | 'throughInterface' | 'ofOrganization'
    >
  >;
  let usages: { get: jest.Mock };
  let interfaces: { get: jest.Mock; exposedBy: jest.Mock };
  let options: { requireAvailable: jest.Mock; namesOf: jest.Mock };
  let contracts: { requireContract: jest.Mock; names: jest.Mock };
  let sut: SystemRelationsService;
  let nextId: number;

  beforeEach(() => {
    nextId = 0;
    repository = {
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
      markDeleted: jest.fn().mockResolvedValue(undefined),
      findByUuid: jest.fn().mockResolvedValue(relation()),
      outgoing: jest.fn().mockResolvedValue([]),
      touching: jest.fn().mockResolvedValue([]),
      throughInterface: jest.fn().mockResolvedValue([]),
      ofOrganization: jest.fn().mockResolvedValue([]),
    };
    usages = { get: jest.fn(async (uuid: string) => USAGES[uuid] ?? null) };
    interfaces = {
      get: jest.fn(async (uuid: string) =>
        uuid === IFACE ? { uuid, name: 'Sags-API', organizationUuid: ORG, exposedBySystemUuid: 'sys-b' } : null,
      ),
      exposedBy: jest.fn(),
    };
    options = { requireAvailable: jest.fn().mockResolvedValue([]), namesOf: jest.fn().mockResolvedValue(new Map()) };
    contracts = { requireContract: jest.fn().mockResolvedValue({ uuid: 'k', name: 'K' }), names: jest.fn().mockResolvedValue(new Map()) };
    const systems = {
      of: jest.fn(
        async () =>
          new Map([
            ['sys-a', 'ESDH'],
            ['sys-b', 'Ydelse'],
          ]),
      ),
    };
    const names = new RelationNames(
      usages as unknown as UsageLookup,
      interfaces as unknown as InterfaceLookup,
      options as unknown as OptionCatalog,
      contracts as unknown as KnownContracts,
      systems as unknown as SystemNames,
    );
    sut = new SystemRelationsService(
      repository as unknown as SystemRelationsRepository,
      usages as unknown as UsageLookup,
      interfaces as unknown as InterfaceLookup,
      options as unknown as OptionCatalog,
      contracts as unknown as KnownContracts,
      { requireOrganization: jest.fn() } as unknown as OrganizationDirectory,
      names,
      { now: () => NOW },
      { uuid: () => `00000000-0000-4000-8000-00000000000${++nextId}` },
    );
  });

  it('creates a relation with its created event and names the target by its system', async () => {
    const created = await sut.create(admin, A, { toSystemUsageUuid: B, relationInterfaceUuid: IFACE, description: 'dagligt' });

    expect(created).toMatchObject({
      toSystemUsage: { uuid: B, name: 'Ydelse' },
      relationInterface: { uuid: IFACE, name: 'Sags-API' },
      description: 'dagligt',
      version: 1,
    });
    const [uuid, state, events] = repository.insert.mock.calls[0];
    expect(uuid).toBe(created.uuid);
    expect(state).toMatchObject({ organizationUuid: ORG, fromSystemUsageUuid: A, toSystemUsageUuid: B });
    expect(events[0]).toMatchObject({
      type: 'catalog.system-relation.created',
      aggregate: { type: 'system-relation', uuid, version: 1 },
      data: { relation: { fromSystemUsageUuid: A, toSystemUsageUuid: B, relationInterfaceUuid: IFACE } },
    });
  });

  it('refuses every broken reference at once, each with its field', async () => {
    contracts.requireContract.mockRejectedValue(DomainError.badInput('x', [{ field: 'associatedContractUuid', message: 'unknown' }]));
    options.requireAvailable.mockRejectedValue(DomainError.badInput('x', [{ field: 'relationFrequencyUuid', message: 'unavailable' }]));

    const error = await failureOf(
      sut.create(admin, A, {
        toSystemUsageUuid: C,
        relationInterfaceUuid: IFACE,
        associatedContractUuid: 'k',
        relationFrequencyUuid: 'f',
      }),
    );

    expect(error.code).toBe(ErrorCode.BadInput);
    expect(error.errors.map((e) => e.field).sort()).toEqual(['associatedContractUuid', 'relationFrequencyUuid', 'relationInterfaceUuid']);
    expect(repository.insert).not.toHaveBeenCalled();
  });

  it('refuses a target in another organisation', async () => {
    const error = await failureOf(sut.create(admin, A, { toSystemUsageUuid: FOREIGN }));
    expect(error.errors).toEqual([{ field: 'toSystemUsageUuid', message: expect.stringMatching(/same organisation/) }]);
  });

  it("answers 403 to another organisation's member (as KITOS) and to a member without write access", async () => {
    expect((await failureOf(sut.create(user('LocalAdmin', OTHER_ORG), A, { toSystemUsageUuid: B }))).code).toBe(ErrorCode.Forbidden);
    expect((await failureOf(sut.create(user('User'), A, { toSystemUsageUuid: B }))).code).toBe(ErrorCode.Forbidden);
    expect((await failureOf(sut.listOutgoing(user('LocalAdmin', OTHER_ORG), A))).code).toBe(ErrorCode.Forbidden);
    await expect(sut.listOutgoing(user('User'), A)).resolves.toEqual([]);
  });

  it('removes a relation created while its target was being deleted', async () => {
    usages.get.mockImplementation(async (uuid: string) => (uuid === B && repository.insert.mock.calls.length ? null : USAGES[uuid]));

    const error = await failureOf(sut.create(admin, A, { toSystemUsageUuid: B }));

    expect(error.code).toBe(ErrorCode.BadInput);
    expect(repository.markDeleted.mock.calls[0][3][0]).toMatchObject({ data: { reason: 'UsageDeleted' } });
  });

  it('answers 400 for a change of a relation the usage does not have (KITOS)', async () => {
    repository.findByUuid.mockResolvedValue(relation({ fromSystemUsageUuid: C }));
    const error = await failureOf(sut.patch(admin, A, relation().uuid, { description: 'x' }));
    expect(error).toMatchObject({ code: ErrorCode.BadInput, errors: [{ field: 'relationUuid' }] });
  });

  it('patches only what was sent, checks the interface again when the target moves, and records the changes', async () => {
    repository.findByUuid.mockResolvedValue(relation({ relationInterfaceUuid: IFACE, description: 'gammel' }));

    const error = await failureOf(sut.patch(admin, A, relation().uuid, { toSystemUsageUuid: C }));
    expect(error.errors).toEqual([{ field: 'relationInterfaceUuid', message: expect.stringMatching(/exposed/) }]);

    const patched = await sut.patch(admin, A, relation().uuid, { description: 'ny' }, 2);
    expect(patched).toMatchObject({ description: 'ny', relationInterface: { uuid: IFACE }, version: 3 });
    const [, expectedVersion, , events] = repository.update.mock.calls[0];
    expect(expectedVersion).toBe(2);
    expect(events[0].data).toMatchObject({ changes: [{ field: 'description', oldValue: 'gammel', newValue: 'ny' }] });
  });

  it('refuses a change against an old version with 412', async () => {
    expect((await failureOf(sut.put(admin, A, relation().uuid, { toSystemUsageUuid: B }, 1))).code).toBe(ErrorCode.PreconditionFailed);
  });

  it('deletes the relations of a deleted usage in both directions, each with a deletion event', async () => {
    repository.touching.mockResolvedValue([relation(), relation({ uuid: 'r2', fromSystemUsageUuid: C, toSystemUsageUuid: A })]);

    expect(await sut.removeRelationsOfUsage(systemCaller('e'), A)).toBe(2);

    const events = repository.markDeleted.mock.calls.map((call) => call[3][0] as EventEnvelope);
    expect(events.map((e) => [e.type, e.data.reason])).toEqual([
      ['catalog.system-relation.deleted', 'UsageDeleted'],
      ['catalog.system-relation.deleted', 'UsageDeleted'],
    ]);
  });

  it('clears an interface from relations whose target system no longer exposes it', async () => {
    repository.throughInterface.mockResolvedValue([relation({ relationInterfaceUuid: IFACE })]);
    interfaces.get.mockResolvedValue(null);

    expect(await sut.dropInterfaceWhereNotExposed(systemCaller('e'), IFACE)).toBe(1);
    expect(repository.update.mock.calls[0][2]).toMatchObject({ relationInterfaceUuid: null });
  });

  it('keeps an interface the target system still exposes', async () => {
    repository.throughInterface.mockResolvedValue([relation({ relationInterfaceUuid: IFACE })]);

    expect(await sut.dropInterfaceWhereNotExposed(systemCaller('e'), IFACE)).toBe(0);
    expect(repository.update).not.toHaveBeenCalled();
  });

  it('gives the impact view of a usage with distances, and refuses a focus outside the organisation', async () => {
    repository.ofOrganization.mockResolvedValue([
      relation({ uuid: 'ab' }),
      relation({ uuid: 'ca', fromSystemUsageUuid: C, toSystemUsageUuid: A }),
      relation({ uuid: 'bc', fromSystemUsageUuid: B, toSystemUsageUuid: C }),
    ]);

    const graph = await sut.graph(user('User'), ORG, { focusUsageUuid: B, depth: 1 });
    expect(graph.nodes).toEqual([
      { usageUuid: B, systemUuid: 'sys-b', name: 'Ydelse', distance: 0 },
      { usageUuid: A, systemUuid: 'sys-a', name: 'ESDH', distance: 1 },
    ]);
    expect(graph.edges.map((e) => e.uuid)).toEqual(['ab']);

    const error = await failureOf(sut.graph(user('User'), ORG, { focusUsageUuid: FOREIGN }));
    expect(error.errors[0].field).toBe('focusUsageUuid');
    expect((await failureOf(sut.graph(user('User', OTHER_ORG), ORG, {}))).code).toBe(ErrorCode.Forbidden);
  });
});
