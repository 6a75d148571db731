import { Injectable } from '@nestjs/common';
import { DomainError } from '@kitos/common';
import { Rpc, type OrganizationResponse } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { NatsRpcClient } from '@kitos/messaging';

export interface OrganizationCopy {
  uuid: string;
  name: string;
  cvr: string | null;
}

type Row = { _id: string; name: string; cvr: string | null; version: number; deleted: boolean };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    cvr: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'organization_copies', versionKey: false, minimize: false },
);

/**
 * The local copy of identity's organisations (`identity.organization.*` events): archive suppliers and the names in
 * responses. An organisation the copy has never seen is read through from identity; a deleted one stays unknown.
 */
@Injectable()
export class OrganizationCopies {
  private readonly model: Model<Row>;

  constructor(
    mongo: MongoConnection,
    private readonly bus: NatsRpcClient,
  ) {
    this.model = mongo.model<Row>('OrganizationCopy', schema);
  }

  async find(uuid: string): Promise<OrganizationCopy | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    if (row) return row.deleted ? null : { uuid, name: row.name, cvr: row.cvr ?? null };
    const organization = await this.bus.systemFind<OrganizationResponse>(Rpc.identity.getOrganization, { uuid });
    if (!organization) return null;
    await this.apply({ uuid, name: organization.name, cvr: organization.cvr ?? null }, organization.version ?? 0);
    return { uuid, name: organization.name, cvr: organization.cvr ?? null };
  }

  /** The organisation, or a 400 naming the field. */
  async require(field: string, uuid: string): Promise<OrganizationCopy> {
    const organization = await this.find(uuid);
    if (!organization) throw DomainError.badInput('Unknown organisation', [{ field, message: `${field} is not a known organisation` }]);
    return organization;
  }

  /** Names by uuid (deleted organisations keep their last name). */
  async names(uuids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(uuids)];
    const rows = await this.model
      .find({ _id: { $in: wanted } })
      .lean<Row[]>()
      .exec();
    const names = new Map(rows.map((r) => [r._id, r.name]));
    await Promise.all(
      wanted
        .filter((uuid) => !names.has(uuid))
        .map(async (uuid) => {
          const found = await this.find(uuid).catch(() => null);
          if (found) names.set(uuid, found.name);
        }),
    );
    return names;
  }

  apply(copy: OrganizationCopy, version: number): Promise<boolean> {
    return applyIfNewer(this.model, copy.uuid, version, { name: copy.name, cvr: copy.cvr, deleted: false });
  }

  applyDeletion(uuid: string, name: string, version: number): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, { name, cvr: null, deleted: true });
  }
}
