import autocannon from 'autocannon';
import { machineMeter, type CpuUsage } from './cpu';
import { round, summarize, type LatencySummary } from './stats';

export interface HttpLoadOptions {
  readonly label: string;
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  /** A new body per request (unique names for writes); the request is sent with this body. */
  readonly body?: () => string;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** The status a successful response has; anything else counts as an error. */
  readonly expectStatus: number;
  /** Processes whose CPU use is recorded during the measured run. */
  readonly cpu: Readonly<Record<string, number | undefined>>;
}

export interface HttpLoadResult {
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  /** Responses with the expected status per second. */
  readonly rps: number;
  readonly ok: number;
  /** Responses with the expected status during the warm-up (not measured). */
  readonly warmupOk: number;
  /** Responses with another status, connection errors and timeouts. */
  readonly failed: number;
  readonly statusCodes: Record<string, number>;
  /** Latency of the successful responses, measured per response (sub-millisecond). */
  readonly latency: LatencySummary;
  /** autocannon's own (whole-millisecond) histogram, for comparison with other autocannon runs. */
  readonly autocannon: { readonly rpsAverage: number; readonly p50: number; readonly p99: number };
  readonly cpu: CpuUsage;
}

function run(options: HttpLoadOptions, durationS: number, onResponse?: (status: number, ms: number) => void): Promise<autocannon.Result> {
  const { pathname, search, origin } = new URL(options.url);
  const body = options.body;
  const instance = autocannon({
    url: origin,
    connections: options.connections,
    duration: durationS,
    timeout: 10,
    requests: [
      {
        method: options.method ?? 'GET',
        path: pathname + search,
        headers: options.headers,
        ...(body ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }) } : {}),
      },
    ],
  });
  if (onResponse) {
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) =>
      onResponse(statusCode, responseTime),
    );
  }
  return Promise.resolve(instance);
}

/** A warm-up run, then the measured run of `durationS` seconds with `connections` keep-alive connections. */
export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const warmup = options.warmupS > 0 ? await run(options, options.warmupS) : undefined;
  const warmupOk = warmup?.statusCodeStats[String(options.expectStatus)]?.count ?? 0;
  const samples: number[] = [];
  const cpu = machineMeter(options.cpu);
  const result = await run(options, options.durationS, (status, ms) => {
    if (status === options.expectStatus) samples.push(ms);
  });
  const usage = cpu();
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const ok = statusCodes[String(options.expectStatus)] ?? 0;
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    label: options.label,
    method: options.method ?? 'GET',
    url: options.url,
    connections: options.connections,
    durationS: result.duration,
    rps: round(ok / result.duration, 0),
    ok,
    warmupOk,
    failed: responses - ok + result.errors + result.timeouts,
    statusCodes,
    latency: summarize(samples),
    autocannon: { rpsAverage: round(result.requests.average, 0), p50: result.latency.p50, p99: result.latency.p99 },
    cpu: usage,
  };
}
