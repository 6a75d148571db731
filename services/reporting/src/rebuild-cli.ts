/**
 * `npm run reporting:rebuild`: asks the running reporting service to rebuild every read model from the JetStream
 * streams and waits for the result. Reads NATS_URL (as the services do); exits 0 on success, 1 on failure.
 * In Kubernetes: `kubectl exec deploy/reporting -- node dist/services/reporting/src/rebuild-cli.js`.
 */
import { randomUUID } from 'node:crypto';
import { systemCaller } from '@kitos/common';
import { Rpc, type ReadModelRebuildRun } from '@kitos/contracts';
import { closeNats, connectNats } from '@kitos/messaging';

const TIMEOUT_MS = Number(process.env.REBUILD_TIMEOUT_MS ?? 60 * 60 * 1000);

async function main(): Promise<number> {
  const nc = await connectNats({ url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'reporting-rebuild' });
  try {
    const caller = systemCaller(`rebuild-${randomUUID()}`);
    const packet = JSON.stringify({ pattern: Rpc.reporting.readModels.rebuild, data: { caller, data: { wait: true } }, id: randomUUID() });
    process.stdout.write('Rebuilding the read models from the event streams…\n');
    const message = await nc.request(Rpc.reporting.readModels.rebuild, new TextEncoder().encode(packet), { timeout: TIMEOUT_MS });
    const reply = JSON.parse(new TextDecoder().decode(message.data)) as { response?: ReadModelRebuildRun; err?: unknown };
    if (reply.err || !reply.response) {
      process.stderr.write(`Rebuild refused: ${JSON.stringify(reply.err)}\n`);
      return 1;
    }
    const run = reply.response;
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    return run.state === 'succeeded' ? 0 : 1;
  } finally {
    await closeNats(nc);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
