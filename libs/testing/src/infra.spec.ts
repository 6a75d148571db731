import mongoose from 'mongoose';
import { connect } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { resetJetStream, testMongoUri, testNatsUrl, uniqueName } from './infra';

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
