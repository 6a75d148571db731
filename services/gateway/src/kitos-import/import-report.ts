import ExcelJS from 'exceljs';

/** The kinds of objects the importer brings over, in the order it handles them. */
export const IMPORT_TYPES = [
  'organization',
  'organization-unit',
  'user',
  'local-option',
  'it-system',
  'it-interface',
  'it-system-usage',
  'usage-gdpr',
  'usage-archiving',
  'data-processing-registration',
  'it-contract',
  'system-relation',
] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

/**
 * What happened (or, in a dry run, would happen) to one object: created, updated (with the fields), unchanged;
 * skipped when it cannot be imported as it is (the reason says why, nothing was sent); failed when the service here
 * refused it (its answer is the reason).
 */
export const OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ReportEntry {
  readonly type: ImportType;
  readonly uuid: string;
  readonly name: string;
  readonly outcome: Outcome;
  /** The fields that differ (updated), or why the object is skipped or failed. */
  readonly fields?: string[];
  readonly reason?: string;
  /** Something the user should know although the object was imported (a dropped reference, a kept root uuid). */
  readonly notes?: string[];
}

export type Counts = Record<Outcome, number>;

export interface ImportReport {
  readonly source: string;
  readonly organizationUuid: string;
  readonly apply: boolean;
  readonly since: string | null;
  readonly startedAt: string;
  finishedAt: string | null;
  /** Null when the run went through; otherwise why it stopped (run it again to resume). */
  abortedBecause: string | null;
  readonly counts: Record<ImportType, Counts>;
  readonly entries: ReportEntry[];
}

export function emptyCounts(): Counts {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

export function newReport(args: {
  source: string;
  organizationUuid: string;
  apply: boolean;
  since: string | null;
  now: Date;
}): ImportReport {
  const counts = Object.fromEntries(IMPORT_TYPES.map((t) => [t, emptyCounts()])) as Record<ImportType, Counts>;
  return {
    source: args.source,
    organizationUuid: args.organizationUuid,
    apply: args.apply,
    since: args.since,
    startedAt: args.now.toISOString(),
    finishedAt: null,
    abortedBecause: null,
    counts,
    entries: [],
  };
}

export function record(report: ImportReport, entry: ReportEntry): void {
  report.entries.push(entry);
  report.counts[entry.type][entry.outcome] += 1;
}

const LABEL: Record<ImportType, string> = {
  organization: 'organisation',
  'organization-unit': 'organisation units',
  user: 'users',
  'local-option': 'local options',
  'it-system': 'IT systems',
  'it-interface': 'IT interfaces',
  'it-system-usage': 'IT system usages',
  'usage-gdpr': 'usages: GDPR',
  'usage-archiving': 'usages: archiving',
  'data-processing-registration': 'data processing',
  'it-contract': 'IT contracts',
  'system-relation': 'system relations',
};

export function typeLabel(type: ImportType): string {
  return LABEL[type];
}

/** `IT systems            3 created  1 updated  0 unchanged  1 skipped  0 failed` (dry run: "would be created"). */
export function countsLine(type: ImportType, counts: Counts, apply: boolean): string {
  const verbs = apply ? OUTCOMES : OUTCOMES.map((o) => (o === 'created' || o === 'updated' ? `to be ${o}` : o));
  return `${LABEL[type].padEnd(18)} ${OUTCOMES.map((o, i) => `${String(counts[o]).padStart(4)} ${verbs[i]}`).join('  ')}`;
}

/** The summary printed at the end: a line per type, then every skipped and failed object with its reason. */
export function summaryLines(report: ImportReport): string[] {
  const lines = [report.apply ? 'Import (applied):' : 'Dry run (nothing written; run with --apply to import):'];
  for (const type of IMPORT_TYPES) lines.push(`  ${countsLine(type, report.counts[type], report.apply)}`);
  const problems = report.entries.filter((e) => e.outcome === 'skipped' || e.outcome === 'failed');
  if (problems.length) {
    lines.push('Not imported:');
    for (const e of problems) lines.push(`  ${e.outcome.padEnd(7)} ${LABEL[e.type]} ${e.uuid} "${e.name}": ${e.reason ?? ''}`);
  }
  if (report.abortedBecause) lines.push(`Stopped: ${report.abortedBecause}. Run the same command again to resume.`);
  return lines;
}

/** The report as an XLSX workbook: a sheet of counts per type and a sheet with one row per object. */
export async function reportXlsx(report: ImportReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet('Summary');
  summary.addRow(['Source', report.source]);
  summary.addRow(['Organisation', report.organizationUuid]);
  summary.addRow(['Mode', report.apply ? 'apply' : 'dry run']);
  summary.addRow(['Changed since', report.since ?? '']);
  summary.addRow(['Started', report.startedAt]);
  summary.addRow(['Finished', report.finishedAt ?? '']);
  summary.addRow(['Stopped because', report.abortedBecause ?? '']);
  summary.addRow([]);
  summary.addRow(['Type', ...OUTCOMES]).font = { bold: true };
  for (const type of IMPORT_TYPES) summary.addRow([type, ...OUTCOMES.map((o) => report.counts[type][o])]);
  const objects = workbook.addWorksheet('Objects');
  objects.addRow(['Type', 'UUID', 'Name', 'Outcome', 'Fields', 'Reason', 'Notes']).font = { bold: true };
  for (const e of report.entries) {
    objects.addRow([e.type, e.uuid, e.name, e.outcome, (e.fields ?? []).join(', '), e.reason ?? '', (e.notes ?? []).join('; ')]);
  }
  objects.columns.forEach((column) => (column.width = 24));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
