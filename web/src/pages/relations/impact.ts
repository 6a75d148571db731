import type { Schemas } from '../../api/client';

export type RelationGraph = Schemas['SystemRelationGraphResponse'];
export type GraphNode = Schemas['SystemRelationGraphNode'];
export type GraphEdge = Schemas['SystemRelationGraphEdge'];

/** What depends on a system: each dependent usage with its distance (1 = directly), and the relations on the way. */
export interface Impact {
  focus: string;
  /** usage uuid → relations between it and the focus (0 for the focus itself), nearest first. */
  distances: Map<string, number>;
  /** The relations through which the dependents depend on the focus. */
  edgeUuids: Set<string>;
}

/**
 * The impact of a usage: a relation runs from the usage that depends to the one it depends on, so what depends on the
 * focus is found by walking the relations backwards (breadth first, so each dependent gets its shortest distance).
 * Relations going out of the focus (what it depends on itself) are no part of its impact. The same rule as the
 * catalogue's impact view (`focusUsageUuid`).
 */
export function impactOf(edges: ReadonlyArray<Pick<GraphEdge, 'uuid' | 'from' | 'to'>>, focus: string): Impact {
  const incoming = new Map<string, Array<Pick<GraphEdge, 'uuid' | 'from' | 'to'>>>();
  for (const edge of edges) incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge]);
  const distances = new Map<string, number>([[focus, 0]]);
  const edgeUuids = new Set<string>();
  let frontier = [focus];
  while (frontier.length) {
    const next: string[] = [];
    for (const usage of frontier) {
      for (const edge of incoming.get(usage) ?? []) {
        edgeUuids.add(edge.uuid);
        if (distances.has(edge.from)) continue;
        distances.set(edge.from, distances.get(usage)! + 1);
        next.push(edge.from);
      }
    }
    frontier = next;
  }
  return { focus, distances, edgeUuids };
}

/** The dependents of the focus (not the focus itself), nearest first and by name within a distance. */
export function dependentsOf(impact: Impact, nodes: ReadonlyArray<GraphNode>): Array<{ node: GraphNode; distance: number }> {
  const byUuid = new Map(nodes.map((n) => [n.usageUuid, n]));
  return [...impact.distances]
    .filter(([uuid, distance]) => distance > 0 && byUuid.has(uuid))
    .map(([uuid, distance]) => ({ node: byUuid.get(uuid)!, distance }))
    .sort((a, b) => a.distance - b.distance || nameOf(a.node).localeCompare(nameOf(b.node), 'da'));
}

/** A usage is named after its system; a name not yet known to the catalogue shows as its uuid. */
export function nameOf(node: Pick<GraphNode, 'name' | 'usageUuid'> | undefined, fallback = ''): string {
  return node?.name ?? node?.usageUuid ?? fallback;
}

/** Nodes by name (Danish order), the order of the chooser and the tables. */
export function sortedNodes(nodes: ReadonlyArray<GraphNode>): GraphNode[] {
  return [...nodes].sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'da'));
}
