import { pause, recoveryDelayMs, retryDelayMs, retryInBackground } from './retry';

describe('retryDelayMs', () => {
  it('waits the n-th backoff value after the n-th failed delivery', () => {
    expect([1, 2, 3].map((delivery) => retryDelayMs([1000, 5000, 15000], delivery))).toEqual([1000, 5000, 15000]);
  });

  it('repeats the last backoff value once the list is used up', () => {
    expect(retryDelayMs([50, 100], 7)).toBe(100);
  });

  it('redelivers at once without a backoff list', () => {
    expect(retryDelayMs([], 2)).toBe(0);
  });
});

describe('recoveryDelayMs', () => {
  it('starts short and is capped at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(recoveryDelayMs)).toEqual([250, 500, 1000, 2000, 5000, 5000, 5000]);
  });
});

describe('pause', () => {
  it('ends early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const paused = pause(60_000, controller.signal);
    controller.abort();
    await paused;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('retryInBackground', () => {
  it('reports the first failure, then retries until the task succeeds', async () => {
    let calls = 0;
    const errors: number[] = [];
    const { firstAttempt, done } = retryInBackground(
      async () => {
        calls++;
        if (calls < 2) throw new Error('not yet');
      },
      { signal: new AbortController().signal, onError: (_error, retryInMs) => errors.push(retryInMs) },
    );
    await firstAttempt;
    expect(calls).toBe(1);
    await done;
    expect(calls).toBe(2);
    expect(errors).toEqual([250]);
  });

  it('gives up when aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    const { firstAttempt, done } = retryInBackground(
      async () => {
        calls++;
        throw new Error('never');
      },
      { signal: controller.signal, onError: () => undefined },
    );
    await firstAttempt;
    controller.abort();
    await done;
    expect(calls).toBe(1);
  });
});
