import {
  archiveFindings,
  deletionBeforeApprovedArchiving,
  disagreesWithRecommendation,
  journalPeriodErrors,
  latestApprovedPeriodEnd,
  nextDeliveryDue,
  periodStatusOf,
  type PeriodDays,
} from './archive-rules';

const period = (fields: Partial<PeriodDays>): PeriodDays => ({
  uuid: fields.uuid ?? `p-${fields.startDate}`,
  archiveId: 'AV-1',
  startDate: '2015-01-01',
  endDate: '2019-12-31',
  status: 'Planned',
  approvalDate: null,
  ...fields,
});

describe('nextDeliveryDue', () => {
  it.each([
    [
      'the latest approved end + frequency',
      'B',
      60,
      [period({ status: 'Approved' }), period({ startDate: '2010-01-01', endDate: '2014-12-31', status: 'Approved' })],
      '2024-12-31',
    ],
    [
      'an approved end on a month end in a leap year',
      'B',
      1,
      [period({ startDate: '2023-02-01', endDate: '2024-01-31', status: 'Approved' })],
      '2024-02-29',
    ],
    [
      'an approved end in a common year',
      'B',
      1,
      [period({ startDate: '2022-02-01', endDate: '2023-01-31', status: 'Approved' })],
      '2023-02-28',
    ],
    [
      'the leap day plus a year',
      'PreserveDataCanDiscardDocuments',
      12,
      [period({ startDate: '2020-01-01', endDate: '2024-02-29', status: 'Approved' })],
      '2025-02-28',
    ],
    [
      'the first start + frequency while none is approved',
      'B',
      60,
      [
        period({ startDate: '2016-01-01', endDate: '2016-12-31' }),
        period({ startDate: '2015-01-01', endDate: '2015-12-31', status: 'Delivered' }),
      ],
      '2020-01-01',
    ],
    [
      'an approved period wins over the earlier planned ones',
      'B',
      12,
      [
        period({ startDate: '2010-01-01', endDate: '2010-12-31' }),
        period({ startDate: '2011-01-01', endDate: '2011-12-31', status: 'Approved' }),
      ],
      '2012-12-31',
    ],
    ['nothing without periods', 'B', 60, [], null],
    ['nothing without a frequency', 'B', null, [period({ status: 'Approved' })], null],
    ['nothing for K', 'K', 60, [period({ status: 'Approved' })], null],
    ['nothing for Undecided', 'Undecided', 60, [period({ status: 'Approved' })], null],
    ['nothing without a duty', null, 60, [period({ status: 'Approved' })], null],
  ] as const)('%s', (_name, archiveDuty, frequencyInMonths, periods, expected) => {
    expect(nextDeliveryDue({ archiveDuty, frequencyInMonths, periods })).toBe(expected);
  });

  it('reads the latest approved end only from approved periods', () => {
    expect(
      latestApprovedPeriodEnd([
        period({ endDate: '2030-01-01', status: 'Delivered' }),
        period({ endDate: '2019-12-31', status: 'Approved' }),
      ]),
    ).toBe('2019-12-31');
    expect(latestApprovedPeriodEnd([period({ status: 'Delivered' })])).toBeNull();
  });
});

describe('DisagreesWithRecommendation', () => {
  it.each([
    ['B', 'K', true],
    ['K', 'B', true],
    ['PreserveDataCanDiscardDocuments', 'B', true],
    ['B', 'PreserveDataCanDiscardDocuments', true],
    ['B', 'B', false],
    ['K', 'K', false],
    ['Undecided', 'B', false],
    ['Unknown', 'K', false],
    [null, 'B', false],
    ['B', 'Undecided', false],
    ['K', 'NoRecommendation', false],
    ['B', null, false],
  ] as const)('decision %s, recommendation %s → %s', (duty, recommendation, expected) => {
    expect(disagreesWithRecommendation(duty, recommendation)).toBe(expected);
  });
});

