import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { resetJetStream } from '@kitos/testing';
import { ReadModelStore } from '../../services/reporting/src/read-models/read-model.store';
import { adminToken, bearer, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

/**
 * Exports of 10 000 and 100 000 rows through the gateway, in this process (every service runs in the Jest process),
 * while the process's memory is sampled: the heap used every 20 ms (peak, garbage included), the resident set size,
 * and every few seconds the live heap after a forced full GC (what the export keeps, which is what a buffering
 * implementation would grow by: all rows at once).
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const LIVE_SAMPLE_MS = 2000;
const INSERT_BATCH = 2000;
const INSERT_LANES = 3;
const COLUMNS = 'systemName,localCallName,lifeCycleStatus,valid,validFrom,processesPersonalData,riskAssessmentDate,dpia,archiveDuty,notes';

interface Sample {
  heapPeak: number;
  rssPeak: number;
  livePeak: number;
}

/** Samples memory until stopped; growth is relative to the live heap / rss measured (after GC) at the start. */
function sampleMemory(): { stop(): Sample & { heapBase: number; rssBase: number } } {
  gc();
  const base = process.memoryUsage();
  let heapPeak = base.heapUsed;
  let rssPeak = base.rss;
  let livePeak = base.heapUsed;
  const fast = setInterval(() => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    rssPeak = Math.max(rssPeak, m.rss);
  }, 20);
  // A forced full GC costs time in proportion to the heap: every two seconds is enough to catch what an export keeps
  // alive. (The suite runs first, test/support/sequencer.js, before other suites have grown this process's heap.)
  const slow = setInterval(() => {
    gc();
    livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
  }, LIVE_SAMPLE_MS);
  return {
    stop() {
      clearInterval(fast);
      clearInterval(slow);
      return {
        heapBase: base.heapUsed,
        rssBase: base.rss,
        heapPeak: heapPeak - base.heapUsed,
        rssPeak: rssPeak - base.rss,
        livePeak: livePeak - base.heapUsed,
      };
    },
  };
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

describe('Report exports keep memory flat (100 000 rows)', () => {
  let system: RunningSystem;
  let token: string;
  let org: string;
  let store: ReadModelStore;
  let dir: string;
  const results: Record<string, Sample & { rows: number; bytes: number; seconds: number }> = {};

  /**
   * Inserts usage documents straight into reporting's read model (as the projector would have written them), in
   * batches of 2 000, a few batches at a time: the store works on both cores while the test builds the next batch.
   */
  async function insertUsages(from: number, count: number): Promise<void> {
    const started = Date.now();
    const collection = store.model('it-system-usages').collection;
    const starts = Array.from({ length: Math.ceil(count / INSERT_BATCH) }, (_, b) => from + b * INSERT_BATCH);
    const insertBatch = async (start: number) => {
      const docs = Array.from({ length: Math.min(INSERT_BATCH, from + count - start) }, (_, k) => {
        const i = start + k;
        const uuid = randomUUID();
        const at = new Date().toISOString();
        return {
          _id: uuid,
          organizationUuid: org,
          version: 2,
          deleted: false,
          deletedAt: null,
          lastEventAt: new Date(),
          data: {
            uuid,
            organizationUuid: org,
            systemUuid: randomUUID(),
            systemName: `System æøå ÆØÅ ${String(i).padStart(6, '0')}`,
            localCallName: `Kaldenavn "${i}"; ø`,
            localSystemId: `ID-${i}`,
            validity: { lifeCycleStatus: 'Operational', validFrom: '2024-01-15', validTo: null, valid: true, invalidReasons: [] },
            usingOrganizationUnitUuids: [],
            responsibleOrganizationUnitUuid: null,
            createdAt: at,
            lastModified: at,
            notes: `Intern note for række ${i}: Æbleøl på Ålborg-vis`,
            expectedUsersLowerBound: 10,
            expectedUsersUpperBound: 50,
          },
          gdpr: {
            version: 1,
            deleted: false,
            data: {
              usageUuid: uuid,
              organizationUuid: org,
              processesPersonalData: i % 2 === 0,
              retentionPeriodDefined: 'Yes',
              deletionDueDate: null,
              riskAssessmentConducted: 'Yes',
              riskAssessmentDate: '2025-03-01',
              dpiaConducted: 'No',
              lastModified: at,
            },
          },
          archive: {
            version: 1,
            deleted: false,
            data: { usageUuid: uuid, organizationUuid: org, archiveDuty: 'B', nextDeliveryDue: null, findings: [], lastModified: at },
          },
        };
      });
      await collection.insertMany(docs as never[], { ordered: false });
    };
    let next = 0;
    const lane = async () => {
      while (next < starts.length) await insertBatch(starts[next++]);
    };
    await Promise.all(Array.from({ length: INSERT_LANES }, lane));
    console.log(`inserted ${count} usages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  /** Downloads an export while sampling memory; CSV is counted line by line as it streams, XLSX is streamed to a file. */
  async function exportOnce(label: string, format: 'csv' | 'xlsx', expectedRows: number): Promise<string> {
    const file = join(dir, `${label}.${format}`);
    const sampler = sampleMemory();
    const started = Date.now();
    const response = await fetch(
      `${system.gatewayUrl}/api/v2/reports/organizations/${org}/it-system-usages?format=${format}&columns=${COLUMNS}`,
      { headers: bearer(token) },
    );
    expect(response.status).toBe(200);
    let bytes = 0;
    let lines = 0;
    let first = '';
    if (format === 'csv') {
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep the BOM to check it
      for await (const chunk of Readable.fromWeb(response.body as never)) {
        const buffer = chunk as Buffer;
        bytes += buffer.length;
        if (first.length < 2000) first += decoder.decode(buffer, { stream: true });
        for (let i = 0; i < buffer.length; i++) if (buffer[i] === 0x0a) lines++;
      }
    } else {
      await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file));
      bytes = statSync(file).size;
    }
    const seconds = (Date.now() - started) / 1000;
    const sample = sampler.stop();
    results[label] = { ...sample, rows: expectedRows, bytes, seconds };
    console.log(
      `${label}: ${expectedRows} rows, ${mb(bytes)} in ${seconds.toFixed(1)} s; heap base ${mb(sample.heapBase)}, peak heap growth ` +
        `${mb(sample.heapPeak)}, peak live heap growth (after GC) ${mb(sample.livePeak)}, peak rss growth ${mb(sample.rssPeak)}`,
    );
    if (format === 'csv') {
      expect(lines).toBe(expectedRows + 1);
      expect(first.startsWith('\uFEFF"IT-system";"Lokalt kaldenavn";"Livscyklus"')).toBe(true);
      expect(first).toContain('"System æøå ÆØÅ 000000";"Kaldenavn ""0""; ø";"I drift";"Ja";"15-01-2024";"Ja";"01-03-2025";"Nej";"B";');
    }
    return file;
  }

  /** Reads an XLSX back with exceljs's streaming reader: number of data rows and the first one. */
  async function readXlsx(file: string): Promise<{ rows: number; first: unknown[] }> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
    let rows = 0;
    let first: unknown[] = [];
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number === 2) first = (row.values as unknown[]).slice(1);
        if (row.number > 1) rows++;
      }
    }
    return { rows, first };
  }

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'reporting'] });
    const api = http(system.gatewayUrl);
    token = await adminToken(api);
    org = await createOrganization(api, token);
    store = system.services.get('reporting')!.app.get(ReadModelStore);
    dir = mkdtempSync(join(tmpdir(), 'kitos-export-'));
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await system?.close();
  }, 120_000);

  it('exports 10 000 and then 100 000 rows as CSV and XLSX with flat memory', async () => {
    await insertUsages(0, 10_000);
    await exportOnce('csv-10k', 'csv', 10_000);
    const xlsx10k = await exportOnce('xlsx-10k', 'xlsx', 10_000);

    // the 10 000-row file is read back while the other 90 000 rows are stored (no export runs meanwhile)
    const [small] = await Promise.all([readXlsx(xlsx10k), insertUsages(10_000, 90_000)]);
    await exportOnce('csv-100k', 'csv', 100_000);
    const xlsx100k = await exportOnce('xlsx-100k', 'xlsx', 100_000);

    // The files are complete and right: every row, Danish characters, real dates.
    expect(small.rows).toBe(10_000);
    expect(small.first.slice(0, 4)).toEqual(['System æøå ÆØÅ 000000', 'Kaldenavn "0"; ø', 'I drift', 'Ja']);
    expect(small.first[4]).toEqual(new Date(Date.UTC(2024, 0, 15)));
    const readBack = Date.now();
    expect((await readXlsx(xlsx100k)).rows).toBe(100_000);
    console.log(`read the 100 000-row XLSX back in ${((Date.now() - readBack) / 1000).toFixed(1)} s`);

    // What a buffering implementation would need at the least: the whole file (≈ rows × bytes per row) held at once.
    const csv = results['csv-100k'];
    const bytesPerRow = csv.bytes / csv.rows;
    const buffered = csv.rows * bytesPerRow;
    console.log(`bytes per CSV row ${bytesPerRow.toFixed(0)}; a buffered 100 000-row CSV alone would hold ${mb(buffered)}`);
    for (const label of ['csv-100k', 'xlsx-100k']) {
      const r = results[label];
      // What the export keeps alive stays far below the size of the file it streams …
      expect(r.livePeak).toBeLessThan(buffered / 2);
      // … and does not grow with the number of rows: 100 000 rows keep about what 10 000 rows keep.
      const small10k = results[label.replace('100k', '10k')];
      expect(r.livePeak).toBeLessThan(small10k.livePeak + 8 * MB);
      // The heap in use (garbage included, sampled every 20 ms) and the resident set stay bounded too.
      expect(r.heapPeak).toBeLessThan(Math.max(small10k.heapPeak * 2, small10k.heapPeak + 64 * MB));
      expect(r.rssPeak).toBeLessThan(small10k.rssPeak + 96 * MB);
    }
  }, 600_000);
});
