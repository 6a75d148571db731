import { Injectable } from '@nestjs/common';
import { Schema } from 'mongoose';
import {
  AggregateRepository,
  MongoConnection,
  OutboxRelay,
  aggregateSchema,
  registerAggregateModel,
  type Stored,
} from '@kitos/persistence';
import { EMPTY_GDPR, GDPR_FIELDS, type OptionValue, type UsageGdpr } from './usage-gdpr';

const optional = (type: unknown) => ({ type, default: null });

/** One document per usage, `_id` = the usage's uuid (created by the first write). */
const usageGdprSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    purpose: optional(String),
    businessCritical: optional(String),
    hostedAt: optional(String),
    directoryDocumentation: optional(Schema.Types.Mixed),
    dataSensitivityLevels: { type: [String], default: [] },
    sensitivePersonDataUuids: { type: [String], default: [] },
    specificPersonalData: { type: [String], default: [] },
    registeredDataCategoryUuids: { type: [String], default: [] },
    technicalPrecautionsInPlace: optional(String),
    technicalPrecautionsApplied: { type: [String], default: [] },
    technicalPrecautionsDocumentation: optional(Schema.Types.Mixed),
    userSupervision: optional(String),
    userSupervisionDate: optional(String),
    userSupervisionDocumentation: optional(Schema.Types.Mixed),
    riskAssessmentConducted: optional(String),
    riskAssessmentConductedDate: optional(String),
    riskAssessmentResult: optional(String),
    riskAssessmentDocumentation: optional(Schema.Types.Mixed),
    riskAssessmentNotes: optional(String),
    plannedRiskAssessmentDate: optional(String),
    dpiaConducted: optional(String),
    dpiaDate: optional(String),
    dpiaDocumentation: optional(Schema.Types.Mixed),
    retentionPeriodDefined: optional(String),
    nextDataRetentionEvaluationDate: optional(String),
    dataRetentionEvaluationFrequencyInMonths: optional(Number),
    optionNames: { type: [Schema.Types.Mixed], default: [] },
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: optional(String),
  },
  'usage_gdpr_profiles',
);
usageGdprSchema.index({ deleted: 1, organizationUuid: 1 });

@Injectable()
export class UsageGdprRepository extends AggregateRepository<UsageGdpr> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, 'UsageGdprProfile', usageGdprSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): UsageGdpr {
    const fields = Object.fromEntries(
      GDPR_FIELDS.map((f) => {
        const empty = EMPTY_GDPR[f];
        const value = d[f] ?? empty;
        return [f, Array.isArray(value) ? [...value] : value];
      }),
    );
    return {
      ...(fields as unknown as UsageGdpr),
      organizationUuid: d.organizationUuid as string,
      optionNames: ((d.optionNames as OptionValue[] | undefined) ?? []).map((o) => ({ uuid: o.uuid, name: o.name })),
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: (d.lastModifiedByUserUuid as string | null | undefined) ?? null,
    };
  }

  /** The live profiles of an organisation's usages, by usage uuid. */
  async byOrganization(organizationUuid: string): Promise<Map<string, Stored<UsageGdpr>>> {
    const documents = await this.model.find({ deleted: false, organizationUuid }).lean<Record<string, unknown>[]>().exec();
    return new Map(documents.map((d) => [d._id as string, this.stored(d)]));
  }

  /** Profiles of several usages (of any organisation), by usage uuid. */
  async byUsages(usageUuids: readonly string[]): Promise<Map<string, Stored<UsageGdpr>>> {
    if (!usageUuids.length) return new Map();
    const documents = await this.model
      .find({ _id: { $in: [...new Set(usageUuids)] } })
      .lean<Record<string, unknown>[]>()
      .exec();
    return new Map(documents.filter((d) => !d.deleted).map((d) => [d._id as string, this.stored(d)]));
  }
}
