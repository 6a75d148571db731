/**
 * Benchmarks and data-quality scores are computed once per change of their inputs (read models, sharing settings,
 * rule pack), not on every request — against a real FerretDB and NATS, through the real handlers. Also measures a
 * request computed afresh (what every request cost before) against a cached one; docs/reporting.md keeps the figures.
 */
import type { NatsConnection } from 'nats';
import { systemClock, type CallerContext } from '@kitos/common';
import { MongoConnection } from '@kitos/persistence';
import { testMongoUri, uniqueName } from '@kitos/testing';
import type { RpcRequest } from '@kitos/platform';
import { BenchmarkSource } from '../../../services/reporting/src/benchmarks/benchmark.source';
import { BenchmarksHandlers, currentDanishYear } from '../../../services/reporting/src/benchmarks/benchmarks.handlers';
import { DataQualityHandlers } from '../../../services/reporting/src/data-quality/data-quality.handlers';
import { DataQualityService } from '../../../services/reporting/src/data-quality/data-quality.service';
import { DataQualityStore } from '../../../services/reporting/src/data-quality/data-quality.store';
import { ReadModelChanges } from '../../../services/reporting/src/read-models/read-model-changes';
import { ReadModelStore } from '../../../services/reporting/src/read-models/read-model.store';
import { SharingPolicy } from '../../../services/reporting/src/sharing/sharing-policy';
import { SharingSettingsStore } from '../../../services/reporting/src/sharing/sharing-settings.store';
import { connectTestNats } from '../messaging/messaging-fixtures';

