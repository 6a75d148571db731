import { machineMeter, type CpuUsage } from './cpu';
import { round, summarize, type LatencySummary } from './stats';

export interface ClosedLoadResult {
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly connections: number;
  /** From the start until the last request begun before the deadline has answered. */
  readonly durationS: number;
  /** Responses with the expected status per second. */
  readonly rps: number;
  readonly ok: number;
  readonly failed: number;
  readonly statusCodes: Record<string, number>;
  readonly latency: LatencySummary;
  readonly cpu: CpuUsage;
}

/**
 * A closed loop of `connections` keep-alive clients, each sending its next request when the previous one answered,
 * for `durationS` seconds; requests in flight at the deadline are waited for and counted, so that a read that takes
 * longer than the window still yields samples (autocannon drops them). Used by the growth benchmark, where one
 * request at 100 000 objects can take seconds. A warm-up of `warmupS` runs first, unmeasured.
 */
export async function closedLoad(options: {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: () => string;
  connections: number;
  durationS: number;
  warmupS: number;
  expectStatus: number;
  timeoutMs?: number;
  cpu: Readonly<Record<string, number | undefined>>;
}): Promise<ClosedLoadResult> {
  const method = options.method ?? 'GET';
  const timeoutMs = options.timeoutMs ?? 60000;
  const statusCodes: Record<string, number> = {};
  const samples: number[] = [];
  let failed = 0;
  const loop = async (deadline: number, measured: boolean) => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        // Node's fetch keeps connections alive: at most `connections` are open, one per client loop
        const response = await fetch(options.url, {
          method,
          headers: options.headers,
          body: options.body?.(),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
        if (!measured) continue;
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
        if (response.status === options.expectStatus) samples.push(performance.now() - started);
        else failed++;
      } catch {
        if (measured) failed++;
      }
    }
  };
  const clients = (deadline: number, measured: boolean) =>
    Promise.all(Array.from({ length: options.connections }, () => loop(deadline, measured)));
  {
    if (options.warmupS > 0) await clients(performance.now() + options.warmupS * 1000, false);
    const cpu = machineMeter(options.cpu);
    const began = performance.now();
    await clients(began + options.durationS * 1000, true);
    const seconds = (performance.now() - began) / 1000;
    return {
      label: options.label,
      method,
      url: options.url,
      connections: options.connections,
      durationS: round(seconds, 2),
      rps: round(samples.length / seconds, 1),
      ok: samples.length,
      failed,
      statusCodes,
      latency: summarize(samples),
      cpu: cpu(),
    };
  }
}
