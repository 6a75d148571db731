import { DomainError, ErrorCode, systemCaller, type CallerContext } from '@kitos/common';
import { DuplicateKeyError, type Stored } from '@kitos/persistence';
import type { LocalOptionsRepository } from './local-options.repository';
import { OptionLookup } from './option-lookup';
import { localOptionUuid } from './option-ids';
import type { OptionsRepository } from './options.repository';
import { OptionsService } from './options.service';
import type { LocalOptionSetting, OptionValue } from './option';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER_ORG = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2026-11-29T12:00:00.000Z');
const localAdmin: CallerContext = {
  ...systemCaller('c-1'),
  kind: 'user',
  isGlobalAdmin: false,
  userUuid: '99999999-9999-4999-8999-999999999999',
  organizationRoles: [{ organizationUuid: ORG, role: 'LocalAdmin' }],
};

function option(overrides: Partial<Stored<OptionValue>> = {}): Stored<OptionValue> {
  return {
    uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    version: 2,
    kind: 'business-types',
    name: 'Fagsystem',
    nameKey: 'fagsystem',
    description: 'Global',
    isObligatory: false,
    isEnabled: true,
    priority: 0,
    createdAt: NOW,
    lastModified: NOW,
    lastModifiedByUserUuid: null,
    ...overrides,
  };
}

