/**
 * docs/kitos-compatibility.md tells an integrator in a minute whether their KITOS API v2 integration moves unchanged:
 * one table row per KITOS operation with one of four statuses, and a summary of the counts at the top. This keeps the
 * summary and the table from drifting apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support';

const DOC = readFileSync(join(ROOT, 'docs', 'kitos-compatibility.md'), 'utf8');
const STATUSES = ['same', 'extended', 'differs', 'missing'] as const;
type Status = (typeof STATUSES)[number];

interface Row {
  readonly operation: string;
  readonly status: string;
  readonly how: string;
}

/** The rows of the "Every operation" table, and any line of that table that is not a well-formed operation row. */
function operationTable(): { rows: Row[]; malformed: string[] } {
  const start = DOC.indexOf('\n## Every operation');
  const end = DOC.indexOf('\n## ', start + 1);
  const rows: Row[] = [];
  const malformed: string[] = [];
  for (const line of DOC.slice(start, end === -1 ? undefined : end).split('\n')) {
    if (!line.startsWith('|') || line.startsWith('| operation |') || line.startsWith('|---')) continue;
    const match = /^\| `((?:GET|POST|PUT|PATCH|DELETE) \/api\/[^`]+)` \| ([^|]+) \| (.*) \|$/.exec(line);
    if (match) rows.push({ operation: match[1], status: match[2].trim(), how: match[3].trim() });
    else malformed.push(line);
  }
  return { rows, malformed };
}

/** The counts the summary line at the top states. */
function summary(): { total: number } & Record<Status, number> {
  const match = /\*\*(\d+) operations: (\d+) same, (\d+) extended, (\d+) differs, (\d+) missing\.\*\*/.exec(DOC);
  if (!match)
    throw new Error('docs/kitos-compatibility.md has no summary line "**N operations: a same, b extended, c differs, d missing.**"');
  const [total, same, extended, differs, missing] = match.slice(1).map(Number);
  return { total, same, extended, differs, missing };
}

describe('docs/kitos-compatibility.md', () => {
  const { rows, malformed } = operationTable();

  it('has one well-formed row per KITOS operation, each with one of the four statuses and how it holds', () => {
    expect(malformed).toEqual([]);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => !(STATUSES as readonly string[]).includes(r.status))).toEqual([]);
    expect(rows.filter((r) => r.status !== 'same' && !r.how)).toEqual([]);
    const seen = new Set<string>();
    expect(rows.map((r) => r.operation).filter((op) => seen.has(op) || !seen.add(op))).toEqual([]);
  });

  it('states at the top the counts the table has', () => {
    const counted = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
    expect(summary()).toEqual({ total: rows.length, ...counted });
  });

  it('has no rows left pointing elsewhere', () => {
    expect(DOC).not.toMatch(/see catalogue section|in progress/i);
  });
});
