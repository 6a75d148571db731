import ExcelJS from 'exceljs';
import type { ArchivingOverviewRow } from '@kitos/contracts';
import { overviewTable, toCsv, toXlsx } from './archiving-overview.export';

const row: ArchivingOverviewRow = {
  usage: { uuid: '11111111-1111-4111-8111-111111111111', name: 'Sag; "ESDH"' },
  localCallName: '=HYPERLINK("x")',
  archiveDuty: 'B',
  recommendedArchiveDuty: 'K',
  legalBasis: { text: 'Bek. 183/2018\nbilag 1', reference: null, decisionDate: '2018-03-01' },
  receivingArchive: { kind: 'MunicipalArchive', name: 'Vejle Stadsarkiv' },
  frequencyInMonths: 60,
  journalPeriods: [
    {
      uuid: 'a',
      archiveId: 'AV-1',
      startDate: '2010-01-01',
      endDate: '2014-12-31',
      status: 'Approved',
      approved: true,
      approvalDate: null,
    },
    {
      uuid: 'b',
      archiveId: 'AV-2',
      startDate: '2015-01-01',
      endDate: '2019-12-31',
      status: 'Planned',
      approved: false,
      approvalDate: null,
    },
  ],
  latestApprovedPeriodEnd: '2014-12-31',
  nextDeliveryDue: '2019-12-31',
  deletionDueDate: null,
  findings: ['DisagreesWithRecommendation', 'DeliveryOverdue'],
};

describe('archiving overview export', () => {
  it('writes CSV with a BOM, semicolons, quoting and no formulas', () => {
    const csv = toCsv(overviewTable([row]));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    const [header] = text.split('\r\n');
    expect(header.split(';')[0]).toBe('Usage UUID');
    expect(text).toContain('"Sag; ""ESDH"""');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain('"Bek. 183/2018\nbilag 1"');
    expect(text).toContain('AV-1 2010-01-01–2014-12-31 Approved | AV-2 2015-01-01–2019-12-31 Planned');
    expect(text).toContain('DisagreesWithRecommendation, DeliveryOverdue');
  });

  it('writes an XLSX that reads back with the same cells', async () => {
    const buffer = await toXlsx(overviewTable([row]), 'Arkivering');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Arkivering')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Usage UUID');
    expect(sheet.getRow(2).getCell(2).value).toBe('Sag; "ESDH"');
    expect(sheet.getRow(2).getCell(3).value).toBe(`'=HYPERLINK("x")`);
    expect(sheet.getRow(2).getCell(10).value).toBe(60);
    expect(sheet.rowCount).toBe(2);
  });
});
