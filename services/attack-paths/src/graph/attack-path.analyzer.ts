import type { Asset } from '@rampart/asset-model';
import type { ChokePoint } from './engine/choke-point.analysis';
import type { GraphStore } from './graph.store';
import type { AttackPath } from './path-types/attack-path.finder';
import type { RiskLevel } from './path-types/path-type.model';
import { buildSecurityGraph } from './security-graph.builder';
import type { GraphEdge, GraphNode, OverlayFinding, SecurityGraph } from './security-graph.model';

export interface AttackPathFilter {
  riskLevel?: readonly RiskLevel[];
  type?: string;
  entryAssetId?: string;
  targetAssetId?: string;
}

export interface GraphDelta {
  upsertedNodes: number;
  upsertedEdges: number;
  removedNodes: number;
  removedEdges: number;
}

/** Cheap equality key of a record; JSON.stringify of a million edges would dominate an update. */
function fingerprint(record: GraphNode | GraphEdge): string {
  if ('kind' in record && 'from' in record) {
    let key = `${record.weight}|${record.unknown}|${record.reason}|${record.properties?.ports ?? ''}`;
    for (const e of record.evidence) key += `|${e.assetId}\u0000${e.field}\u0000${e.value}`;
    return key;
  }
  const node = record as GraphNode;
  return `${node.kind}|${node.name}|${node.accountId}|${node.region}|${node.sensitive}|${node.admin}|${node.entry}|${node.virtual}|${node.facts ? JSON.stringify(node.facts) : ''}`;
}

/**
 * The attack-path core as the service uses it, without Nest or a database: holds the tenant's assets,
 * sensitive declarations, findings and whitelist, derives the graph, keeps the store in step with
 * minimal upserts and removals, and answers the contract's queries.
 */
export class AttackPathAnalyzer {
  private readonly assets = new Map<string, Asset>();
  private readonly sensitive = new Set<string>();
  private readonly whitelist = new Set<string>();
  private findings: readonly OverlayFinding[] = [];
  private graph: SecurityGraph = { nodes: [], edges: [] };

  constructor(private readonly store: GraphStore) {}

  async load(assets: readonly Asset[], options: { findings?: readonly OverlayFinding[]; sensitiveAssetIds?: Iterable<string>; whitelistedPathIds?: Iterable<string> } = {}): Promise<void> {
    this.assets.clear();
    for (const asset of assets) this.assets.set(asset.id, asset);
    for (const id of options.sensitiveAssetIds ?? []) this.sensitive.add(id);
    for (const id of options.whitelistedPathIds ?? []) this.whitelist.add(id);
    this.findings = options.findings ?? [];
    this.graph = this.derive();
    await this.store.load(this.graph);
  }

  /** Folds changed and removed assets in; the store receives only the nodes and edges that differ. */
  async applyAssetChanges(changed: readonly Asset[], removedIds: readonly string[] = []): Promise<GraphDelta> {
    for (const asset of changed) this.assets.set(asset.id, asset);
    for (const id of removedIds) this.assets.delete(id);
    return this.refresh();
  }

  async setFindings(findings: readonly OverlayFinding[]): Promise<GraphDelta> {
    this.findings = findings;
    return this.refresh();
  }

  async setSensitiveAsset(assetId: string, sensitive: boolean): Promise<GraphDelta> {
    if (sensitive) this.sensitive.add(assetId);
    else this.sensitive.delete(assetId);
    return this.refresh();
  }

  whitelistPath(pathId: string, whitelisted = true): void {
    if (whitelisted) this.whitelist.add(pathId);
    else this.whitelist.delete(pathId);
  }

  async attackPaths(filter: AttackPathFilter = {}): Promise<AttackPath[]> {
    const paths = await this.store.shortestPathsByType({
      types: filter.type ? [filter.type] : undefined,
      entryIds: filter.entryAssetId ? [filter.entryAssetId] : undefined,
      targetIds: filter.targetAssetId ? [filter.targetAssetId] : undefined,
      excludePathIds: this.whitelist,
    });
    return filter.riskLevel ? paths.filter((p) => filter.riskLevel!.includes(p.riskLevel)) : paths;
  }

  /** Other paths of the same type between the same entry and target (Yen), the path itself first. */
  async alternatives(path: AttackPath, k: number): Promise<AttackPath[]> {
    return (await this.store.kShortest({ fromId: path.entryId, toId: path.targetId, k, type: path.type })) as AttackPath[];
  }

  async blastRadius(assetId: string): Promise<string[]> {
    return this.store.blastRadius(assetId);
  }

  async chokePoints(limit?: number): Promise<ChokePoint[]> {
    return this.store.chokePoints({ limit, excludePathIds: this.whitelist });
  }

  currentGraph(): SecurityGraph {
    return this.graph;
  }

  private derive(): SecurityGraph {
    return buildSecurityGraph([...this.assets.values()], { sensitiveAssetIds: this.sensitive, findings: this.findings });
  }

  private async refresh(): Promise<GraphDelta> {
    const next = this.derive();
    const diff = <T extends GraphNode | GraphEdge>(before: readonly T[], after: readonly T[]): { upserts: T[]; removals: string[] } => {
      const old = new Map(before.map((r) => [r.id, r]));
      const upserts: T[] = [];
      for (const record of after) {
        const previous = old.get(record.id);
        old.delete(record.id);
        if (!previous || fingerprint(previous) !== fingerprint(record)) upserts.push(record);
      }
      return { upserts, removals: [...old.keys()] };
    };
    const nodes = diff(this.graph.nodes, next.nodes);
    const edges = diff(this.graph.edges, next.edges);
    if (edges.removals.length > 0 || nodes.removals.length > 0) await this.store.remove({ nodeIds: nodes.removals, edgeIds: edges.removals });
    if (nodes.upserts.length > 0 || edges.upserts.length > 0) await this.store.upsert({ nodes: nodes.upserts, edges: edges.upserts });
    this.graph = next;
    return { upsertedNodes: nodes.upserts.length, upsertedEdges: edges.upserts.length, removedNodes: nodes.removals.length, removedEdges: edges.removals.length };
  }
}
