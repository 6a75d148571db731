import { activityFindings } from './activity-findings';
import type { ProcessingActivity } from './processing-activity';

const complete: ProcessingActivity = {
  organizationUuid: 'o',
  name: 'Boligstøtte',
  nameKey: 'o:boligstøtte',
  description: null,
  purposes: ['Afgørelse om boligstøtte'],
  legalBases: ['Art6-1-e'],
  nationalLawReferences: [],
  dataCategories: [
    {
      dataSubjectCategory: 'Ansøgere',
      personalDataCategory: 'Indkomst',
      sensitivity: 'PersonData',
      retentionPeriod: '5 år',
      retentionMonths: null,
    },
  ],
  recipients: [{ name: 'Udbetaling Danmark', category: null, thirdCountry: false, country: null, transferBasis: null }],
  systemUsageUuids: [],
  controllerRole: 'Controller',
  jointControllers: [],
  representative: null,
  securityMeasures: 'Adgangsstyring',
  dataSource: null,
  createdAt: new Date(0),
  createdByUserUuid: null,
  lastModified: new Date(0),
  lastModifiedByUserUuid: null,
};

describe('activityFindings (missing Art. 30(1) fields)', () => {
  it('finds nothing on a complete activity', () => {
    expect(activityFindings(complete, [])).toEqual([]);
  });

  it.each([
    ['30(1)(a)', 'jointControllers', { controllerRole: 'JointController' }],
    ['30(1)(b)', 'purposes', { purposes: [] }],
    ['6/9/10', 'legalBases', { legalBases: [] }],
    ['30(1)(c)', 'dataCategories', { dataCategories: [] }],
    ['30(1)(d)', 'recipients', { recipients: [] }],
    [
      '30(1)(e)',
      'recipients[0].country',
      { recipients: [{ name: 'AWS', category: null, thirdCountry: true, country: null, transferBasis: 'SCC' }] },
    ],
    [
      '30(1)(e)',
      'recipients[0].transferBasis',
      { recipients: [{ name: 'AWS', category: null, thirdCountry: true, country: 'US', transferBasis: null }] },
    ],
    ['30(1)(f)', 'dataCategories[0].retentionPeriod', { dataCategories: [{ ...complete.dataCategories[0], retentionPeriod: null }] }],
    ['30(1)(g)', 'securityMeasures', { securityMeasures: null }],
    ['9(2)', 'legalBases', { dataCategories: [{ ...complete.dataCategories[0], sensitivity: 'SensitiveData' }] }],
  ] as const)('%s: %s', (article, field, change) => {
    const findings = activityFindings({ ...complete, ...change } as ProcessingActivity, []);
    expect(findings).toEqual([expect.objectContaining({ article, field })]);
  });

  it('accepts the security measures of a linked usage instead of a description', () => {
    const activity = { ...complete, securityMeasures: null };
    expect(activityFindings(activity, [{ technicalPrecautionsInPlace: 'Yes', technicalPrecautionsApplied: ['Encryption'] }])).toEqual([]);
  });

  it('accepts a retention in months instead of a text', () => {
    const activity = { ...complete, dataCategories: [{ ...complete.dataCategories[0], retentionPeriod: null, retentionMonths: 60 }] };
    expect(activityFindings(activity, [])).toEqual([]);
  });
});
