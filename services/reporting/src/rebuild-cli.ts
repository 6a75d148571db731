/**
 * `npm run reporting:rebuild [-- --accept-invalid] [--deadline-seconds N]`: asks the running reporting service to
 * rebuild every read model from the JetStream streams, prints a line per stream and step with counts and rate while
 * it runs, then the account of every stream. Reads NATS_URL (as the services do); exits 0 when the run succeeded,
 * 1 otherwise. In Kubernetes: `kubectl exec deploy/reporting -- node dist/services/reporting/src/rebuild-cli.js`.
 */
import { randomUUID } from 'node:crypto';
import { systemCaller } from '@kitos/common';
import { Rpc, type ReadModelRebuildRun, type RebuildStreamReport } from '@kitos/contracts';
import { closeNats, connectNats, NatsRpcClient } from '@kitos/messaging';

const TIMEOUT_MS = Number(process.env.REBUILD_TIMEOUT_MS ?? 60 * 60 * 1000);
const POLL_MS = 1000;
const REQUEST_TIMEOUT_MS = 30_000;

function parseOptions(argv: readonly string[]): { acceptInvalid: boolean; deadlineSeconds?: number } {
  const at = argv.indexOf('--deadline-seconds');
  return { acceptInvalid: argv.includes('--accept-invalid'), ...(at >= 0 ? { deadlineSeconds: Number(argv[at + 1]) } : {}) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
const count = (n: number) => n.toLocaleString('en-US').padStart(8);

/** Prints what changed since the last look: a line per step, and per stream while it is read (counts and rate). */
export class ProgressPrinter {
  private step = '';
  private readonly seen = new Map<string, { read: number; at: number }>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly startedAt: number,
  ) {}

  update(run: ReadModelRebuildRun, now: number): void {
    const elapsed = now - this.startedAt;
    if (run.step !== this.step) {
      this.step = run.step;
      this.write(`[${seconds(elapsed)}] ${run.step}`);
    }
    for (const stream of run.streams) {
      const before = this.seen.get(stream.stream);
      if (before && before.read === stream.read) continue;
      if (!before && stream.read === 0 && stream.expected > 0) continue;
      const rate = before
        ? ((stream.read - before.read) * 1000) / Math.max(now - before.at, 1)
        : (stream.read * 1000) / Math.max(elapsed, 1);
      this.seen.set(stream.stream, { read: stream.read, at: now });
      this.write(
        `[${seconds(elapsed)}]   ${stream.stream.padEnd(10)} ${count(stream.read)} / ${count(stream.expected)} read, ` +
          `${count(stream.applied)} applied, ${count(stream.skipped)} skipped  ${Math.round(rate).toLocaleString('en-US')} events/s`,
      );
    }
  }
}

/** The final account: one row per stream, the skipped messages with their reasons, the outcome. */
export function summary(run: ReadModelRebuildRun): string[] {
  const row = (cells: Array<string | number>) => cells.map((c, i) => (i === 0 ? String(c).padEnd(10) : String(c).padStart(9))).join(' ');
  const lines = [row(['stream', 'last seq', 'expected', 'read', 'applied', 'ignored', 'skipped', 'missing', 'caught up'])];
  const streams: RebuildStreamReport[] = run.streams;
  for (const s of streams)
    lines.push(row([s.stream, s.lastSequence, s.expected, s.read, s.applied, s.ignored, s.skipped, s.missing, s.caughtUp]));
  for (const s of streams)
    for (const skipped of s.skippedEvents) lines.push(`skipped ${s.stream} #${skipped.sequence} (${skipped.subject}): ${skipped.reason}`);
  lines.push(
    `Rebuild ${run.state} (${run.switched ? 'switched in' : 'live read models unchanged'})` +
      `${run.tookMs !== null ? ` in ${(run.tookMs / 1000).toFixed(1)} s` : ''}${run.error ? `: ${run.error}` : ''}`,
  );
  return lines;
}

/** The command: starts a rebuild, follows it with progress lines, prints the account; 0 when the run succeeded. */
export async function rebuildCommand(options: {
  natsUrl: string;
  argv: readonly string[];
  write: (line: string) => void;
  timeoutMs?: number;
}): Promise<number> {
  const nc = await connectNats({ url: options.natsUrl, name: 'reporting-rebuild' });
  try {
    const rpc = new NatsRpcClient(nc, { rpcTimeoutMs: REQUEST_TIMEOUT_MS });
    const caller = systemCaller(`rebuild-${randomUUID()}`);
    const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    const started = Date.now();
    let run = await rpc.request<ReadModelRebuildRun>(Rpc.reporting.readModels.rebuild, caller, parseOptions(options.argv));
    options.write(`Rebuilding the read models from the event streams (run ${run.uuid})`);
    const printer = new ProgressPrinter(options.write, started);
    while (run.state === 'running') {
      if (Date.now() - started > timeoutMs) throw new Error(`no result within ${timeoutMs} ms; the run goes on in the service`);
      printer.update(run, Date.now());
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      run = await rpc.request<ReadModelRebuildRun>(Rpc.reporting.readModels.run, caller, { uuid: run.uuid });
    }
    printer.update(run, Date.now());
    summary(run).forEach(options.write);
    return run.state === 'succeeded' ? 0 : 1;
  } finally {
    await closeNats(nc);
  }
}

if (require.main === module)
  rebuildCommand({
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    argv: process.argv.slice(2),
    write: (line) => process.stdout.write(`${line}\n`),
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
