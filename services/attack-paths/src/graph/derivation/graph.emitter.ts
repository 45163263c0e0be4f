import {
  edgeIdOf, type EdgeKind, type Evidence, type GraphEdge, type GraphNode, type NodeKind,
} from '../security-graph.model';

export interface EdgeDraft {
  kind: EdgeKind;
  from: string;
  to: string;
  reason: string;
  evidence: Evidence[];
  weight: number;
  unknown?: boolean;
  ports?: string;
}

/**
 * Collects nodes and edges during derivation. One edge per (kind, from, to): a second reason merges its
 * evidence in, keeps the lower weight, and a certain derivation clears the unknown flag of an uncertain one.
 */
export class GraphEmitter {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  node(node: Omit<GraphNode, 'sensitive' | 'admin' | 'entry' | 'virtual'> & Partial<GraphNode>): GraphNode {
    const existing = this.nodes.get(node.id);
    if (existing) return existing;
    const created: GraphNode = { sensitive: false, admin: false, entry: false, virtual: false, ...node };
    this.nodes.set(created.id, created);
    return created;
  }

  virtualNode(id: string, kind: NodeKind, name: string, accountId: string | null = null): GraphNode {
    return this.node({ id, kind, name, accountId, region: null, virtual: true });
  }

  edge(draft: EdgeDraft): void {
    if (draft.from === draft.to) return; // a principal gaining itself is no step
    const id = edgeIdOf(draft.kind, draft.from, draft.to);
    const unknown = draft.unknown ?? false;
    const existing = this.edges.get(id);
    if (!existing) {
      const edge: GraphEdge = {
        id, from: draft.from, to: draft.to, kind: draft.kind, reason: draft.reason,
        evidence: dedupe(draft.evidence), weight: draft.weight, unknown,
      };
      if (draft.ports) edge.properties = { ports: draft.ports };
      this.edges.set(id, edge);
      return;
    }
    if (existing.unknown && !unknown) existing.reason = draft.reason;
    existing.unknown = existing.unknown && unknown;
    existing.weight = Math.min(existing.weight, draft.weight);
    existing.evidence = dedupe([...existing.evidence, ...draft.evidence]);
    if (draft.ports) {
      const ports = existing.properties?.ports;
      existing.properties = { ...existing.properties, ports: typeof ports === 'string' && ports !== draft.ports ? `${ports}; ${draft.ports}` : draft.ports };
    }
  }
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.assetId}\u0000${e.field}\u0000${e.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
