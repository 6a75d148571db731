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

  it('empties the outbox and clears the flag in one update when the document is still at the version read', async () => {
    const { model, updateOne } = fakeModel(false);
    expect(await drainOnce(model)).toEqual(['e1', 'e2']);
    const first = updateOne.mock.calls[0] as unknown as [Record<string, unknown>, Record<string, unknown>];
    expect(first[0]).toEqual({ _id: 'doc', version: 3 });
    expect(first[1]).toEqual({ $set: { pendingEvents: [], hasPendingEvents: false } });
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
    // 3 rounds of 20 ms, not 30 publishes one after the other: those take at least 600 ms however idle the machine,
    // so anything below proves the rounds overlapped (and no 60 s sweep was waited for), however loaded it is (a
    // bound of 400 ms measured the machine: three 20 ms timers and the 5 ms polling under load)
    expect(tookMs).toBeLessThan(600);
    for (let d = 0; d < 10; d++)
      expect(published.filter((id) => id.startsWith(`d${d}-`)).slice(0, 3)).toEqual([`d${d}-e0`, `d${d}-e1`, `d${d}-e2`]);
  });

  it('keeps to the configured width (1: one document after the other)', async () => {
    const { published, widest } = await run(1);
    expect(widest).toBe(1);
    expect(published.slice(0, 6)).toEqual(['d0-e0', 'd0-e1', 'd0-e2', 'd1-e0', 'd1-e1', 'd1-e2']);
  });
});

