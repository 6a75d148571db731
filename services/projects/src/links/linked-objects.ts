import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError } from '@kitos/common';
import { Rpc, type ItSystemUsageResponse } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { NatsRpcClient } from '@kitos/messaging';
import type { FieldRef } from '../shared/ports';

export type LinkKind = 'usage' | 'contract';

interface LinkedRow {
  _id: string;
  kind: LinkKind;
  organizationUuid: string;
  /** Usages: the name of the system in use; contracts: the contract's name. */
  name: string;
  /** Usages: the system in use (its renames rename the copy). */
  systemUuid: string | null;
  /** Aggregate version of the last event applied: older and repeated events are ignored. */
  version: number;
  deleted: boolean;
}

const linkedSchema = new Schema<LinkedRow>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, default: '' },
    systemUuid: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'linked_objects', versionKey: false, minimize: false, id: false },
);

linkedSchema.index({ systemUuid: 1 });

const WHAT: Record<LinkKind, string> = { usage: 'IT system usage', contract: 'IT contract' };

/**
 * The project service's copies of what a project links to: the catalogue's system usages and the contracts
 * service's contracts, kept from their events (newer versions win; a deletion leaves a tombstone). A usage the copy
 * has not seen yet is read through from the catalogue.
 */
@Injectable()
export class LinkedObjects {
  private readonly model: Model<LinkedRow>;

  constructor(
    mongo: MongoConnection,
    private readonly bus: NatsRpcClient,
  ) {
    this.model = mongo.model<LinkedRow>('LinkedObject', linkedSchema);
  }

  /** Each must be a live object of this kind in the organisation; every problem as a field error. */
  async require(kind: LinkKind, organizationUuid: string, refs: readonly FieldRef[]): Promise<void> {
    if (!refs.length) return;
    const rows = await this.find(refs.map((r) => r.uuid));
    if (kind === 'usage') {
      await Promise.all(
        refs
          .filter((r) => !rows.has(r.uuid))
          .map(async (r) => {
            const usage = await this.bus.systemFind<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid: r.uuid });
            if (!usage) return;
            const state = {
              organizationUuid: usage.organizationContext.uuid,
              name: usage.systemContext.name ?? '',
              systemUuid: usage.systemContext.uuid,
              deleted: false,
            };
            await this.apply('usage', r.uuid, usage.version, state);
            rows.set(r.uuid, { _id: r.uuid, kind: 'usage', version: usage.version, ...state });
          }),
      );
    }
    const errors: FieldError[] = [];
    for (const ref of refs) {
      const row = rows.get(ref.uuid);
      if (!row || row.deleted || row.kind !== kind) errors.push({ field: ref.field, message: `${ref.field} is not a known ${WHAT[kind]}` });
      else if (row.organizationUuid !== organizationUuid)
        errors.push({ field: ref.field, message: `${ref.field} must be an ${WHAT[kind]} of the same organisation` });
    }
    if (errors.length) throw DomainError.badInput(`Unknown ${WHAT[kind]}s, or of another organisation`, errors);
  }

  /** Names by uuid, deleted ones included. */
  async names(uuids: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await this.find(uuids))].map(([uuid, row]) => [uuid, row.name]));
  }

  async apply(
    kind: LinkKind,
    uuid: string,
    version: number,
    state: { organizationUuid: string; name: string; systemUuid: string | null; deleted: boolean },
  ): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, { ...state, kind });
  }

  /** A renamed system renames the copies of its usages (they carry its name). */
  async renameSystem(systemUuid: string, name: string): Promise<void> {
    await this.model.updateMany({ systemUuid, kind: 'usage', deleted: false }, { $set: { name } }).exec();
  }

  private async find(uuids: readonly string[]): Promise<Map<string, LinkedRow>> {
    const unique = [...new Set(uuids)];
    if (!unique.length) return new Map();
    const rows =
      unique.length === 1
        ? await this.model.find({ _id: unique[0] }).lean<LinkedRow[]>().exec()
        : await this.model
            .find({ _id: { $in: unique } })
            .lean<LinkedRow[]>()
            .exec();
    return new Map(rows.map((r) => [r._id, r]));
  }
}
