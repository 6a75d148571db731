import type { ConnectionOptions } from 'nats';

/**
 * Connection options from NATS_URL-style settings. The nats.js client ignores credentials inside a URL,
 * so `nats://user:password@host:port` (comma-separated for a cluster) is split into servers, user and pass.
 */
export function natsConnectionOptions(urls: string): Pick<ConnectionOptions, 'servers' | 'user' | 'pass'> {
  const servers: string[] = [];
  let user: string | undefined;
  let pass: string | undefined;
  for (const raw of urls
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parsed = new URL(raw.includes('://') ? raw : `nats://${raw}`);
    if (parsed.username) {
      user = decodeURIComponent(parsed.username);
      pass = decodeURIComponent(parsed.password);
    }
    servers.push(`${parsed.hostname}:${parsed.port || '4222'}`);
  }
  return { servers, ...(user ? { user, pass } : {}) };
}
