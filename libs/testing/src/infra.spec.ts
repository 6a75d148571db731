import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { connect } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { postgresBinDir } from './binaries';
import { resetJetStream, testMongoUri, testNatsUrl, uniqueName } from './infra';
import { ginIndexesEnabled, installGinIndexes, storeBackend } from './processes';

/** One SQL statement in the test run's PostgreSQL database `ferretdb` (FerretDB's), unaligned output. */
async function ferretSql(statement: string): Promise<string> {
  const url = new URL(process.env.KITOS_TEST_POSTGRESQL_URL!);
  const { stdout } = await promisify(execFile)(
    `${postgresBinDir()}/psql`,
    ['-h', url.hostname, '-p', url.port, '-U', 'postgres', '-d', 'ferretdb', '-tAqXc', statement],
    { encoding: 'utf8' },
  );
  return stdout.trim();
}

describe('shared test infrastructure', () => {
  it('serves a MongoDB-compatible database that stores and finds a document', async () => {
    const conn = await mongoose.createConnection(testMongoUri(), { dbName: uniqueName('infra') }).asPromise();
    try {
      await conn.collection('things').insertOne({ _id: 'a' as never, n: 1 });
      expect(await conn.collection('things').findOne({ n: 1 })).toEqual({ _id: 'a', n: 1 });
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  it('gives this worker a NATS account with JetStream', async () => {
    await resetJetStream();
    const nc = await connect(natsConnectionOptions(testNatsUrl()));
    try {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: 'INFRA', subjects: ['infra.>'] });
      const ack = await nc.jetstream().publish('infra.x', new TextEncoder().encode('1'), { msgID: 'm1' });
      expect(ack.seq).toBe(1);
    } finally {
      await nc.close();
    }
    await resetJetStream();
  });
});

describe('the store of this test run', () => {
  it('is FerretDB on the backend KITOS_FERRETDB_BACKEND names (PostgreSQL by default)', async () => {
    const backend = storeBackend();
    expect(process.env.KITOS_FERRETDB_BACKEND).toBe(backend);
    const database = uniqueName('infra_backend');
    const conn = await mongoose.createConnection(testMongoUri(), { dbName: database }).asPromise();
    try {
      await conn.collection('things').insertOne({ _id: 'b' as never });
      const pgUrl = process.env.KITOS_TEST_POSTGRESQL_URL;
      if (backend === 'postgresql') {
        // FerretDB keeps each database as a schema of one PostgreSQL database; ask PostgreSQL itself
        const url = new URL(pgUrl!);
        const { stdout } = await promisify(execFile)(
          `${postgresBinDir()}/psql`,
          [
            '-h',
            url.hostname,
            '-p',
            url.port,
            '-U',
            'postgres',
            '-d',
            'ferretdb',
            '-tAqc',
            `SELECT count(*) FROM information_schema.schemata WHERE schema_name = '${database}'`,
          ],
          { encoding: 'utf8' },
        );
        expect(stdout.trim()).toBe('1');
      } else {
        expect(pgUrl).toBeUndefined();
        expect(existsSync(`${process.env.KITOS_TEST_DIR}/ferretdb/${database}.sqlite`)).toBe(true);
      }
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  const onPostgres = storeBackend() === 'postgresql' && ginIndexesEnabled();
  // the GIN indexes exist only in the embedded PostgreSQL (deploy/postgresql-gin-indexes.sql); SQLite has no such thing
  (onPostgres ? it : it.skip)("adds GIN indexes next to FerretDB's on PostgreSQL, and FerretDB's equality filters use them", async () => {
    const database = uniqueName('infra_gin');
    const conn = await mongoose.createConnection(testMongoUri(), { dbName: database }).asPromise();
    try {
      const things = conn.collection('things');
      await things.createIndex({ organizationUuid: 1 });
      await things.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: `t${i}` as never, organizationUuid: `o${i % 200}` })));
      const indexes = await ferretSql(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = '${database}' AND indexname LIKE '%_kgin' ORDER BY substring(indexdef from 'USING .*')`,
      );
      expect(indexes.split('\n')).toEqual([
        expect.stringMatching(/USING gin \(\(\(_jsonb -> '_id'::text\)\) jsonb_path_ops\)$/),
        expect.stringMatching(/USING gin \(\(\(_jsonb -> 'organizationUuid'::text\)\) jsonb_path_ops\)$/),
      ]);
      // the metadata table FerretDB keeps in each schema gets none
      expect(indexes).not.toContain('_ferretdb_');
      await ferretSql(`ANALYZE "${database}"._ferretdb_database_metadata`);
      await ferretSql(`DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '${database}'
          LOOP EXECUTE format('ANALYZE %I.%I', '${database}', t); END LOOP; END $$`);
      // FerretDB's explain runs PostgreSQL's EXPLAIN on the statement it would execute (`_jsonb->$1 @> $2`)
      const plan = (filter: object) => conn.db!.command({ explain: { find: 'things', filter } }).then((r) => JSON.stringify(r));
      expect(await plan({ _id: 't1234' })).toMatch(/"Index Name":"[^"]+_kgin"/);
      expect(await plan({ organizationUuid: 'o17' })).toMatch(/"Index Name":"[^"]+_kgin"/);
      expect(await things.findOne({ _id: 't1234' as never })).toEqual({ _id: 't1234', organizationUuid: 'o34' });
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  (onPostgres ? it : it.skip)('drops a GIN index with the FerretDB index it mirrors, and with its collection', async () => {
    const database = uniqueName('infra_gindrop');
    const conn = await mongoose.createConnection(testMongoUri(), { dbName: database }).asPromise();
    // the fields of the GIN indexes in the database (all on the one table of 'things'), sorted
    const gins = async () =>
      (
        await ferretSql(
          `SELECT substring(indexdef from '_jsonb -> ''([^'']+)''') FROM pg_indexes
            WHERE schemaname = '${database}' AND indexname LIKE '%\\_kgin' AND indexdef LIKE '%USING gin%' ORDER BY 1`,
        )
      )
        .split('\n')
        .filter(Boolean);
    try {
      // mongoose's syncIndexes, as the services run it at start: v1 of the schema, then v2 with other indexes
      const v1 = new mongoose.Schema({ _id: String, organizationUuid: String, kind: String, name: String }, { autoIndex: false });
      v1.index({ organizationUuid: 1 });
      v1.index({ organizationUuid: 1, kind: 1 });
      v1.index({ name: 1 }, { unique: true });
      await conn.model('V1', v1, 'things').syncIndexes();
      await conn.collection('things').insertOne({ _id: 'a' as never, organizationUuid: 'o', kind: 'k', name: 'n' });
      expect(await gins()).toEqual(['_id', 'kind', 'name', 'organizationUuid']);

      const v2 = new mongoose.Schema({ _id: String, organizationUuid: String, kind: String, name: String }, { autoIndex: false });
      v2.index({ organizationUuid: 1, kind: 1 });
      v2.index({ name: 1, kind: 1 }, { unique: true });
      // drops organizationUuid_1 (its field stays in the compound index: the GIN stays) and name_1 (the new index
      // has name as a key: the GIN is made again or stays)
      await conn.model('V2', v2, 'things').syncIndexes();
      expect(await gins()).toEqual(['_id', 'kind', 'name', 'organizationUuid']);

      // the driver's dropIndex: the last index with a field takes the field's GIN with it; _id's stays
      await conn.collection('things').dropIndex('organizationUuid_1_kind_1');
      expect(await gins()).toEqual(['_id', 'kind', 'name']);
      await conn.collection('things').dropIndex('name_1_kind_1');
      expect(await gins()).toEqual(['_id']);
      // recreated with other keys under the same name: the new key's GIN, not the old one's
      await conn.collection('things').createIndex({ kind: 1 }, { name: 'by_what' });
      await conn.collection('things').dropIndex('by_what');
      await conn.collection('things').createIndex({ name: 1 }, { name: 'by_what' });
      expect(await gins()).toEqual(['_id', 'name']);
      expect(await conn.collection('things').findOne({ name: 'n' })).toMatchObject({ _id: 'a' });

      // re-running the installation (as every start does) changes nothing: same indexes, same two triggers
      const everything = () =>
        ferretSql(
          `SELECT string_agg(indexname || ' ' || indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = '${database}'`,
        );
      const triggers = `SELECT string_agg(evtname || ' ' || evtevent || ' ' || evtenabled::text, ', ' ORDER BY evtname) FROM pg_event_trigger`;
      const before = await everything();
      const url = new URL(process.env.KITOS_TEST_POSTGRESQL_URL!);
      url.pathname = '/ferretdb';
      await installGinIndexes(url.toString());
      expect(await everything()).toBe(before);
      expect(await ferretSql(triggers)).toBe('kitos_gin_index_drops sql_drop O, kitos_gin_indexes ddl_command_end O');
      // …but removes an orphan left by an earlier version of the script (which did not follow drops)
      await ferretSql(`DO $$ DECLARE t regclass; BEGIN
          SELECT c.oid INTO t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = '${database}' AND c.relname LIKE 'things\\_%';
          EXECUTE format('CREATE INDEX %I ON %s USING gin ((_jsonb -> ''kind'') jsonb_path_ops)',
                         public.kitos_gin_name(t, '(_jsonb -> ''kind''::text)'), t);
        END $$`);
      expect(await gins()).toEqual(['_id', 'kind', 'name']);
      await installGinIndexes(url.toString());
      expect(await gins()).toEqual(['_id', 'name']);
      expect(await everything()).toBe(before);

      // the collection's drop takes its GIN indexes with it
      await conn.collection('things').drop();
      expect(await gins()).toEqual([]);
      expect(await ferretSql(`SELECT count(*) FROM pg_indexes WHERE schemaname = '${database}' AND indexname LIKE '%\\_kgin'`)).toBe('0');
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });
});
