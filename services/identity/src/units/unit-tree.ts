import { DomainError, type FieldError } from '@kitos/common';
import type { ImportedUnit } from '@kitos/contracts';

export interface Unit {
  uuid: string;
  name: string;
  parentUuid: string | null;
  ean: number | null;
  unitId: string | null;
  origin: 'Kitos' | 'Import';
  /** When the unit was last created or changed; units stored before it was kept have none (the tree's time stands in). */
  lastModified?: Date | null;
}

export interface TreeChange {
  readonly kind: 'created' | 'updated' | 'deleted';
  readonly unit: Unit;
}

/**
 * An organisation's unit tree: exactly one root, every other unit under a unit of the same tree, no cycles,
 * local unit ids unique. Pure functions: each returns the new tree and what changed, or throws DomainError.
 */
export class UnitTree {
  private constructor(readonly units: readonly Unit[]) {}

  static of(units: readonly Unit[]): UnitTree {
    return new UnitTree(units);
  }

  static withRoot(uuid: string, name: string): UnitTree {
    return new UnitTree([{ uuid, name, parentUuid: null, ean: null, unitId: null, origin: 'Kitos' }]);
  }

  get root(): Unit {
    const root = this.units.find((u) => u.parentUuid === null);
    if (!root) throw new Error('unit tree without a root');
    return root;
  }

  find(uuid: string): Unit | undefined {
    return this.units.find((u) => u.uuid === uuid);
  }

  children(uuid: string): Unit[] {
    return this.units.filter((u) => u.parentUuid === uuid);
  }

  add(unit: Omit<Unit, 'origin'> & { origin?: Unit['origin'] }): { tree: UnitTree; changes: TreeChange[] } {
    this.requireParent(unit.parentUuid, 'parentUuid');
    this.requireFreeUnitId(unit.unitId, unit.uuid);
    const created: Unit = { ...unit, origin: unit.origin ?? 'Kitos' };
    return { tree: new UnitTree([...this.units, created]), changes: [{ kind: 'created', unit: created }] };
  }

