import { Injectable } from '@nestjs/common';
import { escapeRegex } from '@kitos/common';
import type { ItProjectOrder, ProjectPhase } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { IT_PROJECT_MODEL, itProjectSchema } from './it-project.schema';
import { nameKeyOf, type ItProject } from './it-project';

export interface ItProjectFilter {
  /** Organisations whose projects the caller may see; undefined = all (global admins). */
  visibleOrganizationUuids?: readonly string[];
  organizationUuid?: string;
  nameContent?: string;
  parentProjectUuid?: string;
  responsibleUnitUuid?: string;
  systemUsageUuid?: string;
  contractUuid?: string;
  currentPhase?: ProjectPhase;
  archived?: boolean;
  changedSinceGtEq?: Date;
}

const SORT: Record<ItProjectOrder, Record<string, 1>> = {
  CreationOrder: { createdAt: 1, _id: 1 },
  Name: { nameLower: 1, _id: 1 },
  LastChanged: { lastModified: 1, _id: 1 },
};

const copy = <T>(value: unknown, fallback: T): T => (value === undefined || value === null ? fallback : (structuredClone(value) as T));

@Injectable()
export class ItProjectsRepository extends AggregateRepository<ItProject> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, IT_PROJECT_MODEL, itProjectSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): ItProject {
    const text = (key: string) => (d[key] as string | null | undefined) ?? null;
    return {
      organizationUuid: d.organizationUuid as string,
      name: d.name as string,
      nameKey: d.nameKey as string,
      nameLower: d.nameLower as string,
      projectId: text('projectId'),
      projectTypeUuid: text('projectTypeUuid'),
      projectTypeName: text('projectTypeName'),
      description: text('description'),
      notes: text('notes'),
      responsibleUnitUuid: text('responsibleUnitUuid'),
      responsibleUnitName: text('responsibleUnitName'),
      parentProjectUuid: text('parentProjectUuid'),
      archived: d.archived === true,
      currentPhase: text('currentPhase') as ProjectPhase | null,
      phaseDates: copy(d.phaseDates, []),
      roles: copy(d.roles, []),
      systemUsageUuids: copy(d.systemUsageUuids, []),
      contractUuids: copy(d.contractUuids, []),
      externalReferences: copy(d.externalReferences, []),
      milestones: copy(d.milestones, []),
      tasks: copy(d.tasks, []),
      statusReports: copy(d.statusReports, []),
      economyYears: copy(d.economyYears, []),
      risks: copy(d.risks, []),
      stakeholders: copy(d.stakeholders, []),
      benefits: copy(d.benefits, []),
      createdAt: d.createdAt as Date,
      createdByUserUuid: text('createdByUserUuid'),
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: text('lastModifiedByUserUuid'),
    };
  }

  async findByName(organizationUuid: string, name: string): Promise<Stored<ItProject> | null> {
    const document = await this.model
      .findOne({ nameKey: nameKeyOf(organizationUuid, name), deleted: false })
      .lean<Record<string, unknown>>()
      .exec();
    return document ? this.stored(document) : null;
  }

  /** Every live project of an organisation (a leaver's handover looks for their roles among them). */
  async ofOrganization(organizationUuid: string): Promise<Stored<ItProject>[]> {
    const documents = await this.model.find({ deleted: false, organizationUuid }).lean<Record<string, unknown>[]>().exec();
    return documents.map((d) => this.stored(d));
  }

  async list(filter: ItProjectFilter, orderBy: ItProjectOrder, page: number, pageSize: number): Promise<Stored<ItProject>[]> {
    const query = this.query(filter);
    if (!query) return [];
    const documents = await this.model
      .find(query)
      .sort(SORT[orderBy])
      .skip(page * pageSize)
      .limit(pageSize)
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  /** Every live project matching the filter (for the benefits attention list of one organisation). */
  async all(filter: ItProjectFilter): Promise<Stored<ItProject>[]> {
    const query = this.query(filter);
    if (!query) return [];
    const documents = await this.model.find(query).sort(SORT.CreationOrder).lean<Record<string, unknown>[]>().exec();
    return documents.map((d) => this.stored(d));
  }

  /** uuid and name of the live children of a project. */
  async children(parentUuid: string): Promise<Array<{ uuid: string; name: string }>> {
    const documents = await this.model
      .find({ parentProjectUuid: parentUuid, deleted: false }, { _id: 1, name: 1 })
      .sort({ nameLower: 1, _id: 1 })
      .lean<Array<{ _id: string; name: string }>>()
      .exec();
    return documents.map((d) => ({ uuid: d._id, name: d.name }));
  }

  /** uuids of the live projects that link a usage or a contract. */
  async linking(field: 'systemUsageUuids' | 'contractUuids', uuid: string): Promise<string[]> {
    const documents = await this.model
      .find({ [field]: uuid, deleted: false }, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return documents.map((d) => d._id);
  }

  /** null when the filter can match nothing (no visible organisation). */
  private query(filter: ItProjectFilter): Record<string, unknown> | null {
    const query: Record<string, unknown> = { deleted: false };
    const organizations = filter.visibleOrganizationUuids;
    if (filter.organizationUuid) {
      if (organizations && !organizations.includes(filter.organizationUuid)) return null;
      query.organizationUuid = filter.organizationUuid;
    } else if (organizations) {
      if (!organizations.length) return null;
      query.organizationUuid = { $in: [...organizations] };
    }
    if (filter.nameContent !== undefined) query.nameLower = { $regex: escapeRegex(filter.nameContent.trim().toLocaleLowerCase('da')) };
    if (filter.parentProjectUuid) query.parentProjectUuid = filter.parentProjectUuid;
    if (filter.responsibleUnitUuid) query.responsibleUnitUuid = filter.responsibleUnitUuid;
    if (filter.systemUsageUuid) query.systemUsageUuids = filter.systemUsageUuid;
    if (filter.contractUuid) query.contractUuids = filter.contractUuid;
    if (filter.currentPhase) query.currentPhase = filter.currentPhase;
    if (filter.archived !== undefined) query.archived = filter.archived;
    if (filter.changedSinceGtEq) query.lastModified = { $gte: filter.changedSinceGtEq };
    return query;
  }
}
