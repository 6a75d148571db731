import { describe, expect, it } from 'vitest';
import { dependentsOf, impactOf } from './impact';

const edge = (uuid: string, from: string, to: string) => ({ uuid, from, to });
const node = (usageUuid: string, name: string | null = usageUuid.toUpperCase()) => ({ usageUuid, systemUuid: `s-${usageUuid}`, name });

describe('impact of a system (what depends on it)', () => {
  it('walks the relations backwards and gives each dependent its shortest distance', () => {
    // a → b → c, d → c, e → a, and a shortcut e → c
    const edges = [edge('ab', 'a', 'b'), edge('bc', 'b', 'c'), edge('dc', 'd', 'c'), edge('ea', 'e', 'a'), edge('ec', 'e', 'c')];
    const impact = impactOf(edges, 'c');
    expect(Object.fromEntries(impact.distances)).toEqual({ c: 0, b: 1, d: 1, e: 1, a: 2 });
    expect([...impact.edgeUuids].sort()).toEqual(['ab', 'bc', 'dc', 'ea', 'ec']);
  });

  it('leaves out what the focus depends on itself', () => {
    const impact = impactOf([edge('ab', 'a', 'b'), edge('bc', 'b', 'c')], 'b');
    expect(Object.fromEntries(impact.distances)).toEqual({ b: 0, a: 1 });
    expect([...impact.edgeUuids]).toEqual(['ab']);
  });

  it('ends on cycles and counts each system once', () => {
    const impact = impactOf([edge('ab', 'a', 'b'), edge('ba', 'b', 'a'), edge('cb', 'c', 'b')], 'a');
    expect(Object.fromEntries(impact.distances)).toEqual({ a: 0, b: 1, c: 2 });
    expect([...impact.edgeUuids].sort()).toEqual(['ab', 'ba', 'cb']);
  });

  it('has no dependents for a system nothing points at', () => {
    const impact = impactOf([edge('ab', 'a', 'b')], 'a');
    expect(dependentsOf(impact, [node('a'), node('b')])).toEqual([]);
  });

  it('lists the dependents nearest first, by name within a distance, without the focus', () => {
    const impact = impactOf([edge('zc', 'z', 'c'), edge('bc', 'b', 'c'), edge('ab', 'a', 'b')], 'c');
    const listed = dependentsOf(impact, [node('a', 'Økonomi'), node('b', 'ESDH'), node('c', 'CPR'), node('z', 'Ydelse')]);
    expect(listed.map((d) => [d.node.name, d.distance])).toEqual([
      ['ESDH', 1],
      ['Ydelse', 1],
      ['Økonomi', 2],
    ]);
  });
});
