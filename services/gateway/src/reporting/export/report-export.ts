import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Streaming CSV and XLSX of any report whose rows arrive as an async iterable of objects keyed by column key (the
 * organisation reports, and any other report that wants the same files). Nothing here holds more than a chunk of
 * rows: CSV is pulled by the response (a row is formatted only when the download asks for more), XLSX rows are
 * committed one at a time and the writer waits while the response's buffer is full.
 */
export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ExportColumnType = 'text' | 'enum' | 'boolean' | 'number' | 'money' | 'date' | 'list';

export interface ExportColumn {
  readonly key: string;
  readonly header: string;
  readonly type: ExportColumnType;
}

export type ExportRow = Readonly<Record<string, unknown>>;

const BOM = '\uFEFF';
const SEPARATOR = ';';
/** CSV text is handed to the response in chunks of about this many characters. */
const CSV_CHUNK = 64 * 1024;
/** The XLSX writer pauses while more than this is waiting in the response stream. */
const XLSX_BUFFER_LIMIT = 1024 * 1024;

/** Danish names of the enum values the reports show (KITOS API values stay in JSON). */
const DANISH: Readonly<Record<string, string>> = {
  Yes: 'Ja',
  No: 'Nej',
  DontKnow: 'Ved ikke',
  Undecided: 'Ikke besluttet',
  Irrelevant: 'Irrelevant',
  Partially: 'Delvist',
  NotInUse: 'Ikke i drift',
  PhasingIn: 'Under indfasning',
  Operational: 'I drift',
  PhasingOut: 'Under udfasning',
  Unknown: 'Ukendt',
  PreserveDataCanDiscardDocuments: 'Bevar data, dokumenter kan kasseres',
  Local: 'Lokal',
  Global: 'Delt',
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD → dd-mm-yyyy (the Danish way, which Danish Excel reads as a date). */
export function danishDate(day: string): string {
  const match = DAY.exec(day);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : day;
}

/** Integer øre → kroner with a decimal comma (1234,50). */
export function kroner(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(ore));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A cell as CSV text. */
export function csvText(column: ExportColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'boolean':
      return value === true ? 'Ja' : value === false ? 'Nej' : '';
    case 'date':
      return typeof value === 'string' ? danishDate(value) : '';
    case 'money':
      return typeof value === 'number' ? kroner(value) : '';
    case 'enum':
      return typeof value === 'string' ? (DANISH[value] ?? value) : String(value);
    case 'list':
      return Array.isArray(value) ? value.join('\n') : String(value);
    default:
      return String(value);
  }
}

