import type { AnyPath, KShortestQuery } from '../graph.store';
import {
  findAttackPaths, kShortestAnyPaths, kShortestAttackPaths, type AttackPath, type PathQuery,
} from '../path-types/attack-path.finder';
import { blastRadiusOf, type BlastRadiusOptions } from './blast-radius.search';
import { chokePointsOf, type ChokePoint } from './choke-point.analysis';
import { FLAG_VIRTUAL, type CsrSnapshot } from './csr.snapshot';

/** The read side every backend shares once it holds a snapshot: one implementation, one truth. */
export const graphQueries = {
  shortestPathsByType: (csr: CsrSnapshot, query?: PathQuery): AttackPath[] => findAttackPaths(csr, query),

  kShortest: (csr: CsrSnapshot, query: KShortestQuery): AttackPath[] | AnyPath[] =>
    query.type ? kShortestAttackPaths(csr, query.type, query.fromId, query.toId, query.k) : kShortestAnyPaths(csr, query.fromId, query.toId, query.k),

  blastRadius: (csr: CsrSnapshot, nodeId: string, options?: BlastRadiusOptions): string[] => blastRadiusOf(csr, csr.indexOf(nodeId), options),

  chokePoints: (csr: CsrSnapshot, query: PathQuery & { limit?: number } = {}): ChokePoint[] =>
    graphQueries.chokePointsOfPaths(csr, findAttackPaths(csr, query), query.limit),

  /** Choke points of paths already found (the dominator step alone). */
  chokePointsOfPaths: (csr: CsrSnapshot, paths: readonly AttackPath[], limit?: number): ChokePoint[] => {
    // the internet and foreign accounts cannot be fixed; every other node on a path can
    const fixable = (id: string): boolean => {
      const v = csr.indexOf(id);
      const kind = csr.nodes[v]?.kind;
      return v >= 0 && kind !== 'ResourceGroup' && !((csr.nodeFlags[v] & FLAG_VIRTUAL) !== 0 && (kind === 'Internet' || kind === 'ExternalAccount'));
    };
    const points = chokePointsOf(paths.map((p) => ({ nodeIds: p.nodes.map((n) => n.id) })), fixable);
    return limit === undefined ? points : points.slice(0, limit);
  },
};
