const DANISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Danish calendar day (Europe/Copenhagen) of an instant, as `YYYY-MM-DD`. */
export function danishDayOf(instant: Date): string {
  return DANISH_DAY.format(instant);
}
