import { Schema } from 'mongoose';

export const HISTORY_ENTRY_MODEL = 'HistoryEntry';
export const HISTORY_SUBJECT_MODEL = 'HistorySubject';
export const HISTORY_USER_MODEL = 'HistoryUser';

/** One event of one object: `_id` is the event id (a redelivery collides and is ignored). */
export const historyEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    aggregateType: { type: String, required: true },
    aggregateUuid: { type: String, required: true },
    version: { type: Number, required: true },
    eventType: { type: String, required: true },
    event: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    actorUuid: { type: String, default: null },
    organizationUuid: { type: String, default: null },
    scope: { type: String, default: null },
    changes: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: 'history_entries', versionKey: false, id: false, minimize: false },
);
historyEntrySchema.index({ aggregateUuid: 1, aggregateType: 1, version: 1 });

/** Who owns an object and its scope, as of its newest event: `_id` = `<aggregate type>:<uuid>`; decides who reads its history. */
export const historySubjectSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, default: null },
    scope: { type: String, default: null },
    version: { type: Number, required: true },
  },
  { collection: 'history_subjects', versionKey: false, id: false },
);

/** Names of the users who made changes, from identity's user events. */
export const historyUserSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
  },
  { collection: 'history_users', versionKey: false, id: false },
);
