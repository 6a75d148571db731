import { Injectable } from '@nestjs/common';
import { ORG_REPORTS, type OrgReportName } from '@kitos/contracts';
import { MongoConnection, versionFilter } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export interface SavedViewDoc {
  _id: string;
  organizationUuid: string;
  report: OrgReportName;
  name: string;
  columns: string[];
  sort: string | null;
  /** Filters as column/value pairs (column keys never become document keys; FerretDB stores no nested arrays). */
  filters: Array<{ column: string; value: string }>;
  ownerUuid: string | null;
  createdAt: Date;
  lastModified: Date;
  /** Incremented by every change (the ETag); absent on views saved before it: version 0. */
  version?: number;
}

/** The organisation default of a report: `_id` = `<organization>:<report>`, so there is at most one (a unique `_id`). */
interface DefaultDoc {
  _id: string;
  viewUuid: string;
}

const viewSchema = new Schema<SavedViewDoc>(
  {
    _id: String,
    organizationUuid: String,
    report: String,
    name: String,
    columns: [String],
    sort: { type: String, default: null },
    filters: { type: Schema.Types.Mixed, default: [] },
    ownerUuid: { type: String, default: null },
    createdAt: Date,
    lastModified: Date,
    version: Number,
  },
  { versionKey: false, collection: 'report_views', minimize: false },
);
viewSchema.index({ ownerUuid: 1 });
viewSchema.index({ organizationUuid: 1, report: 1 });

const defaultSchema = new Schema<DefaultDoc>({ _id: String, viewUuid: String }, { versionKey: false, collection: 'report_view_defaults' });

export const filtersToPairs = (filters: Readonly<Record<string, string>> | undefined): SavedViewDoc['filters'] =>
  Object.entries(filters ?? {}).map(([column, value]) => ({ column, value }));

export const filtersOf = (view: Pick<SavedViewDoc, 'filters'>): Record<string, string> =>
  Object.fromEntries((view.filters ?? []).map((f) => [f.column, f.value]));

export const defaultKey = (organizationUuid: string, report: string): string => `${organizationUuid}:${report}`;

/** Saved report views (a user's own) and the organisation default of each report. */
@Injectable()
export class SavedViewsStore {
  readonly views: Model<SavedViewDoc>;
  private readonly defaults: Model<DefaultDoc>;

  constructor(mongo: MongoConnection) {
    this.views = mongo.model<SavedViewDoc>('ReportView', viewSchema);
    this.defaults = mongo.model<DefaultDoc>('ReportViewDefault', defaultSchema);
  }

  get(uuid: string): Promise<SavedViewDoc | null> {
    return this.views.findOne({ _id: uuid }).lean<SavedViewDoc>().exec();
  }

  async insert(view: SavedViewDoc): Promise<void> {
    await this.views.create(view);
  }

  /** Changes the view, with `expectedVersion` (If-Match) only while it is at that version; its new version, or null. */
  async update(uuid: string, set: Partial<SavedViewDoc>, expectedVersion?: number): Promise<number | null> {
    const filter = { _id: uuid, ...(expectedVersion === undefined ? {} : versionFilter(expectedVersion)) };
    const changed = await this.views
      .findOneAndUpdate(filter, { $set: set, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean<SavedViewDoc>()
      .exec();
    return changed ? (changed.version ?? 0) : null;
  }

  /** Deletes the view, with `expectedVersion` only while it is at that version; false when nothing was deleted. */
  async delete(uuid: string, expectedVersion?: number): Promise<boolean> {
    const filter = { _id: uuid, ...(expectedVersion === undefined ? {} : versionFilter(expectedVersion)) };
    return (await this.views.deleteOne(filter).exec()).deletedCount === 1;
  }

  /** The caller's own views of an organisation (and report). */
  ownedBy(ownerUuid: string, organizationUuid?: string, report?: OrgReportName): Promise<SavedViewDoc[]> {
    return this.views
      .find({ ownerUuid, ...(organizationUuid ? { organizationUuid } : {}), ...(report ? { report } : {}) })
      .sort({ name: 1, _id: 1 })
      .limit(1000)
      .lean<SavedViewDoc[]>()
      .exec();
  }

  async defaultOf(organizationUuid: string, report: string): Promise<SavedViewDoc | null> {
    const pointer = await this.defaults
      .findOne({ _id: defaultKey(organizationUuid, report) })
      .lean<DefaultDoc>()
      .exec();
    if (!pointer) return null;
    return this.get(pointer.viewUuid);
  }

  /** The uuids of the default views among `keys` (`<organization>:<report>`). */
  async defaultViewUuids(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const pointers = await this.defaults
      .find({ _id: { $in: [...keys] } })
      .lean<DefaultDoc[]>()
      .exec();
    return new Set(pointers.map((p) => p.viewUuid));
  }

  async defaultsOfOrganizations(organizationUuids: readonly string[], report?: OrgReportName): Promise<SavedViewDoc[]> {
    const keys = organizationUuids.flatMap((org) => (report ? [report] : ORG_REPORTS).map((r) => defaultKey(org, r)));
    const uuids = await this.defaultViewUuids(keys);
    if (uuids.size === 0) return [];
    return this.views
      .find({ _id: { $in: [...uuids] } })
      .lean<SavedViewDoc[]>()
      .exec();
  }

  /** Makes `viewUuid` the default of its organisation and report (replacing the former: one document per key). */
  async setDefault(organizationUuid: string, report: string, viewUuid: string): Promise<void> {
    await this.defaults.updateOne({ _id: defaultKey(organizationUuid, report) }, { $set: { viewUuid } }, { upsert: true }).exec();
  }

  /** Removes the default only while it still is this view. */
  async clearDefault(organizationUuid: string, report: string, viewUuid: string): Promise<void> {
    await this.defaults.deleteOne({ _id: defaultKey(organizationUuid, report), viewUuid }).exec();
  }
}
