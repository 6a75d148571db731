import { Injectable } from '@nestjs/common';
import { DEFAULT_LEAD_DAYS, REMINDER_DEADLINE_KINDS, type ReminderDeadlineKind } from '@kitos/contracts';
import { MongoConnection, isDuplicateKey, storedVersion, versionFilter } from '@kitos/persistence';
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
  /** Incremented by every save (the ETag); 0 for the defaults and for settings saved before versions were kept. */
  version: number;
}

type Row = Omit<ReminderSettings, 'organizationUuid' | 'version'> & { _id: string; version?: number };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    to: { type: Schema.Types.Mixed, required: true },
    leadDays: { type: [Number], required: true },
    deadlines: { type: [String], required: true },
    lastModified: { type: Date, default: null },
    lastModifiedByUuid: { type: String, default: null },
    version: { type: Number },
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
    version: 0,
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

  /**
   * Replaces the settings (PUT semantics) in one single-document update, with `expectedVersion` (If-Match) only while
   * they are still at that version; answers the new version, or null when they were not.
   */
  async put(settings: Omit<ReminderSettings, 'version'>, expectedVersion?: number): Promise<number | null> {
    const { organizationUuid, ...rest } = settings;
    const filter = { _id: organizationUuid, ...(expectedVersion === undefined ? {} : versionFilter(expectedVersion)) };
    try {
      const row = await this.model
        .findOneAndUpdate(filter, { $set: rest, $inc: { version: 1 } }, { upsert: !expectedVersion, returnDocument: 'after' })
        .lean<Row>()
        .exec();
      return row ? storedVersion(row) : null;
    } catch (error) {
      if (isDuplicateKey(error)) return null; // expected none saved yet, but someone saved first
      throw error;
    }
  }
}

function toSettings(row: Row): ReminderSettings {
  const { _id, version, ...rest } = row;
  return { ...rest, organizationUuid: _id, version: storedVersion({ version }) };
}
