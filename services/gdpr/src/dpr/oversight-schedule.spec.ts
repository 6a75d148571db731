import type { OversightInterval } from '@kitos/contracts';
import { addMonths, daysBetween } from '@kitos/common';
import { lastCompletedOversight, nextOversightDate, type OversightState } from './oversight-schedule';

const state = (overrides: Partial<OversightState>): OversightState => ({
  oversightInterval: null,
  isOversightCompleted: null,
  completedDates: [],
  scheduledInspectionDate: null,
  ...overrides,
});

describe('addMonths', () => {
  it.each([
    ['2024-01-15', 6, '2024-07-15'],
    ['2024-01-15', 12, '2025-01-15'],
    ['2024-01-15', 24, '2026-01-15'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2022-08-31', 6, '2023-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 24, '2026-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2023-12-31', 6, '2024-06-30'],
    ['2024-07-31', 6, '2025-01-31'],
    ['2024-03-31', 6, '2024-09-30'],
    ['2024-11-30', 12, '2025-11-30'],
  ])('%s + %i months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe('the next oversight date', () => {
  const yes = { isOversightCompleted: 'Yes' as const };
  it.each<[string, Partial<OversightState>, string | null]>([
    ['nothing registered', {}, null],
    ['an interval but no completed oversight', { oversightInterval: 'Yearly' }, null],
    [
      'yearly after the last completed oversight',
      { ...yes, oversightInterval: 'Yearly', completedDates: ['2023-05-01', '2024-05-01'] },
      '2025-05-01',
    ],
    [
      'the latest date counts, whatever the order',
      { ...yes, oversightInterval: 'Yearly', completedDates: ['2024-05-01', '2022-01-01'] },
      '2025-05-01',
    ],
    [
      'every half year from 31 August ends in February (leap year)',
      { ...yes, oversightInterval: 'BiYearly', completedDates: ['2023-08-31'] },
      '2024-02-29',
    ],
    ['every second year from a leap day', { ...yes, oversightInterval: 'EveryOtherYear', completedDates: ['2024-02-29'] }, '2026-02-28'],
    ['Undecided gives no date from the interval', { ...yes, oversightInterval: 'Undecided', completedDates: ['2024-01-01'] }, null],
    ['Other gives no date from the interval', { ...yes, oversightInterval: 'Other', completedDates: ['2024-01-01'] }, null],
    [
      'dates do not count unless completed = Yes',
      { isOversightCompleted: 'No', oversightInterval: 'Yearly', completedDates: ['2024-01-01'] },
      null,
    ],
    ['only a scheduled inspection', { scheduledInspectionDate: '2025-03-01' }, '2025-03-01'],
    [
      'a scheduled inspection without completed oversights, with an interval',
      { oversightInterval: 'Yearly', scheduledInspectionDate: '2025-03-01' },
      '2025-03-01',
    ],
    [
      'a scheduled inspection earlier than the interval wins',
      { ...yes, oversightInterval: 'Yearly', completedDates: ['2024-06-01'], scheduledInspectionDate: '2025-01-10' },
      '2025-01-10',
    ],
    [
      'the interval wins when earlier than the scheduled inspection',
      { ...yes, oversightInterval: 'BiYearly', completedDates: ['2024-06-01'], scheduledInspectionDate: '2025-03-01' },
      '2024-12-01',
    ],
    [
      'a scheduled inspection on the last completed day has taken place',
      { ...yes, oversightInterval: 'Yearly', completedDates: ['2024-06-01'], scheduledInspectionDate: '2024-06-01' },
      '2025-06-01',
    ],
    [
      'a scheduled inspection before the last completed one is ignored',
      { ...yes, completedDates: ['2024-06-01'], scheduledInspectionDate: '2024-03-01' },
      null,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(nextOversightDate(state(overrides))).toBe(expected);
  });

  it.each<[OversightInterval, string]>([
    ['BiYearly', '2025-07-31'],
    ['Yearly', '2026-01-31'],
    ['EveryOtherYear', '2027-01-31'],
  ])('%s from 31 January 2025 → %s', (interval, expected) => {
    expect(nextOversightDate(state({ isOversightCompleted: 'Yes', oversightInterval: interval, completedDates: ['2025-01-31'] }))).toBe(
      expected,
    );
  });
});

describe('helpers', () => {
  it('the last completed oversight needs completed = Yes', () => {
    expect(lastCompletedOversight({ isOversightCompleted: 'Yes', completedDates: ['2024-01-01', '2024-03-01'] })).toBe('2024-03-01');
    expect(lastCompletedOversight({ isOversightCompleted: null, completedDates: ['2024-01-01'] })).toBeNull();
  });

  it.each([
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-12-31', '2025-01-01', 1],
    ['2025-01-10', '2025-01-01', -9],
    ['2024-03-30', '2024-03-31', 1],
  ])('days from %s to %s = %i (across DST and leap days)', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});
