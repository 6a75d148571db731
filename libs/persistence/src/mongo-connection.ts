import { Logger } from '@nestjs/common';
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import { slowIdlePoolChecks } from './idle-pool-check';
import { KeyedMutex } from './keyed-mutex';
import { detectStore } from './store-kind';
import { WriterLease, WriterLeaseRefusedError, type WriterLeaseDocument, type WriterLeaseOptions } from './writer-lease';

export interface MongoOptions {
  readonly uri: string;
  readonly database: string;
  /** How long an operation waits for a reachable server before it fails (the caller then gets 503). */
  readonly serverSelectionTimeoutMs: number;
  /**
   * Take the database's writer lease before connecting, when the store is FerretDB (never on MongoDB): a second
   * process of the same service is then refused (see WriterLease). Services set it; tools and tests need not.
   */
  readonly writerLease?: boolean | Omit<WriterLeaseOptions, 'onLost'>;
}

/**
 * One mongoose connection to the service's own database. The first connection is retried in the background
 * until it succeeds (a service may start before its database); afterwards the driver reconnects by itself.
 */
export class MongoConnection {
  readonly connection: Connection;
  /** Serialises this process's writes per document (see KeyedMutex). */
  readonly writeLocks = new KeyedMutex();
  private readonly logger = new Logger(MongoConnection.name);
  private closed = false;
  private initial: Promise<void> | undefined;
  private readonly onReady: Array<() => Promise<void>> = [];
  private prepared = false;
  private lease: { writer: WriterLease; connection: Connection } | undefined;
  private leaseChecked = false;
  private fatal: Error | undefined;
  private readonly fatalListeners: Array<(error: Error) => void> = [];

  constructor(private readonly options: MongoOptions) {
    // an idle pool otherwise wakes every 100 ms (see slowIdlePoolChecks): most of an idle service's CPU
    slowIdlePoolChecks();
    this.connection = mongoose.createConnection();
    this.connection.set('bufferTimeoutMS', options.serverSelectionTimeoutMs);
  }

  /** Starts connecting (once); resolves when connected and every `whenConnected` step has run. */
  connect(): Promise<void> {
    this.initial ??= this.connectWithRetry();
    return this.initial;
  }

  private async connectWithRetry(): Promise<void> {
    let delay = 250;
    while (!this.closed) {
      try {
        // before the service's own connection opens, so that no buffered write can run without the lease
        if (this.options.writerLease && !this.leaseChecked) await this.acquireWriterLease();
        if (this.closed) return;
        await this.connection.openUri(this.options.uri, {
          dbName: this.options.database,
          serverSelectionTimeoutMS: this.options.serverSelectionTimeoutMs,
          // notice a database that came back within seconds, not the driver's default 10 s
          heartbeatFrequencyMS: 2000,
          autoIndex: false,
          autoCreate: false,
        });
        this.logger.log(`connected to database ${this.options.database}`);
        for (const step of this.onReady) await step();
        this.prepared = true;
        return;
      } catch (error) {
        if (this.closed) return;
        this.logger.warn(`database not reachable yet (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  /** On FerretDB: takes the writer lease on a connection of its own (held until close), or fails this connection for good. */
  private async acquireWriterLease(): Promise<void> {
    const connection = mongoose.createConnection();
    await connection.openUri(this.options.uri, {
      dbName: this.options.database,
      serverSelectionTimeoutMS: this.options.serverSelectionTimeoutMs,
      // this connection only renews the lease: the driver's own monitoring need not be faster than the renewals
      heartbeatFrequencyMS: 10000,
      maxPoolSize: 2,
    });
    try {
      const store = await detectStore(connection.db!);
      if (store.kind !== 'ferretdb') {
        await connection.close();
        this.leaseChecked = true;
        return;
      }
      const settings = typeof this.options.writerLease === 'object' ? this.options.writerLease : {};
      const writer = new WriterLease(connection.db!.collection<WriterLeaseDocument>('writer_leases'), this.options.database, {
        ...settings,
        onLost: (error) => this.fail(error),
      });
      const outcome = await writer.acquire();
      this.leaseChecked = true;
      if (outcome === 'shared') {
        this.logger.warn(`another instance in this process holds the writer lease of ${this.options.database} (tests only)`);
        await connection.close();
        return;
      }
      this.lease = { writer, connection };
      this.logger.log(`writer lease of ${this.options.database} taken (FerretDB ${store.version}: one process per service)`);
    } catch (error) {
      await connection.close().catch(() => undefined);
      if (error instanceof WriterLeaseRefusedError) {
        this.fail(error);
        return;
      }
      throw error;
    }
  }

  /** This connection can never be used (refused or lost writer lease): stop, and tell whoever listens (the process exits). */
  private fail(error: Error): void {
    if (this.fatal) return;
    this.fatal = error;
    this.closed = true;
    this.logger.error(error.message);
    void this.connection.close().catch(() => undefined);
    for (const listener of this.fatalListeners) listener(error);
  }

  /** `listener` runs once if this connection fails for good (e.g. another process holds the writer lease); at once if it already has. */
  onFatal(listener: (error: Error) => void): void {
    this.fatalListeners.push(listener);
    if (this.fatal) listener(this.fatal);
  }

  /** Compiles a model on this connection and has its collection and indexes created before the service reports ready. */
  model<T>(name: string, schema: Schema<T>): Model<T> {
    const model: Model<T> = this.connection.model<T>(name, schema);
    this.whenConnected(async () => {
      await model.createCollection().catch(() => undefined);
      await model.createIndexes();
    });
    return model;
  }

  /** Registers work (such as creating indexes) that must finish before the service reports ready; call before connect(). */
  whenConnected(step: () => Promise<void>): void {
    if (this.initial) throw new Error('whenConnected() must be called before connect()');
    this.onReady.push(step);
  }

  /** Same as connect(): resolves once connected and prepared. */
  ready(): Promise<void> {
    return this.connect();
  }

  health(): { up: boolean; detail: string } {
    const states = ['disconnected', 'connected', 'connecting', 'disconnecting'];
    const state = states[this.connection.readyState] ?? 'unknown';
    if (this.fatal) return { up: false, detail: this.fatal.message };
    if (!this.prepared) return { up: false, detail: `starting (${state})` };
    return { up: this.connection.readyState === 1, detail: state };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connection.close().catch(() => undefined);
    if (this.lease) {
      await this.lease.writer.release();
      await this.lease.connection.close().catch(() => undefined);
      this.lease = undefined;
    }
  }
}
