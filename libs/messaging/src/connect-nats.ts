import { connect, type NatsConnection } from 'nats';
import { connectionWatch } from './connection-watch';
import { natsConnectionOptions } from './nats-url';

export interface NatsClientOptions {
  /** NATS_URL-style servers, credentials allowed in the URL: `nats://user:pass@host:4222`. */
  readonly url: string;
  /** Connection name shown by the server's monitoring, usually the service name. */
  readonly name: string;
}

/** Connects with the settings every service uses: retries forever, also for the first connection, so a service can boot while NATS starts. */
export async function connectNats(options: NatsClientOptions): Promise<NatsConnection> {
  const nc = await connect({
    ...natsConnectionOptions(options.url),
    name: options.name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    // no stack capture per request and subscription (three `new Error()` each, for the trace of a possible timeout):
    // a measurable part of every RPC and pull; a timeout still fails with its code and subject
    noAsyncTraces: true,
  });
  connectionWatch(nc);
  return nc;
}

/** Drains the connection (lets subscriptions finish and flushes publishes); closes it outright if draining takes longer than `timeoutMs`. */
export async function closeNats(nc: NatsConnection, timeoutMs = 5000): Promise<void> {
  if (nc.isClosed()) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const drained = nc.drain().then(
    () => true,
    () => false,
  );
  const ok = await Promise.race([drained, deadline]);
  clearTimeout(timer);
  if (!ok) await nc.close();
}
