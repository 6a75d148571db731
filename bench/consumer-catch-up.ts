/**
 * Catch-up rate of a durable event consumer (issue 14): publishes BENCH_CONSUMER_EVENTS events to a stream of its own
 * NATS server, then lets a DurableEventConsumer with each batch size of BENCH_CONSUMER_BATCHES (a fresh durable each
 * time, so each starts at the stream's first event) work through the backlog, and reports events per second and the
 * ratio of each batch size to the first one. Rounds are interleaved (1, 64, 1, 64, …) and each size's best round counts,
 * so that a moment of foreign load hurts one round rather than one size. Not a Jest suite.
 *
 *   bash bench/consumer-catch-up.sh     (compiles bench/ like bench/run.sh, then runs this file)
 *
 * Settings (environment):
 *   BENCH_CONSUMER_EVENTS (5000)        events in the backlog
 *   BENCH_CONSUMER_BATCHES (1,64)       batch sizes compared; the first is the baseline of the ratios
 *   BENCH_CONSUMER_ROUNDS (2)           interleaved rounds
 *   BENCH_CONSUMER_HANDLER_MS (0)       simulated handler time per event (an awaited timer); 0 = a handler doing nothing
 *   BENCH_CONSUMER_LIMIT_S (120)        longest a round may take; the rate then counts the events handled by then
 *   BENCH_OUT                           result file (bench/results/consumer-catch-up.json)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { streamOf } from '@kitos/contracts';
import { connectNats, DurableEventConsumer, ensureStream, EventPublisher } from '@kitos/messaging';
import { startNats } from '@kitos/testing';
import { itSystemCreated } from '../test/integration/messaging/messaging-fixtures';
import { machineMeter } from './lib/cpu';
import { round, sleep } from './lib/stats';
import { ROOT } from './lib/system';

const EVENTS = Number(process.env.BENCH_CONSUMER_EVENTS ?? 5000);
const BATCHES = (process.env.BENCH_CONSUMER_BATCHES ?? '1,64').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_CONSUMER_ROUNDS ?? 2);
const HANDLER_MS = Number(process.env.BENCH_CONSUMER_HANDLER_MS ?? 0);
const LIMIT_MS = Number(process.env.BENCH_CONSUMER_LIMIT_S ?? 120) * 1000;
const OUT_FILE = process.env.BENCH_OUT ?? join(ROOT, 'bench', 'results', 'consumer-catch-up.json');
const CATALOG = streamOf('catalog');

interface RoundResult {
  readonly batchSize: number;
  readonly round: number;
  readonly handled: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** % of one core: this process (consumer and handler), NATS, and everything else on the machine. */
  readonly cpu: Record<string, number>;
  readonly loadAverage: number;
}

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: (m) => console.error(m) };

async function main(): Promise<void> {
  process.env.PATH = `${join(ROOT, '.tools', 'bin')}:${process.env.PATH ?? ''}`;
  const dir = mkdtempSync(join(os.tmpdir(), 'kitos-bench-consumer-'));
  const nats = await startNats({ dir });
  const nc = await connectNats({ url: `nats://127.0.0.1:${nats.port}`, name: 'bench-consumer-catch-up' });
  try {
    await ensureStream(await nc.jetstreamManager(), CATALOG);
    const publisher = new EventPublisher(nc);
    const publishStarted = performance.now();
    for (let i = 0; i < EVENTS; i += 200) {
      await Promise.all(Array.from({ length: Math.min(200, EVENTS - i) }, () => publisher.publish(itSystemCreated())));
    }
    console.log(`[bench] ${EVENTS} events published in ${round((performance.now() - publishStarted) / 1000, 1)} s`);

    const results: RoundResult[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      for (const batchSize of BATCHES) {
        const result = await catchUp(nc, nats.pid, batchSize, r);
        results.push(result);
        console.log(
          `[bench] round ${r}, batch ${batchSize}: ${result.handled} events in ${result.seconds} s = ${result.eventsPerSecond} events/s ` +
            `(CPU % of a core: ${JSON.stringify(result.cpu)}, load average ${result.loadAverage})`,
        );
      }
    }
    report(results);
  } finally {
    await nc.close();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function catchUp(
  nc: Awaited<ReturnType<typeof connectNats>>,
  natsPid: number | undefined,
  batchSize: number,
  r: number,
): Promise<RoundResult> {
  const durable = `bench-b${batchSize}-r${r}`;
  let handled = 0;
  const consumer = new DurableEventConsumer(
    nc,
    { stream: CATALOG.name, durable, batchSize },
    async () => {
      if (HANDLER_MS > 0) await sleep(HANDLER_MS);
      handled++;
    },
    quiet,
  );
  const cpu = machineMeter({ runner: process.pid, nats: natsPid });
  const started = performance.now();
  await consumer.start();
  while (consumer.stats().acked < EVENTS && performance.now() - started < LIMIT_MS) await sleep(20);
  const seconds = (performance.now() - started) / 1000;
  const usage = cpu();
  const acked = consumer.stats().acked;
  await consumer.stop();
  await (await nc.jetstreamManager()).consumers.delete(CATALOG.name, durable);
  return {
    batchSize,
    round: r,
    handled: Math.min(handled, acked),
    seconds: round(seconds, 2),
    eventsPerSecond: round(acked / seconds, 1),
    cpu: usage,
    loadAverage: round(os.loadavg()[0], 1),
  };
}

function report(results: readonly RoundResult[]): void {
  const best = new Map<number, RoundResult>();
  for (const result of results) {
    const current = best.get(result.batchSize);
    if (!current || result.eventsPerSecond > current.eventsPerSecond) best.set(result.batchSize, result);
  }
  const baseline = best.get(BATCHES[0]);
  console.log(`\nDurable consumer catch-up, ${EVENTS} events, handler ${HANDLER_MS} ms, best of ${ROUNDS} rounds`);
  console.log('batch size | events/s | ratio to batch ' + BATCHES[0] + ' | seconds | CPU runner / NATS / other (% of a core)');
  for (const batchSize of BATCHES) {
    const b = best.get(batchSize)!;
    const ratio = baseline ? round(b.eventsPerSecond / baseline.eventsPerSecond, 1) : NaN;
    console.log(`${batchSize} | ${b.eventsPerSecond} | ${ratio}× | ${b.seconds} | ${b.cpu.runner} / ${b.cpu.nats} / ${b.cpu.other}`);
  }
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  const summary = { events: EVENTS, handlerMs: HANDLER_MS, rounds: ROUNDS, cores: os.cpus().length, results };
  writeFileSync(OUT_FILE, JSON.stringify(summary, null, 2) + '\n');
  console.log(`\n[bench] written to ${OUT_FILE}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
