import { Injectable } from '@nestjs/common';
import { DEFAULT_LEAD_DAYS, REMINDER_DEADLINE_KINDS, type ReminderDeadlineKind } from '@kitos/contracts';
import { MongoConnection } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import type { Recipients } from './reminder';

/** One organisation's automatic deadline reminders: who gets them, for which deadlines, how many days ahead. */
export interface ReminderSettings {
  organizationUuid: string;
  enabled: boolean;
  to: Recipients;
  leadDays: number[];
  deadlines: ReminderDeadlineKind[];
  lastModified: Date | null;
  lastModifiedByUuid: string | null;
}

type Row = Omit<ReminderSettings, 'organizationUuid'> & { _id: string };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    to: { type: Schema.Types.Mixed, required: true },
    leadDays: { type: [Number], required: true },
    deadlines: { type: [String], required: true },
    lastModified: { type: Date, default: null },
    lastModifiedByUuid: { type: String, default: null },
  },
  { collection: 'reminder_settings', versionKey: false, minimize: false },
);

export function defaultSettings(organizationUuid: string): ReminderSettings {
  return {
    organizationUuid,
    enabled: true,
    to: { roleUuids: [], emails: [] },
    leadDays: [...DEFAULT_LEAD_DAYS],
    deadlines: [...REMINDER_DEADLINE_KINDS],
    lastModified: null,
    lastModifiedByUuid: null,
  };
}

@Injectable()
export class ReminderSettingsRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('ReminderSettings', schema);
  }

  /** The saved settings, or the defaults (which have no recipients, so nothing automatic goes out before an admin saves). */
  async get(organizationUuid: string): Promise<ReminderSettings> {
    const row = await this.model.findOne({ _id: organizationUuid }).lean<Row>().exec();
    return row ? toSettings(row) : defaultSettings(organizationUuid);
  }

  async all(): Promise<ReminderSettings[]> {
    return (await this.model.find({}).lean<Row[]>().exec()).map(toSettings);
  }

  /** Replaces the whole settings document (PUT semantics; a single document, so the write is atomic on its own). */
  async put(settings: ReminderSettings): Promise<void> {
    const { organizationUuid, ...rest } = settings;
    await this.model.replaceOne({ _id: organizationUuid }, rest, { upsert: true }).exec();
  }
}

function toSettings(row: Row): ReminderSettings {
  const { _id, ...rest } = row;
  return { ...rest, organizationUuid: _id };
}
