import { Injectable } from '@nestjs/common';
import {
  AggregateRepository,
  MongoConnection,
  OutboxRelay,
  aggregateSchema,
  registerAggregateModel,
  type Stored,
} from '@kitos/persistence';
import { Schema } from 'mongoose';
import type { Reminder } from './reminder';

const schema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    relatedEntityType: { type: String, required: true },
    relatedEntityUuid: { type: String, required: true },
    type: { type: String, required: true },
    name: { type: String, default: null },
    subject: { type: String, required: true },
    body: { type: String, default: '' },
    to: { type: Schema.Types.Mixed, required: true },
    cc: { type: Schema.Types.Mixed, required: true },
    schedule: { type: Schema.Types.Mixed, default: null },
    active: { type: Boolean, required: true },
    createdByUuid: { type: String, default: null },
    created: { type: Date, required: true },
    lastModified: { type: Date, required: true },
    lastModifiedByUuid: { type: String, default: null },
    effectiveFrom: { type: Date, required: true },
  },
  'reminders',
);
schema.index({ organizationUuid: 1 });
schema.index({ relatedEntityUuid: 1 });

/** Reminders (one document each, with their pending events); tombstones stay after deletion. */
@Injectable()
export class RemindersRepository extends AggregateRepository<Reminder> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, 'Reminder', schema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): Reminder {
    return {
      organizationUuid: d.organizationUuid as string,
      relatedEntityType: d.relatedEntityType as Reminder['relatedEntityType'],
      relatedEntityUuid: d.relatedEntityUuid as string,
      type: d.type as Reminder['type'],
      name: (d.name as string | null) ?? null,
      subject: d.subject as string,
      body: (d.body as string) ?? '',
      to: d.to as Reminder['to'],
      cc: d.cc as Reminder['cc'],
      schedule: (d.schedule as Reminder['schedule']) ?? null,
      active: d.active as boolean,
      createdByUuid: (d.createdByUuid as string | null) ?? null,
      created: new Date(d.created as Date),
      lastModified: new Date(d.lastModified as Date),
      lastModifiedByUuid: (d.lastModifiedByUuid as string | null) ?? null,
      effectiveFrom: new Date(d.effectiveFrom as Date),
    };
  }

  /** Live reminders matching a filter on plain fields (FerretDB scans; the sets are small per organisation). */
  async findLive(filter: Record<string, unknown>): Promise<Array<Stored<Reminder>>> {
    const rows = await this.model
      .find({ ...filter, deleted: false })
      .sort({ created: 1, _id: 1 })
      .lean<Array<Record<string, unknown>>>()
      .exec();
    return rows.map((row) => this.stored(row));
  }
}
