/** A relation as an edge: `from` depends on `to` (it uses `to`, possibly through an interface `to`'s system exposes). */
export interface Edge {
  readonly uuid: string;
  readonly from: string;
  readonly to: string;
}

/** The usages that take part in the edges, each once, in order of first appearance. */
export function nodesOf(edges: readonly Edge[]): string[] {
  const nodes = new Set<string>();
  for (const edge of edges) nodes.add(edge.from).add(edge.to);
  return [...nodes];
}

export interface Impact<E extends Edge> {
  /** The focus (distance 0) and every usage that depends on it, directly (1) or through others, with its shortest distance. */
  readonly distances: Map<string, number>;
  /** The relations followed: every relation pointing at a usage reached closer than `maxDepth`, each once. */
  readonly edges: E[];
}

/**
 * What depends on `focus`: breadth-first over incoming relations, so each usage gets its shortest distance and is
 * expanded once — cycles end there. `maxDepth` bounds the distance (all by default).
 */
export function impactOf<E extends Edge>(edges: readonly E[], focus: string, maxDepth = Number.POSITIVE_INFINITY): Impact<E> {
  const incoming = new Map<string, E[]>();
  for (const edge of edges) incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge]);
  const distances = new Map<string, number>([[focus, 0]]);
  const followed: E[] = [];
  let frontier = [focus];
  for (let distance = 1; distance <= maxDepth && frontier.length; distance++) {
    const next: string[] = [];
    for (const usage of frontier) {
      for (const edge of incoming.get(usage) ?? []) {
        followed.push(edge);
        if (distances.has(edge.from)) continue;
        distances.set(edge.from, distance);
        next.push(edge.from);
      }
    }
    frontier = next;
  }
  return { distances, edges: followed };
}
