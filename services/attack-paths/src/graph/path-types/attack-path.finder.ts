import { FLAG_ENTRY, type CsrSnapshot } from '../engine/csr.snapshot';
import { kShortestTyped } from '../engine/k-shortest.search';
import { PatternAutomaton } from '../engine/path-pattern.automaton';
import { searchTypedPaths, usefulStates, type RawPath } from '../engine/typed-path.search';
import type { GraphEdge, NodeKind } from '../security-graph.model';
import { pathIdOf } from './path.id';
import { PATH_TYPES, PATH_TYPE_BY_ID } from './path-type.catalogue';
import type { PathTypeDefinition, RiskLevel } from './path-type.model';
import { scorePath } from './path.ranking';

export interface PathNodeView { id: string; kind: NodeKind; name: string }

export interface AttackPath {
  /** Hash of type and node ids: stable across rebuilds, the key of whitelisting. */
  id: string;
  type: string;
  apId: string;
  name: string;
  riskLevel: RiskLevel;
  score: number;
  entryId: string;
  targetId: string;
  nodes: PathNodeView[];
  edges: GraphEdge[];
  hops: number;
  /** Sum of edge weights (what the search minimises). */
  weight: number;
  /** Some edge rests on data the import could not collect. */
  unknown: boolean;
}

export interface PathQuery {
  types?: readonly string[];
  entryIds?: readonly string[];
  targetIds?: readonly string[];
  /** Whitelisted path ids: filtered out (after ranking, so scores do not move when one is whitelisted). */
  excludePathIds?: Iterable<string>;
}

const automata = new Map<string, PatternAutomaton>();
export function automatonOf(type: PathTypeDefinition): PatternAutomaton {
  let automaton = automata.get(type.id);
  if (!automaton) {
    automaton = new PatternAutomaton(type.segments);
    automata.set(type.id, automaton);
  }
  return automaton;
}

interface Hit { type: PathTypeDefinition; entry: number; raw: RawPath }

function toAttackPaths(csr: CsrSnapshot, hits: readonly Hit[]): AttackPath[] {
  const entriesByTarget = new Map<number, Set<number>>();
  for (const { entry, raw } of hits) {
    const target = raw.nodes[raw.nodes.length - 1];
    let set = entriesByTarget.get(target);
    if (!set) entriesByTarget.set(target, (set = new Set()));
    set.add(entry);
  }
  return hits.map(({ type, entry, raw }) => {
    const nodes = raw.nodes.map((i) => csr.nodes[i]);
    const edges = raw.edges.map((e) => csr.edges[e]);
    const target = nodes[nodes.length - 1];
    return {
      id: pathIdOf(type.id, nodes.map((n) => n.id)),
      type: type.id, apId: type.apId, name: type.name,
      riskLevel: type.level({ entry: csr.nodes[entry], target, nodes, edges }),
      score: scorePath(target, edges, entriesByTarget.get(raw.nodes[raw.nodes.length - 1])?.size ?? 1),
      entryId: nodes[0].id, targetId: target.id,
      nodes: nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name })),
      edges, hops: edges.length, weight: raw.cost, unknown: edges.some((e) => e.unknown),
    };
  });
}

const LEVEL_ORDER: Record<RiskLevel, number> = { SERIOUS: 0, SUSPICIOUS: 1, REMIND: 2 };
export const comparePaths = (a: AttackPath, b: AttackPath): number =>
  LEVEL_ORDER[a.riskLevel] - LEVEL_ORDER[b.riskLevel] || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The shortest path of every type for every (entry, target) pair, ranked. */
export function findAttackPaths(csr: CsrSnapshot, query: PathQuery = {}): AttackPath[] {
  const types = query.types ? query.types.map((id) => PATH_TYPE_BY_ID.get(id)).filter((t): t is PathTypeDefinition => t !== undefined) : PATH_TYPES;
  const entryFilter = query.entryIds ? new Set(query.entryIds.map((id) => csr.indexOf(id))) : null;
  const targetFilter = query.targetIds ? new Set(query.targetIds.map((id) => csr.indexOf(id))) : null;
  const entriesByKind = new Map<NodeKind, number[]>();
  for (let v = 0; v < csr.nodeCount; v++) {
    if ((csr.nodeFlags[v] & FLAG_ENTRY) === 0 || (entryFilter && !entryFilter.has(v))) continue;
    const kind = csr.nodes[v].kind;
    const list = entriesByKind.get(kind) ?? [];
    list.push(v);
    entriesByKind.set(kind, list);
  }
  const hits: Hit[] = [];
  for (const type of types) {
    const automaton = automatonOf(type);
    const isTarget = (v: number): boolean => (!targetFilter || targetFilter.has(v)) && type.isTarget(csr.nodes[v]);
    const entries = type.entryKinds.flatMap((kind) => entriesByKind.get(kind) ?? []);
    if (entries.length === 0) continue;
    const useful = usefulStates(csr, automaton, isTarget);
    for (const entry of entries) {
      if (useful[entry * automaton.stateCount + automaton.start] === 0) continue;
      for (const raw of searchTypedPaths(csr, { automaton, source: entry, isTarget, useful }).values()) hits.push({ type, entry, raw });
    }
  }
  const excluded = new Set(query.excludePathIds ?? []);
  return toAttackPaths(csr, hits).filter((p) => !excluded.has(p.id)).sort(comparePaths);
}

/** Alternatives: the k least-weight paths of one type between two nodes (Yen). */
export function kShortestAttackPaths(csr: CsrSnapshot, typeId: string, fromId: string, toId: string, k: number): AttackPath[] {
  const type = PATH_TYPE_BY_ID.get(typeId);
  const from = csr.indexOf(fromId);
  const to = csr.indexOf(toId);
  if (!type || from < 0 || to < 0 || !type.isTarget(csr.nodes[to])) return [];
  const raws = kShortestTyped(csr, automatonOf(type), from, to, k);
  return toAttackPaths(csr, raws.map((raw) => ({ type, entry: from, raw })));
}

/** Alternatives over any traversable edges (no type): up to `maxHops` edges. */
export function kShortestAnyPaths(csr: CsrSnapshot, fromId: string, toId: string, k: number, maxHops = 12): Array<{ nodeIds: string[]; edges: GraphEdge[]; weight: number }> {
  const from = csr.indexOf(fromId);
  const to = csr.indexOf(toId);
  if (from < 0 || to < 0) return [];
  const automaton = new PatternAutomaton([{ edges: 'any', min: 1, max: maxHops }]);
  return kShortestTyped(csr, automaton, from, to, k).map((raw) => ({
    nodeIds: raw.nodes.map((i) => csr.nodes[i].id), edges: raw.edges.map((e) => csr.edges[e]), weight: raw.cost,
  }));
}
