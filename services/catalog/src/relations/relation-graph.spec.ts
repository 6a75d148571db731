import { impactOf, nodesOf, type Edge } from './relation-graph';

const edge = (uuid: string, from: string, to: string): Edge => ({ uuid, from, to });

describe('relation graph', () => {
  it('lists every usage of the edges once, in order of first appearance', () => {
    expect(nodesOf([edge('1', 'a', 'b'), edge('2', 'c', 'b'), edge('3', 'b', 'a')])).toEqual(['a', 'b', 'c']);
  });

  it('has no nodes without edges', () => {
    expect(nodesOf([])).toEqual([]);
  });

  describe('impact of a usage (what depends on it)', () => {
    it('follows incoming relations transitively, each usage at its shortest distance', () => {
      // a → b → c, d → c, e → a: c is needed by b and d, b by a, a by e
      const edges = [edge('ab', 'a', 'b'), edge('bc', 'b', 'c'), edge('dc', 'd', 'c'), edge('ea', 'e', 'a')];

      const impact = impactOf(edges, 'c');

      expect(Object.fromEntries(impact.distances)).toEqual({ c: 0, b: 1, d: 1, a: 2, e: 3 });
      expect(impact.edges.map((e) => e.uuid).sort()).toEqual(['ab', 'bc', 'dc', 'ea']);
    });

    it('ignores outgoing relations of the focus (what it depends on is not its impact)', () => {
      const impact = impactOf([edge('ab', 'a', 'b'), edge('bc', 'b', 'c')], 'b');

      expect([...impact.distances.keys()]).toEqual(['b', 'a']);
      expect(impact.edges.map((e) => e.uuid)).toEqual(['ab']);
    });

    it('ends on a cycle and keeps each relation of the cycle once', () => {
      const edges = [edge('ab', 'a', 'b'), edge('bc', 'b', 'c'), edge('ca', 'c', 'a')];

      const impact = impactOf(edges, 'a');

      expect(Object.fromEntries(impact.distances)).toEqual({ a: 0, c: 1, b: 2 });
      expect(impact.edges.map((e) => e.uuid)).toEqual(['ca', 'bc', 'ab']);
    });

    it('handles two usages depending on each other and parallel relations', () => {
      const edges = [edge('ab1', 'a', 'b'), edge('ab2', 'a', 'b'), edge('ba', 'b', 'a')];

      const impact = impactOf(edges, 'b');

      expect(Object.fromEntries(impact.distances)).toEqual({ b: 0, a: 1 });
      expect(impact.edges.map((e) => e.uuid)).toEqual(['ab1', 'ab2', 'ba']);
    });

    it('stops at the given depth', () => {
      const edges = [edge('ab', 'a', 'b'), edge('bc', 'b', 'c'), edge('cd', 'c', 'd')];

      const impact = impactOf(edges, 'd', 2);

      expect(Object.fromEntries(impact.distances)).toEqual({ d: 0, c: 1, b: 2 });
      expect(impact.edges.map((e) => e.uuid)).toEqual(['cd', 'bc']);
    });

    it('is only the focus when nothing depends on it', () => {
      const impact = impactOf([edge('ab', 'a', 'b')], 'a');

      expect([...impact.distances]).toEqual([['a', 0]]);
      expect(impact.edges).toEqual([]);
    });

    it('terminates on a large dense cyclic graph', () => {
      const nodes = Array.from({ length: 200 }, (_, i) => `n${i}`);
      const edges = nodes.flatMap((from, i) => [edge(`${i}+1`, from, nodes[(i + 1) % 200]), edge(`${i}+7`, from, nodes[(i + 7) % 200])]);

      const impact = impactOf(edges, 'n0');

      expect(impact.distances.size).toBe(200);
      expect(impact.edges).toHaveLength(400);
    });
  });
});
