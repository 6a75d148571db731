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
import { nameKeyOf, type DataCategory, type JointController, type ProcessingActivity, type Recipient } from './processing-activity';

const optionalString = { type: String, default: null };

const activitySchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    description: optionalString,
    purposes: { type: [String], default: [] },
    legalBases: { type: [String], default: [] },
    nationalLawReferences: { type: [String], default: [] },
    dataCategories: { type: [Schema.Types.Mixed], default: [] },
    recipients: { type: [Schema.Types.Mixed], default: [] },
    systemUsageUuids: { type: [String], default: [] },
    controllerRole: { type: String, required: true },
    jointControllers: { type: [Schema.Types.Mixed], default: [] },
    representative: optionalString,
    securityMeasures: optionalString,
    dataSource: optionalString,
    createdAt: { type: Date, required: true },
    createdByUserUuid: optionalString,
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: optionalString,
  },
  'processing_activities',
);
/** One name per organisation; a deleted activity's key is replaced so the name can be used again. */
activitySchema.index({ nameKey: 1 }, { unique: true });
activitySchema.index({ deleted: 1, organizationUuid: 1, createdAt: 1, _id: 1 });

@Injectable()
export class ProcessingActivitiesRepository extends AggregateRepository<ProcessingActivity> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, 'ProcessingActivity', activitySchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): ProcessingActivity {
    const text = (key: string) => (d[key] as string | null | undefined) ?? null;
    const list = <T>(key: string) => [...((d[key] as T[] | undefined) ?? [])];
    return {
      organizationUuid: d.organizationUuid as string,
      name: d.name as string,
      nameKey: d.nameKey as string,
      description: text('description'),
      purposes: list<string>('purposes'),
      legalBases: list('legalBases'),
      nationalLawReferences: list<string>('nationalLawReferences'),
      dataCategories: list<DataCategory>('dataCategories').map((c) => ({
        dataSubjectCategory: c.dataSubjectCategory,
        personalDataCategory: c.personalDataCategory,
        sensitivity: c.sensitivity ?? null,
        retentionPeriod: c.retentionPeriod ?? null,
        retentionMonths: c.retentionMonths ?? null,
      })),
      recipients: list<Recipient>('recipients').map((r) => ({
        name: r.name,
        category: r.category ?? null,
        thirdCountry: r.thirdCountry === true,
        country: r.country ?? null,
        transferBasis: r.transferBasis ?? null,
      })),
      systemUsageUuids: list<string>('systemUsageUuids'),
      controllerRole: (d.controllerRole as ProcessingActivity['controllerRole']) ?? 'Controller',
      jointControllers: list<JointController>('jointControllers').map((j) => ({ name: j.name, contact: j.contact ?? null })),
      representative: text('representative'),
      securityMeasures: text('securityMeasures'),
      dataSource: text('dataSource'),
      createdAt: d.createdAt as Date,
      createdByUserUuid: text('createdByUserUuid'),
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: text('lastModifiedByUserUuid'),
    };
  }

  /** The live activities of some organisations (all when undefined), in creation order. */
  async list(organizationUuids: readonly string[] | undefined): Promise<Stored<ProcessingActivity>[]> {
    const query: Record<string, unknown> = { deleted: false };
    if (organizationUuids) query.organizationUuid = { $in: [...organizationUuids] };
    const documents = await this.model.find(query).sort({ createdAt: 1, _id: 1 }).lean<Record<string, unknown>[]>().exec();
    return documents.map((d) => this.stored(d));
  }

  async findByName(organizationUuid: string, name: string): Promise<Stored<ProcessingActivity> | null> {
    const document = await this.model
      .findOne({ nameKey: nameKeyOf(organizationUuid, name), deleted: false })
      .lean<Record<string, unknown>>()
      .exec();
    return document ? this.stored(document) : null;
  }
}
