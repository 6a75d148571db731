import type { EventEnvelope } from '@kitos/contracts';
import type { Model } from 'mongoose';
import { KeyedMutex } from './keyed-mutex';
import { OutboxRelay } from './outbox-relay';

describe('OutboxRelay.backlog', () => {
  const counting = (counts: number[]) => {
    const countDocuments = jest.fn(() => ({ exec: () => Promise.resolve(counts.shift() ?? 0) }));
    return { model: { countDocuments } as unknown as Model<Record<string, unknown>>, countDocuments };
  };

  afterEach(() => jest.useRealTimers());

  it('counts the watched collections at most once per backlogMaxAgeMs; callers in between share the count', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const first = counting([3, 5]);
    const second = counting([1, 0]);
    const relay = new OutboxRelay({ publish: () => Promise.resolve() }, new KeyedMutex(), { sweepMs: 60_000, backlogMaxAgeMs: 2000 });
    relay.watch(first.model);
    relay.watch(second.model);
    expect(await Promise.all([relay.backlog(), relay.backlog()])).toEqual([4, 4]);
    jest.setSystemTime(1_001_999);
    expect(await relay.backlog()).toBe(4);
    expect(first.countDocuments).toHaveBeenCalledTimes(1);
    jest.setSystemTime(1_002_000);
    expect(await relay.backlog()).toBe(5);
    expect(first.countDocuments).toHaveBeenCalledTimes(2);
    expect(second.countDocuments).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed count', async () => {
    let fail = true;
    const countDocuments = jest.fn(() => ({ exec: () => (fail ? Promise.reject(new Error('store down')) : Promise.resolve(2)) }));
    const relay = new OutboxRelay({ publish: () => Promise.resolve() }, new KeyedMutex(), { sweepMs: 60_000 });
    relay.watch({ countDocuments } as unknown as Model<Record<string, unknown>>);
    await expect(relay.backlog()).rejects.toThrow('store down');
    fail = false;
    expect(await relay.backlog()).toBe(2);
  });
});

describe('OutboxRelay removing what it published', () => {
  const event = (id: string) => ({ id, type: 'catalog.it-system.created' }) as unknown as EventEnvelope;

  /** A collection of one document with two pending events at version 3; `appendedMeanwhile` makes the version move on. */
  const fakeModel = (appendedMeanwhile: boolean) => {
    const document = { _id: 'doc', version: 3, pendingEvents: [event('e1'), event('e2')] };
    const chain = <T>(value: T) => ({
      sort: () => chain(value),
      limit: () => chain(value),
      lean: () => chain(value),
      exec: () => Promise.resolve(value),
    });
    const updateOne = jest.fn((filter: Record<string, unknown>) =>
      chain({ matchedCount: appendedMeanwhile && 'version' in filter ? 0 : 1 }),
    );
    const model = {
      collection: { collectionName: 'things' },
      find: jest.fn(() => chain([document])),
      findOne: jest.fn(() => chain(document)),
      updateOne,
    } as unknown as Model<Record<string, unknown>>;
    return { model, updateOne };
  };

  const drainOnce = async (model: Model<Record<string, unknown>>) => {
    const published: string[] = [];
    const relay = new OutboxRelay({ publish: async (e) => void published.push(e.id) }, new KeyedMutex(), { sweepMs: 60_000 });
    relay.watch(model);
    relay.start();
    for (let i = 0; i < 50 && relay.sweeps === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await relay.stop();
    return published;
  };

  it('removes every published event and clears the flag in one update when the document is still at the version read', async () => {
    const { model, updateOne } = fakeModel(false);
    expect(await drainOnce(model)).toEqual(['e1', 'e2']);
    const first = updateOne.mock.calls[0] as unknown as [Record<string, unknown>, Record<string, unknown>];
    expect(first[0]).toEqual({ _id: 'doc', version: 3 });
    expect(first[1]).toMatchObject({ $pullAll: { pendingEvents: [event('e1'), event('e2')] }, $set: { hasPendingEvents: false } });
    // the stop's last pass finds the same fake document again: every pass is one update
    expect(updateOne.mock.calls.every(([filter]) => 'version' in (filter as object))).toBe(true);
  });

  it('falls back to pulling and clearing the flag only when empty if events were appended since the read', async () => {
    const { model, updateOne } = fakeModel(true);
    await drainOnce(model);
    const filters = updateOne.mock.calls.slice(0, 3).map(([filter]) => filter);
    expect(filters).toEqual([{ _id: 'doc', version: 3 }, { _id: 'doc' }, { _id: 'doc', pendingEvents: { $size: 0 } }]);
  });
});

describe('OutboxRelay draining many aggregates', () => {
  const event = (id: string) => ({ id, type: 'catalog.it-system.created' }) as unknown as EventEnvelope;
  const chain = <T>(value: T) => ({
    sort: () => chain(value),
    limit: () => chain(value),
    lean: () => chain(value),
    exec: () => Promise.resolve(value),
  });

  /** Ten documents with three events each; the publisher acknowledges after 20 ms and records what was in flight. */
  const run = async (concurrency: number | undefined) => {
    const documents = Array.from({ length: 10 }, (_, d) => ({
      _id: `doc${d}`,
      version: 1,
      pendingEvents: [0, 1, 2].map((e) => event(`d${d}-e${e}`)),
    }));
    const model = {
      collection: { collectionName: 'things' },
      find: jest.fn(() => chain(documents)),
      findOne: jest.fn(() => chain(null)),
      updateOne: jest.fn(() => chain({ matchedCount: 1 })),
    } as unknown as Model<Record<string, unknown>>;
    const published: string[] = [];
    let inFlight = 0;
    let widest = 0;
    const publish = async (e: EventEnvelope) => {
      inFlight++;
      widest = Math.max(widest, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      published.push(e.id);
    };
    const relay = new OutboxRelay({ publish }, new KeyedMutex(), { sweepMs: 60_000, concurrency });
    relay.watch(model);
    const started = Date.now();
    relay.start();
    for (let i = 0; i < 500 && relay.published < 30; i++) await new Promise((r) => setTimeout(r, 5));
    const tookMs = Date.now() - started;
    await relay.stop();
    return { published, widest, tookMs };
  };

  it('publishes different aggregates together, each aggregate’s events in order', async () => {
    const { published, widest, tookMs } = await run(undefined);
    expect(widest).toBe(10);
    // 3 rounds of 20 ms, not 30 publishes one after the other (600 ms)
    expect(tookMs).toBeLessThan(400);
    for (let d = 0; d < 10; d++)
      expect(published.filter((id) => id.startsWith(`d${d}-`)).slice(0, 3)).toEqual([`d${d}-e0`, `d${d}-e1`, `d${d}-e2`]);
  });

  it('keeps to the configured width (1: one document after the other)', async () => {
    const { published, widest } = await run(1);
    expect(widest).toBe(1);
    expect(published.slice(0, 6)).toEqual(['d0-e0', 'd0-e1', 'd0-e2', 'd1-e0', 'd1-e1', 'd1-e2']);
  });
});
