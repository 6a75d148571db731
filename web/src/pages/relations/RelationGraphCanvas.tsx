import { useEffect, useRef } from 'react';
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { nameOf, type Impact, type RelationGraph } from './impact';

/**
 * Cytoscape's renderer puts a one-rule <style> element into <head> unless an element with this id exists; the CSP
 * (style-src 'self') would refuse it, so the rule lives in relations.css and a marker element stands in for it.
 */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

function markCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const marker = document.createElement('meta');
  marker.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(marker);
}

// DKFDS colours, each at least 3:1 against white; the focus and its dependents also differ by shape and border style
const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'background-color': '#0059b3',
      color: '#1a1a1a',
      'font-size': 12,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '140px',
      width: 22,
      height: 22,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': '#747474',
      'target-arrow-color': '#747474',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 10,
      color: '#454545',
      'text-background-color': '#ffffff',
      'text-background-opacity': 1,
      'text-rotation': 'autorotate',
    },
  },
  { selector: '.faded', style: { opacity: 0.3 } },
  {
    selector: 'node.impacted',
    style: { 'background-color': '#b34700', 'border-width': 3, 'border-style': 'dashed', 'border-color': '#1a1a1a' },
  },
  { selector: 'edge.impacted', style: { 'line-color': '#b34700', 'target-arrow-color': '#b34700', width: 3 } },
  {
    selector: 'node.focus',
    style: { shape: 'rectangle', 'background-color': '#1a1a1a', width: 30, height: 30, 'font-weight': 'bold' },
  },
];

function elementsOf(graph: RelationGraph): ElementDefinition[] {
  return [
    ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.usageUuid, label: nameOf(n) } })),
    ...graph.edges.map((e) => ({
      group: 'edges' as const,
      data: { id: e.uuid, source: e.from, target: e.to, label: e.interface?.name ?? '' },
    })),
  ];
}

/**
 * The relations drawn by Cytoscape.js on a canvas: a system per node, an arrow from the system that depends to the one it
 * depends on. With a chosen system, it and what depends on it are highlighted and the rest faded. The canvas is a picture
 * for sighted mouse users; the chooser and the tables on the page carry the same information for everyone else.
 */
export function RelationGraphCanvas({
  graph,
  impact,
  label,
  onChoose,
}: {
  graph: RelationGraph;
  impact: Impact | null;
  label: string;
  onChoose: (usageUuid: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const choose = useRef(onChoose);
  choose.current = onChoose;

  useEffect(() => {
    if (!container.current) return;
    markCytoscapeStylesheet();
    const instance = cytoscape({
      container: container.current,
      elements: elementsOf(graph),
      style: STYLE,
      layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.2, padding: 24 },
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
    });
    instance.on('tap', 'node', (event) => choose.current(event.target.id() as string));
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [graph]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.batch(() => {
      instance.elements().removeClass('focus impacted faded');
      if (!impact) return;
      instance.elements().forEach((element) => {
        const id = element.id();
        if (id === impact.focus) element.addClass('focus');
        else if (element.isNode() ? impact.distances.has(id) : impact.edgeUuids.has(id)) element.addClass('impacted');
        else element.addClass('faded');
      });
    });
  }, [impact, graph]);

  return <div ref={container} className="relation-graph__canvas" role="img" aria-label={label} data-testid="relation-graph" />;
}
