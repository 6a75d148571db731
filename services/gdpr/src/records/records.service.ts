import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, type CallerContext, type Clock, danishDayOf } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import type {
  Article30ControllerEntry,
  Article30Header,
  Article30Part,
  Article30ProcessorEntry,
  GdprDashboardResponse,
  GdprReportRow,
  RecordPage,
} from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import { ProcessingActivitiesRepository } from '../activities/processing-activities.repository';
import { ArchiveFlagsRepository } from '../copies/archive-flags.repository';
import { DprCopiesRepository } from '../copies/dpr-copies.repository';
import { OrganizationCopiesRepository, type OrganizationCopy } from '../copies/organization-copies.repository';
import type { GdprConfig } from '../gdpr.config';
import { GdprAccess } from '../shared/gdpr-access';
import { gdprFieldsOf, type GdprFields, type UsageGdpr } from '../usage-gdpr/usage-gdpr';
import { UsageGdprRepository } from '../usage-gdpr/usage-gdpr.repository';
import { UsageDirectory } from '../usages/usage-directory';
import { activityEntry, controllerOf, processorEntry, usageEntry, usageInRecord } from './article30';
import { dashboardOf } from './dashboard';
import { SENSITIVITY_LABELS, SPECIFIC_DATA_LABELS } from './danish-labels';

const DEFAULT_PAGE = 100;

/** The organisation's Article 30 record, the KITOS GDPR report and the compliance dashboard, generated from the data. */
@Injectable()
export class RecordsService {
  constructor(
    private readonly organizations: OrganizationCopiesRepository,
    private readonly usages: UsageDirectory,
    private readonly profiles: UsageGdprRepository,
    private readonly activities: ProcessingActivitiesRepository,
    private readonly registrations: DprCopiesRepository,
    private readonly archives: ArchiveFlagsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: GdprConfig,
  ) {}

  /** One part of the record, a page at a time (exports stream it): header, controller entries, processor entries. */
  async article30(
    caller: CallerContext,
    organizationUuid: string,
    part: Article30Part,
    page: number,
    pageSize: number,
  ): Promise<Article30Header | RecordPage<Article30ControllerEntry | Article30ProcessorEntry>> {
    const organization = await this.organization(caller, organizationUuid);
    if (part === 'header') {
      const { controller, findings } = controllerOf(organization);
      return { generatedAt: this.clock.now().toISOString(), controller, organizationFindings: findings };
    }
    const entries: ReadonlyArray<Article30ControllerEntry | Article30ProcessorEntry> =
      part === 'controller' ? await this.controllerEntries(organizationUuid) : await this.processorEntries(organizationUuid);
    return pageOf(entries, page, pageSize);
  }

  async gdprReport(caller: CallerContext, organizationUuid: string, page: number, pageSize: number): Promise<RecordPage<GdprReportRow>> {
    await this.organization(caller, organizationUuid);
    const [usages, profiles, registrations] = await Promise.all([
      this.usages.listByOrganization(organizationUuid),
      this.profiles.byOrganization(organizationUuid),
      this.registrations.byOrganization(organizationUuid),
    ]);
    const slice = pageOf(usages, page, pageSize);
    return {
      hasMore: slice.hasMore,
      items: slice.items.map((u) => {
        const stored = profiles.get(u.uuid);
        const p = stored ? gdprFieldsOf(stored) : null;
        const names = new Map((stored?.optionNames ?? []).map((o) => [o.uuid, o.name]));
        const covering = registrations.filter((r) => r.systemUsageUuids.includes(u.uuid));
        return {
          usageUuid: u.uuid,
          systemName: u.systemName,
          localCallName: u.localCallName,
          purpose: p?.purpose ?? null,
          businessCritical: p?.businessCritical ?? null,
          hostedAt: p?.hostedAt ?? null,
          dataSensitivityLevels: (p?.dataSensitivityLevels ?? []).map((l) => SENSITIVITY_LABELS[l]),
          sensitivePersonData: (p?.sensitivePersonDataUuids ?? []).map((x) => names.get(x) ?? x),
          specificPersonalData: (p?.specificPersonalData ?? []).map((s) => SPECIFIC_DATA_LABELS[s]),
          dataProcessingAgreementConcluded: covering.some((r) => r.agreementConcluded === 'Yes'),
          insecureThirdCountries: [...new Set(covering.flatMap((r) => r.insecureThirdCountries))],
          technicalPrecautionsInPlace: p?.technicalPrecautionsInPlace ?? null,
          userSupervision: p?.userSupervision ?? null,
          riskAssessmentConducted: p?.riskAssessmentConducted ?? null,
          riskAssessmentConductedDate: p?.riskAssessmentConductedDate ?? null,
          riskAssessmentResult: p?.riskAssessmentResult ?? null,
          plannedRiskAssessmentDate: p?.plannedRiskAssessmentDate ?? null,
          dpiaConducted: p?.dpiaConducted ?? null,
          dpiaDate: p?.dpiaDate ?? null,
          retentionPeriodDefined: p?.retentionPeriodDefined ?? null,
          nextDataRetentionEvaluationDate: p?.nextDataRetentionEvaluationDate ?? null,
          directoryDocumentationUrl: p?.directoryDocumentation?.url ?? null,
        };
      }),
    };
  }

