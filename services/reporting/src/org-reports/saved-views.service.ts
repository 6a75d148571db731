import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  hasRole,
  memberOrganizations,
  requireUser,
  type CallerContext,
  type Clock,
  type IdGenerator,
  createOnce,
  earlierCreation,
  newAggregateUuid,
} from '@kitos/common';
import type { CreateReportViewRequest, PatchReportViewRequest, ReportView, ReportViewListQuery } from '@kitos/contracts';
import { storedVersion } from '@kitos/persistence';
import { OrgReportsService } from './org-reports.service';
import { REPORTS } from './report-columns';
import { resolveSelection } from './report-query';
import { SavedViewsStore, filtersOf, filtersToPairs, type SavedViewDoc } from './saved-views.store';

/**
 * Saved views of the organisation reports. A user's views are hers alone; the organisation default of a report (at
 * most one per organisation and report) is readable by everyone who reads the organisation's reports and is set,
 * changed and removed only by the organisation's local admins and global admins.
 */
@Injectable()
export class SavedViewsService {
  constructor(
    private readonly store: SavedViewsStore,
    private readonly reports: OrgReportsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, body: CreateReportViewRequest): Promise<ReportView> {
    const userUuid = this.userOf(caller);
    const hidden = await this.reports.hiddenFor(caller, body.organizationUuid);
    await this.reports.requireKnownOrganization(caller, body.organizationUuid);
    if (body.organizationDefault && !hasRole(caller, body.organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden("Only the organisation's local admins set the organisation default of a report");
    const resolved = resolveSelection(REPORTS[body.report], hidden, { columns: body.columns, sort: body.sort, filters: body.filters });
    const uuid = newAggregateUuid(this.ids, caller, 'report-view');
    // a retry of a create whose answer was lost (Idempotency-Key): the view the first run saved, as it is now
    const earlier = () => earlierCreation(caller, () => this.get(caller, uuid));
    const found = await earlier();
    if (found) return found;
    const now = this.clock.now();
    const view: SavedViewDoc = {
      _id: uuid,
      organizationUuid: body.organizationUuid,
      report: body.report,
      name: body.name.trim(),
      columns: resolved.columns.map((c) => c.key),
      sort: body.sort ?? null,
      filters: filtersToPairs(body.filters),
      ownerUuid: userUuid,
      createdAt: now,
      lastModified: now,
      version: 1,
    };
    // a retry that overtook its first run collides on `_id` with that run's view: that is its answer
    return createOnce(
      caller,
      async () => {
        await this.store.insert(view);
        if (body.organizationDefault) await this.store.setDefault(view.organizationUuid, view.report, view._id);
        return this.toView(view, body.organizationDefault === true);
      },
      earlier,
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<ReportView> {
    requireUser(caller);
    const view = await this.visible(caller, uuid);
    return this.toView(view, await this.isDefault(view));
  }

  async list(caller: CallerContext, query: ReportViewListQuery): Promise<ReportView[]> {
    const userUuid = this.userOf(caller);
    const own = await this.store.ownedBy(userUuid, query.organizationUuid, query.report);
    let organizations = query.organizationUuid ? [query.organizationUuid] : memberOrganizations(caller);
    if (query.organizationUuid) {
      await this.reports.hiddenFor(caller, query.organizationUuid); // 404 for an organisation she does not read
    } else organizations = organizations.slice(0, 200);
    const defaults = await this.store.defaultsOfOrganizations(organizations, query.report);
    const defaultUuids = new Set(defaults.map((d) => d._id));
    const all = new Map<string, SavedViewDoc>();
    for (const view of [...defaults, ...own]) all.set(view._id, view);
    return [...all.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'da') || a._id.localeCompare(b._id))
      .map((v) => this.toView(v, defaultUuids.has(v._id)));
  }

  async patch(caller: CallerContext, uuid: string, patch: Partial<PatchReportViewRequest>, expectedVersion?: number): Promise<ReportView> {
    requireUser(caller);
    const view = await this.visible(caller, uuid);
    const wasDefault = await this.isDefault(view);
    this.requireMayChange(caller, view, wasDefault || patch.organizationDefault === true);
    const hidden = await this.reports.hiddenFor(caller, view.organizationUuid);
    const next: SavedViewDoc = {
      ...view,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.columns !== undefined ? { columns: patch.columns } : {}),
      ...(patch.sort !== undefined ? { sort: patch.sort ?? null } : {}),
      ...(patch.filters !== undefined ? { filters: filtersToPairs(patch.filters) } : {}),
      lastModified: this.clock.now(),
    };
    resolveSelection(REPORTS[next.report], hidden, {
      columns: next.columns,
      sort: next.sort,
      filters: filtersOf(next),
    });
    const version = await this.store.update(
      uuid,
      { name: next.name, columns: next.columns, sort: next.sort, filters: next.filters, lastModified: next.lastModified },
      expectedVersion,
    );
    if (version === null) throw staleView(uuid, expectedVersion);
    next.version = version;
    let isDefault = wasDefault;
    if (patch.organizationDefault === true && !wasDefault) {
      await this.store.setDefault(view.organizationUuid, view.report, view._id);
      isDefault = true;
    } else if (patch.organizationDefault === false && wasDefault) {
      await this.store.clearDefault(view.organizationUuid, view.report, view._id);
      isDefault = false;
    }
    return this.toView(next, isDefault);
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    requireUser(caller);
    const view = await this.visible(caller, uuid);
    const isDefault = await this.isDefault(view);
    this.requireMayChange(caller, view, isDefault);
    if (!(await this.store.delete(uuid, expectedVersion))) throw staleView(uuid, expectedVersion);
    if (isDefault) await this.store.clearDefault(view.organizationUuid, view.report, view._id);
  }

  private userOf(caller: CallerContext): string {
    requireUser(caller);
    if (caller.kind !== 'user' || !caller.userUuid) throw DomainError.forbidden('Saved views belong to users');
    return caller.userUuid;
  }

  /** The view if the caller may see it (her own, or a default of an organisation she reads), else 404. */
  private async visible(caller: CallerContext, uuid: string): Promise<SavedViewDoc> {
    const view = await this.store.get(uuid);
    if (!view || !(await this.reports.mayUseView(caller, view))) throw DomainError.notFound('report view', uuid);
    return view;
  }

  /** An organisation default: local admins and global admins; a private view: its owner. */
  private requireMayChange(caller: CallerContext, view: SavedViewDoc, organizationDefault: boolean): void {
    if (organizationDefault) {
      if (!hasRole(caller, view.organizationUuid, 'LocalAdmin'))
        throw DomainError.forbidden("Only the organisation's local admins change the organisation default of a report");
      return;
    }
    if (view.ownerUuid !== caller.userUuid) throw DomainError.forbidden('Only its owner changes a saved view');
  }

  private async isDefault(view: SavedViewDoc): Promise<boolean> {
    return (await this.store.defaultOf(view.organizationUuid, view.report))?._id === view._id;
  }

  private toView(view: SavedViewDoc, organizationDefault: boolean): ReportView {
    return {
      uuid: view._id,
      organizationUuid: view.organizationUuid,
      report: view.report,
      name: view.name,
      columns: view.columns,
      sort: view.sort,
      filters: filtersOf(view),
      organizationDefault,
      ownerUuid: view.ownerUuid,
      lastModified: new Date(view.lastModified).toISOString(),
      version: storedVersion(view),
    };
  }
}

/** A conditional write that lost: 412 with If-Match; without it only a concurrent delete, which reads as gone. */
function staleView(uuid: string, expectedVersion: number | undefined): DomainError {
  return expectedVersion === undefined
    ? DomainError.notFound('report view', uuid)
    : DomainError.stale(`Report view ${uuid}`, expectedVersion);
}
