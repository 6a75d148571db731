import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ErrorCode, ID_GENERATOR, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import {
  CatalogKleEvents,
  type KleChangeItem,
  type KleEntrySnapshot,
  type KleImportPreviewResponse,
  type KleImportedV1,
  type KleOptionDetailsResponse,
  type KleOptionResponse,
  type KleTreeNode,
  type KleTreeQuery,
  type KleTreeResponse,
  type ListKleOptionsQuery,
  type Page,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent } from '@kitos/persistence';
import { EmneplanError, parseEmneplan, type ParsedEmneplan } from './emneplan-parser';
import { hasChanges, importEmneplan, type KleChanges } from './kle-diff';
import { KleImportsRepository } from './kle-imports.repository';
import { KLE_AGGREGATE_UUID, isInSubtree, parentNumberOf } from './kle-number';
import { KlePolicy } from './kle.policy';
import { KleRepository, type KleSnapshot } from './kle.repository';
import { dayOf, isRemovedOn, type KleEntry } from './kle';

const AGGREGATE = 'kle';
/** How long a preview can be applied. */
export const KLE_PREVIEW_TTL_MS = 24 * 60 * 60 * 1000;

/** The KLE classification: reading (any user), and imports previewed and then applied by global admins. */
@Injectable()
export class KleService {
  constructor(
    private readonly repository: KleRepository,
    private readonly imports: KleImportsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async list(caller: CallerContext, query: ListKleOptionsQuery): Promise<Page<KleOptionResponse>> {
    KlePolicy.assertCanRead(caller);
    const { entries } = await this.repository.snapshot();
    const today = dayOf(this.clock.now());
    const text = query.kleDescriptionContent?.toLocaleLowerCase('da');
    const since = query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined;
    const parentUuid = query.parentKleUuid?.toLowerCase();
    const matching = entries.filter(
      (e) =>
        (query.includeRemoved || !isRemovedOn(e, today)) &&
        (parentUuid === undefined || e.parentUuid === parentUuid) &&
        (query.parentKleNumber === undefined || parentNumberOf(e.kleNumber) === query.parentKleNumber) &&
        (query.kleNumberPrefix === undefined || e.kleNumber.startsWith(query.kleNumberPrefix)) &&
        (text === undefined || e.description.toLocaleLowerCase('da').includes(text)) &&
        (since === undefined || e.lastModified >= since),
    );
    if (since) matching.sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime() || compareNumbers(a, b));
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? Math.max(matching.length, 1);
    return { items: matching.slice(page * pageSize, (page + 1) * pageSize).map(toOption), page, pageSize };
  }

  async get(caller: CallerContext, uuid: string): Promise<KleOptionDetailsResponse> {
    KlePolicy.assertCanRead(caller);
    const entry = (await this.repository.snapshot()).byUuid.get(uuid.toLowerCase());
    if (!entry) throw DomainError.notFound('KLE entry', uuid);
    return { ...toOption(entry), guidance: entry.guidance };
  }

  async tree(caller: CallerContext, query: KleTreeQuery): Promise<KleTreeResponse> {
    KlePolicy.assertCanRead(caller);
    const snapshot = await this.repository.snapshot();
    const today = dayOf(this.clock.now());
    const root = query.kleNumber;
    if (root !== undefined && !snapshot.byNumber.has(root)) {
      throw new DomainError(ErrorCode.NotFound, `KLE number ${root} was not found`);
    }
    const nodes = new Map<string, KleTreeNode>();
    const roots: KleTreeNode[] = [];
    for (const e of snapshot.entries) {
      if (root !== undefined && !isInSubtree(e.kleNumber, root)) continue;
      if (!query.includeRemoved && isRemovedOn(e, today)) continue;
      const node: KleTreeNode = {
        uuid: e.uuid,
        kleNumber: e.kleNumber,
        description: e.description,
        validFrom: e.validFrom,
        removed: e.removed,
        children: [],
      };
      nodes.set(e.kleNumber, node);
      const parent = nodes.get(parentNumberOf(e.kleNumber) ?? '');
      if (parent && e.kleNumber !== root) parent.children.push(node);
      else roots.push(node);
    }
    return { publishedDate: snapshot.publishedDate, version: snapshot.version, roots };
  }

