import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { eventually } from '@kitos/testing';
import { accessibilityViolations, screenshot } from './browser';
import { settled } from './settle';

/**
 * Steps several browser specs take on their own data and the demo-seed spec takes on the demo's: reading a report's
 * table, downloading and reading a workbook, checking the Article 30 workbook against the API's record, comparing the
 * relation graph's tables with the API's graph, moving a unit and handing a leaver's roles over.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How inBothLanguages checks a report: its heading is level 2 (under "Rapporter") and its chart must be drawn. */
export const REPORT_PAGE = { level: 2, ready: '[data-chart-ready="true"]' };

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The row of a report's table (named by its figure) whose row header is the system's name (and the own mark). */
export function reportRow(page: Page, figure: string, system: string): Locator {
  return page
    .getByRole('table', { name: figure })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${escaped(system)}( (jer|yours))?$`) }) });
}

/** The data cells of a report's row, white space (non-breaking in Danish numbers) as plain spaces. */
export async function reportCells(page: Page, figure: string, system: string): Promise<string[]> {
  return (await reportRow(page, figure, system).locator('td').allTextContents()).map((c) => c.replace(/\s/g, ' '));
}

/** The data cells of a report's row once they are `expected` (a report's rows arrive after its heading and chart). */
export function expectReportCells(
  page: Page,
  figure: string,
  system: string,
  expected: string[] | jest.AsymmetricMatcher,
): Promise<string[]> {
  return settled(
    `the cells of ${system} in ${figure}`,
    () => reportCells(page, figure, system),
    (cells) => expect(cells).toEqual(expected),
  );
}

/** The relation graph page's two tables once they show the API's graph (read again until they do). */
export function expectRelationTables(page: Page, graph: RelationGraph): Promise<RelationTables> {
  return settled(
    'the relation tables',
    () => shownRelationTables(page),
    (tables) => expect(tables).toEqual(relationTablesOf(graph)),
  );
}

/** Clicks the download button and reads the workbook it downloads. */
export async function downloadWorkbook(page: Page, button: string): Promise<{ workbook: ExcelJS.Workbook; filename: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  return { workbook, filename: download.suggestedFilename() };
}

/** A worksheet's rows as text cells ('' for empty ones), the header row first. */
export function sheetRows(workbook: ExcelJS.Workbook, sheet: string | number): string[][] {
  const rows: string[][] = [];
  const worksheet = typeof sheet === 'number' ? workbook.worksheets[sheet] : workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`the workbook has no sheet ${sheet}: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  worksheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

/**
 * The Article 30 workbook against the API's record (GET …/gdpr/article-30): its four sheets, the controller's name and
 * address, one row per controller entry (kind, name, uuid, in the record's order), one per processor entry, and one
 * per finding.
 */
export function expectArticle30Workbook(workbook: ExcelJS.Workbook, record: Json): void {
  expect(workbook.worksheets.map((w) => w.name)).toEqual([
    'Dataansvarlig',
    'Fortegnelse art. 30(1)',
    'Databehandler art. 30(2)',
    'Mangler',
  ]);
  const controller = Object.fromEntries(
    sheetRows(workbook, 'Dataansvarlig')
      .slice(1)
      .map(([field, value]) => [field, value ?? '']),
  );
  expect(controller).toMatchObject({ Navn: record.controller.name, Adresse: record.controller.address ?? '' });
  expect(
    sheetRows(workbook, 'Fortegnelse art. 30(1)')
      .slice(1)
      .map((r) => [r[1], r[2], r[3]]),
  ).toEqual(
    record.controllerRecord.map((e: Json) => [e.kind === 'processingActivity' ? 'Behandlingsaktivitet' : 'IT-system', e.name, e.uuid]),
  );
  expect(sheetRows(workbook, 'Databehandler art. 30(2)').slice(1)).toHaveLength(record.processorRecord.length);
  const findings = (entries: Json[]) => entries.reduce((n: number, e: Json) => n + e.findings.length, 0);
  expect(sheetRows(workbook, 'Mangler').slice(1)).toHaveLength(
    findings(record.controllerRecord) + record.organizationFindings.length + findings(record.processorRecord),
  );
}

export interface RelationGraph {
  nodes: Array<{ usageUuid: string; name: string | null; distance?: number }>;
  edges: Array<{
    uuid: string;
    from: string;
    to: string;
    interface: { name: string | null } | null;
    contract: { name: string | null } | null;
    frequency: { name: string | null } | null;
  }>;
}

interface RelationTables {
  nodes: Array<{ usage: string | null; name: string | null }>;
  edges: Array<Array<string | null>>;
}

/** The relation graph page's two tables (systems; relations: from, to, interface, contract, frequency), sorted by uuid. */
export async function shownRelationTables(page: Page): Promise<RelationTables> {
  const nodes = await page
    .getByTestId('relation-nodes')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => ({ usage: row.getAttribute('data-usage'), name: row.querySelector('th')!.textContent })));
  const edges = await page
    .getByTestId('relation-edges')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-relation'), ...Array.from(row.querySelectorAll('th, td')).map((c) => c.textContent)]),
    );
  return {
    nodes: nodes.sort((a, b) => a.usage!.localeCompare(b.usage!)),
    edges: edges.sort((a, b) => a[0]!.localeCompare(b[0]!)),
  };
}

