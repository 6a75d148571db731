import { DomainError, escapeRegex, type FieldError } from '@kitos/common';
import {
  REPORT_COLUMN_KEY,
  REPORT_FILTER_MAX_LENGTH,
  REPORT_MAX_FILTERS,
  type ReportColumn,
  type ReportColumnDescription,
} from '@kitos/contracts';
import { privateClassOf, type PrivateFieldClass } from '../sharing/sharing-policy';
import { pathsOf, valueAt, type ColumnDef, type Doc, type Lookups, type ReportDef } from './report-columns';

/** What the caller asked for (explicitly, or through a saved view). */
export interface ReportSelection {
  readonly columns?: readonly string[];
  readonly sort?: string | null;
  readonly filters?: Readonly<Record<string, string>>;
}

export interface ResolvedReport {
  readonly report: ReportDef;
  readonly columns: readonly ColumnDef[];
  /** MongoDB filter on top of the organisation and LIVE. */
  readonly filter: Record<string, unknown>;
  /** Stable sort: the column, then `_id`. */
  readonly sort: Record<string, 1 | -1>;
}

/** The private class of a column (its paths judged by the sharing rules), or null when it is shared. */
export function columnPrivateClass(report: ReportDef, column: ColumnDef): PrivateFieldClass | null {
  for (const path of pathsOf(column)) {
    const cls = privateClassOf(report.kind, path);
    if (cls) return cls;
  }
  return null;
}

function isHidden(report: ReportDef, column: ColumnDef, hidden: ReadonlySet<PrivateFieldClass>): boolean {
  const cls = columnPrivateClass(report, column);
  return cls !== null && hidden.has(cls);
}

export function describeColumns(report: ReportDef): ReportColumnDescription[] {
  return report.columns.map((c) => ({
    key: c.key,
    header: c.header,
    type: c.type,
    sortable: c.path !== undefined,
    filterable: c.path !== undefined && c.type !== 'list',
    default: c.default === true,
    ...(c.values ? { values: [...c.values] } : {}),
    privateClass: columnPrivateClass(report, c),
  }));
}

