import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';

/** The process that holds (or wants) a service database's writer lease. */
export interface LeaseOwner {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
}

export interface WriterLeaseOptions {
  /** Who this process is; defaults to this host and pid with a random id. */
  readonly owner?: LeaseOwner;
  /** How often the holder renews its lease (default 5 s: a renewal is a write, and seven services renew at rest). */
  readonly heartbeatMs?: number;
  /** A lease not renewed for this long is abandoned and may be taken over (default 20 s: four missed renewals). */
  readonly staleAfterMs?: number;
  /** Whether a process of this host is running (default: signal 0). */
  readonly isAlive?: (pid: number) => boolean;
  readonly now?: () => number;
  /** Called when the holder finds that another process took the lease over: it must stop writing. */
  readonly onLost?: (error: WriterLeaseLostError) => void;
}

/** One generation of the lease (collection `writer_leases` of the service's database). */
export interface WriterLeaseDocument {
  _id: string;
  generation: number;
  owner: LeaseOwner;
  acquiredAt: Date;
  heartbeatAt: Date;
  releasedAt: Date | null;
}

/** Another running process of the same service writes to this database: this one must not start. */
export class WriterLeaseRefusedError extends Error {
  constructor(
    readonly database: string,
    readonly holder: LeaseOwner,
    heartbeatAgeMs: number,
  ) {
    super(
      `refusing to start: another process of this service already writes to database "${database}" ` +
        `(pid ${holder.pid} on ${holder.host}, alive ${Math.round(heartbeatAgeMs / 100) / 10} s ago). ` +
        'The embedded store (FerretDB) does not make version-checked updates atomic, so two processes would lose ' +
        'each other\'s writes. Stop the other process first, or run replicas on MongoDB (docs/operations.md, "One process per service on the embedded store").',
    );
    this.name = 'WriterLeaseRefusedError';
  }
}

export class WriterLeaseLostError extends Error {
  constructor(
    readonly database: string,
    readonly holder: LeaseOwner,
  ) {
    super(
      `stopping: process ${holder.pid} on ${holder.host} took over the writer lease of database "${database}" ` +
        "(this process did not renew it in time); two writers would lose each other's writes on the embedded store.",
    );
    this.name = 'WriterLeaseLostError';
  }
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Owners held by this process right now: a lease left by an instance of this process that is gone may be taken at once. */
const heldHere = new Set<string>();

/**
 * One writer per service database, for stores where a version-checked update is not atomic (FerretDB 1.24).
 *
 * Each holder has its own lease document `writer:<generation>`; taking the lease is inserting the next generation.
 * An insert on a unique `_id` is atomic on FerretDB too (a duplicate fails; test/integration/persistence/
 * writer-lease.spec.ts races it), unlike an update's filter, so two processes can never both take one generation,
 * and only the holder ever updates its own document (heartbeat, release).
 *
 * A starting process takes the lease when there is none, when the holder released it, when the holder is a process of
 * this host that no longer runs (a crash: restart at once), or when it was not renewed for `staleAfterMs`. A holder
 * that is alive on this host is refused at once; one on another host is watched until it either renews (refused) or
 * goes stale (taken over). A holder that finds a newer generation has lost the lease and must stop (`onLost`).
 */
export class WriterLease {
  readonly owner: LeaseOwner;
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly isAlive: (pid: number) => boolean;
  private readonly now: () => number;
  private held: WriterLeaseDocument | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collection: mongo.Collection<WriterLeaseDocument>,
    private readonly database: string,
    private readonly options: WriterLeaseOptions = {},
  ) {
    this.owner = options.owner ?? { id: randomUUID(), host: hostname(), pid: process.pid };
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.staleAfterMs = options.staleAfterMs ?? 20000;
    this.isAlive = options.isAlive ?? processAlive;
    this.now = options.now ?? Date.now;
  }

  get generation(): number | undefined {
    return this.held?.generation;
  }

