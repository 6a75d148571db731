import type { AuditStatus } from '@kitos/contracts';
import { yearOf, type Day } from '@kitos/common';

export interface Payment {
  uuid: string;
  organizationUnitUuid: string;
  /** The unit's name when it was assigned. */
  organizationUnitName: string;
  acquisitionOre: number;
  operationOre: number;
  otherOre: number;
  accountingEntry: string | null;
  auditStatus: AuditStatus;
  auditDate: Day | null;
  note: string | null;
}

export interface Totals {
  acquisitionØre: number;
  operationØre: number;
  otherØre: number;
  totalØre: number;
}

export interface YearTotal extends Totals {
  year: number | null;
}

export interface Economy {
  internal: Totals;
  external: Totals;
  total: Totals;
  byYear: YearTotal[];
}

export function zeroTotals(): Totals {
  return { acquisitionØre: 0, operationØre: 0, otherØre: 0, totalØre: 0 };
}

export function addPayment(totals: Totals, p: Pick<Payment, 'acquisitionOre' | 'operationOre' | 'otherOre'>): Totals {
  return {
    acquisitionØre: totals.acquisitionØre + p.acquisitionOre,
    operationØre: totals.operationØre + p.operationOre,
    otherØre: totals.otherØre + p.otherOre,
    totalØre: totals.totalØre + p.acquisitionOre + p.operationOre + p.otherOre,
  };
}

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    acquisitionØre: a.acquisitionØre + b.acquisitionØre,
    operationØre: a.operationØre + b.operationØre,
    otherØre: a.otherØre + b.otherØre,
    totalØre: a.totalØre + b.totalØre,
  };
}

/**
 * The year a payment counts in: the year of its audit date [revisionsdato] when it has one, otherwise the year the
 * contract's operations remuneration began [driftsvederlag påbegyndt]; null when neither is known.
 */
export function paymentYear(payment: Pick<Payment, 'auditDate'>, operationsRemunerationStartedAt: Day | null): number | null {
  if (payment.auditDate) return yearOf(payment.auditDate);
  return operationsRemunerationStartedAt ? yearOf(operationsRemunerationStartedAt) : null;
}

/** Totals by year, ascending, the unassigned (null) year last. */
export function byYear(rows: ReadonlyArray<{ year: number | null; totals: Totals }>): YearTotal[] {
  const years = new Map<number | null, Totals>();
  for (const row of rows) years.set(row.year, addTotals(years.get(row.year) ?? zeroTotals(), row.totals));
  return [...years.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b)).map(([year, totals]) => ({ year, ...totals }));
}

/** The sums of one contract's payment streams: internal, external, both, and both by year. */
export function contractEconomy(
  internal: readonly Payment[],
  external: readonly Payment[],
  operationsRemunerationStartedAt: Day | null,
): Economy {
  const internalTotals = internal.reduce(addPayment, zeroTotals());
  const externalTotals = external.reduce(addPayment, zeroTotals());
  return {
    internal: internalTotals,
    external: externalTotals,
    total: addTotals(internalTotals, externalTotals),
    byYear: byYear(
      [...internal, ...external].map((p) => ({
        year: paymentYear(p, operationsRemunerationStartedAt),
        totals: addPayment(zeroTotals(), p),
      })),
    ),
  };
}