/** A cell of a `;`-separated CSV for Danish Excel: always quoted, quotes doubled. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'` (CSV injection). */
export function defused(column: ExportColumn, text: string): string {
  if (column.type === 'number' || column.type === 'money' || column.type === 'date') return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvLine(columns: readonly ExportColumn[], row: ExportRow): string {
  return columns.map((c) => quoted(defused(c, csvText(c, row[c.key])))).join(SEPARATOR) + '\r\n';
}

/** UTF-8 CSV with BOM, `;`, every cell quoted, CRLF; dates dd-mm-yyyy, money in kroner with decimal comma, Ja/Nej. */
export function reportCsv(columns: readonly ExportColumn[], rows: AsyncIterable<ExportRow>): Readable {
  return Readable.from(
    (async function* () {
      yield BOM + columns.map((c) => quoted(c.header)).join(SEPARATOR) + '\r\n';
      let chunk = '';
      for await (const row of rows) {
        chunk += csvLine(columns, row);
        if (chunk.length >= CSV_CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
    { objectMode: false, highWaterMark: CSV_CHUNK },
  );
}

/** A cell as an XLSX value: real dates and numbers, Danish texts. */
export function xlsxValue(column: ExportColumn, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'date': {
      const match = typeof value === 'string' ? DAY.exec(value) : null;
      return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    }
    case 'money':
      return typeof value === 'number' ? value / 100 : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return csvText(column, value);
  }
}

const STYLES: Partial<Record<ExportColumnType, Partial<ExcelJS.Style>>> = {
  date: { numFmt: 'dd-mm-yyyy' },
  money: { numFmt: '#,##0.00' },
};

/** What the sheet's rows are written to: the part of exceljs's streaming worksheet this module relies on (4.x). */
interface SheetInternals {
  readonly stream: { write(xml: string): unknown };
}
interface WorkbookInternals {
  readonly styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number };
}

/** exceljs's escaping of cell text (utils.xmlEncode): the five XML entities; control characters XML forbids dropped. */
// eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot carry, as exceljs drops them
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ENTITY: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
export function xmlText(text: string): string {
  return text.replace(XML_SPECIAL, (c) => XML_ENTITY[c] ?? '');
}

/** A1-style column letters: A … Z, AA, AB, … */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * One data row of the sheet as XML, exactly as exceljs's row and cell renderers write it (inline `t="str"` texts,
 * serial dates, the column's style id on styled cells, empty styled cells kept, empty unstyled cells left out, a row
 * without any value left out but counted), but as one string per row instead of a Row, Cell and model object per cell
 * and an XML builder call per attribute.
 */
export function xlsxRowXml(
  columns: readonly ExportColumn[],
  letters: readonly string[],
  styleIds: readonly number[],
  rowNumber: number,
  row: ExportRow,
): string {
  let xml = `<row r="${rowNumber}" spans="1:${columns.length}" x14ac:dyDescent="0.25">`;
  let empty = true;
  for (let i = 0; i < columns.length; i++) {
    const value = xlsxValue(columns[i], row[columns[i].key]);
    const style = styleIds[i] ? ` s="${styleIds[i]}"` : '';
    if (value === null || value === undefined) {
      if (style) xml += `<c r="${letters[i]}${rowNumber}"${style}/>`;
      continue;
    }
    empty = false;
    if (typeof value === 'string') {
      xml += `<c r="${letters[i]}${rowNumber}"${style} t="str"><v>${xmlText(value)}</v></c>`;
    } else if (typeof value === 'number') {
      xml += `<c r="${letters[i]}${rowNumber}"${style}><v>${value}</v></c>`;
    } else if (value instanceof Date) {
      xml += `<c r="${letters[i]}${rowNumber}"${style}><v>${25569 + value.getTime() / DAY_MS}</v></c>`;
    }
  }
  return empty ? '' : `${xml}</row>`;
}

/** Rows of XML handed to the sheet's stream at once (a stream write per row costs more than building the text). */
const XLSX_ROWS_PER_WRITE = 100;
const EXCEL_DATE = 4; // exceljs Enums.ValueType.Date
const EXCEL_NUMBER = 2; // exceljs Enums.ValueType.Number

/**
 * XLSX (exceljs streaming writer, no shared strings): one sheet, a header row, the rows written as they arrive.
 * Styles are on so that dates are real dates shown as dd-mm-yyyy and money shows two decimals (one style per column,
 * not per cell). exceljs writes the workbook, the styles, the column widths and the header row; the data rows are
 * rendered here as XML text (`xlsxRowXml`, the same XML exceljs writes, about ten times faster) and written into
 * the sheet's part. A failure half-way ends the download with an error.
 */
export function reportXlsx(columns: readonly ExportColumn[], rows: AsyncIterable<ExportRow>, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  void (async () => {
    try {
      const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
      sheet.columns = columns.map((c) => ({
        header: c.header,
        key: c.key,
        width: Math.min(60, Math.max(12, c.header.length + 2)),
        ...(STYLES[c.type] ? { style: STYLES[c.type] } : {}),
      }));
      // the header row through exceljs: it writes the columns (widths, styles), opens the sheet data, writes row 1
      sheet.getRow(1).commit();
      const styles = (workbook as unknown as WorkbookInternals).styles;
      const styleIds = columns.map((c) => {
        const style = STYLES[c.type];
        return style ? styles.addStyleModel(style, c.type === 'date' ? EXCEL_DATE : EXCEL_NUMBER) : 0;
      });
      const letters = columns.map((_, i) => columnLetters(i));
      const target = (sheet as unknown as SheetInternals).stream;
      let rowNumber = 1;
      let chunk = '';
      for await (const row of rows) {
        chunk += xlsxRowXml(columns, letters, styleIds, ++rowNumber, row);
        if (rowNumber % XLSX_ROWS_PER_WRITE === 0) {
          target.write(chunk);
          chunk = '';
          // Backpressure: wait while the download has not taken what was written (the zip stream follows the response).
          while (out.readableLength > XLSX_BUFFER_LIMIT && !out.destroyed) await sleep(5);
          if (out.destroyed) return;
        }
      }
      if (chunk) target.write(chunk);
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** `Content-Disposition` of a download. */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}
