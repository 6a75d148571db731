import { Injectable } from '@nestjs/common';
import { DomainError, type CallerContext } from '@kitos/common';
import { MAX_PAGE_SIZE, type OrgReportPage, type OrgReportRequest } from '@kitos/contracts';
import { LIVE, type ReadModelKind } from '../read-models/read-model.types';
import { ReadModelStore } from '../read-models/read-model.store';
import { SharingPolicy, redact, type PrivateFieldClass } from '../sharing/sharing-policy';
import { REPORTS, type Doc, type LookupName, type Lookups } from './report-columns';
import { projectionOf, publicColumns, resolveSelection, rowOf, type ResolvedReport } from './report-query';
import { SavedViewsStore, filtersOf, type SavedViewDoc } from './saved-views.store';

/** A report query checked against the columns, the sharing rules and the saved view. */
export interface PreparedReport {
  readonly organizationUuid: string;
  readonly resolved: ResolvedReport;
  readonly hidden: ReadonlySet<PrivateFieldClass>;
  readonly viewUuid?: string;
}

const NAME_LOOKUPS: Partial<Record<LookupName, { kind: ReadModelKind; field: string }>> = {
  unitNames: { kind: 'organization-units', field: 'name' },
  organizationNames: { kind: 'organizations', field: 'name' },
  systemNames: { kind: 'it-systems', field: 'name' },
  usageNames: { kind: 'it-system-usages', field: 'systemName' },
  interfaceNames: { kind: 'it-interfaces', field: 'name' },
  contractNames: { kind: 'it-contracts', field: 'name' },
};

export const viewSelection = (view: SavedViewDoc) => ({
  columns: view.columns,
  sort: view.sort,
  filters: filtersOf(view),
});

/**
 * The organisation reports: one read model each, filtered, sorted and paged in the database on the columns that have
 * a path; computed columns (names of units, suppliers, systems; counts) are looked up once per page. What another
 * organisation's user reads goes through the sharing policy: private columns are refused or left out, and every
 * document is redacted before a value is taken from it.
 */
@Injectable()
export class OrgReportsService {
  constructor(
    private readonly store: ReadModelStore,
    private readonly policy: SharingPolicy,
    private readonly views: SavedViewsStore,
  ) {}

  /** What the caller does not see of the organisation's registrations; 404 when she sees none of them. */
  async hiddenFor(caller: CallerContext, organizationUuid: string): Promise<ReadonlySet<PrivateFieldClass>> {
    const audience = await this.policy.audienceFor(caller, organizationUuid);
    if (audience.kind === 'none') throw DomainError.notFound('organization', organizationUuid);
    return audience.kind === 'own' ? new Set() : audience.hidden;
  }

  /**
   * 404 unless the organisation exists: a member's role proves it; a global admin without a role in it is a member of
   * every organisation, including ones that do not exist, so reporting's copy of the organisations decides.
   */
  async requireKnownOrganization(caller: CallerContext, organizationUuid: string): Promise<void> {
    if (caller.organizationRoles.some((r) => r.organizationUuid === organizationUuid)) return;
    if (!(await this.policy.organizationExists(organizationUuid))) throw DomainError.notFound('organization', organizationUuid);
  }

  /** Whether the caller may use a saved view: her own, or the default of an organisation whose reports she reads. */
  async mayUseView(caller: CallerContext, view: SavedViewDoc): Promise<boolean> {
    if (view.ownerUuid && view.ownerUuid === caller.userUuid) return true;
    const isDefault = (await this.views.defaultOf(view.organizationUuid, view.report))?._id === view._id;
    if (!isDefault) return false;
    return (await this.policy.audienceFor(caller, view.organizationUuid)).kind !== 'none';
  }

  async prepare(caller: CallerContext, request: OrgReportRequest): Promise<PreparedReport> {
    const report = REPORTS[request.report];
    const hidden = await this.hiddenFor(caller, request.organizationUuid);
    let view: SavedViewDoc | null = null;
    if (request.view) {
      view = await this.views.get(request.view);
      if (!view || !(await this.mayUseView(caller, view))) throw DomainError.notFound('report view', request.view);
      if (view.organizationUuid !== request.organizationUuid || view.report !== request.report)
        throw DomainError.badInput('The view belongs to another report', [
          { field: 'view', message: `the view is of the report ${view.report} of organisation ${view.organizationUuid}` },
        ]);
    } else if (!request.columns) {
      view = await this.views.defaultOf(request.organizationUuid, request.report);
    }
    const explicit = resolveSelection(report, hidden, { columns: request.columns, sort: request.sort, filters: request.filters });
    if (!view) return { organizationUuid: request.organizationUuid, resolved: explicit, hidden };
    const saved = resolveSelection(report, hidden, viewSelection(view), false);
    return {
      organizationUuid: request.organizationUuid,
      hidden,
      viewUuid: view._id,
      resolved: {
        report,
        columns: request.columns ? explicit.columns : saved.columns,
        sort: request.sort ? explicit.sort : saved.sort,
        filter: { ...saved.filter, ...explicit.filter },
      },
    };
  }

