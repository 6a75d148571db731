import type { ReminderDeadlineKind, ReminderEntityType } from '@kitos/contracts';
import { daysBetween } from '@kitos/common';

/** The Danish names of the objects, as the KITOS user interface calls them. */
const ENTITY_NAMES: Record<ReminderEntityType, string> = {
  ItContract: 'kontrakten',
  ItSystemUsage: 'systemanvendelsen',
  DataProcessingRegistration: 'databehandlingen',
};

const DEADLINE_NAMES: Record<ReminderDeadlineKind, string> = {
  ContractNoticeDeadline: 'Sidste frist for opsigelse',
  ContractIrrevocableUntil: 'Uopsigelighedsperioden udløber',
  ContractExtensionOption: 'Frist for at gøre brug af option på forlængelse',
  DataProcessingOversight: 'Næste tilsyn med databehandleren',
  ArchiveDelivery: 'Næste aflevering til arkiv',
};

const longDate = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-09-30` → `30. september 2026`. */
export function danishDate(day: string): string {
  return longDate.format(new Date(`${day}T00:00:00Z`));
}

function inDays(today: string, day: string): string {
  const days = daysBetween(today, day);
  if (days === 0) return 'i dag';
  if (days === 1) return 'i morgen';
  if (days < 0) return `for ${-days} dage siden`;
  return `om ${days} dage`;
}

export interface MailText {
  readonly subject: string;
  readonly text: string;
}

const FOOTER = '\n\n-- \nDenne besked er sendt automatisk af KITOS. Svar ikke på den.';

function about(type: ReminderEntityType, name: string | null): string {
  return `Vedrørende ${ENTITY_NAMES[type]}: ${name ?? '(uden navn)'}`;
}

/** A user's reminder: their own subject and text, with what it is about; `late` says it comes after the planned day. */
export function manualReminderMail(args: {
  subject: string;
  body: string;
  entityType: ReminderEntityType;
  entityName: string | null;
  occurrence: string;
  late: boolean;
}): MailText {
  const lateNote = args.late ? `\n\n(Sendt forsinket: advisen var planlagt til ${danishDate(args.occurrence)}.)` : '';
  return {
    subject: args.subject,
    text: `${args.body}\n\n${about(args.entityType, args.entityName)}${lateNote}${FOOTER}`,
  };
}

/** An automatic deadline reminder, e.g. "Sidste frist for opsigelse: 30. september 2026 (om 30 dage) – Driftsaftale". */
export function deadlineReminderMail(args: {
  deadline: ReminderDeadlineKind;
  deadlineDate: string;
  entityType: ReminderEntityType;
  entityName: string | null;
  today: string;
  late: boolean;
}): MailText {
  const when = `${danishDate(args.deadlineDate)} (${inDays(args.today, args.deadlineDate)})`;
  const what = DEADLINE_NAMES[args.deadline];
  const lateNote = args.late ? '\n\nAdvisen sendes forsinket, fordi systemet ikke kunne sende den på det planlagte tidspunkt.' : '';
  return {
    subject: `${what}: ${danishDate(args.deadlineDate)} – ${args.entityName ?? ENTITY_NAMES[args.entityType]}`,
    text: `${what}: ${when}.\n\n${about(args.entityType, args.entityName)}${lateNote}${FOOTER}`,
  };
}

/** The text of an alert for a reminder that could not be delivered. */
export function alertMessage(subject: string, reason: string): string {
  return `Advisen "${subject}" kunne ikke sendes: ${reason}`;
}
