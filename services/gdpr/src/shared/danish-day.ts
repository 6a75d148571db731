const DANISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Danish calendar day (Europe/Copenhagen) of an instant, as `YYYY-MM-DD`. */
export function danishDayOf(instant: Date): string {
  return DANISH_DAY.format(instant);
}

/** A plain date is that day; a date-time is the day it falls on in Copenhagen. */
export function danishDayOfInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : danishDayOf(new Date(value));
}

/** `YYYY-MM-DD` plus (or minus) whole months, clamped to the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
