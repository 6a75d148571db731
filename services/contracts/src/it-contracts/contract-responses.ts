import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, danishDayOf, type Clock } from '@kitos/common';
import { øreToKroner, type ItContractEconomySnapshot, type ItContractResponse, type ItContractSnapshot } from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import { LinkedObjectsLookup } from '../links/linked-objects.lookup';
import { OrganizationDirectory } from '../shared/ports';
import { contractEconomy, type Economy, type Payment, type Totals } from './contract-economy';
import { ContractHierarchy, validityOf, type Chain } from './contract-hierarchy';
import { computeDeadlines } from './contract-terms';
import { termsOf, type ItContract, type OptionValue } from './it-contract';

/** What a contract looks like to a client (the response) and to other services (the snapshot its events carry). */
@Injectable()
export class ContractResponses {
  constructor(
    private readonly directory: OrganizationDirectory,
    private readonly links: LinkedObjectsLookup,
    private readonly hierarchy: ContractHierarchy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Responses with the names of everything referenced, looked up once for the whole page. */
  async toResponses(contracts: ReadonlyArray<Stored<ItContract>>): Promise<ItContractResponse[]> {
    if (!contracts.length) return [];
    const unique = <T>(values: T[]) => [...new Set(values)];
    const userUuids = unique(
      contracts
        .flatMap((c) => [...c.roles.map((r) => r.userUuid), c.createdByUserUuid, c.lastModifiedByUserUuid])
        .filter((x): x is string => !!x),
    );
    const chain = await this.hierarchy.ancestors(contracts.map((c) => c.parentUuid));
    const [organizations, userNames, usageNames, registrationNames] = await Promise.all([
      this.directory.organizations(unique(contracts.flatMap((c) => [c.organizationUuid, c.supplierUuid]).filter((x): x is string => !!x))),
      userUuids.length ? this.directory.userNames(userUuids) : new Map<string, string>(),
      this.links.usageNames(unique(contracts.flatMap((c) => c.systemUsageUuids))),
      this.links.registrationNames(unique(contracts.flatMap((c) => c.dataProcessingRegistrationUuids))),
    ]);
    const today = danishDayOf(this.clock.now());
    const pair = (uuid: string, names: Map<string, string | null>) => ({ uuid, name: names.get(uuid) ?? null });
    const userPair = (uuid: string | null) => (uuid ? pair(uuid, userNames) : null);
    const opt = (o: OptionValue | null) => (o ? { uuid: o.uuid, name: o.name || null } : null);
    return contracts.map((c) => {
      const validity = validityOf(c, chain, today);
      const parent = c.parentUuid ? chain.get(c.parentUuid) : null;
      const supplier = c.supplierUuid ? organizations.get(c.supplierUuid) : undefined;
      const payment = (p: Payment) => ({
        uuid: p.uuid,
        organizationUnit: { uuid: p.organizationUnitUuid, name: p.organizationUnitName || null },
        acquisition: øreToKroner(p.acquisitionOre),
        operation: øreToKroner(p.operationOre),
        other: øreToKroner(p.otherOre),
        acquisitionØre: p.acquisitionOre,
        operationØre: p.operationOre,
        otherØre: p.otherOre,
        accountingEntry: p.accountingEntry,
        auditStatus: p.auditStatus,
        auditDate: p.auditDate,
        note: p.note,
      });
      return {
        uuid: c.uuid,
        name: c.name,
        organizationContext: { uuid: c.organizationUuid, name: organizations.get(c.organizationUuid)?.name ?? null },
        parentContract: c.parentUuid ? { uuid: c.parentUuid, name: parent?.name ?? null } : null,
        general: {
          contractId: c.contractId,
          contractType: opt(c.contractType),
          contractTemplate: opt(c.contractTemplate),
          agreementElements: c.agreementElements.map((e) => ({ uuid: e.uuid, name: e.name || null })),
          notes: c.notes,
          criticality: opt(c.criticality),
          validity: { ...validity, validFrom: c.validFrom, validTo: c.validTo, requireValidParent: c.requireValidParent },
        },
        procurement: {
          purchaseType: opt(c.purchaseType),
          procurementStrategy: opt(c.procurementStrategy),
          procurementPlan:
            c.procurementPlanQuarter === null ? null : { quarterOfYear: c.procurementPlanQuarter, year: c.procurementPlanYear ?? 0 },
          procurementInitiated: c.procurementInitiated,
        },
        supplier: {
          organization: c.supplierUuid ? { uuid: c.supplierUuid, name: supplier?.name ?? null, cvr: supplier?.cvr ?? null } : null,
          signed: c.supplierSigned,
          signedBy: c.supplierSignedBy,
          signedAt: c.supplierSignedAt,
        },
        responsible: {
          organizationUnit: c.responsibleUnitUuid ? { uuid: c.responsibleUnitUuid, name: c.responsibleUnitName || null } : null,
          signed: c.responsibleSigned,
          signedBy: c.responsibleSignedBy,
          signedAt: c.responsibleSignedAt,
        },
        systemUsages: c.systemUsageUuids.map((u) => pair(u, usageNames)),
        dataProcessingRegistrations: c.dataProcessingRegistrationUuids.map((u) => pair(u, registrationNames)),
        paymentModel: {
          operationsRemunerationStartedAt: c.operationsRemunerationStartedAt,
          paymentFrequency: opt(c.paymentFrequency),
          paymentModel: opt(c.paymentModel),
          priceRegulation: opt(c.priceRegulation),
        },
        agreementPeriod: {
          durationYears: c.durationYears,
          durationMonths: c.durationMonths,
          isContinuous: c.isContinuous,
          extensionOptions: opt(c.extensionOptions),
          extensionOptionsUsed: c.extensionOptionsUsed,
          irrevocableUntil: c.irrevocableUntil,
        },
        termination: {
          terminatedAt: c.terminatedAt,
          terms: {
            noticePeriodMonths: opt(c.noticePeriod),
            noticePeriodExtendsCurrent: c.noticePeriodExtendsCurrent,
            noticeByEndOf: c.noticeByEndOf,
          },
        },
        payments: { internal: c.internalPayments.map(payment), external: c.externalPayments.map(payment) },
        roles: c.roles.map((r) => ({ role: { uuid: r.roleUuid, name: r.roleName || null }, user: pair(r.userUuid, userNames) })),
        externalReferences: c.externalReferences.map((r) => ({ ...r })),
        validity,
        deadlines: computeDeadlines(termsOf(c), today),
        economy: contractEconomy(c.internalPayments, c.externalPayments, c.operationsRemunerationStartedAt),
        created: c.createdAt.toISOString(),
        createdBy: userPair(c.createdByUserUuid),
        lastModified: c.lastModified.toISOString(),
        lastModifiedBy: userPair(c.lastModifiedByUserUuid),
        version: c.version,
      };
    });
  }

  snapshot(uuid: string, c: ItContract, chain: Chain): ItContractSnapshot {
    const today = danishDayOf(this.clock.now());
    const validity = validityOf(c, chain, today);
    const deadlines = computeDeadlines(termsOf(c), today);
    return {
      uuid,
      organizationUuid: c.organizationUuid,
      name: c.name,
      lastModified: c.lastModified.toISOString(),
      supplierUuid: c.supplierUuid,
      systemUsageUuids: [...c.systemUsageUuids],
      dataProcessingRegistrationUuids: [...c.dataProcessingRegistrationUuids],
      valid: validity.valid,
      validFrom: c.validFrom,
      validTo: c.validTo,
      enforcedValid: c.enforcedValid,
      deadlines: { ...deadlines },
      validationErrors: validity.validationErrors,
      requireValidParent: c.requireValidParent,
      parentContractUuid: c.parentUuid,
      responsibleOrganizationUnitUuid: c.responsibleUnitUuid,
      contractId: c.contractId,
      notes: c.notes ?? null,
      noticePeriodMonths: c.noticePeriodMonths ?? null,
      economy: economySnapshot(contractEconomy(c.internalPayments, c.externalPayments, c.operationsRemunerationStartedAt)),
    };
  }
}

/** The economy as events carry it: both payment streams summed, with ASCII property names. */
function economySnapshot(economy: Economy): ItContractEconomySnapshot {
  const sums = (t: Totals) => ({
    acquisitionOre: t.acquisitionØre,
    operationOre: t.operationØre,
    otherOre: t.otherØre,
    totalOre: t.totalØre,
  });
  return { ...sums(economy.total), byYear: economy.byYear.map((y) => ({ year: y.year, ...sums(y) })) };
}
