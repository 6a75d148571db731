import { DomainError, ErrorCode, type CallerContext } from '@kitos/common';
import type { EventEnvelope } from '@kitos/contracts';
import { DuplicateKeyError, type Stored } from '@kitos/persistence';
import type { ItSystemsRepository } from '../it-systems/it-systems.repository';
import type {
  ContractDirectory,
  FieldRef,
  KleCatalog,
  KnownContract,
  OptionCatalog,
  OrganizationDirectory,
  RelationLookup,
} from '../shared/ports';
import { identityKeyOf, type ItSystemUsage } from './it-system-usage';
import type { ItSystemUsagesRepository } from './it-system-usages.repository';
import { ItSystemUsagesService } from './it-system-usages.service';
import type { UsageWriteAccess } from './usage-write-access';
import type { UsingOrganizations } from './using-organizations';

const ORG = '11111111-1111-4111-8111-111111111111';
const SYSTEM = '22222222-2222-4222-8222-222222222222';
const USAGE = '33333333-3333-4333-8333-333333333333';
const UNIT_A = '44444444-4444-4444-8444-444444444444';
const UNIT_B = '55555555-5555-4555-8555-555555555555';
const CONTRACT = '66666666-6666-4666-8666-666666666666';
const NOW = new Date('2026-06-30T22:30:00.000Z');
const la: CallerContext = {
  kind: 'user',
  userUuid: '99999999-9999-4999-8999-999999999999',
  isGlobalAdmin: false,
  organizationRoles: [{ organizationUuid: ORG, role: 'LocalAdmin' }],
  crossOrganizationRead: 'Public',
  isStakeholder: false,
  correlationId: 'c-1',
};

