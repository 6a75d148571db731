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
