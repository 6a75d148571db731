import { createRequire } from 'node:module';

/**
 * How often a connection pool without a minimum size looks for perished connections (see slowIdlePoolChecks).
 * A perished connection (of a pool generation before a clear, i.e. opened before the store went away) is also
 * dropped when it is next checked out, so this only bounds how long such an idle socket stays open.
 */
export const IDLE_POOL_CHECK_MS = 10_000;

/** The driver internals this relies on (mongodb 6–7, `lib/cmap/connection_pool.js`). */
interface PoolInternals {
  options: { readonly minPoolSize: number };
  poolState: string;
  connections: { prune(perished: (connection: unknown) => boolean): void };
  destroyConnectionIfPerished(connection: unknown): boolean;
  minPoolSizeTimer: NodeJS.Timeout | undefined;
  ensureMinPoolSize(): void;
}

let installed: boolean | undefined;

/**
 * The mongodb driver's connection pool re-checks its minimum size every 100 ms (`minPoolSizeCheckFrequencyMS`, an
 * option the driver keeps for its own tests and refuses from callers), also when the minimum is 0 and all that check
 * can do is drop perished connections. Measured on an idle client: 0.15 % of a core per pool; every service has two
 * pools (its own and the writer lease's), so that timer alone was about a third of each idle service's CPU.
 *
 * This makes a pool with `minPoolSize: 0` (what every pool here uses) do that check every IDLE_POOL_CHECK_MS
 * instead; a pool with a minimum keeps the driver's own behaviour. Installed once per process, before the first
 * connection; answers whether the driver has the expected shape (if not, nothing is changed).
 */
export function slowIdlePoolChecks(): boolean {
  if (installed !== undefined) return installed;
  // the driver mongoose itself loads (the pool is not part of the driver's public API, hence no typings)
  let pool: { ConnectionPool?: { prototype: unknown } };
  try {
    pool = createRequire(require.resolve('mongoose'))('mongodb/lib/cmap/connection_pool') as typeof pool;
  } catch {
    return (installed = false); // another driver layout: leave it as it is
  }
  const proto = (pool.ConnectionPool?.prototype ?? {}) as PoolInternals;
  const original = proto.ensureMinPoolSize;
  installed =
    typeof original === 'function' &&
    typeof (proto as Partial<PoolInternals>).destroyConnectionIfPerished === 'function' &&
    original.toString().includes('minPoolSizeCheckFrequencyMS');
  if (!installed) return false;
  proto.ensureMinPoolSize = function (this: PoolInternals): void {
    if (this.options.minPoolSize > 0) return original.call(this);
    if (this.poolState !== 'ready') return;
    this.connections.prune((connection) => this.destroyConnectionIfPerished(connection));
    clearTimeout(this.minPoolSizeTimer);
    this.minPoolSizeTimer = setTimeout(() => this.ensureMinPoolSize(), IDLE_POOL_CHECK_MS);
  };
  return true;
}
