import { createHash } from 'node:crypto';
import type { ReminderDeadlineKind } from '@kitos/contracts';
import { firstOccurrenceFrom, localTime, occurrencesBetween, type RepeatingSchedule } from './occurrences';
import { addDays, danishDayOf } from '@kitos/common';

const MS_PER_DAY = 86_400_000;

/** A stable UUID (version-5 layout) derived from a name: the same automatic reminder gets the same uuid on every replica. */
export function uuidFrom(name: string): string {
  const hex = createHash('sha1').update(`kitos-reminders:${name}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The occurrence of a repeating schedule to send at `now`: the latest one already due, provided it is due no earlier
 * than `earliest` (the reminder's creation or last schedule change, and at most the catch-up window back). Older
 * missed occurrences are not sent: after downtime a repeating reminder sends once, late, not once per missed day.
 */
export function dueRepeatOccurrence(
  schedule: RepeatingSchedule,
  now: Date,
  earliest: Date,
  sendHour: number,
): { occurrence: string; dueAt: Date } | null {
  if (earliest > now) return null;
  // one day of margin on both sides: the local day of an instant and the due hour can straddle midnight UTC
  const days = occurrencesBetween(schedule, addDays(danishDayOf(earliest), -1), addDays(danishDayOf(now), 1));
  for (let i = days.length - 1; i >= 0; i--) {
    const dueAt = localTime(days[i], sendHour);
    if (dueAt > now) continue;
    return dueAt >= earliest ? { occurrence: days[i], dueAt } : null;
  }
  return null;
}

/** When the next occurrence after `now` is due, for the API (null when the schedule has ended). */
export function nextRepeatDueAt(schedule: RepeatingSchedule, now: Date, notBefore: Date, sendHour: number): Date | null {
  const from = now > notBefore ? now : notBefore;
  let day: string | null = danishDayOf(from);
  for (let i = 0; i < 3 && day; i++) {
    day = firstOccurrenceFrom(schedule, day);
    if (!day) return null;
    const dueAt = localTime(day, sendHour);
    if (dueAt >= from) return dueAt;
    day = addDays(day, 1);
  }
  return null;
}

/** The earliest occurrence a repeating reminder may still send at `now`. */
export function catchUpStart(effectiveFrom: Date, now: Date, catchUpDays: number): Date {
  const windowStart = new Date(now.getTime() - catchUpDays * MS_PER_DAY);
  return effectiveFrom > windowStart ? effectiveFrom : windowStart;
}

/** One automatic deadline reminder: a deadline of an object, announced `leadDays` before. */
export interface AutomaticReminder {
  readonly uuid: string;
  readonly deadline: ReminderDeadlineKind;
  readonly deadlineDate: string;
  readonly leadDays: number;
  /** The day it is due: the deadline minus the lead time. */
  readonly occurrence: string;
  readonly dueAt: Date;
}

/**
 * The automatic reminders of one object under an organisation's settings, for deadlines that have not passed. Each
 * deadline date is part of the occurrence, so when an owner reports a new date the pending reminders follow it.
 */
export function automaticReminders(
  objectUuid: string,
  deadlines: Partial<Record<ReminderDeadlineKind, string | null>>,
  settings: { deadlines: readonly ReminderDeadlineKind[]; leadDays: readonly number[] },
  today: string,
  sendHour: number,
): AutomaticReminder[] {
  const result: AutomaticReminder[] = [];
  for (const deadline of settings.deadlines) {
    const deadlineDate = deadlines[deadline];
    if (!deadlineDate || deadlineDate < today) continue;
    for (const leadDays of [...settings.leadDays].sort((a, b) => b - a)) {
      const occurrence = addDays(deadlineDate, -leadDays);
      result.push({
        uuid: uuidFrom(`auto|${objectUuid}|${deadline}|${leadDays}`),
        deadline,
        deadlineDate,
        leadDays,
        occurrence,
        dueAt: localTime(occurrence, sendHour),
      });
    }
  }
  return result;
}

/**
 * Of one deadline's reminders, the one to send at `now`: the latest already due (a deadline learnt 20 days ahead sends
 * its 30-day reminder at once, and the 90-day one never). Null while none is due.
 */
export function dueAutomatic(reminders: readonly AutomaticReminder[], now: Date): AutomaticReminder[] {
  const byDeadline = new Map<string, AutomaticReminder>();
  for (const r of reminders) {
    if (r.dueAt > now) continue;
    const seen = byDeadline.get(r.deadline);
    if (!seen || seen.occurrence < r.occurrence) byDeadline.set(r.deadline, r);
  }
  return [...byDeadline.values()];
}
