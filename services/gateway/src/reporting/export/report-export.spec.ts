import { csvLine, danishDate, kroner, type ExportColumn } from './report-export';

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
