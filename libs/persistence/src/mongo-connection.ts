import { Logger } from '@nestjs/common';
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import { KeyedMutex } from './keyed-mutex';

export interface MongoOptions {
  readonly uri: string;
  readonly database: string;
  /** How long an operation waits for a reachable server before it fails (the caller then gets 503). */
  readonly serverSelectionTimeoutMs: number;
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

  constructor(private readonly options: MongoOptions) {
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
    if (!this.prepared) return { up: false, detail: `starting (${state})` };
    return { up: this.connection.readyState === 1, detail: state };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connection.close().catch(() => undefined);
  }
}
