import { DomainError, ErrorCode, systemCaller, type CallerContext } from '@kitos/common';
import { DuplicateKeyError, StaleVersionError, type Stored } from '@kitos/persistence';
import type { ItSystem } from './it-system';
import type { ItSystemsRepository } from './it-systems.repository';
import { ItSystemsService } from './it-systems.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const NOW = new Date('2026-11-26T12:00:00.000Z');
const caller: CallerContext = { ...systemCaller('c-1'), kind: 'user', userUuid: '99999999-9999-4999-8999-999999999999' };

function stored(overrides: Partial<Stored<ItSystem>> = {}): Stored<ItSystem> {
  return {
    uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    version: 3,
    organizationUuid: ORG,
    name: 'Løn',
    nameKey: 'løn',
    formerName: null,
    description: null,
    scope: 'Global',
    deactivated: false,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    createdByUserUuid: null,
    lastModified: new Date('2026-01-01T00:00:00.000Z'),
    lastModifiedByUserUuid: null,
    ...overrides,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

describe('ItSystemsService', () => {
  let repository: jest.Mocked<Pick<ItSystemsRepository, 'insert' | 'update' | 'markDeleted' | 'findByUuid' | 'findByName' | 'list'>>;
  let sut: ItSystemsService;
  let nextId: number;

  beforeEach(() => {
    nextId = 0;
    repository = {
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
      markDeleted: jest.fn().mockResolvedValue(undefined),
      findByUuid: jest.fn().mockResolvedValue(stored()),
      findByName: jest.fn().mockResolvedValue(null),
      list: jest.fn(),
    };
    sut = new ItSystemsService(
      repository as unknown as ItSystemsRepository,
      { now: () => NOW },
      { uuid: () => `00000000-0000-4000-8000-00000000000${++nextId}` },
    );
  });

  it('registers a Global, active system by default and records a created event at version 1', async () => {
    const result = await sut.create(caller, { organizationUuid: ORG, name: 'Løn' });
    expect(result).toMatchObject({
      uuid: '00000000-0000-4000-8000-000000000001',
      scope: 'Global',
      deactivated: false,
      version: 1,
      created: NOW.toISOString(),
    });
    const [uuid, state, events] = repository.insert.mock.calls[0];
    expect(uuid).toBe(result.uuid);
    expect(state).toMatchObject({ nameKey: 'løn', organizationUuid: ORG });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'catalog.it-system.created',
        version: 1,
        organizationUuid: ORG,
        correlationId: 'c-1',
        aggregate: { type: 'it-system', uuid: result.uuid, version: 1 },
        data: { system: expect.objectContaining({ name: 'Løn', uuid: result.uuid }) },
      }),
    ]);
  });

  it('refuses a name already taken in the organisation, ignoring case', async () => {
    repository.findByName.mockResolvedValue(stored());
    expect(await codeOf(sut.create(caller, { organizationUuid: ORG, name: 'LØN' }))).toBe(ErrorCode.Conflict);
    expect(repository.findByName).toHaveBeenCalledWith(ORG, 'løn');
    expect(repository.insert).not.toHaveBeenCalled();
  });

  it('turns a unique-index collision (a concurrent registration) into a conflict', async () => {
    repository.insert.mockRejectedValue(new DuplicateKeyError({ organizationUuid: 1, nameKey: 1 }));
    expect(await codeOf(sut.create(caller, { organizationUuid: ORG, name: 'Løn' }))).toBe(ErrorCode.Conflict);
  });

  it('patches only the fields sent and records each change with old and new value', async () => {
    const result = await sut.patch(caller, stored().uuid, { description: 'Lønsystem', deactivated: true });
    expect(result).toMatchObject({ name: 'Løn', description: 'Lønsystem', deactivated: true, version: 4 });
    const [, expectedVersion, set, events] = repository.update.mock.calls[0];
    expect(expectedVersion).toBe(3);
    expect(set).toMatchObject({ description: 'Lønsystem', deactivated: true, lastModified: NOW });
    expect(events[0]).toMatchObject({
      type: 'catalog.it-system.updated',
      aggregate: { version: 4 },
      data: {
        changes: [
          { field: 'description', oldValue: null, newValue: 'Lønsystem' },
          { field: 'deactivated', oldValue: false, newValue: true },
        ],
      },
    });
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const result = await sut.patch(caller, stored().uuid, { name: 'Løn' });
    expect(result.version).toBe(3);
    expect(repository.update).not.toHaveBeenCalled();
  });

  it('refuses a patch whose If-Match version is stale (412), and a concurrent change without one (409)', async () => {
    expect(await codeOf(sut.patch(caller, stored().uuid, { description: 'x' }, 2))).toBe(ErrorCode.PreconditionFailed);
    repository.update.mockRejectedValue(new StaleVersionError(stored().uuid, 3));
    expect(await codeOf(sut.patch(caller, stored().uuid, { description: 'x' }))).toBe(ErrorCode.Conflict);
  });

  it('refuses to rename onto another system of the organisation', async () => {
    repository.findByName.mockResolvedValue(stored({ uuid: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', name: 'ESDH', nameKey: 'esdh' }));
    expect(await codeOf(sut.patch(caller, stored().uuid, { name: 'esdh' }))).toBe(ErrorCode.Conflict);
  });

  it('answers not found for an unknown system', async () => {
    repository.findByUuid.mockResolvedValue(null);
    expect(await codeOf(sut.get(caller, stored().uuid))).toBe(ErrorCode.NotFound);
  });

  it('deletes by leaving a tombstone that frees the name and carries the deleted event', async () => {
    await sut.delete(caller, stored().uuid);
    const [uuid, expectedVersion, set, events, at] = repository.markDeleted.mock.calls[0];
    expect({ uuid, expectedVersion, at }).toEqual({ uuid: stored().uuid, expectedVersion: 3, at: NOW });
    expect(set.nameKey).toBe(`deleted:${stored().uuid}`);
    expect(events[0]).toMatchObject({
      type: 'catalog.it-system.deleted',
      aggregate: { version: 4 },
      data: { uuid: stored().uuid, name: 'Løn', organizationUuid: ORG },
    });
  });

  it('lists by last change when changedSinceGtEq is given, with the default page size of 250', async () => {
    repository.list.mockResolvedValue({ items: [stored()], page: 0, pageSize: 250 });
    await sut.list(caller, { changedSinceGtEq: '2026-01-01T00:00:00Z', orderByProperty: 'Name' });
    expect(repository.list).toHaveBeenCalledWith(
      expect.objectContaining({ orderBy: 'LastChanged', pageSize: 250, page: 0, includeDeactivated: false }),
    );
  });
});
