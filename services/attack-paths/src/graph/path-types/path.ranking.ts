import type { GraphEdge, GraphNode } from '../security-graph.model';
import { targetValue, type TargetValue } from './path-type.model';

const IMPACT: Record<TargetValue, number> = { account: 10, sensitive: 8, other: 4 };

/**
 * score = impact × exploitability × exposure ÷ hops, rounded to two decimals, where
 *   impact         = 10 account, 8 sensitive data / declared asset / admin principal, 4 anything else;
 *   exploitability = min over the path's edges of 1 / weight (1 = no precondition, ⅓ = needs an exploit;
 *                    an urgent finding halves a weight, so it can reach 2);
 *   exposure       = 1 + ln(number of distinct entry points with any path to the same target);
 *   hops           = number of edges (a ResourceGroup hub's weight-0 membership edge is not a hop).
 * Risk levels come from the path type's rule, not from the score; the score orders paths within a level.
 */
export function scorePath(target: GraphNode, edges: readonly GraphEdge[], entriesReachingTarget: number): number {
  const impact = IMPACT[targetValue(target)];
  const exploitability = edges.reduce((min, e) => Math.min(min, 1 / e.weight), Number.POSITIVE_INFINITY);
  const exposure = 1 + Math.log(Math.max(1, entriesReachingTarget));
  const hops = Math.max(1, edges.filter((e) => e.weight > 0).length);
  return Math.round((impact * (Number.isFinite(exploitability) ? exploitability : 1) * exposure / hops) * 100) / 100;
}
