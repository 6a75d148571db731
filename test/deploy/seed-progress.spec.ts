// plain CommonJS so that operators run it with node alone
const { progressOf, requestKind, limiter, timingSummary } = require('../../deploy/seed/seed-demo.js') as {
  progressOf: (log: (line: string) => void, requests: () => number) => (step: string, created?: Record<string, number>) => void;
  requestKind: (method: string, path: string) => string;
  limiter: (limit: number) => <T>(work: () => Promise<T>, first?: boolean) => Promise<T>;
  timingSummary: (
    steps: Array<{ step: string; seconds: number; requests: number }>,
    kinds: Map<string, { count: number; ms: number; retried?: Record<number, number> }>,
    inFlight: number,
  ) => string;
};

describe('demo seed progress', () => {
  it('prints a line per step with what it created, its requests, their time and rate', () => {
    const lines: string[] = [];
    let requests = 0;
    const progress = progressOf(
      (line) => lines.push(line),
      () => requests,
    );

    requests = 40;
    progress('organisations', { organizations: 98, suppliers: 22 });
    progress('units and users', {});

    expect(lines[0]).toMatch(/^seed organisations: 98 organizations, 22 suppliers; 40 requests in \d+\.\d s \(\d+(\.\d)?\/s\)$/);
    expect(lines[1]).toMatch(/^seed units and users: nothing new; 0 requests in \d+\.\d s \(0\.0\/s\)$/);
  });

  it('names a request by its method and path without uuids and query, and sums the kinds by time', () => {
    expect(requestKind('GET', '/api/v2/it-system-usages/0b6e3c1a-8f7d-4c2e-9a1b-2c3d4e5f6a7b/gdpr?x=1')).toBe(
      'GET /api/v2/it-system-usages/{uuid}/gdpr',
    );
    const summary = timingSummary(
      [{ step: 'catalog', seconds: 12.34, requests: 900 }],
      new Map([
        ['GET /a', { count: 10, ms: 1000 }],
        ['POST /b', { count: 4, ms: 8000, retried: { 504: 1 } }],
      ]),
      12,
    );
    expect(summary.split('\n').map((line) => line.trim().replace(/ +/g, ' '))).toEqual([
      'seed timing (at most 12 requests in flight; the steps after the catalogue overlap):',
      'catalog 12.3 s 900 requests',
      'request kinds by summed time (count, mean ms, summed s):',
      'POST /b 4 2000 8.0 retried after 1× 504',
      'GET /a 10 100 1.0',
    ]);
  });

  it('keeps at most the limit of calls running, and runs every call', async () => {
    const slot = limiter(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        slot(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 2 + (i % 3)));
          running--;
          if (i === 7) throw new Error('seven');
          return i;
        }).catch((error: Error) => error.message),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => (i === 7 ? 'seven' : i)));
  });

  it('lets a call marked first go before the calls already waiting', async () => {
    const slot = limiter(1);
    const order: string[] = [];
    const call = (name: string, first = false) =>
      slot(async () => {
        order.push(name);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }, first);
    await Promise.all([call('running'), call('queued 1'), call('queued 2'), call('first', true)]);
    expect(order).toEqual(['running', 'first', 'queued 1', 'queued 2']);
  });
});