  async dashboard(caller: CallerContext, organizationUuid: string): Promise<GdprDashboardResponse> {
    await this.organization(caller, organizationUuid);
    const [usages, profiles, registrations, archiveFindings] = await Promise.all([
      this.usages.listByOrganization(organizationUuid),
      this.profiles.byOrganization(organizationUuid),
      this.registrations.byOrganization(organizationUuid),
      this.archives.byOrganization(organizationUuid),
    ]);
    return dashboardOf({
      organizationUuid,
      today: danishDayOf(this.clock.now()),
      riskAssessmentMaxAgeMonths: this.config.riskAssessmentMaxAgeMonths ?? 36,
      usages,
      profiles: fieldsOf(profiles),
      registrations,
      archiveFindings,
    });
  }

  private async organization(caller: CallerContext, organizationUuid: string): Promise<OrganizationCopy> {
    GdprAccess.assertMember(caller, organizationUuid);
    const organization = await this.organizations.find(organizationUuid);
    if (!organization) throw DomainError.notFound('Organisation', organizationUuid);
    return organization;
  }

  /** Processing activities first (by name), then the usages processing personal data (by system name). */
  private async controllerEntries(organizationUuid: string): Promise<Article30ControllerEntry[]> {
    const [usages, profiles, activities, registrations] = await Promise.all([
      this.usages.listByOrganization(organizationUuid),
      this.profiles.byOrganization(organizationUuid),
      this.activities.list([organizationUuid]),
      this.registrations.byOrganization(organizationUuid),
    ]);
    const usageMap = new Map(usages.map((u) => [u.uuid, u]));
    const fields = fieldsOf(profiles);
    const sorted = [...activities].sort((a, b) => a.name.localeCompare(b.name, 'da') || a.uuid.localeCompare(b.uuid));
    return [
      ...sorted.map((a) => activityEntry({ uuid: a.uuid, activity: a }, usageMap, fields)),
      ...usages
        .filter((u) => usageInRecord(fields.get(u.uuid) ?? null))
        .map((u) => usageEntry({ usage: u, profile: profiles.get(u.uuid) ?? null }, activities, registrations)),
    ];
  }

  private async processorEntries(organizationUuid: string): Promise<Article30ProcessorEntry[]> {
    const registrations = await this.registrations.whereProcessor(organizationUuid);
    const usageUuids = registrations.flatMap((r) => r.systemUsageUuids);
    const [usages, profiles] = await Promise.all([this.usages.findMany(usageUuids), this.profiles.byUsages(usageUuids)]);
    const controllers = new Map(
      await Promise.all(
        [...new Set(registrations.map((r) => r.organizationUuid))].map(async (o) => [o, await this.organizations.find(o)] as const),
      ),
    );
    const fields = fieldsOf(profiles);
    return registrations.map((r) => processorEntry(r, controllers.get(r.organizationUuid) ?? null, usages, fields));
  }
}

function fieldsOf(profiles: ReadonlyMap<string, Stored<UsageGdpr>>): Map<string, GdprFields> {
  return new Map([...profiles].map(([uuid, p]) => [uuid, gdprFieldsOf(p)]));
}

export function pageOf<T>(items: readonly T[], page: number, pageSize: number): RecordPage<T> {
  const size = pageSize > 0 ? pageSize : DEFAULT_PAGE;
  return { items: items.slice(page * size, (page + 1) * size), hasMore: (page + 1) * size < items.length };
}
