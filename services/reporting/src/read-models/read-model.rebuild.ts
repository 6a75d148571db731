import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from '@kitos/messaging';
import { MongoConnection } from '@kitos/persistence';
import { projectEvent } from './read-model.projection';
import { collectionOf, ReadModelCollections, ReadModelStore } from './read-model.store';
import { READ_MODEL_KINDS } from './read-model.types';
import { lastSequenceOf, PRODUCER_STREAMS, readStream } from './stream-reader';

export interface RebuildResult {
  /** Events read from the streams, and how many of them changed a read model. */
  events: number;
  projected: number;
  /** Events that arrived while the rebuild ran and were applied after the switch. */
  caughtUp: number;
  /** Documents per read model after the rebuild. */
  documents: Record<string, number>;
  tookMs: number;
}

const SHADOW = '__rebuild';

/**
 * The full rebuild: replays every producer's JetStream stream from its first message into shadow collections, switches
 * them in for the live ones, then applies what arrived meanwhile. Readers see the old read models until the switch
 * (a moment per collection), and the live projector keeps writing throughout (its version-guarded writes and the
 * catch-up make the order harmless).
 */
@Injectable()
export class ReadModelRebuild {
  private readonly logger = new Logger(ReadModelRebuild.name);
  private running: Promise<RebuildResult> | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly mongo: MongoConnection,
    private readonly live: ReadModelStore,
  ) {}

  /** One rebuild at a time per process; a second call joins the running one. */
  rebuild(): Promise<RebuildResult> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<RebuildResult> {
    const started = Date.now();
    const streams = PRODUCER_STREAMS;
    const shadow = new ReadModelCollections(this.mongo, SHADOW);
    await shadow.drop();
    for (const kind of READ_MODEL_KINDS)
      await shadow
        .model(kind)
        .createCollection()
        .catch(() => undefined);
    await Promise.all(READ_MODEL_KINDS.map((kind) => shadow.model(kind).syncIndexes()));

    let events = 0;
    let projected = 0;
    const until = new Map<string, number>();
    for (const stream of streams) {
      const last = await lastSequenceOf(this.nc, stream);
      until.set(stream, last);
      for await (const { event } of readStream(this.nc, stream, 1, last)) {
        events++;
        if (await projectEvent(event, shadow)) projected++;
      }
    }

    await this.switchIn();

    let caughtUp = 0;
    for (const stream of streams) {
      const from = (until.get(stream) ?? 0) + 1;
      const last = await lastSequenceOf(this.nc, stream);
      for await (const { event } of readStream(this.nc, stream, from, last)) if (await projectEvent(event, this.live)) caughtUp++;
    }

    const documents: Record<string, number> = {};
    for (const kind of READ_MODEL_KINDS) documents[kind] = await this.live.model(kind).countDocuments().exec();
    const result = { events, projected, caughtUp, documents, tookMs: Date.now() - started };
    this.logger.log(`Read models rebuilt from ${events} events in ${result.tookMs} ms: ${JSON.stringify(documents)}`);
    return result;
  }

  /**
   * Puts each shadow collection in place of its live one: drop, then rename (FerretDB has no `dropTarget`). Should the
   * live projector recreate the collection in between, drop and rename again: whatever it wrote there is either in the
   * shadow already or comes again with the catch-up.
   */
  private async switchIn(): Promise<void> {
    const db = this.mongo.connection.db;
    if (!db) throw new Error('the database is not connected');
    for (const kind of READ_MODEL_KINDS) {
      for (let attempt = 1; ; attempt++) {
        await db.dropCollection(collectionOf(kind)).catch(() => undefined); // absent: nothing to drop
        try {
          await db.renameCollection(collectionOf(kind, SHADOW), collectionOf(kind));
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
        }
      }
    }
  }
}