  filterOf(prepared: PreparedReport): Record<string, unknown> {
    return { ...LIVE, organizationUuid: prepared.organizationUuid, ...prepared.resolved.filter };
  }

  async page(caller: CallerContext, request: OrgReportRequest): Promise<OrgReportPage> {
    const prepared = await this.prepare(caller, request);
    const { resolved } = prepared;
    const page = request.page ?? 0;
    const pageSize = request.pageSize ?? MAX_PAGE_SIZE;
    const filter = this.filterOf(prepared);
    const [docs, total] = await Promise.all([
      this.store.find<Doc>(resolved.report.kind, filter, { sort: resolved.sort, skip: page * pageSize, limit: pageSize }),
      this.store.count(resolved.report.kind, filter),
    ]);
    return {
      columns: publicColumns(resolved.columns),
      rows: await this.rowsOf(prepared, docs),
      page,
      pageSize,
      total,
      ...(prepared.viewUuid ? { view: prepared.viewUuid } : {}),
    };
  }

  /**
   * A cursor over every matching document in report order (for exports: one query, read a batch at a time), with
   * only the fields the chosen columns read (the store sends, and this service decodes, a fraction of each document).
   */
  cursor(prepared: PreparedReport, batchSize: number) {
    const { report, sort, columns } = prepared.resolved;
    return this.store.cursor<Doc>(report.kind, this.filterOf(prepared), sort, batchSize, projectionOf(columns));
  }

  /** A document as the caller may see it (redacted by the sharing policy for other organisations; null = not at all). */
  visible(prepared: PreparedReport, doc: Doc): Doc | null {
    return prepared.hidden.size > 0 ? redact(prepared.resolved.report.kind, doc, prepared.hidden) : doc;
  }

  /** The rows of a page of documents, with the names and counts of the computed columns looked up once. */
  async rowsOf(prepared: PreparedReport, docs: readonly Doc[], redacted = false): Promise<Array<Record<string, unknown>>> {
    const visible = redacted ? docs : docs.flatMap((d) => this.visible(prepared, d) ?? []);
    const lookups = await this.lookups(prepared, visible);
    return visible.map((doc) => rowOf(prepared.resolved.columns, doc, lookups));
  }

  private async lookups(prepared: PreparedReport, docs: readonly Doc[]): Promise<Lookups> {
    const wanted = new Map<LookupName, Set<string>>();
    for (const column of prepared.resolved.columns) {
      if (!column.lookup) continue;
      const ids = wanted.get(column.lookup.name) ?? new Set<string>();
      for (const doc of docs) for (const id of column.lookup.ids(doc)) if (id) ids.add(id);
      wanted.set(column.lookup.name, ids);
    }
    const lookups: Lookups = {};
    for (const [name, ids] of wanted) {
      if (ids.size === 0) continue;
      lookups[name] = await this.lookup(name, [...ids], prepared.organizationUuid);
    }
    return lookups;
  }

  private async lookup(name: LookupName, ids: string[], organizationUuid: string): Promise<Map<string, unknown>> {
    const names = NAME_LOOKUPS[name];
    const result = new Map<string, unknown>();
    if (names) {
      const docs = await this.store.find<Doc>(names.kind, { _id: { $in: ids } }, { projection: { _id: 1, data: 1 } });
      for (const doc of docs) {
        const value = (doc.data as Record<string, unknown> | null)?.[names.field];
        if (typeof value === 'string') result.set(doc._id, value);
      }
      return result;
    }
    // Coverage of usages: how many live DPRs / contracts of the organisation name each usage.
    const kind: ReadModelKind = name === 'dprCounts' ? 'data-processing-registrations' : 'it-contracts';
    const wanted = new Set(ids);
    const docs = await this.store.find<Doc>(
      kind,
      { ...LIVE, organizationUuid, 'data.systemUsageUuids': { $in: ids } },
      { projection: { _id: 1, data: 1 } },
    );
    for (const doc of docs) {
      const usages = (doc.data as { systemUsageUuids?: unknown } | null)?.systemUsageUuids;
      if (!Array.isArray(usages)) continue;
      for (const usage of new Set(usages as string[]))
        if (wanted.has(usage)) result.set(usage, ((result.get(usage) as number | undefined) ?? 0) + 1);
    }
    return result;
  }
}
