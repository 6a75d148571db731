import { Injectable } from '@nestjs/common';
import { escapeRegex } from '@kitos/common';
import { oversightIntervalOf, type DataProcessingRegistrationOrder } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import type { DataProcessingRegistration, DprOversightDate, DprReference, DprRole, DprSubProcessor } from './data-processing-registration';
import { DPR_MODEL, dprSchema } from './dpr.schema';

export interface DprFilter {
  /** Organisations whose registrations the caller may see; undefined = all (global admins). */
  visibleOrganizationUuids?: readonly string[];
  organizationUuid?: string;
  /** Registrations covering any of these usages (already resolved from systemUuid / systemUsageUuid). */
  systemUsageUuids?: readonly string[];
  dataProcessorUuid?: string;
  subDataProcessorUuid?: string;
  agreementConcluded?: boolean;
  nameContains?: string;
  nameEquals?: string;
  changedSinceGtEq?: Date;
}

const SORT: Record<DataProcessingRegistrationOrder, Record<string, 1>> = {
  CreationOrder: { createdAt: 1, _id: 1 },
  Name: { nameLower: 1, _id: 1 },
  LastChanged: { lastModified: 1, _id: 1 },
};

@Injectable()
export class DprRepository extends AggregateRepository<DataProcessingRegistration> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, DPR_MODEL, dprSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): DataProcessingRegistration {
    const text = <T = string>(key: string) => ((d[key] as T | null | undefined) ?? null) as T | null;
    const strings = (key: string) => [...((d[key] as string[] | undefined) ?? [])];
    return {
      organizationUuid: d.organizationUuid as string,
      name: d.name as string,
      nameKey: d.nameKey as string,
      nameLower: d.nameLower as string,
      dataResponsibleUuid: text('dataResponsibleUuid'),
      dataResponsibleRemark: text('dataResponsibleRemark'),
      isAgreementConcluded: text<DataProcessingRegistration['isAgreementConcluded']>('isAgreementConcluded'),
      isAgreementConcludedRemark: text('isAgreementConcludedRemark'),
      agreementConcludedAt: text('agreementConcludedAt'),
      basisForTransferUuid: text('basisForTransferUuid'),
      transferToInsecureThirdCountries:
        text<DataProcessingRegistration['transferToInsecureThirdCountries']>('transferToInsecureThirdCountries'),
      insecureCountryUuids: strings('insecureCountryUuids'),
      dataProcessorUuids: strings('dataProcessorUuids'),
      hasSubDataProcessors: text<DataProcessingRegistration['hasSubDataProcessors']>('hasSubDataProcessors'),
      subDataProcessors: ((d.subDataProcessors as DprSubProcessor[] | undefined) ?? []).map((s) => ({
        organizationUuid: s.organizationUuid,
        basisForTransferUuid: s.basisForTransferUuid ?? null,
        transferToInsecureThirdCountry: s.transferToInsecureThirdCountry ?? null,
        insecureThirdCountryUuid: s.insecureThirdCountryUuid ?? null,
      })),
      subDataProcessorUuids: strings('subDataProcessorUuids'),
      mainContractUuid: text('mainContractUuid'),
      responsibleUnitUuid: text('responsibleUnitUuid'),
      responsibleUnitName: text('responsibleUnitName'),
      systemUsageUuids: strings('systemUsageUuids'),
      oversightOptionUuids: strings('oversightOptionUuids'),
      oversightOptionsRemark: text('oversightOptionsRemark'),
      oversightInterval: oversightIntervalOf(text<DataProcessingRegistration['oversightInterval']>('oversightInterval')),
      oversightIntervalRemark: text('oversightIntervalRemark'),
      isOversightCompleted: text<DataProcessingRegistration['isOversightCompleted']>('isOversightCompleted'),
      oversightCompletedRemark: text('oversightCompletedRemark'),
      oversightDates: ((d.oversightDates as DprOversightDate[] | undefined) ?? []).map((o) => ({
        uuid: o.uuid,
        completedAt: o.completedAt,
        remark: o.remark ?? null,
        oversightReportLink: o.oversightReportLink
          ? { name: o.oversightReportLink.name ?? null, url: o.oversightReportLink.url ?? null }
          : null,
      })),
      oversightScheduledInspectionDate: text('oversightScheduledInspectionDate'),
      nextOversightDate: text('nextOversightDate'),
      roles: ((d.roles as DprRole[] | undefined) ?? []).map((r) => ({ roleUuid: r.roleUuid, roleName: r.roleName, userUuid: r.userUuid })),
      externalReferences: ((d.externalReferences as DprReference[] | undefined) ?? []).map((r) => ({
        uuid: r.uuid,
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference === true,
      })),
      createdAt: d.createdAt as Date,
      createdByUserUuid: text('createdByUserUuid'),
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: text('lastModifiedByUserUuid'),
    };
  }

  async findByName(organizationUuid: string, nameKey: string): Promise<Stored<DataProcessingRegistration> | null> {
    const document = await this.model.findOne({ nameKey, deleted: false }).lean<Record<string, unknown>>().exec();
    return document && document.organizationUuid === organizationUuid ? this.stored(document) : null;
  }

  /** Every live registration of an organisation (a leaver's handover looks for their roles among them). */
  async ofOrganization(organizationUuid: string): Promise<Stored<DataProcessingRegistration>[]> {
    const documents = await this.model.find({ deleted: false, organizationUuid }).lean<Record<string, unknown>[]>().exec();
    return documents.map((d) => this.stored(d));
  }

  async list(
    filter: DprFilter,
    orderBy: DataProcessingRegistrationOrder,
    page: number,
    pageSize: number,
  ): Promise<Stored<DataProcessingRegistration>[]> {
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

  /** Every live registration of an organisation (the Article 30 record and other whole-organisation views). */
  async allOf(organizationUuid: string): Promise<Stored<DataProcessingRegistration>[]> {
    return this.list({ organizationUuid }, 'Name', 0, Number.MAX_SAFE_INTEGER);
  }

  /** Live registrations of an organisation whose next oversight lies before `today`, the longest overdue first. */
  async overdue(organizationUuid: string, today: string): Promise<Stored<DataProcessingRegistration>[]> {
    const documents = await this.model
      .find({ deleted: false, organizationUuid, nextOversightDate: { $ne: null, $lt: today } })
      .sort({ nextOversightDate: 1, _id: 1 })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  /** Uuids of the live registrations that cover a usage. */
  async uuidsCoveringUsage(usageUuid: string): Promise<string[]> {
    const documents = await this.model
      .find({ deleted: false, systemUsageUuids: usageUuid }, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return documents.map((d) => d._id);
  }

  /** Uuids of the live registrations whose main contract this is. */
  async uuidsWithMainContract(contractUuid: string): Promise<string[]> {
    const documents = await this.model
      .find({ deleted: false, mainContractUuid: contractUuid }, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return documents.map((d) => d._id);
  }

  /** null when the filter can match nothing. */
  private query(filter: DprFilter): Record<string, unknown> | null {
    const query: Record<string, unknown> = { deleted: false };
    const organizations = filter.visibleOrganizationUuids;
    if (filter.organizationUuid) {
      if (organizations && !organizations.includes(filter.organizationUuid)) return null;
      query.organizationUuid = filter.organizationUuid;
    } else if (organizations) {
      if (!organizations.length) return null;
      query.organizationUuid = { $in: [...organizations] };
    }
    if (filter.systemUsageUuids) {
      if (!filter.systemUsageUuids.length) return null;
      query.systemUsageUuids = { $in: [...filter.systemUsageUuids] };
    }
    if (filter.dataProcessorUuid) query.dataProcessorUuids = filter.dataProcessorUuid;
    if (filter.subDataProcessorUuid) query.subDataProcessorUuids = filter.subDataProcessorUuid;
    if (filter.agreementConcluded !== undefined) query.isAgreementConcluded = filter.agreementConcluded ? 'Yes' : { $ne: 'Yes' };
    const names: Record<string, unknown>[] = [];
    if (filter.nameContains) names.push({ nameLower: { $regex: escapeRegex(filter.nameContains.trim().toLocaleLowerCase('da')) } });
    if (filter.nameEquals) names.push({ nameLower: filter.nameEquals.trim().toLocaleLowerCase('da') });
    if (names.length) query.$and = names;
    if (filter.changedSinceGtEq) query.lastModified = { $gte: filter.changedSinceGtEq };
    return query;
  }
}
