import { Injectable } from '@nestjs/common';
import { catalogVisibilityFilter, type CatalogVisibility } from '@kitos/common';
import type { ItSystemReport, ItSystemReportRow, ItSystemSnapshot } from '@kitos/contracts';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import type { Model } from 'mongoose';
import { IT_SYSTEM_ROW_MODEL, itSystemRowSchema } from './it-system-row.schema';

type Row = Omit<ItSystemReportRow, 'uuid' | 'lastModified'> & { _id: string; lastModified: Date; deleted: boolean };

/** The IT-system read model. Writes apply only when the event is newer than the row, so repeats and reordering are harmless. */
@Injectable()
export class ItSystemReportRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>(IT_SYSTEM_ROW_MODEL, itSystemRowSchema);
  }

  async applySnapshot(system: ItSystemSnapshot, version: number): Promise<boolean> {
    return this.applyIfNewer(system.uuid, version, {
      organizationUuid: system.organizationUuid,
      name: system.name,
      scope: system.scope,
      deactivated: system.deactivated,
      lastModified: new Date(system.lastModified),
      deleted: false,
    });
  }

  async applyDeletion(uuid: string, organizationUuid: string, name: string, version: number, at: Date): Promise<boolean> {
    return this.applyIfNewer(uuid, version, {
      organizationUuid,
      name,
      scope: 'Global',
      deactivated: false,
      lastModified: at,
      deleted: true,
    });
  }

  /** Upsert guarded by version: an older or repeated event matches nothing and its insert collides with the row. */
  private async applyIfNewer(uuid: string, version: number, set: Omit<Row, '_id' | 'version'>): Promise<boolean> {
    try {
      const result = await this.model
        .updateOne({ _id: uuid, version: { $lt: version } }, { $set: { ...set, version } }, { upsert: true })
        .exec();
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Counts and rows over the systems the caller may read only: nothing of another tenant leaks through the counts. */
  async report(query: {
    visibility: CatalogVisibility;
    organizationUuid?: string;
    includeDeactivated: boolean;
    page: number;
    pageSize: number;
  }): Promise<ItSystemReport> {
    const scope: Record<string, unknown> = { deleted: false, ...catalogVisibilityFilter(query.visibility) };
    if (query.organizationUuid) scope.organizationUuid = query.organizationUuid;
    const [counts, byOrganization, rows] = await Promise.all([
      this.model
        .aggregate<{ _id: boolean; count: number }>([{ $match: scope }, { $group: { _id: '$deactivated', count: { $sum: 1 } } }])
        .exec(),
      this.model
        .aggregate<{ _id: string; count: number }>([
          { $match: scope },
          { $group: { _id: '$organizationUuid', count: { $sum: 1 } } },
          { $sort: { count: -1, _id: 1 } },
        ])
        .exec(),
      this.model
        .find(query.includeDeactivated ? scope : { ...scope, deactivated: false })
        .sort({ name: 1, _id: 1 })
        .skip(query.page * query.pageSize)
        .limit(query.pageSize)
        .lean<Row[]>()
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
        name: r.name,
        organizationUuid: r.organizationUuid,
        scope: r.scope,
        deactivated: r.deactivated,
        lastModified: r.lastModified.toISOString(),
        version: r.version,
      })),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