/** What the relation graph page's tables must show for the API's graph (GET …/system-relation-graph). */
export function relationTablesOf(graph: RelationGraph): RelationTables {
  const nameOf = (uuid: string) => graph.nodes.find((n) => n.usageUuid === uuid)!.name;
  return {
    nodes: graph.nodes.map((n) => ({ usage: n.usageUuid, name: n.name })).sort((a, b) => a.usage.localeCompare(b.usage)),
    edges: graph.edges
      .map((e) => [e.uuid, nameOf(e.from), nameOf(e.to), e.interface?.name ?? '', e.contract?.name ?? '', e.frequency?.name ?? ''])
      .sort((a, b) => a[0]!.localeCompare(b[0]!)),
  };
}

/** On /admin/units: moves a unit under another parent with "Flyt til …" and waits for the confirmation. */
export async function moveUnit(page: Page, unit: string, to: { uuid: string; name: string }): Promise<void> {
  await page
    .getByRole('group', { name: `Handlinger for ${unit}` })
    .getByRole('button', { name: 'Flyt til …' })
    .click();
  await page.getByLabel(`Flyt ${unit} til`).selectOption(to.uuid);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Flyt', exact: true }).click();
  await page.getByRole('status').getByText(`${unit} er flyttet under ${to.name}.`).waitFor();
}

/**
 * On a leaver's page under /admin/users: hands their roles over to the receiver after the confirmation, which must
 * pass axe-core (and is photographed as `screenshotName` when screenshots are asked for); returns the roles the
 * confirmation listed.
 */
export async function transferRoles(page: Page, receiver: { uuid: string; name: string }, screenshotName?: string): Promise<string[]> {
  await page.getByLabel('Modtager (efterfølger)').selectOption(receiver.uuid);
  await page.getByRole('button', { name: 'Overdrag roller' }).click();
  const confirmation = page.getByRole('region', { name: 'Bekræft overdragelse af roller' });
  const listed = confirmation.getByRole('list', { name: 'Roller i organisationen' }).getByRole('listitem');
  // allTextContents() does not wait: read the list once the confirmation (drawn after the click) shows it
  await listed.first().waitFor();
  const moving = await listed.allTextContents();
  expect(await accessibilityViolations(page)).toEqual([]);
  if (screenshotName) await screenshot(page, screenshotName);
  await confirmation.getByRole('button', { name: 'Ja, overdrag' }).click();
  await page.getByRole('status').getByText(`Rollerne er overdraget til ${receiver.name}.`).waitFor();
  return moving.sort();
}

/** The GDPR dashboard's list of usages processing personal data without a data processing agreement. */
export const missingDpaSection = (page: Page): Locator => page.getByRole('region', { name: /^Personoplysninger uden databehandleraftale/ });

/**
 * On the GDPR dashboard: follows a usage's "Registrér databehandling for …" link from the missing-agreement list and
 * registers an agreement concluded for it (`onForm` runs on the form before it is filled in); ends on the new
 * registration's page.
 */
export async function registerMissingDpa(
  page: Page,
  usage: { usageUuid: string; systemName: string },
  name: string,
  onForm?: () => Promise<void>,
): Promise<void> {
  await missingDpaSection(page)
    .getByRole('link', { name: `Registrér databehandling for ${usage.systemName}` })
    .click();
  await page.waitForURL(`**/data-processing/new?systemUsageUuid=${usage.usageUuid}`);
  await page.getByText(`Registreringen kommer til at dække IT-systemet ${usage.systemName}.`).waitFor();
  await onForm?.();
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('Databehandleraftale indgået').selectOption({ label: 'Ja' });
  await page.getByLabel('Aftale indgået den').fill('2026-02-01');
  await page.getByRole('button', { name: 'Opret registrering' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('region', { name: 'IT-systemer' }).getByRole('link', { name: usage.systemName }).waitFor();
}

/** Back on the GDPR dashboard (through the menu), read again until the system is no longer without an agreement. */
export async function expectMissingDpaGone(page: Page, systemName: string): Promise<void> {
  await page.getByRole('link', { name: 'GDPR' }).first().click();
  await page.getByRole('heading', { name: 'GDPR-overblik', level: 1 }).waitFor();
  const listed = () => missingDpaSection(page).getByRole('link', { name: systemName, exact: true }).count();
  await eventually(
    async () => {
      if ((await listed()) > 0) {
        await page.reload();
        await page.getByRole('heading', { name: 'GDPR-overblik', level: 1 }).waitFor();
      }
      expect(await listed()).toBe(0);
    },
    { timeoutMs: 120_000, intervalMs: 1000 },
  );
}
