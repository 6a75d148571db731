import { addMonths, danishDayOf, danishDayOfInput, daysBetween } from './calendar';

describe('addMonths', () => {
  it.each([
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-02-29', 1, '2024-03-29'],
    ['2019-12-31', 60, '2024-12-31'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-12-31', 2, '2025-02-28'],
    ['1999-12-31', 2, '2000-02-29'],
    ['2099-12-31', 2, '2100-02-28'],
    ['2024-05-31', 0, '2024-05-31'],
  ])('%s + %i months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe('Danish days', () => {
  it('reads an instant as the day it falls on in Copenhagen', () => {
    expect(danishDayOf(new Date('2023-12-31T23:00:00Z'))).toBe('2024-01-01');
    expect(danishDayOf(new Date('2024-06-30T21:59:59Z'))).toBe('2024-06-30');
    expect(danishDayOf(new Date('2024-06-30T22:00:00Z'))).toBe('2024-07-01');
  });

  it('keeps a plain date and converts a date-time', () => {
    expect(danishDayOfInput('2024-02-29')).toBe('2024-02-29');
    expect(danishDayOfInput('2023-12-31T23:00:00Z')).toBe('2024-01-01');
  });

  it('counts days across month ends and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-03-31', '2024-03-30')).toBe(-1);
    // across the change to summer time
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
  });
});
