import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import type { Model } from 'mongoose';
import type { HistoryRecord } from './history-record';
import {
  HISTORY_ENTRY_MODEL,
  HISTORY_SUBJECT_MODEL,
  HISTORY_USER_MODEL,
  historyEntrySchema,
  historySubjectSchema,
  historyUserSchema,
} from './history.schema';

export interface HistorySubject {
  _id: string;
  organizationUuid: string | null;
  scope: string | null;
  version: number;
}

interface HistoryUser {
  _id: string;
  name: string;
}

export const subjectKey = (aggregateType: string, uuid: string) => `${aggregateType}:${uuid}`;

/** The history collection, the owner/scope of each object, and the names of acting users. All writes are idempotent. */
@Injectable()
export class HistoryRepository {
  private readonly entries: Model<HistoryRecord>;
  private readonly subjects: Model<HistorySubject>;
  private readonly users: Model<HistoryUser>;

  constructor(mongo: MongoConnection) {
    this.entries = mongo.model<HistoryRecord>(HISTORY_ENTRY_MODEL, historyEntrySchema);
    this.subjects = mongo.model<HistorySubject>(HISTORY_SUBJECT_MODEL, historySubjectSchema);
    this.users = mongo.model<HistoryUser>(HISTORY_USER_MODEL, historyUserSchema);
  }

  /** Stores the entry once (the unique `_id` makes a redelivery a no-op) and moves the subject forward if newer. */
  async record(entry: HistoryRecord): Promise<void> {
    try {
      await this.entries.create(entry);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const set: Partial<HistorySubject> = { version: entry.version };
    if (entry.organizationUuid) set.organizationUuid = entry.organizationUuid;
    if (entry.scope) set.scope = entry.scope;
    try {
      await this.subjects
        .updateOne(
          { _id: subjectKey(entry.aggregateType, entry.aggregateUuid), version: { $lt: entry.version } },
          { $set: set },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async rememberUser(uuid: string, name: string): Promise<void> {
    await this.users.updateOne({ _id: uuid }, { $set: { name } }, { upsert: true }).exec();
  }

  findSubject(aggregateType: string, uuid: string): Promise<HistorySubject | null> {
    return this.subjects.findById(subjectKey(aggregateType, uuid)).lean<HistorySubject>().exec();
  }

  /** The entries of one object by version (then event id, for a stable order), one page. */
  page(aggregateType: string, uuid: string, page: number, pageSize: number): Promise<HistoryRecord[]> {
    return this.entries
      .find({ aggregateUuid: uuid, aggregateType })
      .sort({ version: 1, _id: 1 })
      .skip(page * pageSize)
      .limit(pageSize)
      .lean<HistoryRecord[]>()
      .exec();
  }

  async namesOf(uuids: readonly string[]): Promise<Map<string, string>> {
    if (!uuids.length) return new Map();
    const found = await this.users
      .find({ _id: { $in: [...new Set(uuids)] } })
      .lean<HistoryUser[]>()
      .exec();
    return new Map(found.map((u) => [u._id, u.name]));
  }
}