function stored(overrides: Partial<ItSystemUsage> = {}): Stored<ItSystemUsage> {
  return {
    uuid: USAGE,
    version: 4,
    organizationUuid: ORG,
    systemUuid: SYSTEM,
    identityKey: identityKeyOf(ORG, SYSTEM),
    localSystemId: 'S-1',
    localCallName: 'Sagen',
    systemVersion: null,
    notes: null,
    dataClassificationUuid: null,
    expectedUsersLowerBound: null,
    expectedUsersUpperBound: null,
    lifeCycleStatus: null,
    validFrom: null,
    validTo: null,
    containsAITechnology: null,
    webAccessibilityCompliance: null,
    lastWebAccessibilityCheck: null,
    webAccessibilityNotes: null,
    mainContractUuid: null,
    usingUnits: [{ uuid: UNIT_A, name: 'Borgerservice' }],
    responsibleUnitUuid: UNIT_A,
    addedKleUuids: [],
    removedKleUuids: [],
    roles: [],
    externalReferences: [],
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

describe('ItSystemUsagesService', () => {
  let repository: jest.Mocked<
    Pick<ItSystemUsagesRepository, 'insert' | 'update' | 'markDeleted' | 'findByUuid' | 'findByOrganizationAndSystem' | 'withMainContract'>
  >;
  let contracts: jest.Mocked<Pick<ContractDirectory, 'requireContract' | 'find' | 'findMany'>>;
  let directory: jest.Mocked<Pick<OrganizationDirectory, 'requireOrganization' | 'organizationNames' | 'requireUnits' | 'userNames'>>;
  let sut: ItSystemUsagesService;
  let usingOrganizations: { add: jest.Mock; remove: jest.Mock; setMainContract: jest.Mock };

  beforeEach(() => {
    let nextId = 0;
    usingOrganizations = {
      add: jest.fn().mockResolvedValue(undefined),
      remove: jest.fn().mockResolvedValue(undefined),
      setMainContract: jest.fn().mockResolvedValue(undefined),
    };
    repository = {
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
      markDeleted: jest.fn().mockResolvedValue(undefined),
      findByUuid: jest.fn().mockResolvedValue(stored()),
      findByOrganizationAndSystem: jest.fn().mockResolvedValue(null),
      withMainContract: jest.fn().mockResolvedValue([]),
    };
    const contract: KnownContract = {
      uuid: CONTRACT,
      name: 'Driftsaftale',
      organizationUuid: ORG,
      systemUsageUuids: [USAGE],
      supplierUuid: null,
      valid: true,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      enforcedValid: false,
    };
    contracts = {
      requireContract: jest.fn().mockResolvedValue({ uuid: CONTRACT, name: 'Driftsaftale' }),
      find: jest.fn().mockResolvedValue(contract),
      findMany: jest.fn().mockResolvedValue(new Map([[CONTRACT, contract]])),
    };
    directory = {
      requireOrganization: jest.fn().mockResolvedValue({ uuid: ORG, name: 'Vejle Kommune', cvr: null }),
      organizationNames: jest.fn().mockResolvedValue(new Map([[ORG, 'Vejle Kommune']])),
      requireUnits: jest.fn(async (_org: string, refs: readonly FieldRef[]) => refs.map((r) => ({ uuid: r.uuid, name: 'Ny enhed' }))),
      userNames: jest.fn().mockResolvedValue(new Map()),
    };
    const system = { uuid: SYSTEM, name: 'ESDH', organizationUuid: ORG, scope: 'Global', deactivated: false, kleUuids: [] };
    sut = new ItSystemUsagesService(
      repository as unknown as ItSystemUsagesRepository,
      { findByUuid: jest.fn().mockResolvedValue(system) } as unknown as ItSystemsRepository,
      { requireAvailable: jest.fn(), namesOf: jest.fn().mockResolvedValue(new Map()) } as unknown as OptionCatalog,
      { requireExisting: jest.fn(), byUuids: jest.fn().mockResolvedValue(new Map()) } as unknown as KleCatalog,
      directory as unknown as OrganizationDirectory,
      { writeRoles: jest.fn().mockResolvedValue(new Set()) } as unknown as UsageWriteAccess,
      contracts as unknown as ContractDirectory,
      { outgoingOf: jest.fn().mockResolvedValue(new Map()), fromUsagesRelatedTo: jest.fn() } as unknown as RelationLookup,
      { now: () => NOW },
      { uuid: () => `00000000-0000-4000-8000-00000000000${++nextId}` },
      usingOrganizations as unknown as UsingOrganizations,
    );
  });

  const lastUpdate = () => {
    const [, expectedVersion, set, events] = repository.update.mock.calls[0];
    return { expectedVersion, set, event: events[0] as EventEnvelope };
  };

  it('takes a system into use without looking for an existing usage first (the unique index guards the pair)', async () => {
    await sut.create(la, { organizationUuid: ORG, systemUuid: SYSTEM });
    expect(repository.insert).toHaveBeenCalled();
    expect(repository.findByOrganizationAndSystem).not.toHaveBeenCalled();
    expect(usingOrganizations.add).toHaveBeenCalledWith(SYSTEM, ORG);
  });

  it('answers 409 naming the existing usage when the unique index refuses a second usage of the system', async () => {
    repository.insert.mockRejectedValue(new DuplicateKeyError({ identityKey: 1 }));
    repository.findByOrganizationAndSystem.mockResolvedValue(stored());
    const error = await failureOf(sut.create(la, { organizationUuid: ORG, systemUuid: SYSTEM }));
    expect(error).toMatchObject({ code: ErrorCode.Conflict, extra: { existingUuid: USAGE } });
    expect(usingOrganizations.add).not.toHaveBeenCalled();
  });

  it('PATCH replaces only the sections sent, each as a whole, and records the changed fields', async () => {
    const result = await sut.update(la, USAGE, { general: { notes: 'Ny note' } }, 'patch', 4);
    const { expectedVersion, set, event } = lastUpdate();
    expect(expectedVersion).toBe(4);
    expect(set).toMatchObject({
      notes: 'Ny note',
      localSystemId: null,
      localCallName: null,
      usingUnits: [{ uuid: UNIT_A, name: 'Borgerservice' }],
    });
    expect(event).toMatchObject({
      type: 'catalog.it-system-usage.updated',
      aggregate: { type: 'it-system-usage', uuid: USAGE, version: 5 },
    });
    expect((event.data as { changes: unknown[] }).changes).toEqual([
      { field: 'general.localSystemId', oldValue: 'S-1', newValue: null },
      { field: 'general.localCallName', oldValue: 'Sagen', newValue: null },
      { field: 'general.notes', oldValue: null, newValue: 'Ny note' },
    ]);
    expect(result.version).toBe(5);
  });

  it('PUT resets the sections left out', async () => {
    await sut.update(la, USAGE, {}, 'put');
    expect(lastUpdate().set).toMatchObject({ localSystemId: null, usingUnits: [], responsibleUnitUuid: null });
  });

  it('writes nothing when nothing changes', async () => {
    const result = await sut.update(la, USAGE, { general: { localSystemId: 'S-1', localCallName: 'Sagen' } }, 'patch');
    expect(repository.update).not.toHaveBeenCalled();
    expect(result.version).toBe(4);
  });

  it('does not check units already on the usage again, only new ones', async () => {
    await sut.update(la, USAGE, { organizationUsage: { usingOrganizationUnitUuids: [UNIT_A, UNIT_B] } }, 'patch');
    expect(directory.requireUnits).toHaveBeenCalledWith(ORG, [{ field: 'organizationUsage.usingOrganizationUnitUuids[1]', uuid: UNIT_B }]);
    expect(lastUpdate().set.usingUnits).toEqual([
      { uuid: UNIT_A, name: 'Borgerservice' },
      { uuid: UNIT_B, name: 'Ny enhed' },
    ]);
  });

  it('reports the problems of every section in one 400', async () => {
    directory.requireUnits.mockRejectedValue(
      DomainError.badInput('unknown unit', [{ field: 'organizationUsage.usingOrganizationUnitUuids[0]', message: 'unknown' }]),
    );
    const error = await failureOf(
      sut.update(
        la,
        USAGE,
        {
          general: {
            numberOfExpectedUsers: { lowerBound: 1, upperBound: 9 },
            validity: { validFrom: '2026-02-01', validTo: '2026-01-01' },
          },
          organizationUsage: { usingOrganizationUnitUuids: [UNIT_B] },
        },
        'patch',
      ),
    );
    expect(error.code).toBe(ErrorCode.BadInput);
    expect(error.errors.map((e) => e.field)).toEqual([
      'general.validity.validTo',
      'general.numberOfExpectedUsers',
      'organizationUsage.usingOrganizationUnitUuids[0]',
    ]);
    expect(repository.update).not.toHaveBeenCalled();
  });

  it('refuses a stale If-Match version with 412 before writing', async () => {
    const error = await failureOf(sut.update(la, USAGE, { general: null }, 'patch', 3));
    expect(error.code).toBe(ErrorCode.PreconditionFailed);
    expect(repository.update).not.toHaveBeenCalled();
  });

  it('frees the organisation/system pair when deleting, with a deleted event', async () => {
    await sut.delete(la, USAGE);
    const [uuid, version, set, events] = repository.markDeleted.mock.calls[0];
    expect([uuid, version]).toEqual([USAGE, 4]);
    expect(set).toMatchObject({ identityKey: `deleted:${USAGE}` });
    expect(events[0]).toMatchObject({
      type: 'catalog.it-system-usage.deleted',
      data: { uuid: USAGE, organizationUuid: ORG, systemUuid: SYSTEM },
    });
    expect(usingOrganizations.remove).toHaveBeenCalledWith(SYSTEM, ORG);
  });

  describe('main contract', () => {
    it('sets a contract that covers the usage, and the usage is valid while the contract is', async () => {
      const result = await sut.update(la, USAGE, { general: { mainContractUuid: CONTRACT } }, 'patch');
      expect(lastUpdate().set).toMatchObject({ mainContractUuid: CONTRACT });
      // kept for the system's mainContractSuppliers after the usage was written
      expect(usingOrganizations.setMainContract).toHaveBeenCalledWith(SYSTEM, ORG, CONTRACT);
      expect(result.general.mainContract).toEqual({ uuid: CONTRACT, name: 'Driftsaftale' });
      expect(result.general.validity).toMatchObject({ valid: true, validAccordingToMainContract: true });
    });

    it('refuses a contract that does not cover the usage with a field error', async () => {
      contracts.find.mockResolvedValue({ ...(await contracts.find(CONTRACT))!, systemUsageUuids: [] });
      const error = await failureOf(sut.update(la, USAGE, { general: { mainContractUuid: CONTRACT } }, 'patch'));
      expect(error.code).toBe(ErrorCode.BadInput);
      expect(error.errors.map((e) => e.field)).toEqual(['general.mainContractUuid']);
    });

    it('makes the usage invalid once the main contract has expired', async () => {
      repository.findByUuid.mockResolvedValue(stored({ mainContractUuid: CONTRACT }));
      contracts.findMany.mockResolvedValue(
        new Map([[CONTRACT, { ...(await contracts.find(CONTRACT))!, validFrom: '2025-01-01', validTo: '2026-06-30' }]]),
      );
      const result = await sut.get(la, USAGE);
      expect(result.general.validity).toMatchObject({ valid: false, invalidReasons: ['MainContractNotActive'] });
    });

    it('drops a main contract that no longer covers the usage, with an event, and does nothing on a repeat', async () => {
      repository.withMainContract.mockResolvedValue([USAGE]);
      repository.findByUuid.mockResolvedValue(stored({ mainContractUuid: CONTRACT }));
      const system = { kind: 'system' } as CallerContext;
      expect(await sut.dropMainContractWhereNotCovered(system, { uuid: CONTRACT, systemUsageUuids: [] })).toBe(1);
      expect(lastUpdate().set).toMatchObject({ mainContractUuid: null });
      expect(usingOrganizations.setMainContract).toHaveBeenCalledWith(SYSTEM, ORG, null);
      expect((lastUpdate().event.data as { changes: unknown[] }).changes).toEqual([
        { field: 'general.mainContractUuid', oldValue: CONTRACT, newValue: null },
      ]);
      repository.findByUuid.mockResolvedValue(stored({ mainContractUuid: null }));
      expect(await sut.dropMainContractWhereNotCovered(system, { uuid: CONTRACT, systemUsageUuids: [] })).toBe(0);
      expect(repository.update).toHaveBeenCalledTimes(1);
      expect(usingOrganizations.setMainContract).toHaveBeenCalledTimes(1);
    });

    it('keeps a main contract that still covers the usage', async () => {
      repository.withMainContract.mockResolvedValue([USAGE]);
      expect(await sut.dropMainContractWhereNotCovered(la, { uuid: CONTRACT, systemUsageUuids: [USAGE] })).toBe(0);
      expect(repository.update).not.toHaveBeenCalled();
    });
  });
});
