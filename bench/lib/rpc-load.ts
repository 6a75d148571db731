import { machineMeter, type CpuUsage } from './cpu';
import { round, summarize, type LatencySummary } from './stats';

export interface RpcLoadResult {
  readonly label: string;
  readonly inFlight: number;
  readonly durationS: number;
  readonly rps: number;
  readonly ok: number;
  readonly failed: number;
  readonly latency: LatencySummary;
  readonly cpu: CpuUsage;
}

async function loop(
  call: () => Promise<unknown>,
  inFlight: number,
  durationMs: number,
  samples?: number[],
): Promise<{ ok: number; failed: number }> {
  const end = performance.now() + durationMs;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const began = performance.now();
      try {
        await call();
        ok++;
        samples?.push(performance.now() - began);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { ok, failed };
}

/** Keeps `inFlight` calls outstanding for `durationS` seconds (after a warm-up) and reports rate and latency. */
export async function rpcLoad(options: {
  label: string;
  call: () => Promise<unknown>;
  inFlight: number;
  durationS: number;
  warmupS: number;
  cpu: Readonly<Record<string, number | undefined>>;
}): Promise<RpcLoadResult> {
  if (options.warmupS > 0) await loop(options.call, options.inFlight, options.warmupS * 1000);
  const samples: number[] = [];
  const cpu = machineMeter(options.cpu);
  const began = performance.now();
  const { ok, failed } = await loop(options.call, options.inFlight, options.durationS * 1000, samples);
  const seconds = (performance.now() - began) / 1000;
  return {
    label: options.label,
    inFlight: options.inFlight,
    durationS: round(seconds, 2),
    rps: round(ok / seconds, 0),
    ok,
    failed,
    latency: summarize(samples),
    cpu: cpu(),
  };
}
