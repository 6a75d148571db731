import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__KITOS_TEST_SERVERS__;
  if (!servers) return;
  await Promise.all([servers.nats.stop(), servers.store.stop()]);
  rmSync(servers.dir, { recursive: true, force: true });
}
