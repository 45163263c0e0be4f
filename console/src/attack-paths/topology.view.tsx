import type { Core } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Topology, TopologyEdge, TopologyNode } from '../api/types';
import { JsonView } from '../shared/feedback';
import { edgesInAttackOrder } from './topology.elements';
import { createTopologyGraph } from './topology.graph';

type Selection = { kind: 'node'; node: TopologyNode } | { kind: 'edge'; edge: TopologyEdge } | null;
const LISTED_EDGES = 150;

function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li><span className="swatch swatch-entry" aria-hidden="true" /> Entry</li>
      <li><span className="swatch swatch-target" aria-hidden="true" /> Target</li>
      <li><span className="swatch swatch-choke" aria-hidden="true" /> Choke point</li>
      <li><span className="swatch swatch-identity" aria-hidden="true" /> Identity</li>
      <li><span className="swatch swatch-data" aria-hidden="true" /> Data store</li>
      <li><span className="swatch swatch-other" aria-hidden="true" /> Other</li>
    </ul>
  );
}

/** The topology drawn left to right, with the clicked node or edge explained beside it and a keyboard list of steps. */
export function TopologyView({ topology }: { topology: Topology }) {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<Core | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const nodes = useMemo(() => new Map(topology.nodes.map((node) => [node.id, node])), [topology]);
  const edges = useMemo(() => new Map(topology.edges.map((edge) => [edge.id, edge])), [topology]);
  const steps = useMemo(() => edgesInAttackOrder(topology).slice(0, LISTED_EDGES), [topology]);

  useEffect(() => {
    if (!container.current) return;
    const cy = createTopologyGraph(topology, container.current);
    graph.current = cy;
    cy.on('tap', 'node', (event) => {
      const node = nodes.get(event.target.id() as string);
      if (node) setSelection({ kind: 'node', node });
    });
    cy.on('tap', 'edge', (event) => {
      const edge = edges.get(event.target.data('edgeId') as string);
      if (edge) setSelection({ kind: 'edge', edge });
    });
    cy.on('tap', (event) => {
      if (event.target === cy) setSelection(null);
    });
    setSelection(null);
    return () => {
      graph.current = null;
      cy.destroy();
    };
  }, [topology, nodes, edges]);

  const focusEdge = (edge: TopologyEdge) => {
    setSelection({ kind: 'edge', edge });
    const cy = graph.current;
    if (!cy) return;
    cy.elements().unselect();
    const element = cy.getElementById(`edge:${edge.id}`);
    element.select();
    cy.center(element);
  };

  const name = (id: string) => nodes.get(id)?.label ?? id;
  return (
    <div className="topology">
      <div className="topology-canvas-wrap">
        <Legend />
        <div
          ref={container}
          className="topology-canvas"
          role="img"
          aria-label={`Attack path topology: ${topology.nodes.length} nodes and ${topology.edges.length} edges, entries on the left, targets on the right`}
          data-nodes={topology.nodes.length}
          data-edges={topology.edges.length}
        />
        <div className="graph-controls">
          <button type="button" className="button" onClick={() => graph.current?.fit(undefined, 24)}>
            Fit
          </button>
          <button type="button" className="button" onClick={() => graph.current?.zoom({ level: (graph.current?.zoom() ?? 1) * 1.3, renderedPosition: { x: 300, y: 200 } })}>
            Zoom in
          </button>
          <button type="button" className="button" onClick={() => graph.current?.zoom({ level: (graph.current?.zoom() ?? 1) / 1.3, renderedPosition: { x: 300, y: 200 } })}>
            Zoom out
          </button>
        </div>
      </div>
      <aside className="topology-side" aria-label="Selected element">
        {selection?.kind === 'node' ? (
          <div data-testid="node-detail">
            <h3>{selection.node.label}</h3>
            <dl className="facts">
              <dt>Kind</dt>
              <dd>{selection.node.kind}</dd>
              <dt>Role</dt>
              <dd>{[selection.node.entry && 'entry', selection.node.target && 'target', selection.node.chokePoint && 'choke point'].filter(Boolean).join(', ') || 'step'}</dd>
              <dt>On paths</dt>
              <dd>{selection.node.pathIds.length}</dd>
            </dl>
            {selection.node.chokePoint ? <p className="hint">Fixing this node breaks every path through it.</p> : null}
          </div>
        ) : selection?.kind === 'edge' ? (
          <div data-testid="edge-detail">
            <h3>
              {name(selection.edge.from)} → {name(selection.edge.to)}
            </h3>
            <p>
              <span className="tag">{selection.edge.relation}</span> {selection.edge.unknown ? <span className="tag tag-warn">not fully known</span> : null}
            </p>
            <h4>Reason</h4>
            <p>{selection.edge.reason}</p>
            <h4>Evidence</h4>
            <JsonView value={selection.edge.evidence} label="Edge evidence" />
          </div>
        ) : (
          <p className="muted">Select a node or an edge (click it, or pick a step below) to see its kind, reason and evidence.</p>
        )}
        <h3 className="steps-title">Steps</h3>
        <ul className="steps">
          {steps.map((edge) => (
            <li key={edge.id}>
              <button type="button" className={`link ${selection?.kind === 'edge' && selection.edge.id === edge.id ? 'current' : ''}`} onClick={() => focusEdge(edge)}>
                {name(edge.from)} <span className="muted">—{edge.relation}→</span> {name(edge.to)}
              </button>
            </li>
          ))}
        </ul>
        {topology.edges.length > LISTED_EDGES ? <p className="hint">First {LISTED_EDGES} of {topology.edges.length} edges listed.</p> : null}
      </aside>
    </div>
  );
}
