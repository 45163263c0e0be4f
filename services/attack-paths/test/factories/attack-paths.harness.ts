import type { Asset } from '@rampart/asset-model';
import { findAttackPaths, type AttackPath } from '../../src/graph/path-types/attack-path.finder';
import { CsrSnapshot } from '../../src/graph/engine/csr.snapshot';
import { buildSecurityGraph, type BuildOptions } from '../../src/graph/security-graph.builder';
import type { GraphEdge, SecurityGraph } from '../../src/graph/security-graph.model';

/** Builds the graph of a small inventory and finds its attack paths, as a test reads them. */
export function analyse(assets: Asset[], options: BuildOptions = {}): { graph: SecurityGraph; paths: AttackPath[]; of: (type: string) => AttackPath[] } {
  const graph = buildSecurityGraph(assets, options);
  const paths = findAttackPaths(new CsrSnapshot(graph));
  return { graph, paths, of: (type) => paths.filter((p) => p.type === type) };
}

/** A path as node ids and edge kinds, the form assertions compare. */
export const shape = (path: AttackPath): { nodes: string[]; edges: string[] } => ({
  nodes: path.nodes.map((n) => n.id),
  edges: path.edges.map((e) => e.kind),
});

export function edgeOf(graph: SecurityGraph, kind: string, from: string, to: string): GraphEdge | undefined {
  return graph.edges.find((e) => e.kind === kind && e.from === from && e.to === to);
}
