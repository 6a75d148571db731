import {
  changedFields,
  kitosDay,
  mapRelation,
  mapItInterface,
  mapItSystem,
  mapOrganization,
  mapUnit,
  mapUsage,
  mapUser,
  parentsFirst,
  type MappingContext,
} from './kitos-mapping';
import type { KitosItSystemUsage } from './kitos.types';

const ORG = '11111111-1111-4111-8111-111111111111';
const ROOT_HERE = '22222222-2222-4222-8222-222222222222';
const SYSTEM = '33333333-3333-4333-8333-333333333333';
const UNIT = '44444444-4444-4444-8444-444444444444';
const KITOS_ROOT = '55555555-5555-4555-8555-555555555555';
const CLASSIFICATION_HERE = '66666666-6666-4666-8666-666666666666';
const ROLE_HERE = '88888888-8888-4888-8888-888888888888';
const USER = '99999999-9999-4999-8999-999999999999';
const USAGE = 'abababab-abab-4bab-8bab-abababababab';

const context: MappingContext = {
  organizationUuid: ORG,
  unit: (uuid) => (uuid === KITOS_ROOT ? ROOT_HERE : uuid === UNIT ? UNIT : null),
  option: (kind, _org, value) =>
    kind === 'it-system-usage-data-classification-types' && value.name === 'Interne data' ? CLASSIFICATION_HERE : null,
  organizationExists: (uuid) => uuid === ORG,
  systemKnown: (uuid) => uuid === SYSTEM,
  usageRole: (value) => (value.name === 'Systemejer' ? ROLE_HERE : null),
  userKnown: (uuid) => uuid === USER,
  usageKnown: (uuid) => uuid === USAGE,
  interfaceKnown: () => false,
  role: (objectType, value) => (objectType === 'ItContract' && value.name === 'Kontraktejer' ? ROLE_HERE : null),
  kle: () => null,
  systemKle: () => [],
  contractKnown: () => false,
  dprKnown: () => false,
};

const usage = (general: KitosItSystemUsage['general'] = {}, extra: Partial<KitosItSystemUsage> = {}): KitosItSystemUsage => ({
  uuid: '77777777-7777-4777-8777-777777777777',
  systemContext: { uuid: SYSTEM, name: 'ESDH' },
  organizationContext: { uuid: ORG, name: 'Testkommune' },
  general,
  ...extra,
});

