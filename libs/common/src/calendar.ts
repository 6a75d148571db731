/**
 * Danish calendar days as `YYYY-MM-DD` strings. Every computation here works on the calendar (year, month, day), never
 * by adding milliseconds to an instant, so daylight-saving changes cannot move a day. The only link to time is
 * `danishDayOf`, which names the day an instant falls on in Europe/Copenhagen.
 */

const DANISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Day = string;

/** The Danish calendar day (Europe/Copenhagen) of an instant. */
export function danishDayOf(instant: Date): Day {
  return DANISH_DAY.format(instant);
}

/** A plain date is that day; a date-time is the day it falls on in Copenhagen (`2023-12-31T23:00:00Z` is 1 January). */
export function danishDayOfInput(value: string): Day {
  return DAY_PATTERN.test(value) ? value : danishDayOf(new Date(value));
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parse(day: Day): Ymd {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`Not a calendar day: ${day}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function format({ y, m, d }: Ymd): Day {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function yearOf(day: Day): number {
  return parse(day).y;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** `n` calendar months later (or earlier); a day the target month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, n: number): Day {
  const { y, m, d } = parse(day);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** `n` calendar days later (or earlier), counted on the proleptic Gregorian calendar (UTC noon: no clock change can interfere). */
export function addDays(day: Day, n: number): Day {
  const { y, m, d } = parse(day);
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  date.setUTCDate(date.getUTCDate() + n);
  return format({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
}

export function endOfMonth(day: Day): Day {
  const { y, m } = parse(day);
  return format({ y, m, d: daysInMonth(y, m) });
}

export function isEndOfMonth(day: Day): boolean {
  return endOfMonth(day) === day;
}

export function endOfQuarter(day: Day): Day {
  const { y, m } = parse(day);
  const qm = Math.ceil(m / 3) * 3;
  return format({ y, m: qm, d: daysInMonth(y, qm) });
}

export function endOfYear(day: Day): Day {
  return `${String(parse(day).y).padStart(4, '0')}-12-31`;
}

/**
 * The last day of a period of `months` that starts on `start` (inclusive): the day before the same date `months`
 * later, so a period from the 1st ends on the last day of a month (1 Feb + 1 month ends 28/29 Feb), and one from
 * 31 Jan for a month ends 28/29 Feb rather than losing a day to the short month.
 */
export function periodEnd(start: Day, months: number): Day {
  const before = addDays(start, -1);
  const shifted = addMonths(before, months);
  return isEndOfMonth(before) ? endOfMonth(shifted) : shifted;
}

export function maxDay(a: Day, b: Day | null): Day {
  return b !== null && b > a ? b : a;
}

export function minDay(a: Day, b: Day | null): Day {
  return b !== null && b < a ? b : a;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  const utc = (day: Day) => {
    const { y, m, d } = parse(day);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