export function publicColumns(columns: readonly ColumnDef[]): ReportColumn[] {
  return columns.map((c) => ({ key: c.key, header: c.header, type: c.type }));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^-?\d{1,15}(\.\d{1,4})?$/;

/** `from..to`, `from..`, `..to` or a single value; each side validated by `parse`. */
function range<T>(raw: string, parse: (text: string) => T | null): { from: T | null; to: T | null } | null {
  const parts = raw.includes('..') ? raw.split('..') : [raw, raw];
  if (parts.length !== 2) return null;
  const [a, b] = parts.map((p) => p.trim());
  if (!a && !b) return null;
  const from = a ? parse(a) : null;
  const to = b ? parse(b) : null;
  if ((a && from === null) || (b && to === null)) return null;
  return { from, to };
}

const validDay = (text: string): string | null => (DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? text : null);

/** The MongoDB condition of one filter on a column with a path, or an error message. */
export function filterCondition(column: ColumnDef, raw: string): Record<string, unknown> | string {
  const value = raw.trim();
  if (!value) return 'must not be empty';
  if (raw.length > REPORT_FILTER_MAX_LENGTH) return `must be at most ${REPORT_FILTER_MAX_LENGTH} characters`;
  switch (column.type) {
    case 'text':
      return { $regex: escapeRegex(value), $options: 'i' };
    case 'enum':
      return column.values?.includes(value) ? { $eq: value } : `must be one of ${column.values?.join(', ')}`;
    case 'boolean':
      if (value === 'true') return { $eq: true };
      if (value === 'false') return { $ne: true };
      return 'must be true or false';
    case 'number':
    case 'money': {
      const r = range(value, (t) => (NUMBER.test(t) ? Number(t) : null));
      if (!r) return 'must be a number or a range from..to (either side may be left out)';
      return { ...(r.from !== null ? { $gte: r.from } : {}), ...(r.to !== null ? { $lte: r.to } : {}) };
    }
    case 'date': {
      const r = range(value, validDay);
      if (!r) return 'must be a date YYYY-MM-DD or a range from..to (either side may be left out)';
      // `to` is inclusive, also for date-time values of that day.
      return { ...(r.from !== null ? { $gte: r.from } : {}), ...(r.to !== null ? { $lte: `${r.to}T99` } : {}) };
    }
    default:
      return 'this column cannot be filtered';
  }
}

/**
 * Checks a selection against the report's columns and the audience. `strict` (what the caller sent): unknown
 * columns, hidden (private) columns, and sorting/filtering on computed columns are 400s naming the column. Not strict
 * (a saved view applied): such parts are left out, so that an organisation default with notes still serves another
 * organisation's users — without the notes, and without filtering or sorting on them.
 */
export function resolveSelection(
  report: ReportDef,
  hidden: ReadonlySet<PrivateFieldClass>,
  selection: ReportSelection,
  strict = true,
): ResolvedReport {
  const errors: FieldError[] = [];
  const byKey = new Map(report.columns.map((c) => [c.key, c]));
  const problem = (field: string, key: string): string | null => {
    const column = byKey.get(key);
    if (!column) return `unknown column "${key}" of the report ${report.name}`;
    if (isHidden(report, column, hidden))
      return `the column "${key}" is private to the organisation and not shared with other organisations`;
    return null;
  };

  let columns: ColumnDef[];
  if (selection.columns && selection.columns.length > 0) {
    columns = [];
    const seen = new Set<string>();
    for (const key of selection.columns) {
      const message = problem('columns', key);
      if (message) {
        if (strict) errors.push({ field: 'columns', message });
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(byKey.get(key)!);
    }
  } else {
    columns = report.columns.filter((c) => c.default && !isHidden(report, c, hidden));
  }

  let sortColumn = byKey.get(report.defaultSort)!;
  let direction: 1 | -1 = 1;
  if (selection.sort) {
    const descending = selection.sort.startsWith('-');
    const key = descending ? selection.sort.slice(1) : selection.sort;
    const message = problem('sort', key) ?? (byKey.get(key)!.path ? null : `the column "${key}" is computed and cannot be sorted on`);
    if (message) {
      if (strict) errors.push({ field: 'sort', message });
    } else {
      sortColumn = byKey.get(key)!;
      direction = descending ? -1 : 1;
    }
  }

  const filter: Record<string, unknown> = {};
  const entries = Object.entries(selection.filters ?? {});
  if (entries.length > REPORT_MAX_FILTERS) errors.push({ field: 'filter', message: `at most ${REPORT_MAX_FILTERS} filters` });
  for (const [key, raw] of entries) {
    const field = `filter.${key}`;
    if (!REPORT_COLUMN_KEY.test(key)) {
      if (strict) errors.push({ field, message: 'a filter names a column key such as systemName' });
      continue;
    }
    const column = byKey.get(key);
    const message =
      problem(field, key) ?? (column!.path && column!.type !== 'list' ? null : `the column "${key}" is computed and cannot be filtered on`);
    if (message) {
      if (strict) errors.push({ field, message });
      continue;
    }
    if (typeof raw !== 'string') {
      if (strict) errors.push({ field, message: 'must be text' });
      continue;
    }
    const condition = filterCondition(column!, raw);
    if (typeof condition === 'string') {
      if (strict) errors.push({ field, message: condition });
      continue;
    }
    filter[column!.path!] = condition;
  }

  if (errors.length) throw DomainError.badInput('The report query is invalid', errors);
  return { report, columns, filter, sort: { [sortColumn.path!]: direction, _id: 1 } };
}

/** A day (YYYY-MM-DD) of a date or date-time value, in Europe/Copenhagen for date-times. */
export function dayOf(value: unknown): string | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  if (typeof value === 'string' && DAY.test(value)) return value;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
}

/** The value of one cell, in the report's JSON form (dates YYYY-MM-DD, money integer øre, lists arrays). */
export function cellOf(column: ColumnDef, doc: Doc, lookups: Lookups): unknown {
  const raw = column.compute ? column.compute(doc, lookups) : valueAt(doc, column.path!);
  if (raw === undefined || raw === null) return null;
  switch (column.type) {
    case 'date':
      return dayOf(raw);
    case 'number':
    case 'money':
      return typeof raw === 'number' ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'list':
      return Array.isArray(raw) ? raw.map(String) : [];
    default:
      return typeof raw === 'string' ? raw : String(raw);
  }
}

/**
 * The document paths the columns read (their `path`, or the `sources` of a computed column) as an inclusion
 * projection: a path under another one is left out (MongoDB refuses a path collision), `_id` is always there.
 */
export function projectionOf(columns: readonly ColumnDef[]): Record<string, 1> {
  const paths = new Set<string>(['_id']);
  for (const column of columns) for (const path of column.path ? [column.path] : (column.sources ?? [])) paths.add(path);
  const projection: Record<string, 1> = {};
  for (const path of [...paths].sort()) {
    const parts = path.split('.');
    const covered = parts.some((_, i) => i < parts.length - 1 && paths.has(parts.slice(0, i + 1).join('.')));
    if (!covered) projection[path] = 1;
  }
  return projection;
}

export function rowOf(columns: readonly ColumnDef[], doc: Doc, lookups: Lookups): Record<string, unknown> {
  const row: Record<string, unknown> = { uuid: doc._id };
  for (const column of columns) row[column.key] = cellOf(column, doc, lookups);
  return row;
}