  update(
    uuid: string,
    changes: { name?: string; parentUuid?: string; ean?: number | null; unitId?: string | null },
  ): { tree: UnitTree; changes: TreeChange[] } {
    const current = this.find(uuid);
    if (!current) throw DomainError.notFound('Organisation unit', uuid);
    if (changes.parentUuid !== undefined && changes.parentUuid !== current.parentUuid) {
      if (current.parentUuid === null) throw bad('parentUuid', 'The root cannot be moved');
      this.requireParent(changes.parentUuid, 'parentUuid');
      if (changes.parentUuid === uuid || this.descendants(uuid).has(changes.parentUuid)) {
        throw bad('parentUuid', 'A unit cannot be moved under itself or one of its own units');
      }
    }
    if (changes.unitId !== undefined) this.requireFreeUnitId(changes.unitId, uuid);
    const next: Unit = {
      ...current,
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.parentUuid !== undefined ? { parentUuid: changes.parentUuid } : {}),
      ...(changes.ean !== undefined ? { ean: changes.ean } : {}),
      ...(changes.unitId !== undefined ? { unitId: changes.unitId } : {}),
    };
    if (JSON.stringify(next) === JSON.stringify(current)) return { tree: this, changes: [] };
    return { tree: new UnitTree(this.units.map((u) => (u.uuid === uuid ? next : u))), changes: [{ kind: 'updated', unit: next }] };
  }

  remove(uuid: string): { tree: UnitTree; changes: TreeChange[] } {
    const current = this.find(uuid);
    if (!current) throw DomainError.notFound('Organisation unit', uuid);
    if (current.parentUuid === null) throw bad('uuid', 'The root unit cannot be deleted');
    const children = this.children(uuid);
    if (children.length) {
      throw DomainError.conflict('The unit has units under it; move or delete them first', {
        children: children.map((c) => ({ uuid: c.uuid, name: c.name })),
      });
    }
    return { tree: new UnitTree(this.units.filter((u) => u.uuid !== uuid)), changes: [{ kind: 'deleted', unit: current }] };
  }

  /**
   * Creates or updates units by local unit id, all or nothing. A row's parent is another row or an existing unit
   * (by unit id); an empty parent means the root.
   */
  import(
    rows: readonly ImportedUnit[],
    newUuid: () => string,
  ): { tree: UnitTree; changes: TreeChange[]; created: number; updated: number; unchanged: number } {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (seen.has(row.unitId)) errors.push({ field: `units[${i}].unitId`, message: `unit id ${row.unitId} appears twice` });
      seen.add(row.unitId);
    });
    const byUnitId = new Map(this.units.filter((u) => u.unitId).map((u) => [u.unitId as string, u]));
    const uuidOf = new Map<string, string>();
    for (const row of rows) uuidOf.set(row.unitId, byUnitId.get(row.unitId)?.uuid ?? newUuid());
    rows.forEach((row, i) => {
      if (row.parentUnitId && !uuidOf.has(row.parentUnitId) && !byUnitId.has(row.parentUnitId)) {
        errors.push({ field: `units[${i}].parentUnitId`, message: `no unit with unit id ${row.parentUnitId}` });
      }
      if (row.parentUnitId === row.unitId) errors.push({ field: `units[${i}].parentUnitId`, message: 'a unit cannot be its own parent' });
    });
    if (errors.length) throw DomainError.badInput('The import is invalid; nothing was changed', errors);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- each placed unit gives a new (immutable) tree
    let tree: UnitTree = this;
    const changes: TreeChange[] = [];
    let created = 0;
    let updated = 0;
    // parents first: repeat passes until every row whose parent is placed has been placed (a cycle never gets placed)
    const pending = [...rows];
    while (pending.length) {
      const placeable = pending.filter((row) => !row.parentUnitId || tree.units.some((u) => u.unitId === row.parentUnitId));
      if (!placeable.length) {
        throw DomainError.badInput(
          'The import is invalid; nothing was changed',
          pending.map((row) => ({ field: `units[${rows.indexOf(row)}].parentUnitId`, message: 'the parents form a cycle' })),
        );
      }
      for (const row of placeable) {
        pending.splice(pending.indexOf(row), 1);
        const parentUuid = row.parentUnitId ? (tree.units.find((u) => u.unitId === row.parentUnitId) as Unit).uuid : tree.root.uuid;
        const existing = byUnitId.get(row.unitId);
        const result = existing
          ? tree.update(existing.uuid, { name: row.name, parentUuid, ean: row.ean ?? null })
          : tree.add({
              uuid: uuidOf.get(row.unitId) as string,
              name: row.name,
              parentUuid,
              ean: row.ean ?? null,
              unitId: row.unitId,
              origin: 'Import',
            });
        if (result.changes.length) existing ? updated++ : created++;
        tree = result.tree;
        changes.push(...result.changes);
      }
    }
    return { tree, changes, created, updated, unchanged: rows.length - created - updated };
  }

  private descendants(uuid: string): Set<string> {
    const result = new Set<string>();
    const queue = [uuid];
    while (queue.length) {
      for (const child of this.children(queue.shift() as string)) {
        if (!result.has(child.uuid)) {
          result.add(child.uuid);
          queue.push(child.uuid);
        }
      }
    }
    return result;
  }

  private requireParent(parentUuid: string | null, field: string): void {
    if (!parentUuid || !this.find(parentUuid)) throw bad(field, 'The parent must be a unit of the same organisation');
  }

  private requireFreeUnitId(unitId: string | null, uuid: string): void {
    if (unitId && this.units.some((u) => u.unitId === unitId && u.uuid !== uuid)) {
      throw DomainError.conflict(`Another unit of the organisation has unit id ${unitId}`);
    }
  }
}

function bad(field: string, message: string): DomainError {
  return DomainError.badInput(message, [{ field, message }]);
}

/** Parses the CSV form of an import: header `unitId;name;parentUnitId;ean` (`;` or `,`), quoted fields allowed. */
export function parseUnitCsv(text: string): ImportedUnit[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (!lines.length) throw bad('csv', 'The CSV is empty');
  const delimiter = lines[0].includes(';') ? ';' : ',';
  const header = splitCsvLine(lines[0], delimiter).map((h) => h.trim());
  const required = ['unitId', 'name'];
  const missing = required.filter((h) => !header.includes(h));
  if (missing.length) throw bad('csv', `The header must name the columns unitId;name;parentUnitId;ean (missing: ${missing.join(', ')})`);
  return lines.slice(1).map((line, i) => {
    const cells = splitCsvLine(line, delimiter);
    const cell = (name: string) => {
      const index = header.indexOf(name);
      return index >= 0 ? (cells[index] ?? '').trim() : '';
    };
    const ean = cell('ean');
    if (ean && !/^\d{1,13}$/.test(ean)) throw bad(`csv line ${i + 2}`, `ean must be up to 13 digits, not "${ean}"`);
    return { unitId: cell('unitId'), name: cell('name'), parentUnitId: cell('parentUnitId') || null, ean: ean ? Number(ean) : null };
  });
}

function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(current);
      current = '';
    } else current += c;
  }
  cells.push(current);
  return cells;
}
