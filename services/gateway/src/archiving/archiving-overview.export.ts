import type { ArchivingOverviewRow } from '@kitos/contracts';
import ExcelJS from 'exceljs';

export interface Table {
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

/** The overview as one flat table: one row per usage, journal periods and findings folded into one cell each. */
export function overviewTable(rows: readonly ArchivingOverviewRow[]): Table {
  return {
    headers: [
      'Usage UUID',
      'IT system',
      'Local call name',
      'Archive duty',
      'Recommended archive duty',
      'Legal basis',
      'Legal basis reference',
      'Decision date',
      'Receiving archive',
      'Frequency (months)',
      'Journal periods',
      'Latest approved period end',
      'Next delivery due',
      'Deletion due',
      'Findings',
    ],
    rows: rows.map((r) => [
      r.usage.uuid,
      r.usage.name,
      r.localCallName,
      r.archiveDuty,
      r.recommendedArchiveDuty,
      r.legalBasis?.text ?? null,
      r.legalBasis?.reference ?? null,
      r.legalBasis?.decisionDate ?? null,
      r.receivingArchive ? [r.receivingArchive.kind, r.receivingArchive.name].filter(Boolean).join(': ') : null,
      r.frequencyInMonths,
      r.journalPeriods.map((p) => `${p.archiveId} ${p.startDate}–${p.endDate} ${p.status}`).join(' | ') || null,
      r.latestApprovedPeriodEnd,
      r.nextDeliveryDue,
      r.deletionDueDate,
      r.findings.join(', ') || null,
    ]),
  };
}

/** A text cell a spreadsheet would read as a formula gets a leading apostrophe (CSV injection). */
function safe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : safe(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV as Danish Excel opens it: UTF-8 with a byte-order mark, `;` between fields, CRLF between rows. */
export function toCsv(table: Table): Buffer {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(table: Table, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'KITOS';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...table.headers]).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? safe(cell) : cell)));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(table.headers[i].length, ...table.rows.map((r) => String(r[i] ?? '').length));
    column.width = Math.min(Math.max(longest + 2, 10), 60);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
