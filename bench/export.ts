/**
 * The gateway's report file writers alone (no store, no bus): rows per second and the heap they use for CSV and XLSX
 * at BENCH_EXPORT_ROWS rows, with rows shaped like the export memory test's (test/e2e/reporting-export-memory, ten
 * columns: texts with Danish letters and quotes, enums, booleans, dates). XLSX is written twice: by `reportXlsx` (rows
 * rendered as XML text) and, for comparison, by exceljs's own rows (`addRow().commit()` per row, what `reportXlsx`
 * did before). Rounds are interleaved and each writer's best round counts, so that a moment of foreign load hurts one
 * round rather than one writer. Not a Jest suite.
 *
 *   bash bench/export.sh     (compiles bench/ like bench/run.sh, then runs this file)
 *
 * Settings (environment):
 *   BENCH_EXPORT_ROWS (10000,100000)   row counts
 *   BENCH_EXPORT_ROUNDS (2)            interleaved rounds
 *   BENCH_OUT                          result file (bench/results/export.json)
 */
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import {
  reportCsv,
  reportXlsx,
  xlsxValue,
  type ExportColumn,
  type ExportRow,
} from '../services/gateway/src/reporting/export/report-export';
import { round } from './lib/stats';
import { ROOT } from './lib/system';

const ROWS = (process.env.BENCH_EXPORT_ROWS ?? '10000,100000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 2);
const OUT_FILE = process.env.BENCH_OUT ?? join(ROOT, 'bench', 'results', 'export.json');

const COLUMNS: ExportColumn[] = [
  { key: 'systemName', header: 'IT-system', type: 'text' },
  { key: 'localCallName', header: 'Lokalt kaldenavn', type: 'text' },
  { key: 'lifeCycleStatus', header: 'Livscyklus', type: 'enum' },
  { key: 'valid', header: 'Gyldig', type: 'boolean' },
  { key: 'validFrom', header: 'Ibrugtagningsdato', type: 'date' },
  { key: 'processesPersonalData', header: 'Behandler personoplysninger', type: 'boolean' },
  { key: 'riskAssessmentDate', header: 'Dato for risikovurdering', type: 'date' },
  { key: 'dpia', header: 'DPIA foretaget', type: 'enum' },
  { key: 'archiveDuty', header: 'Arkiveringspligt', type: 'enum' },
  { key: 'notes', header: 'Note', type: 'text' },
];

/** Rows as the gateway gets them from reporting: a page of 1 000 at a time. */
async function* rows(count: number): AsyncGenerator<ExportRow> {
  for (let i = 0; i < count; i++) {
    if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    yield {
      systemName: `System æøå ÆØÅ ${String(i).padStart(6, '0')}`,
      localCallName: `Kaldenavn "${i}"; ø`,
      lifeCycleStatus: 'Operational',
      valid: true,
      validFrom: '2024-01-15',
      processesPersonalData: i % 2 === 0,
      riskAssessmentDate: '2025-03-01',
      dpia: 'No',
      archiveDuty: 'B',
      notes: `Intern note for række ${i}: Æbleøl på Ålborg-vis`,
    };
  }
}

/** The XLSX writer before this change: exceljs's streaming writer with a Row and Cells per row. */
function exceljsRows(columns: readonly ExportColumn[], source: AsyncIterable<ExportRow>, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const styles: Record<string, Partial<ExcelJS.Style>> = { date: { numFmt: 'dd-mm-yyyy' }, money: { numFmt: '#,##0.00' } };
  void (async () => {
    const sheet = workbook.addWorksheet(sheetName);
    sheet.columns = columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.min(60, Math.max(12, c.header.length + 2)),
      ...(styles[c.type] ? { style: styles[c.type] } : {}),
    }));
    for await (const row of source) sheet.addRow(columns.map((c) => xlsxValue(c, row[c.key]))).commit();
    sheet.commit();
    await workbook.commit();
  })();
  return out;
}

const WRITERS: Record<string, (count: number) => Readable> = {
  csv: (count) => reportCsv(COLUMNS, rows(count)),
  xlsx: (count) => reportXlsx(COLUMNS, rows(count), 'IT-systemanvendelser'),
  'xlsx-exceljs-rows': (count) => exceljsRows(COLUMNS, rows(count), 'IT-systemanvendelser'),
};

interface Result {
  readonly writer: string;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly bytes: number;
  /** Peak heap in use above the heap before the round (garbage included), sampled every 10 ms. */
  readonly heapPeakMb: number;
  readonly loadAverage: number;
}

async function once(writer: string, count: number): Promise<Result> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of WRITERS[writer](count)) bytes += (chunk as Buffer).length;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    writer,
    rows: count,
    seconds: round(seconds),
    rowsPerSecond: Math.round(count / seconds),
    bytes,
    heapPeakMb: round((peak - base) / 1024 / 1024),
    loadAverage: round(os.loadavg()[0]),
  };
}

async function main(): Promise<void> {
  const all: Result[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const count of ROWS)
      for (const writer of Object.keys(WRITERS)) {
        const result = await once(writer, count);
        all.push(result);
        console.log(
          `round ${r + 1}: ${writer} ${count} rows: ${result.seconds} s, ${result.rowsPerSecond} rows/s, ` +
            `${result.bytes} bytes, heap peak +${result.heapPeakMb} MB, load ${result.loadAverage}`,
        );
      }
  const best = ROWS.flatMap((count) =>
    Object.keys(WRITERS).map((writer) =>
      all.filter((r) => r.writer === writer && r.rows === count).reduce((a, b) => (b.rowsPerSecond > a.rowsPerSecond ? b : a)),
    ),
  );
  console.table(best);
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, `${JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, best, all }, null, 2)}\n`);
  console.log(`written to ${OUT_FILE}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
