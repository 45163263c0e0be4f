import cytoscape, { type Core } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import type { Topology } from '../api/types';
import { LARGE_GRAPH, LAYOUT, toElements } from './topology.elements';
import { topologyStyle } from './topology.style';

cytoscape.use(dagre);

/** Fitting a path of three nodes would blow it up to fill the canvas: stop at a readable size. */
const MAX_FIT_ZOOM = 1.25;

/** A cytoscape graph of the topology laid out in layers from left (entries) to right (targets). */
export function createTopologyGraph(topology: Topology, container?: HTMLElement): Core {
  const elements = toElements(topology);
  const large = elements.length > LARGE_GRAPH;
  const cy = cytoscape({
    container,
    headless: container === undefined,
    styleEnabled: container !== undefined,
    elements,
    style: container ? topologyStyle(large) : undefined,
    layout: LAYOUT,
    minZoom: 0.05,
    maxZoom: 3,
    boxSelectionEnabled: false,
    // For thousands of elements: draw a cached bitmap while panning and zooming.
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    pixelRatio: large ? 1 : 'auto',
  });
  if (container && cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center();
  }
  return cy;
}