  /** Reads an emneplan and tells what importing it would change; nothing changes until the preview is applied. */
  async previewImport(caller: CallerContext, xml: string): Promise<KleImportPreviewResponse> {
    KlePolicy.assertCanImport(caller);
    const parsed = parse(xml);
    const snapshot = await this.repository.snapshot();
    const now = this.clock.now();
    const { changes } = importEmneplan(snapshot.entries, parsed.entries, now);
    const uuid = this.ids.uuid();
    const preview = toPreview(uuid, snapshot.version, parsed, changes, now, null);
    await this.imports.deleteOlderThan(new Date(now.getTime() - KLE_PREVIEW_TTL_MS));
    await this.imports.insert({
      uuid,
      baseVersion: snapshot.version,
      publishedDate: parsed.publishedDate,
      entries: parsed.entries,
      preview,
      createdAt: now,
      createdByUserUuid: caller.userUuid,
      appliedAt: null,
    });
    return preview;
  }

  async getImport(caller: CallerContext, uuid: string): Promise<KleImportPreviewResponse> {
    KlePolicy.assertCanImport(caller);
    const item = await this.imports.find(uuid);
    if (!item) throw DomainError.notFound('KLE import', uuid);
    return item.preview;
  }

  /** Applies exactly the previewed change: refused (409) once KLE moved on since the preview, or when applied already. */
  async applyImport(caller: CallerContext, uuid: string): Promise<KleImportPreviewResponse> {
    KlePolicy.assertCanImport(caller);
    const item = await this.imports.find(uuid);
    if (!item) throw DomainError.notFound('KLE import', uuid);
    if (item.appliedAt) throw DomainError.conflict(`KLE import ${uuid} was applied already`, { applied: item.appliedAt.toISOString() });
    const now = this.clock.now();
    if (now.getTime() - item.createdAt.getTime() > KLE_PREVIEW_TTL_MS) {
      throw DomainError.conflict(`KLE import ${uuid} has expired; upload the emneplan again`, { expires: item.preview.expires });
    }
    const snapshot = await this.repository.snapshot();
    if (snapshot.version !== item.baseVersion) throw changedSince(uuid, item.baseVersion, snapshot.version);
    const parsed: ParsedEmneplan = { publishedDate: item.publishedDate, entries: item.entries };
    const changes = await this.write(caller, snapshot, parsed, now, uuid);
    const applied = toPreview(uuid, item.baseVersion, parsed, changes, new Date(item.createdAt), now);
    await this.imports.markApplied(uuid, now, applied);
    return applied;
  }

  /**
   * The start-up import of the configured emneplan, only while there is no KLE. False when KLE existed already.
   * `progress` gets a line per step (parsed, saved) with counts and rates.
   */
  async importInitial(caller: CallerContext, xml: string, progress: (line: string) => void = () => undefined): Promise<boolean> {
    const snapshot = await this.repository.snapshot();
    if (snapshot.version > 0) return false;
    let started = performance.now();
    const parsed = parse(xml);
    progress(
      `KLE: parsed ${parsed.entries.length} entries (${Math.round(xml.length / 1024)} KiB) ${timing(started, parsed.entries.length)}`,
    );
    started = performance.now();
    try {
      const changes = await this.write(caller, snapshot, parsed, this.clock.now(), null);
      progress(`KLE: saved ${changes.added.length} added, ${changes.restored.length} restored ${timing(started, changes.added.length)}`);
    } catch (error) {
      // another replica imported it at the same moment
      if (error instanceof DomainError && error.code === ErrorCode.Conflict) return false;
      throw error;
    }
    return true;
  }