describe('DeletionBeforeApprovedArchiving (the archive-before-deletion guard)', () => {
  it.each([
    ['B, deletion due, nothing approved', 'B', '2025-06-01', null, true],
    ['B, deletion after the latest approved end', 'B', '2025-06-01', '2024-12-31', true],
    ['B, approved up to the deletion day', 'B', '2025-06-01', '2025-06-01', false],
    ['B, approved beyond the deletion day', 'B', '2025-06-01', '2025-12-31', false],
    ['preserve data, nothing approved', 'PreserveDataCanDiscardDocuments', '2025-06-01', null, true],
    ['K is discarded, never delivered', 'K', '2025-06-01', null, false],
    ['Undecided is no decision', 'Undecided', '2025-06-01', null, false],
    ['Unknown is no decision', 'Unknown', '2025-06-01', null, false],
    ['B without a deletion due date', 'B', null, null, false],
  ] as const)('%s → %s', (_name, archiveDuty, deletionDueDate, approvedEnd, expected) => {
    expect(deletionBeforeApprovedArchiving({ archiveDuty, deletionDueDate, latestApprovedPeriodEnd: approvedEnd })).toBe(expected);
  });
});

describe('archiveFindings', () => {
  const base = {
    archiveDuty: 'B',
    recommendedArchiveDuty: 'B',
    nextDeliveryDue: '2025-01-01',
    latestApprovedPeriodEnd: '2024-12-31',
    deletionDueDate: null,
    today: '2025-01-01',
  } as const;

  it('finds nothing when the decision follows the recommendation, the delivery is due today and no deletion is due', () => {
    expect(archiveFindings(base)).toEqual([]);
  });

  it('finds an overdue delivery from the day after it was due', () => {
    expect(archiveFindings({ ...base, today: '2025-01-02' })).toEqual(['DeliveryOverdue']);
  });

  it('lists every finding in a fixed order', () => {
    expect(archiveFindings({ ...base, recommendedArchiveDuty: 'K', today: '2026-01-01', deletionDueDate: '2025-06-01' })).toEqual([
      'DisagreesWithRecommendation',
      'DeliveryOverdue',
      'DeletionBeforeApprovedArchiving',
    ]);
  });
});

describe('journal period rules', () => {
  const existing = [period({ uuid: 'a', startDate: '2010-01-01', endDate: '2014-12-31' })];

  it.each([
    ['a period after the others', period({ uuid: 'n', startDate: '2015-01-01', endDate: '2019-12-31' }), []],
    ['a period sharing the last day of another', period({ uuid: 'n', startDate: '2014-12-31', endDate: '2019-12-31' }), ['startDate']],
    ['a period inside another', period({ uuid: 'n', startDate: '2011-01-01', endDate: '2011-12-31' }), ['startDate']],
    ['a period around another', period({ uuid: 'n', startDate: '2009-01-01', endDate: '2016-12-31' }), ['startDate']],
    ['the period itself when it is changed', period({ uuid: 'a', startDate: '2010-06-01', endDate: '2014-12-31' }), []],
    ['an end before the start', period({ uuid: 'n', startDate: '2020-01-02', endDate: '2020-01-01' }), ['endDate']],
    ['a one-day period', period({ uuid: 'n', startDate: '2020-01-01', endDate: '2020-01-01' }), []],
    [
      'an approval date on a planned period',
      period({ uuid: 'n', startDate: '2020-01-01', endDate: '2020-12-31', approvalDate: '2021-01-01' }),
      ['approvalDate'],
    ],
    [
      'an approval date on an approved period',
      period({ uuid: 'n', startDate: '2020-01-01', endDate: '2020-12-31', status: 'Approved', approvalDate: '2021-01-01' }),
      [],
    ],
  ] as const)('%s', (_name, candidate, fields) => {
    expect(journalPeriodErrors(candidate, existing).map((e) => e.field)).toEqual(fields);
  });

  it.each([
    [undefined, undefined, 'Planned'],
    [undefined, true, 'Approved'],
    [undefined, false, 'Planned'],
    ['Delivered', undefined, 'Delivered'],
    ['Approved', true, 'Approved'],
  ] as const)('status %s with approved %s is %s', (status, approved, expected) => {
    expect(periodStatusOf(status, approved)).toBe(expected);
  });

  it('refuses a status that disagrees with approved', () => {
    expect(periodStatusOf('Delivered', true)).toMatchObject({ field: 'approved' });
  });
});
