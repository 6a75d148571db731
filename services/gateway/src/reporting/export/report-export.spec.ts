import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { csvLine, danishDate, kroner, reportXlsx, xlsxValue, type ExportColumn, type ExportRow } from './report-export';

const text: ExportColumn = { key: 't', header: 'Tekst', type: 'text' };
const money: ExportColumn = { key: 'm', header: 'Beløb', type: 'money' };
const date: ExportColumn = { key: 'd', header: 'Dato', type: 'date' };
const yes: ExportColumn = { key: 'b', header: 'Ja/nej', type: 'boolean' };

describe('report export cells', () => {
  it.each([
    ['Æbleøl på Ålborg-vis', '"Æbleøl på Ålborg-vis"'],
    ['Sag "A"; B', '"Sag ""A""; B"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+45 1234', `"'+45 1234"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
  ])('text %j becomes %s (quoted, formulas defused)', (value, expected) => {
    expect(csvLine([text], { t: value })).toBe(`${expected}\r\n`);
  });

  it('writes money in kroner with a decimal comma, negative too, dates as dd-mm-yyyy and booleans as Ja/Nej', () => {
    expect(csvLine([money, date, yes], { m: -123456, d: '2024-02-29', b: true })).toBe('"-1234,56";"29-02-2024";"Ja"\r\n');
    expect(kroner(5)).toBe('0,05');
    expect(danishDate('2026-12-31')).toBe('31-12-2026');
  });
});

/** The parts of a zip (stored or deflated), read through its central directory. */
function unzip(zip: Buffer): Map<string, string> {
  const parts = new Map<string, string>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + skip;
  }
  return parts;
}

async function* from(rows: readonly ExportRow[]): AsyncGenerator<ExportRow> {
  yield* rows;
}

/** What reportXlsx wrote before it rendered rows itself: exceljs's own rows (a Row and Cell objects per row). */
function exceljsXlsx(columns: readonly ExportColumn[], rows: readonly ExportRow[], sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  void (async () => {
    const sheet = workbook.addWorksheet(sheetName);
    const styles: Record<string, Partial<ExcelJS.Style>> = { date: { numFmt: 'dd-mm-yyyy' }, money: { numFmt: '#,##0.00' } };
    sheet.columns = columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.min(60, Math.max(12, c.header.length + 2)),
      ...(styles[c.type] ? { style: styles[c.type] } : {}),
    }));
    for (const row of rows) sheet.addRow(columns.map((c) => xlsxValue(c, row[c.key]))).commit();
    sheet.commit();
    await workbook.commit();
  })();
  return out;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('report XLSX', () => {
  const columns: ExportColumn[] = [
    { key: 'name', header: 'Navn', type: 'text' },
    { key: 'status', header: 'Livscyklus', type: 'enum' },
    { key: 'valid', header: 'Gyldig', type: 'boolean' },
    { key: 'from', header: 'Gyldig fra', type: 'date' },
    { key: 'cost', header: 'Omkostning (kr.)', type: 'money' },
    { key: 'users', header: 'Brugere', type: 'number' },
    { key: 'units', header: 'Enheder', type: 'list' },
    ...Array.from({ length: 22 }, (_, i): ExportColumn => ({ key: `x${i}`, header: `Ekstra ${i}`, type: 'text' })),
  ];
  const rows: ExportRow[] = [
    {
      name: 'Æbleøl <på> & "Ålborg" \'vis\'',
      status: 'Operational',
      valid: true,
      from: '2024-01-15',
      cost: 123456,
      users: 42,
      units: ['A', 'B'],
    },
    {
      name: '=SUM(A1)',
      status: 'SomethingNew',
      valid: false,
      from: '2024-02-29',
      cost: -5,
      users: 0.5,
      units: [],
      x0: 'a\nb\tc\u0001d\u007f',
    },
    { name: '', status: null, valid: null, from: null, cost: null, users: null, units: null, x21: 'sidste' },
    { name: null, from: 'not a day', cost: 'not money', users: 'not a number', x5: 17 },
    {},
  ];

  it('writes the same workbook, byte for byte in every part, as exceljs does row by row', async () => {
    const fast = unzip(await bytesOf(reportXlsx(columns, from(rows), 'Anvendelser')));
    const reference = unzip(await bytesOf(exceljsXlsx(columns, rows, 'Anvendelser')));
    expect([...fast.keys()].sort()).toEqual([...reference.keys()].sort());
    const creation = /<dcterms:(created|modified)[^<]*<\/dcterms:\1>/g;
    for (const [name, xml] of reference) expect([name, fast.get(name)!.replace(creation, '')]).toEqual([name, xml.replace(creation, '')]);
    const sheet = fast.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="A2" t="str"><v>Æbleøl &lt;på&gt; &amp; &quot;Ålborg&quot; &apos;vis&apos;</v></c>');
    expect(sheet).toContain('<c r="D2" s="1"><v>45306</v></c>');
    expect(sheet).toContain('<c r="AC4" t="str"><v>sidste</v></c>');
    expect(sheet).toContain('<row r="5" spans="1:29" x14ac:dyDescent="0.25"><c r="D5" s="1"/><c r="E5" s="2"/><c r="M5"');
    expect(sheet).not.toContain('<row r="6"'); // a row without a value is left out, as exceljs does
  });

  it('reads back with exceljs: texts, real dates, money in kroner, every row', async () => {
    const many = Array.from({ length: 1234 }, (_, i) => ({ ...rows[i % rows.length], users: i }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(reportXlsx(columns, from(many), 'Anvendelser'))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Anvendelser')!;
    expect(sheet.rowCount).toBe(1235);
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date(Date.UTC(2024, 0, 15)));
    expect(sheet.getRow(2).getCell(5).value).toBe(1234.56);
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(1235).getCell(6).value).toBe(1233);
  });
});
