import type { Asset, EcsInstanceConfiguration, SecurityCenterConfiguration } from '@rampart/asset-model';
import { AssetIndex, configOf, nodeKindOf } from './derivation/asset.index';
import type { DerivationContext } from './derivation/derivation.context';
import { GraphEmitter } from './derivation/graph.emitter';
import { deriveIdentity } from './derivation/identity.deriver';
import { deriveLateralNetwork } from './derivation/lateral-network.deriver';
import { NetworkFacts } from './derivation/network.facts';
import { deriveNetworkExposure } from './derivation/network-exposure.deriver';
import { deriveStorageExposure } from './derivation/storage-exposure.deriver';
import {
  INTERNET_NODE_ID, type EdgeKind, type OverlayFinding, type SecurityGraph,
} from './security-graph.model';

export interface BuildOptions {
  /** Assets declared sensitive by the user (`setSensitiveAsset`), on top of tags. */
  sensitiveAssetIds?: Iterable<string>;
  /** Config-check results as overlay facts; optional. */
  findings?: readonly OverlayFinding[];
}

const SENSITIVE_CLASSES = new Set(['confidential', 'secret', 'restricted', 'sensitive', 'pii', 'critical']);
const URGENT_SEVERITIES = new Set(['HIGH', 'URGENT', 'CRITICAL', 'ASAP', 'SERIOUS']);
/** Edges whose success depends on exploiting the host they lead to. */
const EXPLOIT_EDGES = new Set<EdgeKind>(['CAN_REACH', 'DNAT_TO', 'FORWARDS_TO', 'NETWORK_REACH']);

export function sensitiveByTags(tags: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(tags)) {
    const k = key.toLowerCase();
    const v = value.toLowerCase();
    if ((k === 'sensitive' || k === 'crown-jewel') && (v === 'true' || v === 'yes' || v === '1')) return true;
    if ((k === 'data-classification' || k === 'classification') && SENSITIVE_CLASSES.has(v)) return true;
  }
  return false;
}

/** Assets that carry an urgent finding: a failed HIGH check, or a Security Center vulnerability to fix asap. */
function urgentAssets(index: AssetIndex, findings: readonly OverlayFinding[]): Set<string> {
  const urgent = new Set<string>();
  for (const f of findings) {
    if (f.status === 'FAIL' && f.severity !== undefined && URGENT_SEVERITIES.has(f.severity.toUpperCase())) urgent.add(f.assetId);
  }
  for (const sas of index.of('Other')) {
    if (sas.resourceType !== 'ALIYUN::ThreatDetection::Instance') continue;
    for (const vul of configOf<SecurityCenterConfiguration>(sas).unfixedVulnerabilities ?? []) {
      if (!vul.instanceId || !vul.level || !URGENT_SEVERITIES.has(vul.level.toUpperCase())) continue;
      const ecs = index.named('EcsInstance', sas.accountId, vul.instanceId);
      if (ecs) urgent.add(ecs.id);
    }
  }
  return urgent;
}

/**
 * Inventory nodes and derived attack edges for a set of normalised assets (one or more accounts).
 * Deterministic: nodes and edges come out sorted by id, so every backend indexes them the same way.
 */
export function buildSecurityGraph(assets: readonly Asset[], options: BuildOptions = {}): SecurityGraph {
  const index = new AssetIndex(assets);
  const emit = new GraphEmitter();
  const declared = new Set(options.sensitiveAssetIds ?? []);
  emit.virtualNode(INTERNET_NODE_ID, 'Internet', 'Internet').entry = true;
  for (const asset of assets) {
    const kind = nodeKindOf(asset);
    emit.node({
      id: asset.id, kind, name: asset.name, accountId: asset.accountId, region: asset.region,
      sensitive: declared.has(asset.id) || sensitiveByTags(asset.tags),
      facts: kind === 'EcsInstance' ? { status: configOf<EcsInstanceConfiguration>(asset).status } : undefined,
    });
  }
  for (const accountId of index.accounts) {
    const id = index.accountNodeId(accountId);
    if (!emit.nodes.has(id)) emit.virtualNode(id, 'AliyunAccount', `account ${accountId}`, accountId);
  }
  const ctx: DerivationContext = { index, emit, network: new NetworkFacts(index) };
  deriveNetworkExposure(ctx);
  deriveLateralNetwork(ctx);
  deriveStorageExposure(ctx);
  deriveIdentity(ctx);

  const urgent = urgentAssets(index, options.findings ?? []);
  for (const id of urgent) {
    const node = emit.nodes.get(id);
    if (!node) continue;
    node.facts = { ...node.facts, urgentFinding: true };
    if (node.kind === 'EcsInstance') node.entry = true; // a host with an urgent finding counts as compromised
  }
  for (const edge of emit.edges.values()) {
    if (urgent.has(edge.from) || (urgent.has(edge.to) && EXPLOIT_EDGES.has(edge.kind))) edge.weight *= 0.5;
    if (edge.kind === 'ADMIN_OF') { const holder = emit.nodes.get(edge.from); if (holder) holder.admin = true; }
    if (edge.kind === 'AUTHENTICATES_AS') {
      const key = emit.nodes.get(edge.from);
      if (key?.kind === 'AccessKey') key.entry = true;
    }
  }
  const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: [...emit.nodes.values()].sort(byId), edges: [...emit.edges.values()].sort(byId) };
}
