import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { canReadCatalogEntry, catalogVisibility, type CallerContext } from '@kitos/common';
import type { DataProcessingRegistrationSnapshot, ItContractSnapshot, ItSystemSnapshot, OrganizationSnapshot } from '@kitos/contracts';
import { GenerationCache, ReadModelChanges } from '../read-models/read-model-changes';
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
  organizations: ['data.uuid', 'data.name', 'data.organizationType', 'data.email', 'data.phone'],
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

/** Everything the benchmarks read, for every caller alike (the catalogue visibility is applied per caller). */
interface LoadedData extends Omit<BenchmarkData, 'systems'> {
  systems: ReadonlyArray<BenchSystem & { organizationUuid: string; scope: string }>;
  /** Organisations whose economy must not enter cross-organisation figures (the sharing policy's list). */
  economyOptedOut: ReadonlySet<string>;
}

/** Who sees which catalogue systems: callers with the same key see the same systems. */
function visibilityKey(caller: CallerContext): string {
  const visibility = catalogVisibility(caller);
  return visibility.all ? 'all' : `${visibility.includeGlobal ? 'global+' : ''}${[...visibility.organizationUuids].sort().join(',')}`;
}

/**
 * The live read models for the benchmarks, loaded once per change of their inputs (the read models and the sharing
 * settings: `ReadModelChanges`), limited per request to the systems the caller may see in the catalogue; and the
 * benchmark tables, computed once per change of the inputs for each query and catalogue visibility.
 */
@Injectable()
export class BenchmarkSource {
  readonly minOrganizations: number;
  private readonly loaded: GenerationCache<LoadedData>;
  private readonly tables: GenerationCache<unknown>;

  constructor(
    private readonly store: ReadModelStore,
    private readonly policy: SharingPolicy,
    changes: ReadModelChanges,
    @Inject(SERVICE_CONFIG) config: Partial<ReportingConfig>,
  ) {
    this.minOrganizations = config.benchmarkMinOrganizations ?? DEFAULT_MIN_ORGANIZATIONS;
    this.loaded = new GenerationCache(changes, 1);
    this.tables = new GenerationCache(changes, 512);
  }

  /**
   * A benchmark table for the caller: computed from the loaded data once per change of the inputs, per table,
   * query (without paging) and catalogue visibility; the same table for everyone with the same visibility.
   */
  table<T>(
    caller: CallerContext,
    name: string,
    query: object,
    compute: (data: BenchmarkData, economyOptedOut: ReadonlySet<string>) => T,
  ): Promise<T> {
    const { page: _page, pageSize: _pageSize, ...filters } = query as Record<string, unknown>;
    const key = `${name}|${JSON.stringify(filters)}|${visibilityKey(caller)}`;
    return this.tables.get(key, async () => {
      const loaded = await this.loaded.get('all', () => this.loadAll());
      return compute(this.visibleTo(caller, loaded), loaded.economyOptedOut);
    }) as Promise<T>;
  }

  private visibleTo(caller: CallerContext, loaded: LoadedData): BenchmarkData {
    const systems = new Map<string, BenchSystem>();
    for (const system of loaded.systems) {
      if (canReadCatalogEntry(caller, system))
        systems.set(system.uuid, { uuid: system.uuid, name: system.name, rightsHolderUuid: system.rightsHolderUuid });
    }
    return { systems, organizations: loaded.organizations, usages: loaded.usages, contracts: loaded.contracts, dprs: loaded.dprs };
  }

  private async loadAll(): Promise<LoadedData> {
    const [systemDocs, organizationDocs, usageDocs, contractDocs, dprDocs, economyOptedOut] = await Promise.all([
      this.store.find<ReadModelDoc<ItSystemSnapshot>>('it-systems', LIVE),
      this.store.find<ReadModelDoc<OrganizationSnapshot>>('organizations', LIVE),
      this.store.find<UsageDoc>('it-system-usages', LIVE),
      this.store.find<ReadModelDoc<ItContractSnapshot>>('it-contracts', LIVE),
      this.store.find<ReadModelDoc<DataProcessingRegistrationSnapshot>>('data-processing-registrations', LIVE),
      this.policy.economyOptedOut(),
    ]);

    const systems = systemDocs.flatMap(({ data }) =>
      data
        ? [
            {
              uuid: data.uuid,
              name: data.name,
              rightsHolderUuid: data.rightsHolderUuid ?? null,
              organizationUuid: data.organizationUuid,
              scope: data.scope,
            },
          ]
        : [],
    );
    const organizations = new Map<string, BenchOrganization>();
    for (const { data } of organizationDocs) {
      if (data)
        organizations.set(data.uuid, {
          uuid: data.uuid,
          name: data.name,
          organizationType: data.organizationType,
          email: data.email ?? null,
          phone: data.phone ?? null,
        });
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
    return { systems, organizations, usages, contracts, dprs, economyOptedOut };
  }
}
