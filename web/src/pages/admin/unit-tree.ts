import type { Schemas } from '../../api/client';

export type Unit = Schemas['OrganizationUnitResponse'];

export interface UnitNode {
  unit: Unit;
  depth: number;
  children: UnitNode[];
}

const byName = (a: UnitNode, b: UnitNode) => a.unit.name.localeCompare(b.unit.name, 'da');

/** The flat list the API answers as a tree: roots (normally one, the organisation's top unit) with children sorted by name. */
export function buildTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.uuid, { unit, depth: 0, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentOrganizationUnit ? nodes.get(node.unit.parentOrganizationUnit.uuid) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const setDepth = (list: UnitNode[], depth: number) => {
    list.sort(byName);
    for (const node of list) {
      node.depth = depth;
      setDepth(node.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** The tree in reading order (parents before their children), each node with its depth. */
export function flatten(roots: readonly UnitNode[]): UnitNode[] {
  return roots.flatMap((node) => [node, ...flatten(node.children)]);
}

/** A unit and every unit below it. */
export function subtreeOf(units: readonly Unit[], uuid: string): Set<string> {
  const below = new Set([uuid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      const parent = unit.parentOrganizationUnit?.uuid;
      if (parent && below.has(parent) && !below.has(unit.uuid)) {
        below.add(unit.uuid);
        grew = true;
      }
    }
  }
  return below;
}

/**
 * Where a unit may move (the same rule the server enforces, shown early): any unit except itself, its own units and its
 * current parent, in tree order; the root (a unit without parent) cannot move at all.
 */
export function moveTargets(units: readonly Unit[], uuid: string): UnitNode[] {
  const unit = units.find((u) => u.uuid === uuid);
  if (!unit?.parentOrganizationUnit) return [];
  const excluded = subtreeOf(units, uuid);
  return flatten(buildTree(units)).filter((node) => !excluded.has(node.unit.uuid) && node.unit.uuid !== unit.parentOrganizationUnit?.uuid);
}
