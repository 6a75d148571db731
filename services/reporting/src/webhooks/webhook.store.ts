import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey, versionFilter } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export interface SubscriptionDoc {
  _id: string;
  organizationUuid: string;
  url: string;
  topics: string[];
  secret: string;
  active: boolean;
  readsGlobalCatalog: boolean;
  createdByUuid: string | null;
  createdAt: Date;
  lastModified: Date;
  deleted: boolean;
  /** Incremented by every change (the ETag); absent on subscriptions made before it: version 0. */
  version?: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface DeliveryDoc {
  /** deterministicUuid(subscription, event[, replay]): the claim that keeps a redelivered event from being sent twice. */
  _id: string;
  subscriptionUuid: string;
  eventId: string;
  eventType: string;
  replay: boolean;
  /** The exact JSON body posted, so every attempt carries the same signature. */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  /** Bumped by each redelivery from the dead letters, so its attempts claim afresh. */
  round: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

interface AttemptDoc {
  _id: string;
  at: Date;
}

const subscriptionSchema = new Schema<SubscriptionDoc>(
  {
    _id: String,
    organizationUuid: String,
    url: String,
    topics: [String],
    secret: String,
    active: Boolean,
    readsGlobalCatalog: Boolean,
    createdByUuid: { type: String, default: null },
    createdAt: Date,
    lastModified: Date,
    deleted: Boolean,
    version: Number,
  },
  { versionKey: false, collection: 'webhook_subscriptions' },
);

const deliverySchema = new Schema<DeliveryDoc>(
  {
    _id: String,
    subscriptionUuid: String,
    eventId: String,
    eventType: String,
    replay: Boolean,
    body: String,
    status: String,
    attempts: Number,
    round: Number,
    nextAttemptAt: Date,
    lastStatus: { type: Number, default: null },
    lastError: { type: String, default: null },
    createdAt: Date,
    finishedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'webhook_deliveries' },
);

const attemptSchema = new Schema<AttemptDoc>({ _id: String, at: Date }, { versionKey: false, collection: 'webhook_attempts' });

/** Subscriptions, deliveries and the per-attempt claims of the webhook feed. */
@Injectable()
export class WebhookStore {
  private readonly subscriptions: Model<SubscriptionDoc>;
  private readonly deliveries: Model<DeliveryDoc>;
  private readonly attempts: Model<AttemptDoc>;

  constructor(mongo: MongoConnection) {
    this.subscriptions = mongo.model<SubscriptionDoc>('WebhookSubscription', subscriptionSchema);
    this.deliveries = mongo.model<DeliveryDoc>('WebhookDelivery', deliverySchema);
    this.attempts = mongo.model<AttemptDoc>('WebhookAttempt', attemptSchema);
  }

  async subscription(uuid: string): Promise<SubscriptionDoc | null> {
    const found = await this.subscriptions.findById(uuid).lean<SubscriptionDoc>().exec();
    return found && !found.deleted ? found : null;
  }

  async insertSubscription(doc: SubscriptionDoc): Promise<void> {
    await this.subscriptions.create(doc);
  }

  /** Subscriptions not deleted (of one organisation, or all), oldest first. */
  listSubscriptions(organizationUuid?: string): Promise<SubscriptionDoc[]> {
    const filter: Record<string, unknown> = { deleted: false };
    if (organizationUuid) filter.organizationUuid = organizationUuid;
    return this.subscriptions.find(filter).sort({ createdAt: 1, _id: 1 }).lean<SubscriptionDoc[]>().exec();
  }

  /**
   * Changes a live subscription, with `expectedVersion` (If-Match) only while it is still at that version (one
   * conditional update); answers it as changed, or null when it was not (changed or deleted meanwhile).
   */
  async updateSubscription(uuid: string, set: Partial<SubscriptionDoc>, expectedVersion?: number): Promise<SubscriptionDoc | null> {
    const filter = { _id: uuid, deleted: false, ...(expectedVersion === undefined ? {} : versionFilter(expectedVersion)) };
    return this.subscriptions
      .findOneAndUpdate(filter, { $set: set, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean<SubscriptionDoc>()
      .exec();
  }

  delivery(uuid: string): Promise<DeliveryDoc | null> {
    return this.deliveries.findById(uuid).lean<DeliveryDoc>().exec();
  }

  activeSubscriptions(): Promise<SubscriptionDoc[]> {
    return this.subscriptions.find({ active: true, deleted: false }).lean<SubscriptionDoc[]>().exec();
  }

  /** Inserts the delivery unless it exists: false when another replica (or an earlier delivery of the event) has it. */
  async claimDelivery(delivery: DeliveryDoc): Promise<boolean> {
    try {
      await this.deliveries.create(delivery);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Claims one attempt of one delivery, once across all replicas (the unique `_id`). */
  async claimAttempt(delivery: DeliveryDoc): Promise<boolean> {
    try {
      await this.attempts.create({ _id: `${delivery._id}#${delivery.round}#${delivery.attempts + 1}`, at: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** When the attempt after `delivery.attempts` was claimed, if it was. */
  async attemptClaimedAt(delivery: DeliveryDoc): Promise<Date | undefined> {
    const claim = await this.attempts
      .findById(`${delivery._id}#${delivery.round}#${delivery.attempts + 1}`)
      .lean<AttemptDoc>()
      .exec();
    return claim?.at;
  }

  /** Counts a claimed attempt whose process never recorded it as failed, so that the next one may be claimed. */
  async abandonAttempt(delivery: DeliveryDoc, nextAttemptAt: Date): Promise<void> {
    await this.deliveries
      .updateOne(
        { _id: delivery._id, round: delivery.round, attempts: delivery.attempts, status: 'pending' },
        { $set: { attempts: delivery.attempts + 1, lastError: 'The attempt was abandoned', nextAttemptAt } },
      )
      .exec();
  }

  due(now: Date, limit: number): Promise<DeliveryDoc[]> {
    return this.deliveries
      .find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<DeliveryDoc[]>()
      .exec();
  }

  async record(id: string, set: Partial<DeliveryDoc>): Promise<void> {
    await this.deliveries.updateOne({ _id: id }, { $set: set }).exec();
  }

  /**
   * One page of a subscription's deliveries, newest first, and how many match. `failed-retrying` is a pending delivery
   * with failed attempts behind it (the store keeps it as `pending`).
   */
  async deliveriesOf(
    subscriptionUuid: string,
    status: DeliveryStatus | 'failed-retrying' | undefined,
    skip: number,
    limit: number,
  ): Promise<{ items: DeliveryDoc[]; total: number }> {
    const filter: Record<string, unknown> = { subscriptionUuid };
    if (status === 'failed-retrying') Object.assign(filter, { status: 'pending', attempts: { $gt: 0 } });
    else if (status === 'pending') Object.assign(filter, { status: 'pending', attempts: 0 });
    else if (status) filter.status = status;
    const [items, total] = await Promise.all([
      this.deliveries.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean<DeliveryDoc[]>().exec(),
      this.deliveries.countDocuments(filter).exec(),
    ]);
    return { items, total };
  }

  /** When the last attempt of each delivery (in its current round) was claimed, by delivery id; none before the first. */
  async lastAttemptTimes(deliveries: DeliveryDoc[]): Promise<Map<string, Date>> {
    const key = (d: DeliveryDoc) => `${d._id}#${d.round ?? 0}#${d.attempts}`;
    const tried = deliveries.filter((d) => d.attempts > 0);
    if (!tried.length) return new Map();
    const claims = await this.attempts
      .find({ _id: { $in: tried.map(key) } })
      .lean<AttemptDoc[]>()
      .exec();
    const at = new Map(claims.map((c) => [c._id, c.at]));
    const result = new Map<string, Date>();
    for (const d of tried) {
      const found = at.get(key(d));
      if (found) result.set(d._id, found);
    }
    return result;
  }

  deadLetters(subscriptionUuid: string): Promise<DeliveryDoc[]> {
    return this.deliveries.find({ subscriptionUuid, status: 'dead' }).sort({ finishedAt: -1 }).limit(1000).lean<DeliveryDoc[]>().exec();
  }
}
