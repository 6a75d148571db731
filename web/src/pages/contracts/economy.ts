import type { Schemas } from '../../api/client';

/** The two payment streams of a contract [Økonomi]: the organisation's own (intern) and to the supplier (ekstern). */
export const STREAMS = ['external', 'internal'] as const;
export type Stream = (typeof STREAMS)[number];
export const AUDIT_STATUSES = ['White', 'Green', 'Yellow', 'Red'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** One payment line as the form edits it: amounts as typed (in the user's language), '' = not set. */
export interface PaymentLine {
  /** Identifies the line in the form (the server's uuid, or a new one until saved). */
  key: string;
  uuid?: string;
  stream: Stream;
  organizationUnitUuid: string;
  organizationUnitName: string;
  acquisition: string;
  operation: string;
  other: string;
  accountingEntry: string;
  auditStatus: AuditStatus;
  auditDate: string;
  note: string;
}

const separators = (language: string) => (language === 'en' ? { group: ',', decimal: '.' } : { group: '.', decimal: ',' });

/** Øre as the user writes kroner in their language, without grouping (da: 1234,5 → "1234,50"; en: "1234.50"). */
export function kronerText(øre: number, language: string): string {
  if (øre === 0) return '';
  const whole = Math.floor(øre / 100);
  const rest = øre % 100;
  return rest === 0 ? String(whole) : `${whole}${separators(language).decimal}${String(rest).padStart(2, '0')}`;
}

/**
 * Kroner typed in the user's language (grouping allowed: da "12.000,50", en "12,000.50") as øre; '' is 0; undefined when
 * it is not an amount of kroner with at most two decimals.
 */
export function parseKroner(text: string, language: string): number | undefined {
  const { group, decimal } = separators(language);
  const plain = text
    .replace(/\s|kr\.?|DKK/gi, '')
    .split(group)
    .join('')
    .replace(decimal, '.');
  if (plain === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return undefined;
  const [whole, fraction = ''] = plain.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

let counter = 0;
export const newLineKey = () => `new-${++counter}`;

export function emptyLine(stream: Stream = 'external'): PaymentLine {
  return {
    key: newLineKey(),
    stream,
    organizationUnitUuid: '',
    organizationUnitName: '',
    acquisition: '',
    operation: '',
    other: '',
    accountingEntry: '',
    auditStatus: 'White',
    auditDate: '',
    note: '',
  };
}

export function linesOf(payments: Schemas['ContractPaymentsResponse'], language: string): PaymentLine[] {
  return STREAMS.flatMap((stream) =>
    payments[stream].map((p) => ({
      key: p.uuid,
      uuid: p.uuid,
      stream,
      organizationUnitUuid: p.organizationUnit.uuid,
      organizationUnitName: p.organizationUnit.name ?? '',
      acquisition: kronerText(p.acquisitionØre, language),
      operation: kronerText(p.operationØre, language),
      other: kronerText(p.otherØre, language),
      accountingEntry: p.accountingEntry ?? '',
      auditStatus: p.auditStatus,
      auditDate: p.auditDate ?? '',
      note: p.note ?? '',
    })),
  );
}

/** The rules the API states for a line, keyed by the line's field (amounts ≥ 0 with øre at most; a unit). */
export function validateLine(line: PaymentLine, language: string): Partial<Record<keyof PaymentLine, string>> {
  const errors: Partial<Record<keyof PaymentLine, string>> = {};
  if (!line.organizationUnitUuid) errors.organizationUnitUuid = 'unitRequired';
  for (const k of ['acquisition', 'operation', 'other'] as const) if (parseKroner(line[k], language) === undefined) errors[k] = 'kroner';
  return errors;
}

const amounts = (line: PaymentLine, language: string) => ({
  acquisitionØre: parseKroner(line.acquisition, language) ?? 0,
  operationØre: parseKroner(line.operation, language) ?? 0,
  otherØre: parseKroner(line.other, language) ?? 0,
});

/** The write body: both streams in full (lines kept by uuid, new ones without), amounts in øre. */
export function paymentsToWrite(lines: readonly PaymentLine[], language: string): Schemas['ContractPaymentsWrite'] {
  const write = (line: PaymentLine): Schemas['ContractPaymentWrite'] => ({
    ...(line.uuid ? { uuid: line.uuid } : {}),
    organizationUnitUuid: line.organizationUnitUuid,
    ...amounts(line, language),
    accountingEntry: line.accountingEntry.trim() || null,
    auditStatus: line.auditStatus,
    auditDate: line.auditDate || null,
    note: line.note.trim() || null,
  });
  return {
    internal: lines.filter((l) => l.stream === 'internal').map(write),
    external: lines.filter((l) => l.stream === 'external').map(write),
  };
}

type Totals = Schemas['MoneyTotals'];
const zero = (): Totals => ({ acquisitionØre: 0, operationØre: 0, otherØre: 0, totalØre: 0 });
const add = (t: Totals, a: Omit<Totals, 'totalØre'>): Totals => ({
  acquisitionØre: t.acquisitionØre + a.acquisitionØre,
  operationØre: t.operationØre + a.operationØre,
  otherØre: t.otherØre + a.otherØre,
  totalØre: t.totalØre + a.acquisitionØre + a.operationØre + a.otherØre,
});

/**
 * The economy of the lines as the contracts service sums it (contract-economy.ts): internal, external, all, and all per
 * year — the year of the audit date, else of the day operations remuneration began; no year last.
 */
export function economyOf(
  lines: readonly PaymentLine[],
  operationsRemunerationStartedAt: string | null,
  language: string,
): Schemas['ContractEconomyResponse'] {
  const years = new Map<number | null, Totals>();
  let internal = zero();
  let external = zero();
  for (const line of lines) {
    const a = amounts(line, language);
    if (line.stream === 'internal') internal = add(internal, a);
    else external = add(external, a);
    const day = line.auditDate || operationsRemunerationStartedAt;
    const year = day ? Number(day.slice(0, 4)) : null;
    years.set(year, add(years.get(year) ?? zero(), a));
  }
  const total = add(internal, external);
  return {
    internal,
    external,
    total,
    byYear: [...years.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
      .map(([year, totals]) => ({ year, ...totals })),
  };
}
