import type { ArchiveFinding, DashboardCategory, DashboardUsage, GdprDashboardResponse } from '@kitos/contracts';
import type { DprCopy } from '../copies/dpr-copies.repository';
import { processesPersonalData, processesSensitiveData, type GdprFields } from '../usage-gdpr/usage-gdpr';
import type { UsageCopy } from '../usages/usage-copy.repository';
import { addMonths } from '@kitos/common';

export interface DashboardInput {
  readonly organizationUuid: string;
  /** Danish day `YYYY-MM-DD`. */
  readonly today: string;
  readonly riskAssessmentMaxAgeMonths: number;
  readonly usages: readonly UsageCopy[];
  readonly profiles: ReadonlyMap<string, GdprFields>;
  readonly registrations: readonly DprCopy[];
  readonly archiveFindings: ReadonlyMap<string, readonly ArchiveFinding[]>;
}

function category(items: DashboardUsage[]): DashboardCategory {
  return { count: items.length, usages: items };
}

/** Counts and lists of the organisation's compliance gaps, from the usages' profiles and the registrations. */
export function dashboardOf(input: DashboardInput): GdprDashboardResponse {
  const oldest = addMonths(input.today, -input.riskAssessmentMaxAgeMonths);
  const overdue = input.registrations
    .filter((r) => r.nextOversightDate !== null && r.nextOversightDate < input.today)
    .sort((a, b) => a.nextOversightDate!.localeCompare(b.nextOversightDate!) || a.name.localeCompare(b.name, 'da'));
  const withDpa = new Set(input.registrations.filter((r) => r.agreementConcluded === 'Yes').flatMap((r) => r.systemUsageUuids));
  const lists = {
    noDpa: [] as DashboardUsage[],
    noRisk: [] as DashboardUsage[],
    oldRisk: [] as DashboardUsage[],
    noDpia: [] as DashboardUsage[],
    noRetention: [] as DashboardUsage[],
    oversight: [] as DashboardUsage[],
    archive: [] as DashboardUsage[],
  };
  let personal = 0;
  for (const usage of input.usages) {
    const p = input.profiles.get(usage.uuid);
    const item = (date: string | null = null): DashboardUsage => ({ usageUuid: usage.uuid, systemName: usage.systemName, date });
    if (input.archiveFindings.get(usage.uuid)?.includes('DeletionBeforeApprovedArchiving')) lists.archive.push(item());
    const firstOverdue = overdue.find((r) => r.systemUsageUuids.includes(usage.uuid));
    if (firstOverdue) lists.oversight.push(item(firstOverdue.nextOversightDate));
    if (!p || !processesPersonalData(p)) continue;
    personal++;
    if (!withDpa.has(usage.uuid)) lists.noDpa.push(item());
    if (p.riskAssessmentConducted !== 'Yes') lists.noRisk.push(item(p.plannedRiskAssessmentDate));
    else if (!p.riskAssessmentConductedDate || p.riskAssessmentConductedDate < oldest)
      lists.oldRisk.push(item(p.riskAssessmentConductedDate));
    if (processesSensitiveData(p) && p.dpiaConducted !== 'Yes') lists.noDpia.push(item());
    if (p.retentionPeriodDefined !== 'Yes') lists.noRetention.push(item());
  }
  return {
    organizationUuid: input.organizationUuid,
    today: input.today,
    riskAssessmentMaxAgeMonths: input.riskAssessmentMaxAgeMonths,
    usageCount: input.usages.length,
    personalDataUsageCount: personal,
    personalDataWithoutDpa: category(lists.noDpa),
    missingRiskAssessment: category(lists.noRisk),
    outdatedRiskAssessment: category(lists.oldRisk),
    sensitiveWithoutDpia: category(lists.noDpia),
    undefinedRetention: category(lists.noRetention),
    overdueOversight: category(lists.oversight),
    overdueOversightRegistrations: overdue.map((r) => ({
      dataProcessingRegistrationUuid: r.uuid,
      name: r.name,
      nextOversightDate: r.nextOversightDate!,
    })),
    deletionBeforeApprovedArchiving: category(lists.archive),
  };
}
