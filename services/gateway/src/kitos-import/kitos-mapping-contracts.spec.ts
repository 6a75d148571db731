import { mapContract, mapDpr } from './kitos-mapping-contracts';
import { mapUsageArchive, mapUsageGdpr } from './kitos-mapping-usage-sections';
import type { MappingContext } from './kitos-mapping';
import type { KitosItSystemUsage } from './kitos.types';

const ORG = '11111111-1111-4111-8111-111111111111';
const UNIT = '44444444-4444-4444-8444-444444444444';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const USAGE = 'abababab-abab-4bab-8bab-abababababab';
const OPTION = '66666666-6666-4666-8666-666666666666';

const context: MappingContext = {
  organizationUuid: ORG,
  unit: (uuid) => (uuid === UNIT ? UNIT : null),
  option: (_kind, _org, value) => (value.name === 'Kendt' ? OPTION : null),
  organizationExists: (uuid) => uuid === ORG || uuid === SUPPLIER,
  systemKnown: () => true,
  usageRole: () => null,
  userKnown: () => true,
  usageKnown: (uuid) => uuid === USAGE,
  interfaceKnown: () => false,
  role: () => null,
  kle: () => null,
  systemKle: () => [],
  contractKnown: () => false,
  dprKnown: () => false,
};

describe('KITOS contract mapping', () => {
  it('turns KITOS kroner into exact øre and keeps the rest of a payment', () => {
    const mapped = mapContract(
      {
        uuid: 'c',
        name: 'Drift',
        payments: {
          external: [
            {
              organizationUnit: { uuid: UNIT },
              acquisition: 125000.5,
              operation: 0.1,
              other: null,
              auditStatus: 'Green',
              auditDate: '2024-02-29T23:00:00Z',
            },
          ],
        },
      },
      context,
    );
    expect(mapped.ok && mapped.value.payments.external).toEqual([
      {
        organizationUnitUuid: UNIT,
        acquisitionØre: 12500050,
        operationØre: 10,
        otherØre: 0,
        accountingEntry: null,
        auditStatus: 'Green',
        auditDate: '2024-03-01',
        note: null,
      },
    ]);
  });

  it('skips a contract with an amount finer than an øre, an unknown option value or a unit not imported', () => {
    const base = { uuid: 'c', name: 'Drift' };
    expect(mapContract({ ...base, payments: { internal: [{ organizationUnit: { uuid: UNIT }, acquisition: 1.005 }] } }, context)).toEqual({
      ok: false,
      reason: 'payments.internal[0].acquisition 1.005 is not an amount in kroner with at most 2 decimals',
    });
    expect(mapContract({ ...base, general: { criticality: { uuid: 'x', name: 'Ukendt' } } }, context)).toEqual({
      ok: false,
      reason: 'option value "Ukendt" (it-contract-criticality-types) is not available here',
    });
    expect(mapContract({ ...base, responsible: { organizationUnit: { uuid: 'gone', name: 'Væk' } } }, context)).toEqual({
      ok: false,
      reason: 'responsible organisation unit Væk is not imported',
    });
  });

  it('leaves out links to what is not imported, with notes', () => {
    const mapped = mapContract(
      {
        uuid: 'c',
        name: 'Drift',
        parentContract: { uuid: 'p', name: 'Ramme' },
        supplier: { organization: { uuid: 'o', name: 'Ukendt A/S' } },
        systemUsages: [
          { uuid: USAGE, name: 'ESDH' },
          { uuid: 'u2', name: 'Løn' },
        ],
      },
      context,
    );
    expect(mapped.ok && [mapped.value.parentContractUuid, mapped.value.supplier.organizationUuid, mapped.value.systemUsageUuids]).toEqual([
      null,
      null,
      [USAGE],
    ]);
    expect(mapped.ok && mapped.notes).toEqual([
      'parent contract Ramme is not imported and was left out',
      'supplier Ukendt A/S is not an organisation here and was left out',
      'system usage Løn is not imported and was left out',
    ]);
  });
});

describe('KITOS data processing registration mapping', () => {
  it("keeps KITOS's Undecided and its oversight intervals, which are the values here", () => {
    const mapped = mapDpr(
      {
        uuid: 'd',
        name: 'Hosting',
        general: { isAgreementConcluded: 'Undecided', transferToInsecureThirdCountries: 'Undecided', dataProcessors: [{ uuid: SUPPLIER }] },
        oversight: {
          oversightInterval: 'BiYearly',
          isOversightCompleted: 'Yes',
          oversightDates: [{ completedAt: '2024-04-30T22:00:00Z' }],
        },
      },
      context,
    );
    expect(mapped.ok && mapped.value.general).toMatchObject({
      isAgreementConcluded: 'Undecided',
      transferToInsecureThirdCountries: 'Undecided',
      dataProcessorUuids: [SUPPLIER],
    });
    expect(mapped.ok && mapped.value.oversight).toMatchObject({
      oversightInterval: 'BiYearly',
      isOversightCompleted: 'Yes',
      oversightDates: [{ completedAt: '2024-05-01', remark: null }],
    });
    expect(mapDpr({ uuid: 'd', name: 'X', oversight: { oversightInterval: 'Weekly' } }, context)).toMatchObject({ ok: false });
  });
});

describe("KITOS usage's GDPR and archiving mapping", () => {
  const usage = (extra: Partial<KitosItSystemUsage>): KitosItSystemUsage => ({
    uuid: USAGE,
    systemContext: { uuid: 's' },
    organizationContext: { uuid: ORG },
    ...extra,
  });

  it('drops a value KITOS left behind under an answer that is not Yes, with a note', () => {
    const mapped = mapUsageGdpr(
      usage({
        gdpr: {
          dpiaConducted: 'No',
          dpiaDate: '2022-01-01T00:00:00Z',
          technicalPrecautionsInPlace: 'Yes',
          technicalPrecautionsApplied: ['Logging'],
        },
      }),
      context,
    );
    expect(mapped.ok && [mapped.value.dpiaDate, mapped.value.technicalPrecautionsApplied, mapped.notes]).toEqual([
      null,
      ['Logging'],
      ['gdpr.dpiaDate left out: dpiaConducted is not Yes in KITOS'],
    ]);
    expect(mapUsageGdpr(usage({ gdpr: { hostedAt: 'Moon' } }), context)).toMatchObject({ ok: false });
  });

  it('refuses journal periods without an archive id or with one twice', () => {
    const period = { archiveId: 'AV-1', startDate: '2015-01-01T00:00:00Z', endDate: '2019-12-31T00:00:00Z' };
    expect(mapUsageArchive(usage({ archiving: { journalPeriods: [period, period] } }), context)).toEqual({
      ok: false,
      reason: 'archiving.journalPeriods: archive id AV-1 is there twice',
    });
    expect(mapUsageArchive(usage({ archiving: { journalPeriods: [{ ...period, archiveId: ' ' }] } }), context)).toMatchObject({
      ok: false,
    });
    expect(mapUsageArchive(usage({ archiving: { archiveDuty: 'B', journalPeriods: [period] } }), context)).toMatchObject({
      ok: true,
      value: { archiveDuty: 'B', journalPeriods: [{ archiveId: 'AV-1', startDate: '2015-01-01', endDate: '2019-12-31', approved: false }] },
    });
  });
});
