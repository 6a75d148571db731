import type { ReminderRepetition } from '@kitos/contracts';

/**
 * Calendar arithmetic of reminders. Days are Danish calendar days (`YYYY-MM-DD`, Europe/Copenhagen); an occurrence is
 * due at a fixed local hour of its day, whatever the UTC offset that day (summer time or not).
 */
export const REMINDER_TIME_ZONE = 'Europe/Copenhagen';

const MONTHS: Partial<Record<ReminderRepetition, number>> = { Month: 1, Quarter: 3, HalfYear: 6, Year: 12 };
const DAYS: Partial<Record<ReminderRepetition, number>> = { Day: 1, Week: 7 };
const MS_PER_DAY = 86_400_000;

export interface RepeatingSchedule {
  readonly startDate: string;
  readonly endDate: string | null;
  readonly repetition: ReminderRepetition;
}

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  const t = new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Months later, on the same day of the month or the last day of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / MS_PER_DAY);
}

/**
 * The n-th occurrence (0 = the start day). Always counted from the start, never from the previous occurrence, so a
 * monthly reminder from 31 January falls on 28/29 February and then on 31 March again.
 */
export function nthOccurrence(schedule: Pick<RepeatingSchedule, 'startDate' | 'repetition'>, n: number): string {
  const months = MONTHS[schedule.repetition];
  if (months !== undefined) return addMonths(schedule.startDate, n * months);
  return addDays(schedule.startDate, n * (DAYS[schedule.repetition] ?? 1));
}

/** The occurrence days of a schedule within [from, to] (both inclusive), in order. */
export function occurrencesBetween(schedule: RepeatingSchedule, from: string, to: string, limit = 1000): string[] {
  const last = schedule.endDate && schedule.endDate < to ? schedule.endDate : to;
  if (last < schedule.startDate || last < from) return [];
  const months = MONTHS[schedule.repetition];
  const offset = Math.max(0, daysBetween(schedule.startDate, from));
  // a lower bound of the first index at or after `from`, then step forward
  let n =
    months !== undefined ? Math.max(0, Math.floor(offset / (31 * months)) - 1) : Math.floor(offset / (DAYS[schedule.repetition] ?? 1));
  const result: string[] = [];
  for (let day = nthOccurrence(schedule, n); day <= last && result.length < limit; day = nthOccurrence(schedule, ++n)) {
    if (day >= from) result.push(day);
  }
  return result;
}

/** The first occurrence on or after `from`, or null when the schedule has ended. */
export function firstOccurrenceFrom(schedule: RepeatingSchedule, from: string): string | null {
  const last = schedule.endDate ?? addDays(from < schedule.startDate ? schedule.startDate : from, 800);
  return occurrencesBetween({ ...schedule, endDate: last }, from, last, 1)[0] ?? null;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: REMINDER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: REMINDER_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Danish calendar day of an instant. */
export function localDay(instant: Date): string {
  return dayFormat.format(instant);
}

/** Minutes the Danish wall clock is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant of `hour`:00 Danish time on `day`. */
export function localTime(day: string, hour: number): Date {
  const [y, m, d] = parts(day);
  const asUtc = Date.UTC(y, m - 1, d, hour);
  let instant = asUtc - offsetMinutes(new Date(asUtc)) * 60000;
  // the offset at the result can differ from the guess's near a change; one correction settles it
  instant = asUtc - offsetMinutes(new Date(instant)) * 60000;
  return new Date(instant);
}
