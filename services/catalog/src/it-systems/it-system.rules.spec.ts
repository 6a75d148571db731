import { archiveDutyErrors, changesBetween, closesCycle, duplicateKleErrors, resolveReferences } from './it-system.rules';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('IT-system rules', () => {
  it('allows an archive-duty comment only together with a recommendation', () => {
    expect(archiveDutyErrors('Undecided', 'why')).toEqual([expect.objectContaining({ field: 'recommendedArchiveDuty.comment' })]);
    expect(archiveDutyErrors('Undecided', null)).toEqual([]);
    expect(archiveDutyErrors('B', 'Bevares')).toEqual([]);
  });

  it('names every repeated KLE reference by its position', () => {
    expect(duplicateKleErrors([A, B, A, A]).map((e) => e.field)).toEqual(['kleUuids[2]', 'kleUuids[3]']);
  });

  it('keeps references by uuid, adds new ones, and refuses unknown uuids and a second master', () => {
    const current = [{ uuid: A, title: 'Old', documentId: null, url: null, masterReference: true }];
    const kept = resolveReferences(
      [
        { uuid: A, title: 'Renamed' },
        { title: 'New', url: 'https://x.dk' },
      ],
      current,
      () => B,
    );
    expect(kept).toEqual({
      references: [
        { uuid: A, title: 'Renamed', documentId: null, url: null, masterReference: false },
        { uuid: B, title: 'New', documentId: null, url: 'https://x.dk', masterReference: false },
      ],
      errors: [],
    });
    const refused = resolveReferences(
      [
        { uuid: B, title: 'x', masterReference: true },
        { title: 'y', masterReference: true },
      ],
      current,
      () => A,
    );
    expect(refused.errors.map((e) => e.field)).toEqual(['externalReferences[0].uuid', 'externalReferences']);
  });

  it('finds a cycle through the ancestors of the new parent, and none in a straight line', async () => {
    const parents = new Map<string, string | null>([
      ['c', 'b'],
      ['b', 'a'],
      ['a', null],
    ]);
    const parentOf = async (uuid: string) => parents.get(uuid) ?? null;
    expect(await closesCycle('a', 'c', parentOf)).toBe(true);
    expect(await closesCycle('a', 'a', parentOf)).toBe(true);
    expect(await closesCycle('x', 'c', parentOf)).toBe(false);
  });

  it('reports the changed fields with old and new values, arrays compared by content', () => {
    const base = {
      name: 'A',
      formerName: null,
      description: null,
      externalUuid: null,
      parentUuid: null,
      rightsHolderUuid: null,
      businessTypeUuid: null,
      kleUuids: [A],
      scope: 'Global' as const,
      deactivated: false,
      deactivationReason: null,
      recommendedArchiveDuty: 'Undecided' as const,
      recommendedArchiveDutyComment: null,
      externalReferences: [],
    };
    expect(changesBetween(base, { ...base, kleUuids: [A] })).toEqual([]);
    expect(changesBetween(base, { ...base, kleUuids: [A, B], scope: 'Local' })).toEqual([
      { field: 'kleUuids', oldValue: [A], newValue: [A, B] },
      { field: 'scope', oldValue: 'Global', newValue: 'Local' },
    ]);
  });
});
