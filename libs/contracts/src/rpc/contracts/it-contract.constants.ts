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
