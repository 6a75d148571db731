import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MongoConnection, lockKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { ItSystemUsagesRepository } from './it-system-usages.repository';

interface MainContract {
  organizationUuid: string;
  contractUuid: string;
}

interface UsingOrganizationsDocument {
  /** The IT system's uuid. */
  _id: string;
  organizationUuids: string[];
  /** The main contract of each using organisation's usage that has one (absent until one is set). */
  mainContracts?: MainContract[];
}

const schema = new Schema<UsingOrganizationsDocument>(
  {
    _id: { type: String, required: true },
    organizationUuids: { type: [String], default: [] },
    mainContracts: { type: [{ _id: false, organizationUuid: String, contractUuid: String }], default: undefined },
  },
  { collection: 'it_system_using_organizations', versionKey: false, id: false },
);

/**
 * Which organisations use each IT system, and the main contracts of their usages, kept per system in one document
 * keyed by `_id` — the read of a system (its `usingOrganizations` and `mainContractSuppliers`) is then one `_id`
 * lookup instead of a query over every usage, which FerretDB cannot serve from an index. The usages collection stays
 * the truth: the service adds an organisation after it wrote a usage and removes it (with its main contract) after it
 * deleted one (`$addToSet` / `$pullAll`, so a repeat changes nothing), sets the main contract after a usage's changed,
 * and at every start, before the service reports ready, the documents are compared with the live usages and repaired
 * (a crash between the two writes, usages written by an older version or by hand).
 */
@Injectable()
export class UsingOrganizations implements OnModuleInit {
  private readonly logger = new Logger(UsingOrganizations.name);
  private readonly model: Model<UsingOrganizationsDocument>;
  private readonly reading = new Map<string, Promise<UsingOrganizationsDocument | null>>();

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

  /** The organisation's usage is gone: the organisation and its main contract leave the system's document. */
  async remove(systemUuid: string, organizationUuid: string): Promise<void> {
    await this.write(systemUuid, async () => {
      const contracts = (await this.current(systemUuid))?.mainContracts ?? [];
      const kept = contracts.filter((c) => c.organizationUuid !== organizationUuid);
      return {
        $pullAll: { organizationUuids: [organizationUuid] },
        ...(kept.length !== contracts.length ? { $set: { mainContracts: kept } } : {}),
      };
    });
  }

  /** The main contract of the organisation's usage of the system (null: none), after the usage was written. */
  async setMainContract(systemUuid: string, organizationUuid: string, contractUuid: string | null): Promise<void> {
    await this.write(systemUuid, async () => {
      const others = ((await this.current(systemUuid))?.mainContracts ?? []).filter((c) => c.organizationUuid !== organizationUuid);
      return { $set: { mainContracts: contractUuid ? [...others, { organizationUuid, contractUuid }] : others } };
    });
  }

  /**
   * systemUuid → organisations using it (only systems with usages are keys). One `_id` read per system, in parallel:
   * FerretDB pushes `{ _id }` down to its store but answers `{ _id: { $in } }` by reading the whole collection.
   */
  async of(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    const documents = await this.readAll(systemUuids);
    return new Map(documents.filter((d) => d.organizationUuids?.length).map((d) => [d._id, [...d.organizationUuids]]));
  }

  /** systemUuid → the main contracts of its usages (only systems with one are keys); the same `_id` reads as `of`. */
  async mainContractsOf(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    const documents = await this.readAll(systemUuids);
    return new Map(
      documents.filter((d) => d.mainContracts?.length).map((d) => [d._id, (d.mainContracts ?? []).map((c) => c.contractUuid)]),
    );
  }

  private async readAll(systemUuids: readonly string[]): Promise<UsingOrganizationsDocument[]> {
    const documents = await Promise.all([...new Set(systemUuids)].map((uuid) => this.read(uuid)));
    return documents.filter((d): d is UsingOrganizationsDocument => !!d);
  }

  /**
   * One `_id` read, shared only by the reads asked for in the same synchronous step — a system's answer asks for its
   * using organisations and its main contracts at once —, never with a read started earlier, which could predate a
   * write the caller has already seen answered.
   */
  private read(systemUuid: string): Promise<UsingOrganizationsDocument | null> {
    let pending = this.reading.get(systemUuid);
    if (!pending) {
      pending = this.model.findOne({ _id: systemUuid }).lean<UsingOrganizationsDocument>().exec();
      this.reading.set(systemUuid, pending);
      queueMicrotask(() => this.reading.delete(systemUuid));
    }
    return pending;
  }

  /** A fresh read for a write (under its lock): never one shared with readers that may predate the last write. */
  private current(systemUuid: string): Promise<UsingOrganizationsDocument | null> {
    return this.model.findOne({ _id: systemUuid }).lean<UsingOrganizationsDocument>().exec();
  }

  /** Makes every document match the live usages; returns how many systems were changed. */
  async repair(): Promise<number> {
    const truth = new Map<string, { organizations: Set<string>; contracts: Map<string, string> }>();
    for (const pair of await this.usages.pairs({})) {
      let expected = truth.get(pair.systemUuid);
      if (!expected) truth.set(pair.systemUuid, (expected = { organizations: new Set(), contracts: new Map() }));
      expected.organizations.add(pair.organizationUuid);
      if (pair.mainContractUuid) expected.contracts.set(pair.organizationUuid, pair.mainContractUuid);
    }
    const stored = await this.model.find({}).lean<UsingOrganizationsDocument[]>().exec();
    let changed = 0;
    for (const document of stored) {
      const expected = truth.get(document._id) ?? { organizations: new Set<string>(), contracts: new Map<string, string>() };
      truth.delete(document._id);
      const actual = new Set(document.organizationUuids ?? []);
      const actualContracts = new Map((document.mainContracts ?? []).map((c) => [c.organizationUuid, c.contractUuid]));
      if (
        actual.size === expected.organizations.size &&
        [...expected.organizations].every((o) => actual.has(o)) &&
        actualContracts.size === expected.contracts.size &&
        [...expected.contracts].every(([o, c]) => actualContracts.get(o) === c)
      )
        continue;
      await this.replace(document._id, expected);
      changed++;
    }
    for (const [systemUuid, expected] of truth) {
      await this.replace(systemUuid, expected);
      changed++;
    }
    return changed;
  }

  private async replace(systemUuid: string, expected: { organizations: Set<string>; contracts: Map<string, string> }): Promise<void> {
    const mainContracts = [...expected.contracts].map(([organizationUuid, contractUuid]) => ({ organizationUuid, contractUuid }));
    await this.write(systemUuid, { $set: { organizationUuids: [...expected.organizations], mainContracts } });
  }

  /** `update`, or a function that builds it from the document read under the same lock. */
  private async write(systemUuid: string, update: Record<string, unknown> | (() => Promise<Record<string, unknown>>)): Promise<void> {
    // FerretDB 1.24 applies an update as read, change, write back: one writer per document in this process
    await this.mongo.writeLocks.run(lockKey(this.model, systemUuid), async () =>
      this.model.updateOne({ _id: systemUuid }, typeof update === 'function' ? await update() : update, { upsert: true }).exec(),
    );
  }
}
