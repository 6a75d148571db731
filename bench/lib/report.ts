import type { CpuUsage } from './cpu';
import type { LatencySummary } from './stats';

export interface Row {
  readonly id: string;
  readonly name: string;
  readonly rps?: number;
  readonly latency?: LatencySummary;
  readonly failed?: number;
  readonly cpu?: CpuUsage;
  readonly note?: string;
}

export interface Check {
  readonly goal: string;
  readonly measured: number | null;
  readonly limit: number;
  /** 'min': measured ≥ limit passes; 'max': measured ≤ limit passes. */
  readonly kind: 'min' | 'max';
  readonly unit: string;
  readonly pass: boolean | null;
}

export function check(goal: string, measured: number | null | undefined, kind: 'min' | 'max', limit: number, unit: string): Check {
  const value = measured === undefined || measured === null || !Number.isFinite(measured) ? null : measured;
  const pass = value === null ? null : kind === 'min' ? value >= limit : value <= limit;
  return { goal, measured: value, limit, kind, unit, pass };
}

export function fmt(value: number | undefined, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value !== 0 && Math.abs(value) < 0.1) return value.toPrecision(2);
  return value >= 100 ? value.toFixed(0) : value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  return [
    line(header),
    '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|',
    ...rows.map(line),
  ].join('\n');
}

function topCpu(cpu: CpuUsage | undefined): string {
  if (!cpu) return '';
  return Object.entries(cpu)
    .filter(([, v]) => v >= 5)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}%`)
    .join(', ');
}

/** The results as a Markdown table (also readable in a terminal). */
export function resultsTable(rows: readonly Row[]): string {
  return table(
    ['benchmark', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed', 'CPU (% of one core)'],
    rows.map((r) => [
      `${r.id} ${r.name}`,
      r.rps === undefined ? '–' : r.rps < 10 ? r.rps.toFixed(1) : String(Math.round(r.rps)),
      fmt(r.latency?.p50),
      fmt(r.latency?.p90),
      fmt(r.latency?.p99),
      fmt(r.latency?.max),
      r.failed === undefined ? '–' : String(r.failed),
      topCpu(r.cpu) + (r.note ? ` ${r.note}` : ''),
    ]),
  );
}

export function checksTable(checks: readonly Check[]): string {
  return table(
    ['goal', 'measured', 'limit', 'result'],
    checks.map((c) => [
      c.goal,
      c.measured === null ? '–' : `${fmt(c.measured)}${c.unit}`,
      `${c.kind === 'min' ? '≥' : '≤'} ${c.limit}${c.unit}`,
      c.pass === null ? 'n/a' : c.pass ? 'PASS' : 'FAIL',
    ]),
  );
}
