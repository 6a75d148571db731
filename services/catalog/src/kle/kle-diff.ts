import type { ParsedKleEntry } from './emneplan-parser';
import { kleUuidOf, parentNumberOf } from './kle-number';
import { dayOf, type KleEntry } from './kle';

export interface KleRename {
  entry: KleEntry;
  oldDescription: string;
}

export interface KleUpdate {
  entry: KleEntry;
  fields: string[];
}

/** What an import changes; every list in number order. */
export interface KleChanges {
  added: KleEntry[];
  renamed: KleRename[];
  /** Entries in force that leave KLE: marked removed in the file, or no longer in it. */
  removed: KleEntry[];
  /** Entries marked removed that are part of KLE again. */
  restored: KleEntry[];
  /** Other changes: guidance, creation or removal date. */
  updated: KleUpdate[];
}

export interface KleImportResult {
  /** The classification after the import: every entry ever known, removed ones included. */
  entries: KleEntry[];
  changes: KleChanges;
}

/**
 * The classification after importing an emneplan into `current`, and what changes. Entries are never deleted: one
 * missing from the file is marked removed as of the day of the import; one marked removed in the file takes the
 * file's date. Identities are uuid v5 of the KLE number, so an entry keeps its uuid across imports.
 */
export function importEmneplan(current: readonly KleEntry[], incoming: readonly ParsedKleEntry[], now: Date): KleImportResult {
  const today = dayOf(now);
  const known = new Map(current.map((e) => [e.kleNumber, e]));
  const seen = new Set<string>();
  const changes: KleChanges = { added: [], renamed: [], removed: [], restored: [], updated: [] };
  const entries: KleEntry[] = [];

  for (const parsed of incoming) {
    seen.add(parsed.kleNumber);
    const before = known.get(parsed.kleNumber);
    const parentNumber = parentNumberOf(parsed.kleNumber);
    const next: KleEntry = {
      uuid: kleUuidOf(parsed.kleNumber),
      kleNumber: parsed.kleNumber,
      description: parsed.description,
      guidance: parsed.guidance,
      parentUuid: parentNumber === null ? null : kleUuidOf(parentNumber),
      validFrom: parsed.validFrom,
      removed: parsed.removed,
      lastModified: now,
    };
    if (!before) {
      changes.added.push(next);
      entries.push(next);
      continue;
    }
    const kept = classify(before, next, changes);
    entries.push(kept ? before : next);
  }

  for (const before of current) {
    if (seen.has(before.kleNumber)) continue;
    if (before.removed !== null) {
      entries.push(before);
      continue;
    }
    const next = { ...before, removed: today, lastModified: now };
    changes.removed.push(next);
    entries.push(next);
  }

  entries.sort(byNumber);
  changes.removed.sort(byNumber);
  return { entries, changes };
}

/** Records how `next` differs from `before`; true when nothing differs. */
function classify(before: KleEntry, next: KleEntry, changes: KleChanges): boolean {
  let same = true;
  if (before.description !== next.description) {
    changes.renamed.push({ entry: next, oldDescription: before.description });
    same = false;
  }
  if (before.removed === null && next.removed !== null) {
    changes.removed.push(next);
    same = false;
  } else if (before.removed !== null && next.removed === null) {
    changes.restored.push(next);
    same = false;
  }
  const fields: string[] = [];
  if (before.guidance !== next.guidance) fields.push('guidance');
  if (before.validFrom !== next.validFrom) fields.push('validFrom');
  if (before.removed !== null && next.removed !== null && before.removed !== next.removed) fields.push('removed');
  if (fields.length) {
    changes.updated.push({ entry: next, fields });
    same = false;
  }
  return same;
}

function byNumber(a: { kleNumber: string }, b: { kleNumber: string }): number {
  return a.kleNumber < b.kleNumber ? -1 : a.kleNumber > b.kleNumber ? 1 : 0;
}

export function hasChanges(changes: KleChanges): boolean {
  return Object.values(changes).some((list: unknown[]) => list.length > 0);
}