const ORGS = 10;
const SYSTEMS = 10;
const USAGES = 300;
const SAMPLES = 15;
const uuid = (kind: number, n: number) => `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const org = (n: number) => uuid(1, n);
const system = (n: number) => uuid(2, n);
const usageUuid = (n: number) => uuid(3, n);
/** Usage n belongs to organisation n % ORGS and uses system systemOf(n): every organisation uses every system. */
const systemOf = (n: number) => Math.floor(n / ORGS) % SYSTEMS;
const at = new Date('2026-01-01T00:00:00Z');

const caller: CallerContext = {
  kind: 'user',
  userUuid: uuid(9, 1),
  isGlobalAdmin: false,
  organizationRoles: [{ organizationUuid: org(0), role: 'User' }] as CallerContext['organizationRoles'],
  crossOrganizationRead: 'Public',
  isStakeholder: false,
  correlationId: 'derived-figures-cache',
};
const request = <T>(data: T): RpcRequest<T> => ({ caller, data });

const doc = (id: string, organizationUuid: string, data: object, extra: object = {}) => ({
  _id: id,
  organizationUuid,
  version: 1,
  deleted: false,
  deletedAt: null,
  lastEventAt: at,
  data,
  gdpr: null,
  archive: null,
  ...extra,
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('benchmarks and data-quality scores computed once per change of their inputs', () => {
  let mongo: MongoConnection;
  let nc: NatsConnection;
  let store: ReadModelStore;
  let settings: SharingSettingsStore;
  let changes: ReadModelChanges;
  let benchmarks: BenchmarksHandlers;
  let dataQuality: DataQualityHandlers;
  const year = currentDanishYear(new Date());

  const contract = (n: number, organizationUuid: string, usages: string[]) =>
    doc(uuid(4, n), organizationUuid, {
      uuid: uuid(4, n),
      organizationUuid,
      name: `Kontrakt ${n}`,
      supplierUuid: null,
      systemUsageUuids: usages,
      economy: {
        acquisitionOre: 0,
        operationOre: 100_000,
        otherOre: 0,
        totalOre: 100_000,
        byYear: [{ year, acquisitionOre: 0, operationOre: 100_000, otherOre: 0, totalOre: 100_000 }],
      },
    });

  beforeAll(async () => {
    mongo = new MongoConnection({ uri: testMongoUri(), database: uniqueName('derived'), serverSelectionTimeoutMs: 2000 });
    nc = await connectTestNats('derived-figures-cache');
    store = new ReadModelStore(mongo);
    settings = new SharingSettingsStore(mongo);
    changes = new ReadModelChanges(nc);
    changes.onModuleInit();
    const policy = new SharingPolicy(settings, store);
    benchmarks = new BenchmarksHandlers(new BenchmarkSource(store, policy, changes, { benchmarkMinOrganizations: 2 }), policy, systemClock);
    const dqStore = new DataQualityStore(mongo, systemClock);
    dataQuality = new DataQualityHandlers(
      dqStore,
      new DataQualityService(store, dqStore, changes, systemClock),
      policy,
      store,
      changes,
      systemClock,
    );
    await mongo.connect(); // after the stores: they register their indexes for the connection

    await store
      .model('organizations')
      .insertMany(
        Array.from({ length: ORGS }, (_, n) =>
          doc(org(n), org(n), { uuid: org(n), name: `Kommune ${n}`, organizationType: 'Municipality' }),
        ),
      );
    await store.model('it-systems').insertMany(
      Array.from({ length: SYSTEMS }, (_, n) =>
        doc(system(n), org(0), {
          uuid: system(n),
          name: `System ${n}`,
          organizationUuid: org(0),
          scope: 'Global',
          rightsHolderUuid: null,
        }),
      ),
    );
    await store.model('it-system-usages').insertMany(
      Array.from({ length: USAGES }, (_, n) =>
        doc(
          usageUuid(n),
          org(n % ORGS),
          { uuid: usageUuid(n), organizationUuid: org(n % ORGS), systemUuid: system(systemOf(n)), localCallName: `Anvendelse ${n}` },
          {
            gdpr: {
              version: 1,
              deleted: false,
              data: { usageUuid: usageUuid(n), processesPersonalData: n % 2 === 0, dpiaConducted: 'Yes' },
            },
          },
        ),
      ),
    );
    // one contract per organisation and system, covering its usages of the system
    const contracts = [];
    for (let o = 0; o < ORGS; o++)
      for (let s = 0; s < SYSTEMS; s++) {
        const covered = Array.from({ length: USAGES }, (_, n) => n).filter((n) => n % ORGS === o && systemOf(n) === s);
        if (covered.length) contracts.push(contract(o * SYSTEMS + s, org(o), covered.map(usageUuid)));
      }
    await store.model('it-contracts').insertMany(contracts);
  });

  afterAll(async () => {
    changes?.onModuleDestroy();
    await nc?.close();
    await mongo.connection.dropDatabase().catch(() => undefined);
    await mongo.connection.close();
  });

  it('answers from what was computed until an input changes, then from the new inputs', async () => {
    const reads = jest.spyOn(store, 'find');
    const costs = await benchmarks.costs(request({ year }));
    const scores = await dataQuality.organization(request({ organizationUuid: org(0) }));
    const loaded = reads.mock.calls.length;
    expect(loaded).toBeGreaterThan(0);
    expect(await benchmarks.costs(request({ year }))).toEqual(costs);
    expect(await benchmarks.gdpr(request({}))).toHaveLength(SYSTEMS); // another table from the same loaded data
    expect(await dataQuality.organization(request({ organizationUuid: org(0) }))).toEqual(scores);
    expect(reads.mock.calls.length).toBe(loaded); // no read model was queried again
    const costOf = (rows: typeof costs, n: number) => rows.find((r) => r.system.uuid === system(n))!.cost;
    expect(costOf(costs, 0)).toMatchObject({ suppressed: false, organizations: ORGS });

    // A new usage changes the read models: the figures follow as soon as the change is told.
    await store.applySnapshot('it-system-usages', usageUuid(USAGES), org(0), 1, at, {
      uuid: usageUuid(USAGES),
      organizationUuid: org(0),
      systemUuid: system(1),
    });
    changes.changed(); // what the projector does after applying an event
    const after = await dataQuality.organization(request({ organizationUuid: org(0) }));
    expect(reads.mock.calls.length).toBeGreaterThan(loaded);
    const usages = (r: typeof scores) => r.modules.find((m) => m.module === 'usages')!.objects;
    expect(usages(after)).toBe(usages(scores) + 1);

    // An organisation opting out of sharing economy drops out of the cost figures at once (the sharing rules).
    await settings.set(org(3), false, null, new Date());
    changes.changed(); // what SharingHandlers.put does after storing the setting
    expect(costOf(await benchmarks.costs(request({ year })), 0)).toMatchObject({ suppressed: false, organizations: ORGS - 1 });
    reads.mockRestore();
  });

  it('serves a cached request faster than one computed afresh (the cost of every request before)', async () => {
    const time = async (fresh: boolean, call: () => Promise<unknown>): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        if (fresh) changes.changed();
        const started = process.hrtime.bigint();
        await call();
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return samples;
    };
    const rows: string[] = [];
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['GET /api/v2/benchmarks/costs', () => benchmarks.costs(request({ year }))],
      ['GET /api/v2/benchmarks/gdpr', () => benchmarks.gdpr(request({}))],
      ['GET /api/v2/data-quality/organizations/{uuid}', () => dataQuality.organization(request({ organizationUuid: org(0) }))],
    ];
    for (const [name, call] of calls) {
      await call(); // warm up
      const fresh = median(await time(true, call));
      const cached = median(await time(false, call));
      rows.push(`| ${name} | ${fresh.toFixed(1)} ms | ${cached.toFixed(2)} ms |`);
      expect(cached).toBeLessThan(fresh);
    }
    process.stdout.write(
      `\nReporting figures, ${USAGES} usages, ${ORGS} organisations, median of ${SAMPLES} (reporting handler, no gateway):\n` +
        `| request | computed on every request (before) | cached (after) |\n|---|---|---|\n${rows.join('\n')}\n`,
    );
  }, 300_000);
});
