import { Injectable } from '@nestjs/common';
import type { ReminderDeliveryStatus } from '@kitos/contracts';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

/**
 * One attempt at one occurrence of a reminder. Its `_id` is `<reminder uuid>|<occurrence day>|<attempt>`: inserting
 * it is the claim, and the unique `_id` index lets exactly one process win it, on MongoDB and FerretDB alike.
 */
export interface DeliveryAttempt {
  id: string;
  reminderUuid: string;
  organizationUuid: string;
  occurrence: string;
  attempt: number;
  /** Random per claim: the winner's own mark, for logs and for telling attempts apart. */
  attemptId: string;
  dueAt: Date;
  claimedAt: Date;
  leaseUntil: Date;
  status: ReminderDeliveryStatus;
  late: boolean;
  sentAt: Date | null;
  to: string[];
  cc: string[];
  error: string | null;
}

type Row = Omit<DeliveryAttempt, 'id'> & { _id: string };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    reminderUuid: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    occurrence: { type: String, required: true },
    attempt: { type: Number, required: true },
    attemptId: { type: String, required: true },
    dueAt: { type: Date, required: true },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    status: { type: String, required: true },
    late: { type: Boolean, required: true },
    sentAt: { type: Date, default: null },
    to: { type: [String], default: [] },
    cc: { type: [String], default: [] },
    error: { type: String, default: null },
  },
  { collection: 'reminder_deliveries', versionKey: false },
);
schema.index({ reminderUuid: 1 });

export const attemptId = (reminderUuid: string, occurrence: string, attempt: number) => `${reminderUuid}|${occurrence}|${attempt}`;

@Injectable()
export class DeliveriesRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('ReminderDelivery', schema);
  }

  /** Every attempt (1 … maxAttempts + 1, the last being the give-up marker) recorded for one occurrence, by `_id` alone. */
  async attemptsOf(reminderUuid: string, occurrence: string, maxAttempts: number): Promise<DeliveryAttempt[]> {
    const ids = Array.from({ length: maxAttempts + 1 }, (_, i) => attemptId(reminderUuid, occurrence, i + 1));
    const rows = await this.model
      .find({ _id: { $in: ids } })
      .lean<Row[]>()
      .exec();
    return rows.map(toAttempt).sort((a, b) => a.attempt - b.attempt);
  }

  /** The claim: true when this insert created the attempt, false when another process already has it. */
  async claim(attempt: Omit<DeliveryAttempt, 'id'>): Promise<boolean> {
    try {
      await this.model.create([{ ...attempt, _id: attemptId(attempt.reminderUuid, attempt.occurrence, attempt.attempt) }]);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Records the outcome of an attempt this process holds (only the winner of the claim ever writes it). */
  async finish(id: string, outcome: Pick<DeliveryAttempt, 'status' | 'sentAt' | 'to' | 'cc' | 'error'>): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: outcome }).exec();
  }

  /** The log of one reminder: per occurrence, its latest attempt; newest first. */
  async logOf(reminderUuid: string): Promise<DeliveryAttempt[]> {
    const rows = await this.model.find({ reminderUuid }).lean<Row[]>().exec();
    const latest = new Map<string, DeliveryAttempt>();
    for (const attempt of rows.map(toAttempt)) {
      const seen = latest.get(attempt.occurrence);
      if (!seen || seen.attempt < attempt.attempt) latest.set(attempt.occurrence, attempt);
    }
    return [...latest.values()].sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime() || b.occurrence.localeCompare(a.occurrence));
  }
}

function toAttempt(row: Row): DeliveryAttempt {
  const { _id, ...rest } = row;
  return { ...rest, id: _id, to: rest.to ?? [], cc: rest.cc ?? [], sentAt: rest.sentAt ?? null, error: rest.error ?? null };
}