  /**
   * Takes the lease or throws WriterLeaseRefusedError; other errors (store unreachable) propagate for a retry.
   * Answers 'shared' when the holder is another instance inside this very process (only tests run two instances of a
   * service in one process); they are not two processes, and this one then holds nothing.
   */
  async acquire(): Promise<'held' | 'shared'> {
    let watched: { id: string; heartbeatAt: number } | undefined;
    for (;;) {
      const latest = await this.latest();
      const verdict = latest ? this.judge(latest, watched) : 'take';
      if (verdict === 'shared') return 'shared';
      if (verdict === 'take') {
        if (await this.take((latest?.generation ?? 0) + 1)) break;
        watched = undefined;
        continue;
      }
      if (verdict === 'refuse') throw new WriterLeaseRefusedError(this.database, latest!.owner, this.now() - latest!.heartbeatAt.getTime());
      // another host's fresh lease: watch it for a renewal
      if (!watched || watched.id !== latest!._id) watched = { id: latest!._id, heartbeatAt: latest!.heartbeatAt.getTime() };
      await new Promise((r) => setTimeout(r, this.heartbeatMs));
    }
    heldHere.add(this.owner.id);
    await this.collection.deleteMany({ generation: { $lt: this.held!.generation } });
    this.timer = setInterval(() => void this.renew(), this.heartbeatMs);
    this.timer.unref();
    return 'held';
  }

  private judge(
    latest: WriterLeaseDocument,
    watched: { id: string; heartbeatAt: number } | undefined,
  ): 'take' | 'refuse' | 'watch' | 'shared' {
    if (latest.releasedAt) return 'take';
    const age = this.now() - latest.heartbeatAt.getTime();
    if (age > this.staleAfterMs) return 'take';
    if (latest.owner.host === this.owner.host) {
      // an instance of this same process: alive (tests only) or gone without releasing (e.g. closed while the store was down)
      if (latest.owner.pid === this.owner.pid) return heldHere.has(latest.owner.id) ? 'shared' : 'take';
      return this.isAlive(latest.owner.pid) ? 'refuse' : 'take';
    }
    if (watched && watched.id === latest._id && latest.heartbeatAt.getTime() !== watched.heartbeatAt) return 'refuse';
    return 'watch';
  }

  private async latest(): Promise<WriterLeaseDocument | null> {
    const [doc] = await this.collection.find({}).sort({ generation: -1 }).limit(1).toArray();
    return doc ?? null;
  }

  private async take(generation: number): Promise<boolean> {
    const at = new Date(this.now());
    const doc: WriterLeaseDocument = {
      _id: `writer:${generation}`,
      generation,
      owner: this.owner,
      acquiredAt: at,
      heartbeatAt: at,
      releasedAt: null,
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
    this.held = doc;
    return true;
  }

  /** Renews the lease and checks that nobody took it over; store errors are left for the next beat. */
  async renew(): Promise<void> {
    const held = this.held;
    if (!held) return;
    try {
      await this.collection.updateOne({ _id: held._id }, { $set: { heartbeatAt: new Date(this.now()) } });
      const latest = await this.latest();
      if (this.held && latest && latest.generation > held.generation) {
        this.stopTimer();
        this.held = undefined;
        heldHere.delete(this.owner.id);
        this.options.onLost?.(new WriterLeaseLostError(this.database, latest.owner));
      }
    } catch {
      // the store is unreachable: nobody else can take the lease meanwhile; try again on the next beat
    }
  }

  /** Gives the lease up (graceful shutdown), so that the next process starts at once. */
  async release(): Promise<void> {
    this.stopTimer();
    const held = this.held;
    this.held = undefined;
    heldHere.delete(this.owner.id);
    if (held) await this.collection.updateOne({ _id: held._id }, { $set: { releasedAt: new Date(this.now()) } }).catch(() => undefined);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
