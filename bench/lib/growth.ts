import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { sleep } from './stats';

type Doc = Record<string, unknown> & { _id: string };
type Db = ReturnType<mongoose.mongo.MongoClient['db']>;

/** Where each service keeps an object, and the reporting read model that mirrors it. */
const KINDS = {
  system: { database: 'catalog', collection: 'it_systems', readModel: 'rm_it_systems' },
  usage: { database: 'catalog', collection: 'it_system_usages', readModel: 'rm_it_system_usages' },
  contract: { database: 'contracts', collection: 'it_contracts', readModel: 'rm_it_contracts' },
} as const;
type Kind = keyof typeof KINDS;

/** One object of each kind created through the API, as the services stored it: every clone copies its shape. */
export interface Templates {
  readonly organizationUuid: string;
  readonly systemUuid: string;
  readonly systemName: string;
  readonly usageUuid: string;
  readonly contractUuid: string;
  readonly contractName: string;
}

interface TemplateDocs {
  readonly documents: Record<Kind, Doc>;
  readonly readModels: Record<Kind, Doc>;
}

/** Deep copy of `value` with every occurrence of each `from` string (in strings, not keys) replaced by its `to`. */
function rewrite(value: unknown, replacements: readonly (readonly [string, string])[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const [from, to] of replacements) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => rewrite(v, replacements));
  if (value instanceof Date) return new Date(value.getTime());
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, replacements)]));
  }
  return value;
}

/** Waits until the template objects are stored, their events relayed and reporting's read models hold them. */
async function templateDocs(client: mongoose.mongo.MongoClient, t: Templates, timeoutMs = 30000): Promise<TemplateDocs> {
  const ids: Record<Kind, string> = { system: t.systemUuid, usage: t.usageUuid, contract: t.contractUuid };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const documents = {} as Record<Kind, Doc>;
    const readModels = {} as Record<Kind, Doc>;
    let complete = true;
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const where = KINDS[kind];
      const document = await client.db(where.database).collection<Doc>(where.collection).findOne({ _id: ids[kind] });
      const readModel = await client.db('reporting').collection<Doc>(where.readModel).findOne({ _id: ids[kind] });
      if (!document || document.hasPendingEvents || !readModel?.data) complete = false;
      else {
        documents[kind] = document;
        readModels[kind] = readModel;
      }
    }
    if (complete) return { documents, readModels };
    if (Date.now() > deadline) throw new Error('the template objects did not reach the catalog, contracts and reporting databases in time');
    await sleep(200);
  }
}

export interface GrowthLoad {
  /** Objects of each kind (IT systems, usages, contracts) in the store after this load. */
  readonly objects: number;
  /** Of those, in the measured organisation. */
  readonly inOrganization: number;
  readonly insertedDocuments: number;
  readonly seconds: number;
  readonly documentsPerSecond: number;
}

/**
 * Bulk-loads IT systems, usages (one per system) and contracts, each with its reporting read-model document, until
 * `objects` of each kind exist: clones of the templates (so exactly the shape the repositories and reporting wrote),
 * with new uuids and names, spread round-robin over `organizations` organisations of which the first is the measured
 * one. insertMany in batches of `batch`, unordered, straight into the services' databases (not through 100 000 HTTP
 * calls); the services' caches and event streams are not involved. Besides the six documents per object, the
 * catalogue's per-system list of using organisations (`it_system_using_organizations`) gets one, as the service writes it.
 */
export class GrowthLoader {
  private loaded = 1; // the templates
  private readonly organizations: string[];

  private constructor(
    private readonly client: mongoose.mongo.MongoClient,
    private readonly templates: Templates,
    private readonly docs: TemplateDocs,
    organizations: number,
    private readonly batch: number,
  ) {
    this.organizations = [templates.organizationUuid, ...Array.from({ length: organizations - 1 }, () => randomUUID())];
  }

  static async create(mongoUri: string, templates: Templates, options: { organizations: number; batch?: number }): Promise<GrowthLoader> {
    const client = await mongoose.mongo.MongoClient.connect(mongoUri);
    try {
      return new GrowthLoader(client, templates, await templateDocs(client, templates), options.organizations, options.batch ?? 1000);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  get objects(): number {
    return this.loaded;
  }

  async loadTo(objects: number, progress: (message: string) => void): Promise<GrowthLoad> {
    const started = performance.now();
    let inserted = 0;
    const t = this.templates;
    const db = (name: string): Db => this.client.db(name);
    while (this.loaded < objects) {
      const count = Math.min(this.batch, objects - this.loaded);
      const out: Record<string, Doc[]> = {};
      const push = (database: string, collection: string, doc: Doc) => (out[`${database}.${collection}`] ??= []).push(doc);
      for (let k = 0; k < count; k++) {
        const i = this.loaded + k;
        const organizationUuid = this.organizations[i % this.organizations.length];
        const systemUuid = randomUUID();
        const usageUuid = randomUUID();
        const contractUuid = randomUUID();
        const tag = String(i).padStart(6, '0');
        // longer strings first: a name may contain nothing of a uuid, but be safe about order anyway
        const replacements: [string, string][] = [
          [t.systemUuid, systemUuid],
          [t.usageUuid, usageUuid],
          [t.contractUuid, contractUuid],
          [t.organizationUuid, organizationUuid],
          [t.systemName, `Growth system ${tag}`],
          [t.systemName.toLocaleLowerCase('da'), `growth system ${tag}`],
          [t.contractName, `Growth contract ${tag}`],
          [t.contractName.toLocaleLowerCase('da'), `growth contract ${tag}`],
        ];
        for (const kind of Object.keys(KINDS) as Kind[]) {
          const where = KINDS[kind];
          push(where.database, where.collection, rewrite(this.docs.documents[kind], replacements) as Doc);
          push('reporting', where.readModel, rewrite(this.docs.readModels[kind], replacements) as Doc);
        }
        // the catalogue's per-system list of using organisations, kept with every usage it writes
        const usage = out[`${KINDS.usage.database}.${KINDS.usage.collection}`].at(-1) as Doc;
        push('catalog', 'it_system_using_organizations', { _id: systemUuid, organizationUuids: [usage.organizationUuid as string] });
      }
      for (const [name, docs] of Object.entries(out)) {
        const [database, collection] = name.split('.');
        await db(database).collection<Doc>(collection).insertMany(docs, { ordered: false });
        inserted += docs.length;
      }
      this.loaded += count;
      if (this.loaded % 10000 === 0 || this.loaded === objects) progress(`${this.loaded}/${objects} objects of each kind`);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      objects: this.loaded,
      inOrganization: Math.ceil(this.loaded / this.organizations.length),
      insertedDocuments: inserted,
      seconds: Math.round(seconds * 10) / 10,
      documentsPerSecond: Math.round(inserted / Math.max(seconds, 0.001)),
    };
  }

  /** A uuid of a loaded IT system of the measured organisation (for the reads by uuid). */
  async someSystemUuid(): Promise<string> {
    const found = await this.client
      .db('catalog')
      .collection<Doc>('it_systems')
      // clone i belongs to organisation i mod n: clone n is in the measured one
      .findOne({
        organizationUuid: this.templates.organizationUuid,
        nameKey: `growth system ${String(this.organizations.length).padStart(6, '0')}`,
      });
    return found?._id ?? this.templates.systemUuid;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
