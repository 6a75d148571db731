import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ID_GENERATOR,
  createOnce,
  earlierPart,
  refuseIfAdded,
  newPartUuid,
  type CallerContext,
  type IdGenerator,
  danishDayOfInput,
} from '@kitos/common';
import {
  JOURNAL_PERIODS_MAX,
  type JournalPeriodResponse,
  type JournalPeriodResult,
  type JournalPeriodWriteRequest,
} from '@kitos/contracts';
import { journalPeriodErrors, periodStatusOf } from './archive-rules';
import type { JournalPeriod } from './usage-archive';
import { UsageArchivesService, periodResponse, type ArchiveContext } from './usage-archives.service';

/**
 * Journal periods [Journalperioder] of a usage (KITOS `…/journal-periods`): written inside the usage's archiving profile,
 * so a period never overlaps another of the same usage, and every change is an archiving event with a new delivery date.
 */
@Injectable()
export class JournalPeriodsService {
  constructor(
    private readonly archives: UsageArchivesService,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(
    caller: CallerContext,
    usageUuid: string,
    request: JournalPeriodWriteRequest,
    expectedVersion?: number,
  ): Promise<JournalPeriodResult> {
    // a retry that overtook its first run (even with If-Match, which that run moved on) finds the period it added
    return createOnce(
      caller,
      () => this.archives.retryingConflicts(expectedVersion, () => this.add(caller, usageUuid, request, expectedVersion)),
      () => this.earlier(caller, usageUuid),
    );
  }

  /** With an Idempotency-Key: the period an earlier run of this very create added, else null. */
  private async earlier(caller: CallerContext, usageUuid: string): Promise<JournalPeriodResult | null> {
    const opened = await this.archives.open(caller, usageUuid, 'write');
    const period = earlierPart(caller, this.periodsOf(opened), newPartUuid(this.ids, caller, 'JournalPeriod'));
    return period ? { period: periodResponse(period), version: opened.profile?.version ?? 0 } : null;
  }

  private async add(
    caller: CallerContext,
    usageUuid: string,
    request: JournalPeriodWriteRequest,
    expectedVersion?: number,
  ): Promise<JournalPeriodResult> {
    const periodUuid = newPartUuid(this.ids, caller, 'JournalPeriod');
    // a retry of a create whose answer was lost (Idempotency-Key): the period it added, before any version check
    const earlier = caller.idempotencyKey ? await this.earlier(caller, usageUuid) : null;
    if (earlier) return earlier;
    const context = await this.archives.open(caller, usageUuid, 'write', expectedVersion);
    const periods = this.periodsOf(context);
    refuseIfAdded(caller, periods, periodUuid);
    if (periods.length >= JOURNAL_PERIODS_MAX)
      throw DomainError.badInput(`A usage has at most ${JOURNAL_PERIODS_MAX} journal periods`, [
        { field: 'archiveId', message: `at most ${JOURNAL_PERIODS_MAX} journal periods` },
      ]);
    const period = this.resolve(periodUuid, request, periods);
    const version = await this.write(caller, context, [...periods, period], expectedVersion);
    return { period: periodResponse(period), version };
  }

  async list(caller: CallerContext, usageUuid: string): Promise<JournalPeriodResponse[]> {
    const context = await this.archives.open(caller, usageUuid, 'read');
    return this.periodsOf(context).map(periodResponse);
  }

  async get(caller: CallerContext, usageUuid: string, periodUuid: string): Promise<JournalPeriodResult> {
    const context = await this.archives.open(caller, usageUuid, 'read');
    return { period: periodResponse(this.find(context, periodUuid)), version: context.profile?.version ?? 0 };
  }

  /** Replaces every field of a period; an unknown period → 404 (as KITOS). */
  async put(
    caller: CallerContext,
    usageUuid: string,
    periodUuid: string,
    request: JournalPeriodWriteRequest,
    expectedVersion?: number,
  ): Promise<JournalPeriodResult> {
    return this.archives.retryingConflicts(expectedVersion, () => this.replace(caller, usageUuid, periodUuid, request, expectedVersion));
  }

  private async replace(
    caller: CallerContext,
    usageUuid: string,
    periodUuid: string,
    request: JournalPeriodWriteRequest,
    expectedVersion?: number,
  ): Promise<JournalPeriodResult> {
    const context = await this.archives.open(caller, usageUuid, 'write', expectedVersion);
    this.find(context, periodUuid);
    const periods = this.periodsOf(context);
    const period = this.resolve(periodUuid, request, periods);
    const version = await this.write(
      caller,
      context,
      periods.map((p) => (p.uuid === periodUuid ? period : p)),
      expectedVersion,
    );
    return { period: periodResponse(period), version };
  }

  async delete(caller: CallerContext, usageUuid: string, periodUuid: string, expectedVersion?: number): Promise<void> {
    await this.archives.retryingConflicts(expectedVersion, async () => {
      const context = await this.archives.open(caller, usageUuid, 'write', expectedVersion);
      this.find(context, periodUuid);
      await this.write(
        caller,
        context,
        this.periodsOf(context).filter((p) => p.uuid !== periodUuid),
        expectedVersion,
      );
    });
  }

  private periodsOf(context: ArchiveContext): JournalPeriod[] {
    return context.profile?.journalPeriods ?? [];
  }

  private find(context: ArchiveContext, periodUuid: string): JournalPeriod {
    const period = this.periodsOf(context).find((p) => p.uuid === periodUuid);
    if (!period) throw DomainError.notFound('Journal period', periodUuid);
    return period;
  }

  /** The period as written, or a 400 with every broken rule (the dates, the status, overlaps with the others). */
  private resolve(uuid: string, request: JournalPeriodWriteRequest, others: readonly JournalPeriod[]): JournalPeriod {
    const status = periodStatusOf(request.status, request.approved);
    if (typeof status !== 'string') throw DomainError.badInput('The journal period is invalid', [status]);
    const period: JournalPeriod = {
      uuid,
      archiveId: request.archiveId,
      startDate: danishDayOfInput(request.startDate),
      endDate: danishDayOfInput(request.endDate),
      status,
      approvalDate: request.approvalDate ? danishDayOfInput(request.approvalDate) : null,
    };
    const errors = journalPeriodErrors(period, others);
    if (errors.length) throw DomainError.badInput('The journal period is invalid', errors);
    return period;
  }

  /** Writes the periods into the profile; the profile's new version (the ETag of its periods). */
  private async write(
    caller: CallerContext,
    context: ArchiveContext,
    periods: JournalPeriod[],
    expectedVersion: number | undefined,
  ): Promise<number> {
    const current = context.profile ?? this.archives.empty(context.usage);
    return (await this.archives.commit(caller, context, { ...current, journalPeriods: periods }, expectedVersion)).version;
  }
}
