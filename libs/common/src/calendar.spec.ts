import { addDays, addMonths, danishDayOf, danishDayOfInput, endOfMonth, endOfQuarter, endOfYear, periodEnd } from './calendar';

describe('Danish calendar days', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29', '31 Jan + 1 month in a leap year'],
    ['2023-01-31', 1, '2023-02-28', '31 Jan + 1 month in a common year'],
    ['2024-02-29', 12, '2025-02-28', '29 Feb + 1 year'],
    ['2024-02-29', 48, '2028-02-29', '29 Feb + 4 years'],
    ['2024-03-31', -1, '2024-02-29', '31 Mar − 1 month'],
    ['2024-08-31', 1, '2024-09-30', '31 Aug + 1 month'],
    ['2024-12-15', 1, '2025-01-15', 'across the year end'],
    ['2025-01-15', -1, '2024-12-15', 'back across the year end'],
    ['2024-03-30', 1, '2024-04-30', 'from the day before the spring DST change'],
  ])('addMonths(%s, %i) = %s (%s)', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-31', -1, '2024-03-30'],
    ['2024-03-30', 1, '2024-03-31'],
    ['2024-10-27', 1, '2024-10-28'],
    ['2024-10-26', 1, '2024-10-27'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('addDays(%s, %i) = %s, DST days included', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it.each([
    ['2024-02-10', '2024-02-29', '2024-03-31', '2024-12-31'],
    ['2023-02-10', '2023-02-28', '2023-03-31', '2023-12-31'],
    ['2024-04-01', '2024-04-30', '2024-06-30', '2024-12-31'],
    ['2024-09-30', '2024-09-30', '2024-09-30', '2024-12-31'],
    ['2024-11-05', '2024-11-30', '2024-12-31', '2024-12-31'],
  ])('the month, quarter and year of %s end on %s, %s and %s', (day, month, quarter, year) => {
    expect([endOfMonth(day), endOfQuarter(day), endOfYear(day)]).toEqual([month, quarter, year]);
  });

  it.each([
    ['2024-02-01', 1, '2024-02-29'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2023-01-01', 48, '2026-12-31'],
    ['2024-03-01', 12, '2025-02-28'],
    ['2024-01-15', 12, '2025-01-14'],
  ])('a period of months from %s (%i months) ends on %s', (start, months, expected) => {
    expect(periodEnd(start, months)).toBe(expected);
  });

  it.each([
    ['2024-03-30T22:59:59Z', '2024-03-30', 'last second of the day before the spring change (CET)'],
    ['2024-03-30T23:30:00Z', '2024-03-31', 'the night of the spring change, before 02:00'],
    ['2024-03-31T21:59:59Z', '2024-03-31', 'last second of the spring change day (CEST)'],
    ['2024-03-31T22:00:00Z', '2024-04-01', 'midnight after the spring change'],
    ['2024-10-26T21:59:59Z', '2024-10-26', 'last second before the autumn change day'],
    ['2024-10-26T22:00:00Z', '2024-10-27', 'midnight of the autumn change day (still CEST)'],
    ['2024-10-27T22:59:59Z', '2024-10-27', 'last second of the autumn change day (CET)'],
    ['2024-10-27T23:00:00Z', '2024-10-28', 'midnight after the autumn change'],
    ['2023-12-31T23:00:00Z', '2024-01-01', 'new year'],
  ])('the instant %s falls on %s in Copenhagen (%s)', (instant, day) => {
    expect(danishDayOf(new Date(instant))).toBe(day);
    expect(danishDayOfInput(instant)).toBe(day);
  });

  it('takes a plain date as that very day', () => {
    expect(danishDayOfInput('2024-02-29')).toBe('2024-02-29');
  });
});
