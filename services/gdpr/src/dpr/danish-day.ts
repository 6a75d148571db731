const DANISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Danish calendar day (Europe/Copenhagen) of an instant, as `YYYY-MM-DD`. */
export function danishDayOf(instant: Date): string {
  return DANISH_DAY.format(instant);
}

/** The Danish calendar day a client meant: a plain date is that day; a date-time is the day it falls on in Copenhagen. */
export function danishDayOfInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : danishDayOf(new Date(value));
}