  private async write(
    caller: CallerContext,
    snapshot: KleSnapshot,
    parsed: ParsedEmneplan,
    now: Date,
    importUuid: string | null,
  ): Promise<KleChanges> {
    const { entries, changes } = importEmneplan(snapshot.entries, parsed.entries, now);
    if (!hasChanges(changes) && parsed.publishedDate === snapshot.publishedDate && snapshot.version > 0) return changes;
    const data: KleImportedV1 = {
      importUuid,
      publishedDate: parsed.publishedDate,
      importedAt: now.toISOString(),
      added: changes.added.map(toSnapshot),
      renamed: changes.renamed.map((r) => ({
        uuid: r.entry.uuid,
        kleNumber: r.entry.kleNumber,
        oldDescription: r.oldDescription,
        newDescription: r.entry.description,
      })),
      removed: changes.removed.map(toSnapshot),
      restored: changes.restored.map(toSnapshot),
      updated: changes.updated.map((u) => toSnapshot(u.entry)),
    };
    const event = buildEvent({ clock: this.clock, ids: this.ids }, CatalogKleEvents.kleImported, {
      aggregate: { type: AGGREGATE, uuid: KLE_AGGREGATE_UUID, version: snapshot.version + 1 },
      organizationUuid: null,
      caller,
      data,
    });
    try {
      await this.repository.save(snapshot.version, { publishedDate: parsed.publishedDate, importedAt: now, entries }, event);
    } catch (error) {
      if (error instanceof StaleVersionError || error instanceof DuplicateKeyError) {
        throw changedSince(importUuid ?? 'start-up', snapshot.version, snapshot.version + 1);
      }
      throw error;
    }
    return changes;
  }
}

function parse(xml: string): ParsedEmneplan {
  try {
    return parseEmneplan(xml);
  } catch (error) {
    if (error instanceof EmneplanError) throw DomainError.badInput(error.message, error.problems);
    throw error;
  }
}

function changedSince(uuid: string, baseVersion: number, currentVersion: number): DomainError {
  return DomainError.conflict(`KLE changed since import ${uuid} was previewed; upload the emneplan again for a new preview`, {
    baseVersion,
    currentVersion,
  });
}

function compareNumbers(a: KleEntry, b: KleEntry): number {
  return a.kleNumber < b.kleNumber ? -1 : a.kleNumber > b.kleNumber ? 1 : 0;
}

function toOption(e: KleEntry): KleOptionResponse {
  return {
    uuid: e.uuid,
    kleNumber: e.kleNumber,
    description: e.description,
    parentUuid: e.parentUuid,
    parentKleNumber: parentNumberOf(e.kleNumber),
    validFrom: e.validFrom,
    removed: e.removed,
    lastModified: e.lastModified.toISOString(),
  };
}

function toSnapshot(e: KleEntry): KleEntrySnapshot {
  return {
    uuid: e.uuid,
    kleNumber: e.kleNumber,
    description: e.description,
    parentUuid: e.parentUuid,
    validFrom: e.validFrom,
    removed: e.removed,
  };
}

function toItem(e: KleEntry): KleChangeItem {
  return { uuid: e.uuid, kleNumber: e.kleNumber, description: e.description, removed: e.removed };
}

function toPreview(
  uuid: string,
  baseVersion: number,
  parsed: ParsedEmneplan,
  changes: KleChanges,
  created: Date,
  applied: Date | null,
): KleImportPreviewResponse {
  return {
    uuid,
    status: applied ? 'Applied' : 'Pending',
    publishedDate: parsed.publishedDate,
    baseVersion,
    entries: parsed.entries.length,
    created: created.toISOString(),
    expires: new Date(created.getTime() + KLE_PREVIEW_TTL_MS).toISOString(),
    applied: applied ? applied.toISOString() : null,
    added: changes.added.map(toItem),
    renamed: changes.renamed.map((r) => ({
      uuid: r.entry.uuid,
      kleNumber: r.entry.kleNumber,
      oldDescription: r.oldDescription,
      newDescription: r.entry.description,
    })),
    removed: changes.removed.map(toItem),
    restored: changes.restored.map(toItem),
    updated: changes.updated.map((u) => ({ uuid: u.entry.uuid, kleNumber: u.entry.kleNumber, fields: u.fields })),
  };
}

/** `in 1.2 s (2 000/s)` since `started` (a performance.now() reading) for `count` items. */
function timing(started: number, count: number): string {
  const seconds = (performance.now() - started) / 1000;
  return `in ${seconds.toFixed(1)} s (${Math.round(count / Math.max(seconds, 0.001))}/s)`;
}
