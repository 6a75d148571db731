import { Injectable } from '@nestjs/common';
import type { CatalogVisibility } from '@kitos/common';
import type { ItSystemReport, ItSystemSnapshot } from '@kitos/contracts';
import { ReadModelStore } from '../read-models/read-model.store';
import { LIVE, type ReadModelDoc } from '../read-models/read-model.types';

type Doc = ReadModelDoc<ItSystemSnapshot> & { data: ItSystemSnapshot };

/** A caller's catalogue visibility as a filter over the IT-system read model (scope lives in the snapshot). */
function visibilityFilter(visibility: CatalogVisibility): Record<string, unknown> {
  if (visibility.all) return {};
  const own = { organizationUuid: { $in: [...visibility.organizationUuids] } };
  return visibility.includeGlobal ? { $or: [own, { 'data.scope': 'Global' }] } : own;
}

/** The IT-system report, read from the `it-systems` read model. */
@Injectable()
export class ItSystemReportRepository {
  constructor(private readonly store: ReadModelStore) {}

  /** Counts and rows over the systems the caller may read only: nothing of another tenant leaks through the counts. */
  async report(query: {
    visibility: CatalogVisibility;
    organizationUuid?: string;
    includeDeactivated: boolean;
    page: number;
    pageSize: number;
  }): Promise<ItSystemReport> {
    const scope: Record<string, unknown> = { ...LIVE, ...visibilityFilter(query.visibility) };
    if (query.organizationUuid) scope.organizationUuid = query.organizationUuid;
    const model = this.store.model('it-systems');
    const [counts, byOrganization, rows] = await Promise.all([
      model
        .aggregate<{ _id: boolean; count: number }>([{ $match: scope }, { $group: { _id: '$data.deactivated', count: { $sum: 1 } } }])
        .exec(),
      model
        .aggregate<{ _id: string; count: number }>([
          { $match: scope },
          { $group: { _id: '$organizationUuid', count: { $sum: 1 } } },
          { $sort: { count: -1, _id: 1 } },
        ])
        .exec(),
      model
        .find(query.includeDeactivated ? scope : { ...scope, 'data.deactivated': false })
        .sort({ 'data.name': 1, _id: 1 })
        .skip(query.page * query.pageSize)
        .limit(query.pageSize)
        .lean<Doc[]>()
        .exec(),
    ]);
    const active = counts.find((c) => c._id === false)?.count ?? 0;
    const deactivated = counts.find((c) => c._id === true)?.count ?? 0;
    return {
      total: active + deactivated,
      active,
      deactivated,
      byOrganization: byOrganization.map((o) => ({ organizationUuid: o._id, count: o.count })),
      items: rows.map((r) => ({
        uuid: r._id,
        name: r.data.name,
        organizationUuid: r.data.organizationUuid,
        scope: r.data.scope,
        deactivated: r.data.deactivated,
        lastModified: new Date(r.data.lastModified).toISOString(),
        version: r.version,
      })),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
