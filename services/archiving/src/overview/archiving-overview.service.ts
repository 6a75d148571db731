import { Injectable } from '@nestjs/common';
import { DomainError, type CallerContext, daysBetween } from '@kitos/common';
import type { ArchivingOverviewRow, OverdueDeliveryRow } from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import { GdprCopies } from '../copies/gdpr-copies';
import { OrganizationCopies } from '../copies/organization-copies';
import { SystemCopies } from '../copies/system-copies';
import { UsageCopies, type UsageCopy } from '../copies/usage-copies';
import { derive, type UsageArchive } from '../usage-archives/usage-archive';
import { UsageArchivePolicy } from '../usage-archives/usage-archive.policy';
import { UsageArchivesRepository } from '../usage-archives/usage-archives.repository';
import { UsageArchivesService, periodResponse } from '../usage-archives/usage-archives.service';

interface Judged {
  usage: UsageCopy;
  systemName: string | null;
  archive: UsageArchive;
}

/** Organisation-wide views of archiving: every usage with its decision and findings, and the deliveries overdue today. */
@Injectable()
export class ArchivingOverviewService {
  constructor(
    private readonly repository: UsageArchivesRepository,
    private readonly archives: UsageArchivesService,
    private readonly usages: UsageCopies,
    private readonly systems: SystemCopies,
    private readonly gdpr: GdprCopies,
    private readonly organizations: OrganizationCopies,
  ) {}

  /** Every usage of the organisation (also those without a profile), ordered by system name and local call name. */
  async overview(caller: CallerContext, organizationUuid: string): Promise<ArchivingOverviewRow[]> {
    const judged = await this.judge(caller, organizationUuid);
    return judged.map(({ usage, systemName, archive: a }) => ({
      usage: { uuid: usage.uuid, name: systemName },
      localCallName: usage.localCallName,
      archiveDuty: a.archiveDuty,
      recommendedArchiveDuty: a.recommendedArchiveDuty,
      legalBasis: a.legalBasis ? { ...a.legalBasis } : null,
      receivingArchive: a.receivingArchive ? { ...a.receivingArchive } : null,
      frequencyInMonths: a.frequencyInMonths,
      journalPeriods: a.journalPeriods.map(periodResponse),
      latestApprovedPeriodEnd: a.latestApprovedPeriodEnd,
      nextDeliveryDue: a.nextDeliveryDue,
      deletionDueDate: a.deletionDueDate,
      findings: a.findings,
    }));
  }

  /** Usages whose next delivery was due before today (Europe/Copenhagen), the longest overdue first. */
  async overdueDeliveries(caller: CallerContext, organizationUuid: string): Promise<OverdueDeliveryRow[]> {
    const today = this.archives.today();
    const judged = await this.judge(caller, organizationUuid);
    return judged
      .filter(({ archive: a }) => a.findings.includes('DeliveryOverdue') && a.nextDeliveryDue && a.archiveDuty && a.frequencyInMonths)
      .map(({ usage, systemName, archive: a }) => ({
        usage: { uuid: usage.uuid, name: systemName },
        archiveDuty: a.archiveDuty!,
        frequencyInMonths: a.frequencyInMonths!,
        latestApprovedPeriodEnd: a.latestApprovedPeriodEnd,
        nextDeliveryDue: a.nextDeliveryDue!,
        daysOverdue: daysBetween(a.nextDeliveryDue!, today),
      }))
      .sort((x, y) => x.nextDeliveryDue.localeCompare(y.nextDeliveryDue) || x.usage.uuid.localeCompare(y.usage.uuid));
  }

  private async judge(caller: CallerContext, organizationUuid: string): Promise<Judged[]> {
    if (!(await this.organizations.find(organizationUuid))) throw DomainError.notFound('Organization', organizationUuid);
    UsageArchivePolicy.assertCanReadOrganization(caller, organizationUuid);
    const [usages, profiles] = await Promise.all([
      this.usages.ofOrganization(organizationUuid),
      this.repository.ofOrganization(organizationUuid),
    ]);
    const byUsage = new Map<string, Stored<UsageArchive>>(profiles.map((p) => [p.uuid, p]));
    const [systems, deletions] = await Promise.all([
      this.systems.known(usages.map((u) => u.systemUuid)),
      this.gdpr.deletionDueDates(usages.map((u) => u.uuid)),
    ]);
    const today = this.archives.today();
    const rows = usages.map((usage) => {
      const system = systems.get(usage.systemUuid);
      const base = byUsage.get(usage.uuid) ?? this.archives.empty(usage);
      const archive = derive(
        {
          ...base,
          recommendedArchiveDuty: system?.recommendedArchiveDuty ?? base.recommendedArchiveDuty,
          deletionDueDate: deletions.get(usage.uuid) ?? null,
        },
        today,
      );
      return { usage, systemName: system?.name ?? usage.systemName, archive };
    });
    const key = (r: Judged) =>
      `${(r.systemName ?? '').toLocaleLowerCase('da')}\u0000${(r.usage.localCallName ?? '').toLocaleLowerCase('da')}`;
    return rows.sort((a, b) => key(a).localeCompare(key(b), 'da') || a.usage.uuid.localeCompare(b.usage.uuid));
  }
}