describe('mapping KITOS objects to this system', () => {
  it('reads a KITOS date-time as the Danish calendar day it falls on', () => {
    expect(kitosDay('2023-12-31T23:00:00Z', 'validFrom')).toEqual({ day: '2024-01-01' });
    expect(kitosDay('2024-03-05', 'validFrom')).toEqual({ day: '2024-03-05' });
    expect(kitosDay(null, 'validFrom')).toEqual({ day: null });
  });

  it('refuses dates out of range and text that is no date', () => {
    expect(kitosDay('0001-01-01T00:00:00Z', 'validFrom')).toEqual({ error: 'validFrom 0001-01-01 is out of range (1900–2199)' });
    expect(kitosDay('soon', 'validFrom')).toEqual({ error: 'validFrom "soon" is not a date' });
  });

  it('maps a usage with units, dates, option by name and an expected-users bucket', () => {
    const mapped = mapUsage(
      usage(
        {
          localCallName: ' Sagen ',
          dataClassification: { uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: 'Interne data' },
          numberOfExpectedUsers: { lowerBound: 10, upperBound: 50 },
          validity: { lifeCycleStatus: 'Operational', validFrom: '2019-12-31T23:00:00Z', validTo: null },
        },
        { organizationUsage: { usingOrganizationUnits: [{ uuid: UNIT }], responsibleOrganizationUnit: { uuid: KITOS_ROOT } } },
      ),
      context,
    );
    expect(mapped).toMatchObject({
      ok: true,
      value: {
        systemUuid: SYSTEM,
        general: {
          localCallName: 'Sagen',
          dataClassificationUuid: CLASSIFICATION_HERE,
          numberOfExpectedUsers: { lowerBound: 10, upperBound: 50 },
          validity: { lifeCycleStatus: 'Operational', validFrom: '2020-01-01', validTo: null },
        },
        organizationUsage: { usingOrganizationUnitUuids: [UNIT], responsibleOrganizationUnitUuid: ROOT_HERE },
      },
    });
  });

  it.each([
    [{ validity: { validFrom: '0001-01-01T00:00:00' } }, 'general.validity.validFrom 0001-01-01 is out of range (1900–2199)'],
    [
      { validity: { validFrom: '2024-02-01', validTo: '2024-01-01' } },
      'general.validity.validTo 2024-01-01 is before validFrom 2024-02-01',
    ],
    [
      { numberOfExpectedUsers: { lowerBound: 1, upperBound: 5 } },
      'general.numberOfExpectedUsers 1–5 is not one of the intervals 0–9, 10–50, 50–100, 100+',
    ],
    [
      { dataClassification: { uuid: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', name: 'Hemmelig' } },
      'option value "Hemmelig" (it-system-usage-data-classification-types) is not available here',
    ],
    [{ containsAITechnology: 'Maybe' }, 'general.containsAITechnology "Maybe" is not one of Yes, No, Undecided'],
  ])('skips a usage with %j', (general, reason) => {
    expect(mapUsage(usage(general as KitosItSystemUsage['general']), context)).toEqual({ ok: false, reason });
  });

  it('skips a usage whose system or unit is not imported', () => {
    expect(mapUsage(usage({}, { systemContext: { uuid: UNIT, name: 'Ukendt' } }), context)).toEqual({
      ok: false,
      reason: 'its IT system Ukendt is not imported',
    });
    expect(mapUsage(usage({}, { organizationUsage: { usingOrganizationUnits: [{ uuid: SYSTEM, name: 'Væk' }] } }), context)).toEqual({
      ok: false,
      reason: 'using organisation unit Væk is not imported',
    });
  });

  it('maps usage roles by role type name and leaves out those whose role type or user is not here, with a note', () => {
    const mapped = mapUsage(
      usage(
        {},
        {
          roles: [
            { role: { uuid: SYSTEM, name: 'Systemejer' }, user: { uuid: USER, name: 'Anne' } },
            { role: { uuid: SYSTEM, name: 'Superbruger' }, user: { uuid: USER, name: 'Anne' } },
            { role: { uuid: SYSTEM, name: 'Systemejer' }, user: { uuid: UNIT, name: 'Ukendt' } },
          ],
        },
      ),
      context,
    );
    expect(mapped).toMatchObject({
      ok: true,
      value: { roles: [{ roleUuid: ROLE_HERE, userUuid: USER }] },
      notes: [
        'role Superbruger (Anne): no such role type for system usages here; left out',
        'role Systemejer (Ukendt): the user is not imported; left out',
      ],
    });
  });

  it('maps a relation to a usage here, leaving out an interface not imported and the contract, with notes', () => {
    const relation = {
      uuid: UNIT,
      toSystemUsage: { uuid: USAGE, name: 'Økonomi' },
      relationInterface: { uuid: SYSTEM, name: 'Sagsopslag' },
      associatedContract: { uuid: SYSTEM, name: 'Driftskontrakt' },
      description: 'Bogføring',
    };
    expect(mapRelation(relation, context)).toEqual({
      ok: true,
      value: {
        toSystemUsageUuid: USAGE,
        relationInterfaceUuid: null,
        associatedContractUuid: null,
        relationFrequencyUuid: null,
        description: 'Bogføring',
        urlReference: null,
      },
      notes: [
        'interface Sagsopslag is not imported and was left out',
        'associated contract Driftskontrakt is not imported and was left out',
      ],
    });
    expect(mapRelation({ ...relation, toSystemUsage: { uuid: SYSTEM, name: 'Væk' } }, context)).toEqual({
      ok: false,
      reason: 'the usage it points to (Væk) is not imported',
    });
  });

  it('skips a user without e-mail and leaves out roles unknown here', () => {
    expect(mapUser({ uuid: UNIT, firstName: 'A', lastName: 'B', email: null })).toEqual({
      ok: false,
      reason: 'the user has no e-mail address',
    });
    const mapped = mapUser({
      uuid: UNIT,
      name: 'Anne Berg Hansen',
      email: 'anne@example.dk',
      roles: ['LocalAdmin', 'GlobalAdmin', 'User'],
    });
    expect(mapped).toEqual({
      ok: true,
      value: {
        firstName: 'Anne',
        lastName: 'Berg Hansen',
        email: 'anne@example.dk',
        phoneNumber: null,
        hasApiAccess: false,
        roles: ['LocalAdmin', 'User'],
      },
      notes: ['role "GlobalAdmin" is not an organisation role here and was left out'],
    });
  });

  it('maps the parent of a unit to its uuid here and refuses an EAN of more than 13 digits', () => {
    expect(
      mapUnit({ uuid: UNIT, name: 'Borgerservice', parentOrganizationUnit: { uuid: KITOS_ROOT }, ean: 5798000012345 }, context),
    ).toEqual({
      ok: true,
      value: { name: 'Borgerservice', parentUuid: ROOT_HERE, ean: 5798000012345, unitId: null },
      notes: [],
    });
    expect(mapUnit({ uuid: UNIT, name: 'X', parentOrganizationUnit: { uuid: KITOS_ROOT }, ean: 12345678901234 }, context)).toEqual({
      ok: false,
      reason: 'EAN 12345678901234 is not a location number of at most 13 digits',
    });
  });

  it('registers a system owned by an organisation that is not here under the importing organisation, and says so', () => {
    const mapped = mapItSystem(
      { uuid: SYSTEM, name: 'Økonomi', organizationContext: { uuid: UNIT, name: 'KOMBIT' }, rightsHolder: { uuid: UNIT, name: 'KMD' } },
      context,
    );
    expect(mapped).toMatchObject({
      ok: true,
      value: { organizationUuid: ORG, rightsHolderUuid: null, scope: 'Global', deactivated: false },
      notes: [
        'owned in KITOS by KOMBIT, which is not here: registered by the importing organisation',
        'rights holder KMD is not an organisation here and was left out',
      ],
    });
  });

  it("maps a system's KLE by the entry here (by uuid, else KLE number) and leaves out one not here, with a note", () => {
    const KLE_HERE = 'cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd';
    const withKle: MappingContext = { ...context, kle: (value) => (value.name === '02.05.01' ? KLE_HERE : null) };
    const mapped = mapItSystem(
      {
        uuid: SYSTEM,
        name: 'ESDH',
        organizationContext: { uuid: ORG },
        kle: [
          { uuid: 'dededede-dede-4ede-8ede-dededededede', name: '02.05.01' },
          { uuid: 'efefefef-efef-4fef-8fef-efefefefefef', name: '99.99.99' },
          { uuid: 'fafafafa-fafa-4afa-8afa-fafafafafafa', name: '02.05.01' },
        ],
      },
      withKle,
    );
    expect(mapped).toEqual({
      ok: true,
      value: expect.objectContaining({ kleUuids: [KLE_HERE] }),
      notes: ['KLE 99.99.99 is not a KLE entry here; left out'],
    });
  });

  it("maps a usage's main contract when the contract is here, and none when it is not (the importer sets it later)", () => {
    const CONTRACT = 'bcbcbcbc-bcbc-4cbc-8cbc-bcbcbcbcbcbc';
    const main = usage({ mainContract: { uuid: CONTRACT, name: 'Drift' } });
    expect(mapUsage(main, context)).toMatchObject({ ok: true, value: { general: { mainContractUuid: null } } });
    expect(mapUsage(main, { ...context, contractKnown: (uuid) => uuid === CONTRACT })).toMatchObject({
      ok: true,
      value: { general: { mainContractUuid: CONTRACT } },
    });
  });

  it("maps an interface's data rows with their data type, and skips it when a data type is not here", () => {
    const DATA_TYPE = 'acacacac-acac-4cac-8cac-acacacacacac';
    const withType: MappingContext = {
      ...context,
      option: (kind, _org, value) => (kind === 'it-interface-interface-data-types' && value.name === 'Sagsdata' ? DATA_TYPE : null),
    };
    const iface = (dataType: { uuid: string; name: string } | null) => ({
      uuid: USAGE,
      name: 'Sagsopslag',
      scope: 'Global',
      organizationContext: { uuid: ORG },
      data: [
        { uuid: 'b1b1b1b1-b1b1-4b1b-8b1b-b1b1b1b1b1b1', description: ' Titel ', dataType },
        { uuid: 'b2b2b2b2-b2b2-4b2b-8b2b-b2b2b2b2b2b2', description: 'Fritekst', dataType: null },
      ],
    });
    expect(mapItInterface(iface({ uuid: USER, name: 'Sagsdata' }), withType)).toMatchObject({
      ok: true,
      value: {
        data: [
          { description: 'Fritekst', dataTypeUuid: null },
          { description: 'Titel', dataTypeUuid: DATA_TYPE },
        ],
      },
    });
    expect(mapItInterface(iface({ uuid: USER, name: 'Hemmelig' }), withType)).toEqual({
      ok: false,
      reason: 'option value "Hemmelig" (it-interface-interface-data-types) is not available here',
    });
  });

  it('leaves out an invalid CVR number of the organisation with a note', () => {
    expect(mapOrganization({ uuid: ORG, name: 'Testkommune', cvr: '12345678', organizationType: 'Municipality' })).toEqual({
      ok: true,
      value: { name: 'Testkommune', cvr: null, organizationType: 'Municipality' },
      notes: ['CVR "12345678" is not a valid Danish CVR number and was left out'],
    });
  });

  it('names the fields that differ, deeply', () => {
    const mapped = mapUsage(usage({ localCallName: 'Sagen' }), context);
    if (!mapped.ok) throw new Error(mapped.reason);
    const here = { ...mapped.value, general: { ...mapped.value.general, localCallName: 'Andet' } };
    expect(changedFields(mapped.value, here)).toEqual(['general']);
    expect(changedFields(mapped.value, { ...mapped.value })).toEqual([]);
  });

  it('puts parents before their children', () => {
    const items = [
      { uuid: 'c', parent: 'b' },
      { uuid: 'b', parent: 'a' },
      { uuid: 'a', parent: null },
      { uuid: 'd', parent: 'x' },
    ];
    expect(
      parentsFirst(
        items,
        (i) => i.uuid,
        (i) => i.parent,
      ).map((i) => i.uuid),
    ).toEqual(['a', 'b', 'c', 'd']);
  });
});
