import type { DprCopy } from '../copies/dpr-copies.repository';
import { EMPTY_GDPR, type GdprFields } from '../usage-gdpr/usage-gdpr';
import type { UsageCopy } from '../usages/usage-copy.repository';
import { dashboardOf, type DashboardInput } from './dashboard';

const usage = (uuid: string): UsageCopy => ({
  uuid,
  organizationUuid: 'o',
  systemUuid: `s-${uuid}`,
  systemName: `System ${uuid}`,
  localCallName: null,
  version: 1,
  deleted: false,
});
const profile = (fields: Partial<GdprFields>): GdprFields => ({ ...EMPTY_GDPR, dataSensitivityLevels: ['PersonData'], ...fields });
const dpr = (fields: Partial<DprCopy>): DprCopy => ({
  uuid: 'd',
  organizationUuid: 'o',
  name: 'DBA',
  systemUsageUuids: [],
  agreementConcluded: null,
  agreementConcludedDate: null,
  dataProcessors: [],
  subDataProcessors: [],
  processorUuids: [],
  transferToInsecureThirdCountries: null,
  insecureThirdCountries: [],
  basisForTransfer: null,
  nextOversightDate: null,
  ...fields,
});
const input = (over: Partial<DashboardInput>): DashboardInput => ({
  organizationUuid: 'o',
  today: '2026-11-29',
  riskAssessmentMaxAgeMonths: 36,
  usages: [],
  profiles: new Map(),
  registrations: [],
  archiveFindings: new Map(),
  ...over,
});

describe('dashboardOf', () => {
  it('counts personal data without a concluded DPA', () => {
    const sut = dashboardOf(
      input({
        usages: [usage('a'), usage('b'), usage('c')],
        profiles: new Map([
          ['a', profile({})],
          ['b', profile({})],
          ['c', profile({ dataSensitivityLevels: ['None'] })],
        ]),
        registrations: [
          dpr({ agreementConcluded: 'Yes', systemUsageUuids: ['a'] }),
          dpr({ uuid: 'e', agreementConcluded: 'No', systemUsageUuids: ['b'] }),
        ],
      }),
    );
    expect(sut.personalDataUsageCount).toBe(2);
    expect(sut.personalDataWithoutDpa.usages.map((u) => u.usageUuid)).toEqual(['b']);
  });

  it.each([
    [{ riskAssessmentConducted: 'No' }, 'missingRiskAssessment'],
    [{ riskAssessmentConducted: 'Yes', riskAssessmentConductedDate: '2023-11-28' }, 'outdatedRiskAssessment'],
    [{ riskAssessmentConducted: 'Yes', riskAssessmentConductedDate: null }, 'outdatedRiskAssessment'],
  ] as const)('risk assessment %j → %s', (fields, key) => {
    const sut = dashboardOf(input({ usages: [usage('a')], profiles: new Map([['a', profile(fields as Partial<GdprFields>)]]) }));
    expect(sut[key].count).toBe(1);
  });

  it('does not count a risk assessment exactly at the age limit as outdated', () => {
    const p = profile({ riskAssessmentConducted: 'Yes', riskAssessmentConductedDate: '2023-11-29' });
    const sut = dashboardOf(input({ usages: [usage('a')], profiles: new Map([['a', p]]) }));
    expect(sut.outdatedRiskAssessment.count + sut.missingRiskAssessment.count).toBe(0);
  });

  it('wants a DPIA for sensitive data and a retention period for personal data', () => {
    const sut = dashboardOf(
      input({
        usages: [usage('a'), usage('b')],
        profiles: new Map([
          ['a', profile({ dataSensitivityLevels: ['SensitiveData'], retentionPeriodDefined: 'Yes' })],
          ['b', profile({ dataSensitivityLevels: ['PersonData'], dpiaConducted: 'No' })],
        ]),
      }),
    );
    expect(sut.sensitiveWithoutDpia.usages.map((u) => u.usageUuid)).toEqual(['a']);
    expect(sut.undefinedRetention.usages.map((u) => u.usageUuid)).toEqual(['b']);
  });

  it('lists registrations whose oversight was due before today, and the usages they cover', () => {
    const sut = dashboardOf(
      input({
        usages: [usage('a'), usage('b')],
        registrations: [
          dpr({ uuid: 'late', name: 'Sen', nextOversightDate: '2026-11-28', systemUsageUuids: ['a'] }),
          dpr({ uuid: 'today', name: 'I dag', nextOversightDate: '2026-11-29', systemUsageUuids: ['b'] }),
        ],
      }),
    );
    expect(sut.overdueOversightRegistrations).toEqual([
      { dataProcessingRegistrationUuid: 'late', name: 'Sen', nextOversightDate: '2026-11-28' },
    ]);
    expect(sut.overdueOversight.usages).toEqual([{ usageUuid: 'a', systemName: 'System a', date: '2026-11-28' }]);
  });

  it('flags usages archiving reports as due for deletion before an approved delivery', () => {
    const sut = dashboardOf(
      input({ usages: [usage('a'), usage('b')], archiveFindings: new Map([['b', ['DeletionBeforeApprovedArchiving']]]) }),
    );
    expect(sut.deletionBeforeApprovedArchiving.usages.map((u) => u.usageUuid)).toEqual(['b']);
  });
});
