import type { ReminderEntityType, ReminderRepetition, ReminderType } from '@kitos/contracts';

export interface Recipients {
  roleUuids: string[];
  emails: string[];
}

export interface Schedule {
  startDate: string;
  endDate: string | null;
  repetition: ReminderRepetition;
}

/** A reminder (KITOS advis) created by a user: sent once at once, or on a repeating schedule. */
export type Reminder = {
  organizationUuid: string;
  relatedEntityType: ReminderEntityType;
  relatedEntityUuid: string;
  type: ReminderType;
  name: string | null;
  subject: string;
  body: string;
  to: Recipients;
  cc: Recipients;
  schedule: Schedule | null;
  active: boolean;
  createdByUuid: string | null;
  created: Date;
  lastModified: Date;
  lastModifiedByUuid: string | null;
  /** From here on occurrences count: creation, or the last change of the schedule (earlier ones are never sent). */
  effectiveFrom: Date;
};

export const emptyRecipients = (): Recipients => ({ roleUuids: [], emails: [] });
