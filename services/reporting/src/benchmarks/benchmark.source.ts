import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { canReadCatalogEntry, type CallerContext } from '@kitos/common';
import type { DataProcessingRegistrationSnapshot, ItContractSnapshot, ItSystemSnapshot, OrganizationSnapshot } from '@kitos/contracts';
import { ReadModelStore } from '../read-models/read-model.store';
import { LIVE, type ReadModelDoc, type ReadModelKind, type UsageDoc } from '../read-models/read-model.types';
import { SharingPolicy, privateClassOf } from '../sharing/sharing-policy';
import type { ReportingConfig } from '../reporting.config';
import type { BenchContract, BenchDpr, BenchOrganization, BenchSystem, BenchUsage, BenchmarkData } from './benchmark-rules';

export const DEFAULT_MIN_ORGANIZATIONS = 5;

/**
 * The read-model paths each benchmark reads. None of them is private (`privateClassOf` null), except contract economy,
 * which is read only for organisations from which the sharing policy does not hide it. Checked by a unit test.
 */
export const BENCHMARK_READ_PATHS: Readonly<Partial<Record<ReadModelKind, readonly string[]>>> = {
  'it-systems': ['data.uuid', 'data.name', 'data.rightsHolderUuid', 'data.organizationUuid', 'data.scope'],
  organizations: ['data.uuid', 'data.name', 'data.organizationType'],
  'it-system-usages': [
    'data.uuid',
    'data.organizationUuid',
    'data.systemUuid',
    'data.expectedUsersLowerBound',
    'data.expectedUsersUpperBound',
    'gdpr.data.processesPersonalData',
    'gdpr.data.dpiaConducted',
    'gdpr.data.riskAssessmentConducted',
    'archive.data.archiveDuty',
  ],
  'it-contracts': [
    'data.uuid',
    'data.organizationUuid',
    'data.name',
    'data.supplierUuid',
    'data.systemUsageUuids',
    'data.validFrom',
    'data.validTo',
    'data.deadlines',
    'data.noticePeriodMonths',
    'data.economy',
  ],
  'data-processing-registrations': ['data.uuid', 'data.organizationUuid', 'data.systemUsageUuids', 'data.agreementConcluded'],
};

export interface LoadOptions {
  contracts?: boolean;
  dprs?: boolean;
}

/** Loads the live read models for the benchmarks, limited to the systems the caller may see in the catalogue. */
@Injectable()
export class BenchmarkSource {
  readonly minOrganizations: number;

  constructor(
    private readonly store: ReadModelStore,
    private readonly policy: SharingPolicy,
    @Inject(SERVICE_CONFIG) config: Partial<ReportingConfig>,
  ) {
    this.minOrganizations = config.benchmarkMinOrganizations ?? DEFAULT_MIN_ORGANIZATIONS;
  }

  async load(caller: CallerContext, options: LoadOptions = {}): Promise<BenchmarkData> {
    const [systemDocs, organizationDocs, usageDocs, contractDocs, dprDocs] = await Promise.all([
      this.store.model('it-systems').find(LIVE).lean<ReadModelDoc<ItSystemSnapshot>[]>().exec(),
      this.store.model('organizations').find(LIVE).lean<ReadModelDoc<OrganizationSnapshot>[]>().exec(),
      this.store.model('it-system-usages').find(LIVE).lean<UsageDoc[]>().exec(),
      options.contracts ? this.store.model('it-contracts').find(LIVE).lean<ReadModelDoc<ItContractSnapshot>[]>().exec() : [],
      options.dprs
        ? this.store.model('data-processing-registrations').find(LIVE).lean<ReadModelDoc<DataProcessingRegistrationSnapshot>[]>().exec()
        : [],
    ]);

    const systems = new Map<string, BenchSystem>();
    for (const { data } of systemDocs) {
      if (!data || !canReadCatalogEntry(caller, { organizationUuid: data.organizationUuid, scope: data.scope })) continue;
      systems.set(data.uuid, { uuid: data.uuid, name: data.name, rightsHolderUuid: data.rightsHolderUuid ?? null });
    }
    const organizations = new Map<string, BenchOrganization>();
    for (const { data } of organizationDocs) {
      if (data) organizations.set(data.uuid, { uuid: data.uuid, name: data.name, organizationType: data.organizationType });
    }
    const usages: BenchUsage[] = usageDocs.flatMap(({ data, gdpr, archive }) => {
      if (!data) return [];
      const g = gdpr && !gdpr.deleted ? gdpr.data : null;
      const a = archive && !archive.deleted ? archive.data : null;
      return [
        {
          uuid: data.uuid,
          organizationUuid: data.organizationUuid,
          systemUuid: data.systemUuid,
          expectedUsersLowerBound: data.expectedUsersLowerBound ?? null,
          expectedUsersUpperBound: data.expectedUsersUpperBound ?? null,
          gdpr: g
            ? {
                processesPersonalData: g.processesPersonalData,
                dpiaConducted: g.dpiaConducted ?? null,
                riskAssessmentConducted: g.riskAssessmentConducted ?? null,
              }
            : null,
          archive: a ? { archiveDuty: a.archiveDuty ?? null } : null,
        },
      ];
    });

    // Economy only from organisations the sharing policy does not hide it from others (aggregates treat every
    // organisation alike, whoever asks).
    const economyClass = privateClassOf('it-contracts', 'data.economy');
    const contractOrganizations = [...new Set(contractDocs.flatMap((d) => (d.data ? [d.data.organizationUuid] : [])))];
    const hidden = new Map(
      await Promise.all(contractOrganizations.map(async (org) => [org, await this.policy.hiddenFromOthers(org)] as const)),
    );
    const contracts: BenchContract[] = contractDocs.flatMap(({ data }) => {
      if (!data) return [];
      const economyHidden = economyClass !== null && (hidden.get(data.organizationUuid)?.has(economyClass) ?? true);
      return [
        {
          uuid: data.uuid,
          organizationUuid: data.organizationUuid,
          name: data.name,
          supplierUuid: data.supplierUuid ?? null,
          systemUsageUuids: data.systemUsageUuids ?? [],
          validFrom: data.validFrom ?? null,
          validTo: data.validTo ?? null,
          deadlines: data.deadlines ?? null,
          noticePeriodMonths: data.noticePeriodMonths ?? null,
          economy: economyHidden ? null : (data.economy ?? null),
        },
      ];
    });
    const dprs: BenchDpr[] = dprDocs.flatMap(({ data }) =>
      data
        ? [
            {
              uuid: data.uuid,
              organizationUuid: data.organizationUuid,
              systemUsageUuids: data.systemUsageUuids ?? [],
              agreementConcluded: data.agreementConcluded ?? null,
            },
          ]
        : [],
    );
    return { systems, organizations, usages, contracts, dprs };
  }

  /** Organisations whose economy must not enter cross-organisation figures (the sharing policy's list). */
  economyOptedOut(): Promise<ReadonlySet<string>> {
    return this.policy.economyOptedOut();
  }
}