function setting(overrides: Partial<Stored<LocalOptionSetting>> = {}): Stored<LocalOptionSetting> {
  return {
    uuid: localOptionUuid(ORG, option().uuid),
    version: 1,
    organizationUuid: ORG,
    kind: 'business-types',
    optionUuid: option().uuid,
    isActive: true,
    description: null,
    lastModified: NOW,
    lastModifiedByUserUuid: null,
    ...overrides,
  };
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('OptionsService', () => {
  let options: jest.Mocked<Pick<OptionsRepository, 'findByUuid' | 'findByName' | 'findMany' | 'listByKind' | 'insert' | 'update'>>;
  let settings: jest.Mocked<Pick<LocalOptionsRepository, 'findByUuid' | 'findMany' | 'insert' | 'update'>>;
  let sut: OptionsService;

  beforeEach(() => {
    let next = 0;
    options = {
      findByUuid: jest.fn().mockResolvedValue(option()),
      findByName: jest.fn().mockResolvedValue(null),
      findMany: jest.fn().mockResolvedValue([option()]),
      listByKind: jest.fn().mockResolvedValue([option()]),
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
    };
    settings = {
      findByUuid: jest.fn().mockResolvedValue(null),
      findMany: jest.fn().mockResolvedValue([]),
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
    };
    const o = options as unknown as OptionsRepository;
    const s = settings as unknown as LocalOptionsRepository;
    sut = new OptionsService(
      o,
      s,
      new OptionLookup(o, s),
      { now: () => NOW },
      { uuid: () => `00000000-0000-4000-8000-00000000000${++next}` },
    );
  });

  it('creates the first local setting of a value under its derived id, with a created event for the organisation', async () => {
    const result = await sut.patchLocal(localAdmin, 'business-types', ORG, option().uuid, { isActive: true, description: 'Lokal' });
    expect(result).toMatchObject({ isActive: true, isAvailable: true, description: 'Lokal', globalDescription: 'Global' });
    const [uuid, state, events] = settings.insert.mock.calls[0];
    expect(uuid).toBe(localOptionUuid(ORG, option().uuid));
    expect(state).toMatchObject({ organizationUuid: ORG, optionUuid: option().uuid, isActive: true, description: 'Lokal' });
    expect(events[0]).toMatchObject({
      type: 'catalog.local-option.created',
      organizationUuid: ORG,
      aggregate: { type: 'local-option', uuid, version: 1 },
    });
  });

  it('reads the setting again when another administrator created it at the same moment, and records only the change', async () => {
    settings.insert.mockRejectedValueOnce(new DuplicateKeyError({ _id: 1 }));
    settings.findByUuid.mockResolvedValueOnce(null).mockResolvedValueOnce(setting({ isActive: false }));
    await sut.patchLocal(localAdmin, 'business-types', ORG, option().uuid, { isActive: true });
    const [, expectedVersion, set, events] = settings.update.mock.calls[0];
    expect({ expectedVersion, isActive: set.isActive }).toEqual({ expectedVersion: 1, isActive: true });
    expect(events[0].data).toMatchObject({ changes: [{ field: 'isActive', oldValue: false, newValue: true }] });
  });

  it('writes nothing when a local change changes nothing; an empty description means the global one', async () => {
    settings.findByUuid.mockResolvedValue(setting());
    const result = await sut.patchLocal(localAdmin, 'business-types', ORG, option().uuid, { isActive: true, description: '' });
    expect(result.description).toBe('Global');
    expect(settings.update).not.toHaveBeenCalled();
  });

  it('refuses to (de)activate an obligatory value and to activate a disabled one, naming isActive', async () => {
    options.findByUuid.mockResolvedValueOnce(option({ isObligatory: true }));
    const obligatory = await errorOf(sut.patchLocal(localAdmin, 'business-types', ORG, option().uuid, { isActive: false }));
    expect(obligatory.errors.map((e) => e.field)).toEqual(['isActive']);
    options.findByUuid.mockResolvedValueOnce(option({ isEnabled: false }));
    const disabled = await errorOf(sut.patchLocal(localAdmin, 'business-types', ORG, option().uuid, { isActive: true }));
    expect(disabled.code).toBe(ErrorCode.BadInput);
    expect(settings.insert).not.toHaveBeenCalled();
  });

  it('a local administrator changes only their own organisation (403), and a value of another kind is unknown (404)', async () => {
    expect((await errorOf(sut.patchLocal(localAdmin, 'business-types', OTHER_ORG, option().uuid, { isActive: true }))).code).toBe(
      ErrorCode.Forbidden,
    );
    expect((await errorOf(sut.patchLocal(localAdmin, 'it-interface-interface-types', ORG, option().uuid, { isActive: true }))).code).toBe(
      ErrorCode.NotFound,
    );
  });

  it('lists as available in an organisation only the enabled values that are obligatory or activated there', async () => {
    const activated = option({ uuid: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', name: 'Aktiveret' });
    const obligatory = option({ uuid: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'Obligatorisk', isObligatory: true });
    options.listByKind.mockResolvedValue([
      option(),
      activated,
      obligatory,
      option({ uuid: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', isEnabled: false, isObligatory: true }),
    ]);
    settings.findMany.mockResolvedValue([setting({ optionUuid: activated.uuid, description: 'Vores' })]);
    const page = await sut.listAvailable(localAdmin, 'business-types', ORG);
    expect(page.items).toEqual([
      { uuid: activated.uuid, name: 'Aktiveret', description: 'Vores' },
      { uuid: obligatory.uuid, name: 'Obligatorisk', description: 'Global' },
    ]);
  });

  it('a global patch refuses to clear the name, and records each changed field', async () => {
    const admin = systemCaller('c-2');
    expect((await errorOf(sut.patchGlobal(admin, 'business-types', option().uuid, { name: null as unknown as string }))).errors).toEqual([
      { field: 'name', message: 'name must not be null' },
    ]);
    await sut.patchGlobal(admin, 'business-types', option().uuid, { isEnabled: false, priority: 0 });
    const [, expectedVersion, , events] = options.update.mock.calls[0];
    expect(expectedVersion).toBe(2);
    expect(events[0]).toMatchObject({
      type: 'catalog.option.updated',
      organizationUuid: null,
      aggregate: { type: 'option', version: 3 },
      data: { changes: [{ field: 'isEnabled', oldValue: true, newValue: false }] },
    });
  });

  it('requireAvailable blames each unknown, foreign-kind or unavailable reference by its field', async () => {
    const foreign = option({ uuid: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', kind: 'it-interface-interface-types' });
    options.findMany.mockResolvedValue([option(), foreign]);
    const error = await errorOf(
      sut.requireAvailable('business-types', ORG, [
        { field: 'a', uuid: option().uuid },
        { field: 'b', uuid: foreign.uuid },
        { field: 'c', uuid: 'x' },
      ]),
    );
    expect(error.errors.map((e) => e.field)).toEqual(['a', 'b', 'c']);
    settings.findMany.mockResolvedValue([setting()]);
    expect(await sut.requireAvailable('business-types', ORG, [{ field: 'a', uuid: option().uuid.toUpperCase() }])).toEqual([
      { uuid: option().uuid, name: 'Fagsystem' },
    ]);
  });
});
