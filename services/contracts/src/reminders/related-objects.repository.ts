import { Injectable } from '@nestjs/common';
import type { ReminderDeadlineKind, ReminderEntityType } from '@kitos/contracts';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export type Deadlines = Partial<Record<ReminderDeadlineKind, string | null>>;

/** What the reminders know of a contract, usage or DPR: whose it is, its name and its deadlines (from events). */
export interface RelatedObject {
  uuid: string;
  type: ReminderEntityType;
  organizationUuid: string;
  name: string | null;
  deadlines: Deadlines;
  deleted: boolean;
}

type Row = Omit<RelatedObject, 'uuid'> & { _id: string; version: number; archiveVersion: number };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, default: null },
    deadlines: { type: Schema.Types.Mixed, default: {} },
    deleted: { type: Boolean, required: true },
    version: { type: Number, required: true },
    archiveVersion: { type: Number, required: true },
  },
  { collection: 'reminder_related_objects', versionKey: false, minimize: false },
);
schema.index({ organizationUuid: 1 });

/**
 * The reminders' local copy of the objects they are about, kept from the events of their owners (contracts, catalog,
 * gdpr; archiving adds the delivery deadline to the usage). A write applies only when its event is newer than the copy
 * (the archive deadline has its own version: it comes from another aggregate), so late or repeated events change
 * nothing; deletions leave a tombstone. A read-through entry starts at version 0 so that any event overrides it.
 */
@Injectable()
export class RelatedObjectsRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('ReminderRelatedObject', schema);
  }

  async find(uuid: string): Promise<RelatedObject | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    return row ? toObject(row) : null;
  }

  async findMany(uuids: readonly string[]): Promise<RelatedObject[]> {
    if (!uuids.length) return [];
    const rows = await this.model
      .find({ _id: { $in: [...uuids] } })
      .lean<Row[]>()
      .exec();
    return rows.map(toObject);
  }

  /** Live objects with at least one deadline (all organisations): what the automatic reminders are computed from. */
  async withDeadlines(): Promise<RelatedObject[]> {
    const rows = await this.model.find({ deleted: false }).lean<Row[]>().exec();
    return rows.map(toObject).filter((o) => Object.values(o.deadlines).some(Boolean));
  }

  /**
   * A snapshot from the owner's event. `deadlines` (contracts and DPRs) replaces all of the object's deadlines — its owner
   * reports every kind it has; undefined keeps them (a usage's archive deadline comes separately).
   */
  async applySnapshot(
    uuid: string,
    version: number,
    fields: { type: ReminderEntityType; organizationUuid: string; name: string | null; deadlines?: Deadlines },
  ): Promise<void> {
    const set: Record<string, unknown> = {
      type: fields.type,
      organizationUuid: fields.organizationUuid,
      name: fields.name,
      deleted: false,
    };
    if (fields.deadlines) set.deadlines = fields.deadlines;
    await this.applyIfNewer(
      { _id: uuid, version: { $lt: version } },
      { ...set, version },
      fields.deadlines ? { archiveVersion: 0 } : { archiveVersion: 0, deadlines: {} },
    );
  }

  async applyDeletion(uuid: string, type: ReminderEntityType, organizationUuid: string, version: number): Promise<void> {
    await this.applyIfNewer(
      { _id: uuid, version: { $lt: version } },
      { type, organizationUuid, deleted: true, version },
      { archiveVersion: 0, name: null, deadlines: {} },
    );
  }

  /** The archive delivery deadline of a usage, versioned by the archive profile (archiving's own aggregate). */
  async applyArchiveDeadline(usageUuid: string, organizationUuid: string, day: string | null, archiveVersion: number): Promise<void> {
    await this.applyIfNewer(
      { _id: usageUuid, archiveVersion: { $lt: archiveVersion } },
      { 'deadlines.ArchiveDelivery': day, archiveVersion },
      { type: 'ItSystemUsage', organizationUuid, name: null, deleted: false, version: 0 },
    );
  }

  /** Read-through: the owner's answer, stored below any event. */
  async remember(uuid: string, type: ReminderEntityType, organizationUuid: string, name: string | null): Promise<void> {
    await this.applyIfNewer(
      { _id: uuid, version: { $lt: 0 } },
      { type, organizationUuid, name, deleted: false, version: 0 },
      { archiveVersion: 0, deadlines: {} },
    );
  }

  private async applyIfNewer(
    filter: Record<string, unknown>,
    set: Record<string, unknown>,
    onInsert: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.model.updateOne(filter, { $set: set, $setOnInsert: onInsert }, { upsert: true }).exec();
    } catch (error) {
      // the document exists and is at least as new: nothing to do
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function toObject(row: Row): RelatedObject {
  return {
    uuid: row._id,
    type: row.type,
    organizationUuid: row.organizationUuid,
    name: row.name ?? null,
    deadlines: row.deadlines ?? {},
    deleted: row.deleted,
  };
}
