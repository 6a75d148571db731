import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { connect } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { postgresBinDir } from './binaries';
import { resetJetStream, testMongoUri, testNatsUrl, uniqueName } from './infra';
import { storeBackend } from './processes';

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
});
