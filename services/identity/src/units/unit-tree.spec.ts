import { DomainError, ErrorCode } from '@kitos/common';
import { UnitTree, parseUnitCsv } from './unit-tree';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function codeOf(fn: () => unknown): ErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('UnitTree', () => {
  const root = id();
  const base = () => {
    const t = UnitTree.withRoot(root, 'Kommune');
    const a = t.add({ uuid: 'a', name: 'A', parentUuid: root, ean: null, unitId: 'A' }).tree;
    return a.add({ uuid: 'a1', name: 'A1', parentUuid: 'a', ean: null, unitId: 'A1' }).tree;
  };

  it('adds units under existing parents only', () => {
    expect(codeOf(() => base().add({ uuid: 'x', name: 'X', parentUuid: 'nope', ean: null, unitId: null }))).toBe(ErrorCode.BadInput);
    expect(
      base()
        .children('a')
        .map((u) => u.name),
    ).toEqual(['A1']);
  });

  it('refuses a second unit with the same local unit id', () => {
    expect(codeOf(() => base().add({ uuid: 'x', name: 'X', parentUuid: root, ean: null, unitId: 'A1' }))).toBe(ErrorCode.Conflict);
  });

  it('moves a unit, but never the root, nor under itself or its own descendants', () => {
    const moved = base().add({ uuid: 'b', name: 'B', parentUuid: root, ean: null, unitId: null }).tree.update('a1', { parentUuid: 'b' });
    expect(moved.tree.find('a1')?.parentUuid).toBe('b');
    expect(codeOf(() => base().update(root, { parentUuid: 'a' }))).toBe(ErrorCode.BadInput);
    expect(codeOf(() => base().update('a', { parentUuid: 'a1' }))).toBe(ErrorCode.BadInput);
    expect(codeOf(() => base().update('a', { parentUuid: 'a' }))).toBe(ErrorCode.BadInput);
  });

  it('reports no change for an update that changes nothing', () => {
    expect(base().update('a', { name: 'A' }).changes).toEqual([]);
  });

  it('deletes leaves only: never the root, and a unit with units under it → conflict naming them', () => {
    expect(codeOf(() => base().remove(root))).toBe(ErrorCode.BadInput);
    let error: DomainError | undefined;
    try {
      base().remove('a');
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe(ErrorCode.Conflict);
    expect(error?.extra).toEqual({ children: [{ uuid: 'a1', name: 'A1' }] });
    expect(base().remove('a1').tree.find('a1')).toBeUndefined();
  });

  it('imports rows in any order, updating by unit id and creating the rest under their parents', () => {
    const result = base().import(
      [
        { unitId: 'C1', name: 'C1', parentUnitId: 'C' },
        { unitId: 'C', name: 'C', parentUnitId: null, ean: 5798000012345 },
        { unitId: 'A1', name: 'A1 renamed', parentUnitId: 'C' },
        { unitId: 'A', name: 'A', parentUnitId: '' },
      ],
      id,
    );
    expect({ created: result.created, updated: result.updated, unchanged: result.unchanged }).toEqual({
      created: 2,
      updated: 1,
      unchanged: 1,
    });
    const c = result.tree.units.find((u) => u.unitId === 'C');
    expect(c).toMatchObject({ parentUuid: root, ean: 5798000012345, origin: 'Import' });
    expect(result.tree.units.find((u) => u.unitId === 'C1')?.parentUuid).toBe(c?.uuid);
    expect(result.tree.find('a1')).toMatchObject({ name: 'A1 renamed', parentUuid: c?.uuid });
  });

  it('refuses an import with a duplicate id, an unknown parent or a cycle, and changes nothing', () => {
    const tree = base();
    expect(
      codeOf(() =>
        tree.import(
          [
            { unitId: 'X', name: 'X' },
            { unitId: 'X', name: 'X2' },
          ],
          id,
        ),
      ),
    ).toBe(ErrorCode.BadInput);
    expect(codeOf(() => tree.import([{ unitId: 'X', name: 'X', parentUnitId: 'NOPE' }], id))).toBe(ErrorCode.BadInput);
    expect(
      codeOf(() =>
        tree.import(
          [
            { unitId: 'P', name: 'P', parentUnitId: 'Q' },
            { unitId: 'Q', name: 'Q', parentUnitId: 'P' },
          ],
          id,
        ),
      ),
    ).toBe(ErrorCode.BadInput);
    expect(tree.units).toHaveLength(3);
  });
});

describe('parseUnitCsv', () => {
  it('reads ; or , separated rows with quotes and Danish letters', () => {
    expect(
      parseUnitCsv('\uFEFFunitId;name;parentUnitId;ean\r\nBSV;"Borgerservice; Ærø";;\nPAS;Pas og kørekort;BSV;5798000012345\n'),
    ).toEqual([
      { unitId: 'BSV', name: 'Borgerservice; Ærø', parentUnitId: null, ean: null },
      { unitId: 'PAS', name: 'Pas og kørekort', parentUnitId: 'BSV', ean: 5798000012345 },
    ]);
    expect(parseUnitCsv('name,unitId\n"Skole ""Nord""",S1')).toEqual([
      { unitId: 'S1', name: 'Skole "Nord"', parentUnitId: null, ean: null },
    ]);
  });

  it('refuses a header without the required columns and a bad EAN', () => {
    expect(codeOf(() => parseUnitCsv('id;title\n1;x'))).toBe(ErrorCode.BadInput);
    expect(codeOf(() => parseUnitCsv('unitId;name;ean\n1;x;12ab'))).toBe(ErrorCode.BadInput);
  });
});
