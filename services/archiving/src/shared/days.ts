const DANISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Danish calendar day (Europe/Copenhagen) of an instant, as `YYYY-MM-DD`. */
export function danishDayOf(instant: Date): string {
  return DANISH_DAY.format(instant);
}

/** The day a client meant: a plain date is that day; a date-time is the day it falls on in Copenhagen. */
export function danishDayOfInput(value: string): string {
  return DAY.test(value) ? value : danishDayOf(new Date(value));
}

function parts(day: string): [number, number, number] {
  const match = DAY.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `months` calendar months after `day`; a day that does not exist in the target month becomes that month's last day
 * (31 January + 1 month = 28 or 29 February), as .NET's AddMonths that KITOS uses.
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = parts(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(date, daysInMonth(targetYear, targetMonth)))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = parts(day);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
