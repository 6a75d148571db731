import { Injectable } from '@nestjs/common';
import { escapeRegex } from '@kitos/common';
import type { ItContractOrder } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import type { Payment } from './contract-economy';
import { normalizeName, type ContractReference, type ContractRole, type ItContract, type OptionValue } from './it-contract';
import { IT_CONTRACT_MODEL, itContractSchema } from './it-contract.schema';

export interface ItContractFilter {
  /** Organisations whose contracts the caller may see; undefined = all (global admins). */
  visibleOrganizationUuids?: readonly string[];
  organizationUuid?: string;
  /** Contracts linking any of these usages (systemUsageUuid, or the usages of systemUuid). */
  systemUsageUuids?: readonly string[];
  dataProcessingRegistrationUuid?: string;
  responsibleUnitUuid?: string;
  supplierUuid?: string;
  nameContent?: string;
  nameEquals?: string;
  changedSinceGtEq?: Date;
}

const SORT: Record<ItContractOrder, Record<string, 1>> = {
  CreationOrder: { createdAt: 1, _id: 1 },
  Name: { nameKey: 1, _id: 1 },
  LastChanged: { lastModified: 1, _id: 1 },
};

@Injectable()
export class ItContractsRepository extends AggregateRepository<ItContract> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, IT_CONTRACT_MODEL, itContractSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): ItContract {
    const text = (key: string) => (d[key] as string | null | undefined) ?? null;
    const num = (key: string) => (d[key] as number | null | undefined) ?? null;
    const option = (key: string) => {
      const o = d[key] as OptionValue | null | undefined;
      return o ? { uuid: o.uuid, name: o.name } : null;
    };
    const payments = (key: string): Payment[] =>
      ((d[key] as Payment[] | undefined) ?? []).map((p) => ({
        uuid: p.uuid,
        organizationUnitUuid: p.organizationUnitUuid,
        organizationUnitName: p.organizationUnitName ?? '',
        acquisitionOre: p.acquisitionOre ?? 0,
        operationOre: p.operationOre ?? 0,
        otherOre: p.otherOre ?? 0,
        accountingEntry: p.accountingEntry ?? null,
        auditStatus: p.auditStatus ?? 'White',
        auditDate: p.auditDate ?? null,
        note: p.note ?? null,
      }));
    return {
      organizationUuid: d.organizationUuid as string,
      name: d.name as string,
      nameKey: d.nameKey as string,
      parentUuid: text('parentUuid'),
      contractId: text('contractId'),
      contractType: option('contractType'),
      contractTemplate: option('contractTemplate'),
      agreementElements: ((d.agreementElements as OptionValue[] | undefined) ?? []).map((o) => ({ uuid: o.uuid, name: o.name })),
      notes: text('notes'),
      criticality: option('criticality'),
      enforcedValid: d.enforcedValid === true,
      validFrom: text('validFrom'),
      validTo: text('validTo'),
      requireValidParent: d.requireValidParent === true,
      purchaseType: option('purchaseType'),
      procurementStrategy: option('procurementStrategy'),
      procurementPlanQuarter: num('procurementPlanQuarter'),
      procurementPlanYear: num('procurementPlanYear'),
      procurementInitiated: text('procurementInitiated') as ItContract['procurementInitiated'],
      supplierUuid: text('supplierUuid'),
      supplierSigned: d.supplierSigned === true,
      supplierSignedBy: text('supplierSignedBy'),
      supplierSignedAt: text('supplierSignedAt'),
      responsibleUnitUuid: text('responsibleUnitUuid'),
      responsibleUnitName: text('responsibleUnitName'),
      responsibleSigned: d.responsibleSigned === true,
      responsibleSignedBy: text('responsibleSignedBy'),
      responsibleSignedAt: text('responsibleSignedAt'),
      systemUsageUuids: [...((d.systemUsageUuids as string[] | undefined) ?? [])],
      dataProcessingRegistrationUuids: [...((d.dataProcessingRegistrationUuids as string[] | undefined) ?? [])],
      operationsRemunerationStartedAt: text('operationsRemunerationStartedAt'),
      paymentFrequency: option('paymentFrequency'),
      paymentModel: option('paymentModel'),
      priceRegulation: option('priceRegulation'),
      durationYears: num('durationYears'),
      durationMonths: num('durationMonths'),
      isContinuous: d.isContinuous === true,
      extensionOptions: option('extensionOptions'),
      extensionOptionCount: num('extensionOptionCount'),
      extensionOptionMonths: num('extensionOptionMonths'),
      extensionOptionsUsed: num('extensionOptionsUsed') ?? 0,
      irrevocableUntil: text('irrevocableUntil'),
      terminatedAt: text('terminatedAt'),
      noticePeriod: option('noticePeriod'),
      noticePeriodMonths: num('noticePeriodMonths'),
      noticePeriodExtendsCurrent: (d.noticePeriodExtendsCurrent as boolean | null | undefined) ?? null,
      noticeByEndOf: text('noticeByEndOf') as ItContract['noticeByEndOf'],
      internalPayments: payments('internalPayments'),
      externalPayments: payments('externalPayments'),
      roles: ((d.roles as ContractRole[] | undefined) ?? []).map((r) => ({
        roleUuid: r.roleUuid,
        roleName: r.roleName,
        userUuid: r.userUuid,
      })),
      externalReferences: ((d.externalReferences as ContractReference[] | undefined) ?? []).map((r) => ({
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

  async findByNameKey(nameKey: string): Promise<Stored<ItContract> | null> {
    const document = await this.model.findOne({ nameKey, deleted: false }).lean<Record<string, unknown>>().exec();
    return document ? this.stored(document) : null;
  }

  async findManyByUuid(uuids: readonly string[]): Promise<Stored<ItContract>[]> {
    const found = await Promise.all([...new Set(uuids)].map((uuid) => this.findByUuid(uuid)));
    return found.filter((c): c is Stored<ItContract> => c !== null);
  }

  async list(filter: ItContractFilter, orderBy: ItContractOrder, page: number, pageSize: number): Promise<Stored<ItContract>[]> {
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

  /** Every live contract of an organisation (economy totals). */
  async ofOrganization(organizationUuid: string): Promise<Stored<ItContract>[]> {
    const documents = await this.model.find({ deleted: false, organizationUuid }).lean<Record<string, unknown>[]>().exec();
    return documents.map((d) => this.stored(d));
  }

  /** Uuids of the live contracts whose parent is the given one. */
  async childUuids(parentUuid: string): Promise<string[]> {
    const rows = await this.model.find({ parentUuid, deleted: false }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    return rows.map((r) => r._id);
  }

  /** Uuids of the live contracts that link the usage or registration. */
  async linking(field: 'systemUsageUuids' | 'dataProcessingRegistrationUuids', uuid: string): Promise<string[]> {
    const rows = await this.model
      .find({ [field]: uuid, deleted: false }, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return rows.map((r) => r._id);
  }

  /** null when the filter can match nothing. */
  private query(filter: ItContractFilter): Record<string, unknown> | null {
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
    if (filter.dataProcessingRegistrationUuid) query.dataProcessingRegistrationUuids = filter.dataProcessingRegistrationUuid;
    if (filter.responsibleUnitUuid) query.responsibleUnitUuid = filter.responsibleUnitUuid;
    if (filter.supplierUuid) query.supplierUuid = filter.supplierUuid;
    const names: Record<string, unknown>[] = [];
    if (filter.nameEquals !== undefined) names.push({ nameKey: { $regex: `^[^:]*:${escapeRegex(normalizeName(filter.nameEquals))}$` } });
    if (filter.nameContent !== undefined) names.push({ nameKey: { $regex: `^[^:]*:.*${escapeRegex(normalizeName(filter.nameContent))}` } });
    if (names.length) query.$and = names;
    if (filter.changedSinceGtEq) query.lastModified = { $gte: filter.changedSinceGtEq };
    return query;
  }
}
