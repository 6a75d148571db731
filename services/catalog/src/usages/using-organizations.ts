import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MongoConnection, lockKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { ItSystemUsagesRepository } from './it-system-usages.repository';

interface UsingOrganizationsDocument {
  /** The IT system's uuid. */
  _id: string;
  organizationUuids: string[];
}

const schema = new Schema<UsingOrganizationsDocument>(
  { _id: { type: String, required: true }, organizationUuids: { type: [String], default: [] } },
  { collection: 'it_system_using_organizations', versionKey: false, id: false },
);

/**
 * Which organisations use each IT system, kept per system in one document keyed by `_id` — the read of a system
 * (its `usingOrganizations`) is then one `_id` lookup instead of a query over every usage, which FerretDB cannot
 * serve from an index. The usages collection stays the truth: the service adds an organisation after it wrote a
 * usage and removes it after it deleted one (`$addToSet` / `$pullAll`, so a repeat changes nothing), and at every
 * start, before the service reports ready, the documents are compared with the live usages and repaired (a crash
 * between the two writes, usages written by an older version or by hand).
 */
@Injectable()
export class UsingOrganizations implements OnModuleInit {
  private readonly logger = new Logger(UsingOrganizations.name);
  private readonly model: Model<UsingOrganizationsDocument>;

  constructor(
    private readonly mongo: MongoConnection,
    private readonly usages: ItSystemUsagesRepository,
  ) {
    this.model = mongo.model<UsingOrganizationsDocument>('ItSystemUsingOrganizations', schema);
  }

  onModuleInit(): void {
    this.mongo.whenConnected(async () => {
      const repaired = await this.repair();
      if (repaired) this.logger.log(`repaired the using organisations of ${repaired} IT systems`);
    });
  }

  async add(systemUuid: string, organizationUuid: string): Promise<void> {
    await this.write(systemUuid, { $addToSet: { organizationUuids: organizationUuid } });
  }

  async remove(systemUuid: string, organizationUuid: string): Promise<void> {
    await this.write(systemUuid, { $pullAll: { organizationUuids: [organizationUuid] } });
  }

  /**
   * systemUuid → organisations using it (only systems with usages are keys). One `_id` read per system, in parallel:
   * FerretDB pushes `{ _id }` down to its store but answers `{ _id: { $in } }` by reading the whole collection.
   */
  async of(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    const documents = await Promise.all(
      [...new Set(systemUuids)].map((uuid) => this.model.findOne({ _id: uuid }).lean<UsingOrganizationsDocument>().exec()),
    );
    return new Map(
      documents
        .filter((d): d is UsingOrganizationsDocument => !!d?.organizationUuids?.length)
        .map((d) => [d._id, [...d.organizationUuids]]),
    );
  }

  /** Makes every document match the live usages; returns how many systems were changed. */
  async repair(): Promise<number> {
    const truth = new Map<string, Set<string>>();
    for (const pair of await this.usages.pairs({})) {
      let organizations = truth.get(pair.systemUuid);
      if (!organizations) truth.set(pair.systemUuid, (organizations = new Set()));
      organizations.add(pair.organizationUuid);
    }
    const stored = await this.model.find({}).lean<UsingOrganizationsDocument[]>().exec();
    let changed = 0;
    for (const document of stored) {
      const expected = truth.get(document._id) ?? new Set<string>();
      truth.delete(document._id);
      const actual = new Set(document.organizationUuids ?? []);
      if (actual.size === expected.size && [...expected].every((o) => actual.has(o))) continue;
      await this.replace(document._id, [...expected]);
      changed++;
    }
    for (const [systemUuid, organizations] of truth) {
      await this.replace(systemUuid, [...organizations]);
      changed++;
    }
    return changed;
  }

  private async replace(systemUuid: string, organizationUuids: string[]): Promise<void> {
    await this.write(systemUuid, { $set: { organizationUuids } });
  }

  private async write(systemUuid: string, update: Record<string, unknown>): Promise<void> {
    // FerretDB 1.24 applies an update as read, change, write back: one writer per document in this process
    await this.mongo.writeLocks.run(lockKey(this.model, systemUuid), () =>
      this.model.updateOne({ _id: systemUuid }, update, { upsert: true }).exec(),
    );
  }
}