describe('OutboxRelay publishing what the nudge carries', () => {
  const event = (id: string) =>
    ({ id, type: 'catalog.it-system.created', occurredAt: '2026-12-07T12:00:00.000Z' }) as unknown as EventEnvelope;
  const chain = <T>(value: T) => ({
    sort: () => chain(value),
    limit: () => chain(value),
    lean: () => chain(value),
    exec: () => Promise.resolve(value),
  });
  type Filter = Record<string, unknown>;

  /** A collection whose sweep finds nothing; `stored` is what a read by `_id` returns; updates match unless `moved`. */
  const fakeModel = (options: { stored?: unknown; moved?: (filter: Filter) => boolean } = {}) => {
    const updateOne = jest.fn((filter: Filter, _update: Filter) => chain({ matchedCount: options.moved?.(filter) ? 0 : 1 }));
    const findOne = jest.fn(() => chain(options.stored ?? null));
    const model = {
      collection: { collectionName: 'things' },
      find: jest.fn(() => chain([])),
      findOne,
      updateOne,
    } as unknown as Model<Record<string, unknown>>;
    return { model, updateOne, findOne };
  };

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(condition()).toBe(true);
  };

  const startedRelay = async (publish: (e: EventEnvelope) => Promise<unknown>, model: Model<Record<string, unknown>>) => {
    const relay = new OutboxRelay({ publish }, new KeyedMutex(), { sweepMs: 60_000, retryMs: 20 });
    relay.watch(model);
    relay.start();
    await until(() => relay.sweeps === 1);
    return relay;
  };

  it('publishes an insert’s events without reading, then an update of the version it emptied; reads otherwise', async () => {
    const { model, updateOne, findOne } = fakeModel({ stored: { _id: 'doc', version: 6, pendingEvents: [event('e6')] } });
    const published: string[] = [];
    const relay = await startedRelay(async (e) => void published.push(e.id), model);

    relay.nudge(model, 'doc', { version: 1, previousVersion: null, events: [event('e1')] });
    await until(() => relay.published === 1);
    expect(findOne).not.toHaveBeenCalled();
    expect(updateOne.mock.calls[0]).toEqual([
      { _id: 'doc', version: 1 },
      { $set: { pendingEvents: [], hasPendingEvents: false } },
      { strict: false },
    ]);

    relay.nudge(model, 'doc', { version: 2, previousVersion: 1, events: [event('e2')] });
    await until(() => relay.published === 2);
    expect(findOne).not.toHaveBeenCalled();
    expect(updateOne.mock.calls[1][0]).toEqual({ _id: 'doc', version: 2 });

    // a write without events leaves the outbox empty: the next one is published unread too
    relay.nudge(model, 'doc', { version: 3, previousVersion: 2, events: [] });
    relay.nudge(model, 'other', { version: 1, previousVersion: null, events: [event('o1')] });
    await until(() => relay.published === 3);
    relay.nudge(model, 'doc', { version: 4, previousVersion: 3, events: [event('e4')] });
    await until(() => relay.published === 4);
    expect(findOne).not.toHaveBeenCalled();

    // version 5 was written by someone else (or its nudge was lost): the relay cannot know what version 6 holds
    relay.nudge(model, 'doc', { version: 6, previousVersion: 5, events: [event('e6')] });
    await until(() => relay.published === 5);
    expect(findOne).toHaveBeenCalledTimes(1);
    expect(published).toEqual(['e1', 'e2', 'o1', 'e4', 'e6']);
    expect(relay.unread).toBe(4);
    await relay.stop();
  });

  it('drains the next document while a slow one waits for its acknowledgement, one drain per document at a time', async () => {
    const { model } = fakeModel();
    const published: string[] = [];
    const inFlight = new Set<string>();
    let overlapped = false;
    const publish = async (e: EventEnvelope) => {
      const doc = e.id.slice(0, 1);
      if (inFlight.has(doc)) overlapped = true;
      inFlight.add(doc);
      await new Promise((r) => setTimeout(r, e.id === 'a1' ? 200 : 5));
      inFlight.delete(doc);
      published.push(e.id);
    };
    const relay = await startedRelay(publish, model);

    relay.nudge(model, 'a', { version: 1, previousVersion: null, events: [event('a1')] });
    relay.nudge(model, 'b', { version: 1, previousVersion: null, events: [event('b1')] });
    await until(() => published.includes('b1'));
    // a's update arrives while a1 is still unacknowledged: it waits for a1's drain
    relay.nudge(model, 'a', { version: 2, previousVersion: 1, events: [event('a2')] });
    expect(published).toEqual(['b1']);
    await until(() => relay.published === 3);
    expect(published).toEqual(['b1', 'a1', 'a2']);
    expect(overlapped).toBe(false);
    await relay.stop();
  });

  it('keeps the events of a failed publish: backs off, then the sweep finds the document and publishes them', async () => {
    const stored = { _id: 'doc', version: 1, pendingEvents: [event('e1')] };
    const { model, updateOne } = fakeModel();
    let swept = false;
    (model.find as jest.Mock).mockImplementation(() => chain(swept ? [stored] : []));
    const published: string[] = [];
    let attempts = 0;
    const relay = await startedRelay(async (e) => {
      if (++attempts === 1) throw new Error('no stream answered');
      published.push(e.id);
    }, model);
    swept = true;

    relay.nudge(model, 'doc', { version: 1, previousVersion: null, events: [event('e1')] });
    await until(() => relay.lastError === 'no stream answered');
    expect(updateOne).not.toHaveBeenCalled();
    await until(() => relay.published === 1);
    expect(relay.sweeps).toBe(2);
    expect(relay.lastError).toBeUndefined();
    expect(published).toEqual(['e1']);
    await relay.stop();
  });

  it('pulls the stored copies of what it published from the nudge when a write moved the document on meanwhile', async () => {
    const storedCopy = { ...event('e1'), stored: true };
    const { model, updateOne, findOne } = fakeModel({
      stored: { _id: 'doc', version: 2, pendingEvents: [storedCopy, event('e2')] },
      moved: (filter) => 'version' in filter,
    });
    const relay = await startedRelay(async () => undefined, model);

    relay.nudge(model, 'doc', { version: 1, previousVersion: null, events: [event('e1')] });
    await until(() => relay.published === 1);
    await relay.stop();
    expect(findOne).toHaveBeenCalledTimes(1);
    expect(updateOne.mock.calls.slice(0, 3).map(([filter, update]) => [filter, update])).toEqual([
      [{ _id: 'doc', version: 1 }, { $set: { pendingEvents: [], hasPendingEvents: false } }],
      [{ _id: 'doc' }, { $pullAll: { pendingEvents: [storedCopy] } }],
      [{ _id: 'doc', pendingEvents: { $size: 0 } }, { $set: { hasPendingEvents: false } }],
    ]);
  });
});
