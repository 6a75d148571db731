import { Events, type NatsConnection, type Status } from 'nats';

type StatusListener = (status: Status) => void;

const watches = new WeakMap<NatsConnection, ConnectionWatch>();

/**
 * Whether a connection is up, from its status events: nats.js 2.x has no `isConnected()`, and it discards whatever is
 * published while disconnected (a request then only times out). One per connection, see `connectionWatch()`.
 */
export class ConnectionWatch {
  private up = true;
  private readonly listeners = new Set<StatusListener>();
  private waiters: (() => void)[] = [];

  constructor(private readonly nc: NatsConnection) {
    void this.follow();
  }

  get connected(): boolean {
    return this.up && !this.nc.isClosed();
  }

  /** Calls `listener` with every later status event until the returned function is called. */
  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once the connection is up, or when `signal` aborts. */
  async whenConnected(signal: AbortSignal): Promise<void> {
    if (this.up || signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private async follow(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) this.up = false;
      if (status.type === Events.Reconnect) {
        this.up = true;
        for (const wake of this.waiters.splice(0)) wake();
      }
      for (const notify of this.listeners) notify(status);
    }
  }
}

/** The watch of `nc`, started on first use and assuming the connection is up then: `connectNats()` starts it at once. */
export function connectionWatch(nc: NatsConnection): ConnectionWatch {
  let watch = watches.get(nc);
  if (!watch) {
    watch = new ConnectionWatch(nc);
    watches.set(nc, watch);
  }
  return watch;
}
