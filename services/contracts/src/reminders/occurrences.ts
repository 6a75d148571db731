import type { ReminderRepetition } from '@kitos/contracts';
import { addDays, addMonths, daysBetween } from '@kitos/common';

/**
 * Calendar arithmetic of reminders. Days are Danish calendar days (`YYYY-MM-DD`, Europe/Copenhagen); an occurrence is
 * due at a fixed local hour of its day, whatever the UTC offset that day (summer time or not).
 */
export const REMINDER_TIME_ZONE = 'Europe/Copenhagen';

const MONTHS: Partial<Record<ReminderRepetition, number>> = { Month: 1, Quarter: 3, HalfYear: 6, Year: 12 };
const DAYS: Partial<Record<ReminderRepetition, number>> = { Day: 1, Week: 7 };

export interface RepeatingSchedule {
  readonly startDate: string;
  readonly endDate: string | null;
  readonly repetition: ReminderRepetition;
}

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m, d];
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
