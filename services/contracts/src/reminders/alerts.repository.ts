import { Injectable } from '@nestjs/common';
import type { ReminderEntityType } from '@kitos/contracts';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export type AlertReason = 'MailDisabled' | 'SmtpFailed' | 'NoRecipients' | 'RecipientsRejected' | 'AttemptsExhausted';

/** An in-app alert (KITOS alert) for the owner of a reminder that could not be (fully) delivered. */
export interface Alert {
  uuid: string;
  organizationUuid: string;
  ownerUuid: string | null;
  reminderUuid: string;
  relatedEntityType: ReminderEntityType;
  relatedEntityUuid: string;
  relatedEntityName: string | null;
  occurrence: string;
  message: string;
  reason: AlertReason;
  created: Date;
  dismissedAt: Date | null;
}

type Row = Omit<Alert, 'uuid'> & { _id: string };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    ownerUuid: { type: String, default: null },
    reminderUuid: { type: String, required: true },
    relatedEntityType: { type: String, required: true },
    relatedEntityUuid: { type: String, required: true },
    relatedEntityName: { type: String, default: null },
    occurrence: { type: String, required: true },
    message: { type: String, required: true },
    reason: { type: String, required: true },
    created: { type: Date, required: true },
    dismissedAt: { type: Date, default: null },
  },
  { collection: 'reminder_alerts', versionKey: false },
);
schema.index({ organizationUuid: 1 });

@Injectable()
export class AlertsRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('ReminderAlert', schema);
  }

  /** Adds an alert; its uuid is derived from the occurrence and reason, so a second insert of the same one is a no-op. */
  async add(alert: Alert): Promise<void> {
    const { uuid, ...rest } = alert;
    try {
      await this.model.create([{ ...rest, _id: uuid }]);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async find(uuid: string): Promise<Alert | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    return row ? toAlert(row) : null;
  }

  async listOf(organizationUuid: string, includeDismissed: boolean): Promise<Alert[]> {
    const rows = await this.model
      .find({ organizationUuid, ...(includeDismissed ? {} : { dismissedAt: null }) })
      .sort({ created: -1, _id: 1 })
      .lean<Row[]>()
      .exec();
    return rows.map(toAlert);
  }

  async dismiss(uuid: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: uuid, dismissedAt: null }, { $set: { dismissedAt: at } }).exec();
  }
}

function toAlert(row: Row): Alert {
  const { _id, ...rest } = row;
  return { ...rest, uuid: _id, dismissedAt: rest.dismissedAt ?? null, relatedEntityName: rest.relatedEntityName ?? null };
}
