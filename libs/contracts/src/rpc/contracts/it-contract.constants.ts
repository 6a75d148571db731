/** Limits and enumerations of IT contracts, shared by the write model, the read model and the events. */
export const CONTRACT_NAME_MAX = 200;
export const CONTRACT_ID_MAX = 200;
export const CONTRACT_NOTES_MAX = 20000;
export const CONTRACT_SIGNED_BY_MAX = 200;
export const CONTRACT_ACCOUNTING_ENTRY_MAX = 200;
export const CONTRACT_PAYMENT_NOTE_MAX = 2000;
/** Upper bound of list sections (agreement elements, links, payments, roles, references) in one request. */
export const CONTRACT_LIST_MAX = 500;
/** Most contracts moved by one transfer. */
export const CONTRACT_TRANSFER_MAX = 100;
/** Largest amount in øre (safe integer). */
export const MONEY_MAX = Number.MAX_SAFE_INTEGER;
/** Largest amount in kroner that converts to øre exactly (KITOS's payment fields are kroner). */
export const KRONER_MAX = Math.floor(MONEY_MAX / 100);

/**
 * An amount in kroner as KITOS writes it (`acquisition`, `operation`, `other`) in øre, or null when it has more than two
 * decimals (not representable in øre) or is outside 0…KRONER_MAX.
 */
export function kronerToØre(kroner: number): number | null {
  if (typeof kroner !== 'number' || !Number.isFinite(kroner) || kroner < 0 || kroner > KRONER_MAX) return null;
  const øre = Math.round(kroner * 100);
  return øre / 100 === kroner ? øre : null;
}

/** øre as kroner on the wire (KITOS's form); exact for every amount up to KRONER_MAX kroner. */
export function øreToKroner(øre: number): number {
  return øre / 100;
}

/** Why a contract is not valid (KITOS `ItContractValidationError`). */
export const CONTRACT_VALIDITY_ERRORS = [
  'StartDateNotPassed',
  'EndDatePassed',
  'TerminationPeriodExceeded',
  'InvalidParentContract',
] as const;
export type ContractValidityError = (typeof CONTRACT_VALIDITY_ERRORS)[number];

/** KITOS `YearSegmentChoice` [Løbende]: notice takes effect at the end of a month, a quarter or a calendar year. */
export const NOTICE_BY_END_OF = ['EndOfMonth', 'EndOfQuarter', 'EndOfCalendarYear'] as const;
export type NoticeByEndOf = (typeof NOTICE_BY_END_OF)[number];

/** KITOS `TrafficLight` of a payment's audit [Revision]. */
export const AUDIT_STATUSES = ['White', 'Red', 'Yellow', 'Green'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const CONTRACT_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type ItContractOrder = (typeof CONTRACT_ORDER)[number];
