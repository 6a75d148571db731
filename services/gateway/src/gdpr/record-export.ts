import type { Article30ControllerEntry, Article30Finding, Article30Header, Article30ProcessorEntry, GdprReportRow } from '@kitos/contracts';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BOM = '\uFEFF';
const SEPARATOR = ';';

/** One cell of a `;`-separated CSV for Danish Excel: always quoted, quotes doubled, lists one item per line. */
function cell(value: string | number | boolean | null | undefined | readonly string[]): string {
  const text = Array.isArray(value) ? value.join('\n') : value === null || value === undefined ? '' : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

function line(values: ReadonlyArray<Parameters<typeof cell>[0]>): string {
  return values.map(cell).join(SEPARATOR) + '\r\n';
}

const text = (value: Parameters<typeof cell>[0]): string =>
  Array.isArray(value) ? value.join('\n') : value === null || value === undefined ? '' : String(value);

function contactText(c: { name: string | null; email: string | null; phone: string | null } | null): string {
  return c ? [c.name, c.email, c.phone].filter(Boolean).join(', ') : '';
}

function findingsText(findings: readonly Article30Finding[]): string[] {
  return findings.map((f) => `${f.article} ${f.field}: ${f.message}`);
}

/** The record as rows of one table: the organisation (30(1)(a)), the controller entries, the processor entries. */
export const ARTICLE_30_COLUMNS = [
  'Del',
  'Type',
  'Navn',
  'UUID',
  '(a) Dataansvarlig',
  '(a) Fælles dataansvarlige / repræsentant',
  '(a) Databeskyttelsesrådgiver (DPO)',
  '(b) Formål / kategorier af behandling',
  'Retsgrundlag',
  '(c) Kategorier af registrerede',
  '(c) Kategorier af personoplysninger',
  '(d) Kategorier af modtagere',
  '(e) Overførsler til tredjelande',
  '(f) Slettefrister',
  '(g) Tekniske og organisatoriske sikkerhedsforanstaltninger',
  'IT-systemer',
  'Mangler',
] as const;

type Cells = Array<Parameters<typeof cell>[0]>;

export function headerRow(header: Article30Header): Cells {
  const c = header.controller;
  const controller = [
    c.name,
    c.cvr ? `CVR ${c.cvr}` : null,
    c.address,
    c.email,
    c.phone,
    c.dataController ? `Dataansvarlig: ${contactText(c.dataController)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return [
    'Art. 30(1)(a)',
    'Organisation',
    c.name,
    c.organizationUuid,
    controller,
    '',
    contactText(c.dataProtectionOfficer),
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    findingsText(header.organizationFindings),
  ];
}

export function controllerRow(header: Article30Header, e: Article30ControllerEntry): Cells {
  return [
    'Art. 30(1)',
    e.kind === 'processingActivity' ? 'Behandlingsaktivitet' : 'IT-system',
    e.name,
    e.uuid,
    header.controller.name,
    [...e.jointControllers, ...(e.representative ? [`Repræsentant: ${e.representative}`] : [])],
    contactText(header.controller.dataProtectionOfficer),
    e.purposes,
    e.legalBases,
    e.dataSubjectCategories,
    e.personalDataCategories,
    e.recipients,
    e.thirdCountryTransfers,
    e.erasureTimeLimits,
    e.securityMeasures,
    e.systems,
    findingsText(e.findings),
  ];
}

export function processorRow(header: Article30Header, e: Article30ProcessorEntry): Cells {
  return [
    'Art. 30(2)',
    'Databehandler',
    e.name,
    e.dataProcessingRegistrationUuid,
    e.controller.name ?? e.controller.uuid,
    '',
    contactText(e.controllerDataProtectionOfficer),
    e.categoriesOfProcessing,
    '',
    '',
    '',
    header.controller.name,
    e.thirdCountryTransfers,
    '',
    e.securityMeasures,
    e.categoriesOfProcessing.slice(1),
    findingsText(e.findings),
  ];
}

export interface Article30Source {
  readonly header: Article30Header;
  controllerEntries(): AsyncIterable<Article30ControllerEntry>;
  processorEntries(): AsyncIterable<Article30ProcessorEntry>;
}

/** The record as CSV, produced while the pages arrive. */
export function article30Csv(source: Article30Source): Readable {
  return Readable.from(
    (async function* () {
      yield BOM + line([...ARTICLE_30_COLUMNS]);
      yield line(headerRow(source.header));
      for await (const e of source.controllerEntries()) yield line(controllerRow(source.header, e));
      for await (const e of source.processorEntries()) yield line(processorRow(source.header, e));
    })(),
  );
}

/** The record as XLSX (exceljs streaming writer): one sheet per part, then every finding on its own row. */
export function article30Xlsx(source: Article30Source): Readable {
  return streamWorkbook(async (workbook) => {
    const findings: Cells[] = [];
    const controller = workbook.addWorksheet('Dataansvarlig');
    controller.columns = [
      { header: 'Felt', width: 40 },
      { header: 'Værdi', width: 80 },
    ];
    const c = source.header.controller;
    const pairs: Array<[string, string | null]> = [
      ['Navn', c.name],
      ['CVR', c.cvr],
      ['Adresse', c.address],
      ['E-mail', c.email],
      ['Telefon', c.phone],
      ['Dataansvarlig (kontakt)', contactText(c.dataController)],
      ['Databeskyttelsesrådgiver (DPO)', contactText(c.dataProtectionOfficer)],
      ['Dannet', source.header.generatedAt],
    ];
    for (const [k, v] of pairs) controller.addRow([k, v ?? '']).commit();
    controller.commit();
    for (const f of source.header.organizationFindings)
      findings.push(['Organisation', c.name, c.organizationUuid, f.article, f.field, f.message]);

    const record = workbook.addWorksheet('Fortegnelse art. 30(1)');
    record.columns = ARTICLE_30_COLUMNS.map((header) => ({ header, width: 30 }));
    for await (const e of source.controllerEntries()) {
      record.addRow(controllerRow(source.header, e).map(text)).commit();
      for (const f of e.findings)
        findings.push([
          e.kind === 'processingActivity' ? 'Behandlingsaktivitet' : 'IT-system',
          e.name,
          e.uuid,
          f.article,
          f.field,
          f.message,
        ]);
    }
    record.commit();

    const processor = workbook.addWorksheet('Databehandler art. 30(2)');
    processor.columns = ARTICLE_30_COLUMNS.map((header) => ({ header, width: 30 }));
    for await (const e of source.processorEntries()) {
      processor.addRow(processorRow(source.header, e).map(text)).commit();
      for (const f of e.findings) findings.push(['Databehandler', e.name, e.dataProcessingRegistrationUuid, f.article, f.field, f.message]);
    }
    processor.commit();

    const gaps = workbook.addWorksheet('Mangler');
    gaps.columns = ['Type', 'Navn', 'UUID', 'Artikel', 'Felt', 'Mangel'].map((header) => ({ header, width: 30 }));
    for (const row of findings) gaps.addRow(row.map(text)).commit();
    gaps.commit();
  });
}

export const GDPR_REPORT_COLUMNS: ReadonlyArray<[keyof GdprReportRow, string]> = [
  ['usageUuid', 'UUID'],
  ['systemName', 'IT-system'],
  ['localCallName', 'Lokalt kaldenavn'],
  ['purpose', 'Formål'],
  ['businessCritical', 'Forretningskritisk'],
  ['hostedAt', 'Drift'],
  ['dataSensitivityLevels', 'Personoplysninger'],
  ['sensitivePersonData', 'Følsomme personoplysninger'],
  ['specificPersonalData', 'Særlige personoplysninger'],
  ['dataProcessingAgreementConcluded', 'Databehandleraftale indgået'],
  ['insecureThirdCountries', 'Usikre tredjelande'],
  ['technicalPrecautionsInPlace', 'Tekniske foranstaltninger'],
  ['userSupervision', 'Logning af brugerkontrol'],
  ['riskAssessmentConducted', 'Risikovurdering'],
  ['riskAssessmentConductedDate', 'Dato for seneste risikovurdering'],
  ['riskAssessmentResult', 'Resultat af risikovurdering'],
  ['plannedRiskAssessmentDate', 'Planlagt risikovurdering'],
  ['dpiaConducted', 'DPIA'],
  ['dpiaDate', 'Dato for DPIA'],
  ['retentionPeriodDefined', 'Bevaringsfrist'],
  ['nextDataRetentionEvaluationDate', 'Næste evaluering af bevaringsfrist'],
  ['directoryDocumentationUrl', 'Link til fortegnelse'],
];

function reportCells(row: GdprReportRow): Cells {
  return GDPR_REPORT_COLUMNS.map(([key]) => {
    const value = row[key];
    return typeof value === 'boolean' ? (value ? 'Ja' : 'Nej') : (value as Parameters<typeof cell>[0]);
  });
}

export function gdprReportCsv(rows: AsyncIterable<GdprReportRow>): Readable {
  return Readable.from(
    (async function* () {
      yield BOM + line(GDPR_REPORT_COLUMNS.map(([, label]) => label));
      for await (const row of rows) yield line(reportCells(row));
    })(),
  );
}

export function gdprReportXlsx(rows: AsyncIterable<GdprReportRow>): Readable {
  return streamWorkbook(async (workbook) => {
    const sheet = workbook.addWorksheet('GDPR-rapport');
    sheet.columns = GDPR_REPORT_COLUMNS.map(([, header]) => ({ header, width: 25 }));
    for await (const row of rows) sheet.addRow(reportCells(row).map(text)).commit();
    sheet.commit();
  });
}

/** Runs a streaming workbook writer into a stream the response reads; a failure half-way ends the download with an error. */
function streamWorkbook(write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  void (async () => {
    try {
      await write(workbook);
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
