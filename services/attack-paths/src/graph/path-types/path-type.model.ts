import type { PatternSegment } from '../engine/path-pattern.automaton';
import type { EdgeKind, GraphEdge, GraphNode, NodeKind } from '../security-graph.model';

export const RISK_LEVELS = ['SERIOUS', 'SUSPICIOUS', 'REMIND'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What the target is worth in the ranking: account 10, sensitive data or an admin principal 8, other 4. */
export type TargetValue = 'account' | 'sensitive' | 'other';

/** Everything a level rule may look at: the path as found. */
export interface PathFacts {
  entry: GraphNode;
  target: GraphNode;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A named attack-path pattern over edge kinds, with the entries and targets it connects. */
export interface PathTypeDefinition {
  /** Stable, readable id, e.g. `EXPOSED_ECS_ROLE_TO_ADMIN`. */
  id: string;
  /** Row of the reference model, e.g. `AP01`. */
  apId: string;
  name: string;
  /** Entry nodes the pattern starts from (they must also be entry points of the graph). */
  entryKinds: readonly NodeKind[];
  segments: readonly PatternSegment[];
  /** Which accepted end nodes are targets. */
  isTarget: (node: GraphNode) => boolean;
  level: (path: PathFacts) => RiskLevel;
  /** Edges the pattern must use at least once (beyond its segments' kinds), for documentation and checks. */
  pivot?: EdgeKind;
}

export const isCrownJewelData = (node: GraphNode): boolean =>
  node.sensitive && (node.kind === 'OssBucket' || node.kind === 'RdsInstance' || node.kind === 'RedisInstance');

/**
 * Path targets: the account and sensitive assets (tagged or declared). Admin principals are crown jewels
 * too, but every path to one continues over its ADMIN_OF edge to the account, so the account stands for them.
 */
export const isCrownJewel = (node: GraphNode): boolean => node.kind === 'AliyunAccount' || node.sensitive;

export function targetValue(node: GraphNode): TargetValue {
  if (node.kind === 'AliyunAccount') return 'account';
  if (node.sensitive || node.admin) return 'sensitive';
  return 'other';
}
