import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '@kitos/common';
import { AUDIT_ACTIONS, auditObjectTypeOf, type AuditAction, type AuditObjectType } from '@kitos/contracts';
import { MongoConnection } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export interface AuditEntry {
  readonly at: Date;
  readonly action: AuditAction;
  /** Who did it (null when the account is unknown, e.g. a failed login with an unknown e-mail). */
  readonly actorUserUuid: string | null;
  /** Whom or what it concerns. */
  readonly subjectUuid: string | null;
  readonly organizationUuids: readonly string[];
  readonly detail: string;
  readonly correlationId: string;
}

const auditSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actorUserUuid: { type: String, default: null },
    subjectUuid: { type: String, default: null },
    organizationUuids: { type: [String], default: [] },
    detail: { type: String, default: '' },
    correlationId: { type: String, default: '' },
  },
  { collection: 'audit_log', versionKey: false },
);
auditSchema.index({ at: -1, _id: 1 });
auditSchema.index({ organizationUuids: 1, at: -1 });

/** Append-only record of logins, failed logins, token issuance and role changes. Never holds passwords or tokens. */
@Injectable()
export class AuditRepository {
  private readonly model: Model<Record<string, unknown>>;

  constructor(
    mongo: MongoConnection,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {
    this.model = mongo.model<Record<string, unknown>>('AuditEntry', auditSchema);
  }

  async record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await this.model.create([{ _id: this.ids.uuid(), at: this.clock.now(), ...entry }]);
  }

  async recent(filter: AuditFilter & { page?: number; limit: number }): Promise<AuditEntry[]> {
    const documents = await this.model
      .find(auditQuery(filter))
      .sort({ at: -1, _id: 1 })
      .skip((filter.page ?? 0) * filter.limit)
      .limit(filter.limit)
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map(({ _id, ...entry }) => entry as unknown as AuditEntry);
  }

  /** How many entries match the filter (all pages). */
  count(filter: AuditFilter): Promise<number> {
    return this.model.countDocuments(auditQuery(filter)).exec();
  }
}

export interface AuditFilter {
  organizationUuid?: string;
  subjectUuid?: string;
  actorUserUuid?: string;
  action?: AuditAction;
  objectType?: AuditObjectType;
  since?: Date;
  until?: Date;
}

function auditQuery(filter: AuditFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.organizationUuid) query.organizationUuids = filter.organizationUuid;
  if (filter.subjectUuid) query.subjectUuid = filter.subjectUuid;
  if (filter.actorUserUuid) query.actorUserUuid = filter.actorUserUuid;
  const actions = AUDIT_ACTIONS.filter(
    (a) => (!filter.action || a === filter.action) && (!filter.objectType || auditObjectTypeOf(a) === filter.objectType),
  );
  if (filter.action || filter.objectType) query.action = { $in: actions };
  if (filter.since || filter.until)
    query.at = { ...(filter.since ? { $gte: filter.since } : {}), ...(filter.until ? { $lt: filter.until } : {}) };
  return query;
}
