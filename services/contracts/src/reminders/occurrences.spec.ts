import { localTime, nthOccurrence, occurrencesBetween } from './occurrences';
import { addMonths, danishDayOf } from '@kitos/common';

describe('reminder occurrences', () => {
  it.each([
    ['Month', '2026-01-31', 1, '2026-02-28'],
    ['Month', '2028-01-31', 1, '2028-02-29'],
    ['Month', '2026-01-31', 2, '2026-03-31'],
    ['Month', '2026-01-31', 3, '2026-04-30'],
    ['Quarter', '2025-11-30', 1, '2026-02-28'],
    ['Quarter', '2026-03-31', 1, '2026-06-30'],
    ['HalfYear', '2026-08-31', 1, '2027-02-28'],
    ['Year', '2024-02-29', 1, '2025-02-28'],
    ['Year', '2024-02-29', 4, '2028-02-29'],
    ['Week', '2026-03-26', 1, '2026-04-02'],
    ['Day', '2026-12-31', 1, '2027-01-01'],
    ['Day', '2026-03-28', 2, '2026-03-30'],
  ] as const)('%s from %s, occurrence %d → %s', (repetition, startDate, n, expected) => {
    expect(nthOccurrence({ startDate, repetition }, n)).toBe(expected);
  });

  it('counts from the start, so a monthly reminder from 31 January returns to the 31st after February', () => {
    expect(occurrencesBetween({ startDate: '2026-01-31', endDate: null, repetition: 'Month' }, '2026-01-01', '2026-06-30')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
    ]);
  });

  it('stops at the end date and starts at the window', () => {
    const schedule = { startDate: '2026-01-01', endDate: '2026-01-10', repetition: 'Day' as const };
    expect(occurrencesBetween(schedule, '2026-01-08', '2026-02-01')).toEqual(['2026-01-08', '2026-01-09', '2026-01-10']);
    expect(occurrencesBetween(schedule, '2026-02-01', '2026-03-01')).toEqual([]);
    expect(occurrencesBetween({ ...schedule, endDate: null }, '2025-12-01', '2025-12-31')).toEqual([]);
  });

  it('finds occurrences far from the start without walking from it', () => {
    const days = occurrencesBetween({ startDate: '2000-01-31', endDate: null, repetition: 'Month' }, '2026-02-01', '2026-03-31');
    expect(days).toEqual(['2026-02-28', '2026-03-31']);
  });

  it('adds months with the day clamped to the month end', () => {
    expect(addMonths('2026-10-31', 4)).toBe('2027-02-28');
    expect(addMonths('2026-05-15', -5)).toBe('2025-12-15');
  });

  it.each([
    ['winter', '2026-01-15', 7, '2026-01-15T06:00:00.000Z'],
    ['summer', '2026-07-15', 7, '2026-07-15T05:00:00.000Z'],
    ['the day summer time starts (02:00 → 03:00)', '2026-03-29', 7, '2026-03-29T05:00:00.000Z'],
    ['the day before summer time', '2026-03-28', 7, '2026-03-28T06:00:00.000Z'],
    ['the day summer time ends (03:00 → 02:00)', '2026-10-25', 7, '2026-10-25T06:00:00.000Z'],
    ['midnight in summer', '2026-06-01', 0, '2026-05-31T22:00:00.000Z'],
  ])('the due hour is Danish time in %s', (_, day, hour, expected) => {
    expect(localTime(day, hour).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-03-29T21:59:00Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T22:30:00Z', '2026-10-25'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('the Danish day of %s is %s', (instant, day) => {
    expect(danishDayOf(new Date(instant))).toBe(day);
  });
});
