import { Injectable } from '@nestjs/common';
import { Rpc, type OrganizationResponse } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { NatsRpcClient } from '@kitos/messaging';

export interface Contact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** What the record needs of an organisation (Art. 30(1)(a)): name, CVR, contact details, data controller and DPO. */
export interface OrganizationCopy {
  uuid: string;
  name: string;
  cvr: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  dataController: Contact | null;
  dataProtectionOfficer: Contact | null;
}

type Row = Omit<OrganizationCopy, 'uuid'> & { _id: string; version: number; deleted: boolean };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    cvr: { type: String, default: null },
    address: { type: String, default: null },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    dataController: { type: Schema.Types.Mixed, default: null },
    dataProtectionOfficer: { type: Schema.Types.Mixed, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'organization_copies', versionKey: false, minimize: false },
);

/** The gdpr service's copy of identity's organisations, kept from its events; a miss reads through to identity once. */
@Injectable()
export class OrganizationCopiesRepository {
  private readonly model: Model<Row>;

  constructor(
    mongo: MongoConnection,
    private readonly bus: NatsRpcClient,
  ) {
    this.model = mongo.model<Row>('OrganizationCopy', schema);
  }

  async find(uuid: string): Promise<OrganizationCopy | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    if (row) return row.deleted ? null : toCopy(row);
    const fetched = await this.bus.systemRequest<OrganizationResponse>(Rpc.identity.getOrganization, { uuid }).catch(() => null);
    if (!fetched) return null;
    const m = fetched.masterData;
    const copy: Omit<Row, '_id' | 'version'> = {
      name: fetched.name,
      cvr: fetched.cvr,
      address: m?.address ?? null,
      email: m?.email ?? null,
      phone: m?.phone ?? null,
      dataController: contact(m?.dataController),
      dataProtectionOfficer: contact(m?.dataProtectionOfficer),
      deleted: false,
    };
    await applyIfNewer(this.model, uuid, fetched.version, copy);
    return { uuid, ...copy };
  }

  async names(uuids: readonly string[]): Promise<Map<string, string>> {
    if (!uuids.length) return new Map();
    const rows = await this.model
      .find({ _id: { $in: [...new Set(uuids)] } }, { name: 1 })
      .lean<Array<{ _id: string; name: string }>>()
      .exec();
    return new Map(rows.map((r) => [r._id, r.name]));
  }

  apply(uuid: string, version: number, state: Omit<Row, '_id' | 'version'>): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, state);
  }
}

export function contact(value: { name?: string | null; email?: string | null; phone?: string | null } | null | undefined): Contact | null {
  if (!value) return null;
  const c = { name: value.name ?? null, email: value.email ?? null, phone: value.phone ?? null };
  return c.name || c.email || c.phone ? c : null;
}

function toCopy(row: Row): OrganizationCopy {
  return {
    uuid: row._id,
    name: row.name,
    cvr: row.cvr ?? null,
    address: row.address ?? null,
    email: row.email ?? null,
    phone: row.phone ?? null,
    dataController: row.dataController ?? null,
    dataProtectionOfficer: row.dataProtectionOfficer ?? null,
  };
}
