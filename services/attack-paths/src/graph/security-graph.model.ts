/**
 * The attack-path graph: inventory nodes plus derived, traversable attack edges. Pure data: both graph
 * backends store exactly these records and every algorithm reads them.
 */
export const NODE_KINDS = [
  'Internet', 'ExternalAccount', 'AliyunAccount', 'EcsInstance', 'SecurityGroup', 'Eni', 'Eip', 'NatGateway',
  'Slb', 'Listener', 'Vpc', 'VSwitch', 'RamUser', 'RamGroup', 'RamRole', 'RamPolicy', 'AccessKey', 'OssBucket',
  'RdsInstance', 'RedisInstance', 'AckCluster', 'Other',
  // a hub standing for "every resource of a kind in an account" that many principals are granted at once
  'ResourceGroup',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Traversable edge kinds; the index in this list is the code stored in the CSR's Uint8Array. */
export const EDGE_KINDS = [
  'CAN_REACH', 'DNAT_TO', 'FORWARDS_TO', 'NETWORK_REACH', 'OBTAINS_CREDENTIALS', 'AUTHENTICATES_AS', 'CAN_ASSUME',
  'ADMIN_OF', 'CAN_READ', 'CAN_WRITE', 'CAN_MANAGE', 'CAN_RUN_COMMAND', 'CAN_CREATE_AK', 'CAN_SET_LOGIN',
  'CAN_UPDATE_TRUST', 'CAN_ATTACH_POLICY', 'CAN_PASS_ROLE_TO_ECS',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
export const EDGE_KIND_CODE: Readonly<Record<EdgeKind, number>> = Object.fromEntries(
  EDGE_KINDS.map((kind, index) => [kind, index]),
) as Record<EdgeKind, number>;
export const NODE_KIND_CODE: Readonly<Record<NodeKind, number>> = Object.fromEntries(
  NODE_KINDS.map((kind, index) => [kind, index]),
) as Record<NodeKind, number>;

/** One configuration fact an edge rests on, e.g. `{ assetId, field: 'rules[2]', value: '0.0.0.0/0 tcp 22/22 accept prio 1' }`. */
export interface Evidence {
  assetId: string;
  field: string;
  value: string;
}

export interface GraphNode {
  id: string;
  kind: NodeKind;
  name: string;
  accountId: string | null;
  region: string | null;
  /** Crown-jewel data (tags or declared with setSensitiveAsset). */
  sensitive: boolean;
  /** Holds an account-admin grant (an ADMIN_OF edge leaves it). */
  admin: boolean;
  /** Where an attacker may start: the internet, an active access key, a host with an urgent finding, a foreign account. */
  entry: boolean;
  /** Created by derivation (Internet, ExternalAccount, listener, access key) rather than an inventory asset. */
  virtual: boolean;
  /** Small facts path ranking reads, e.g. `{ lastUsedDate: null }` on access keys. */
  facts?: Record<string, string | number | boolean | null>;
}

export interface GraphEdge {
  /** `<kind>|<from>|<to>`: one edge per kind and node pair; several reasons merge their evidence. */
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  reason: string;
  evidence: Evidence[];
  /** 1 = no precondition, 2 = needs host compromise, 3 = needs exploitation; ×0.5 next to an urgent finding. */
  weight: number;
  /** The edge rests on data the import could not collect: kept and shown, never treated as safe. */
  unknown: boolean;
  /** e.g. `{ ports: 'tcp 22,3389' }` on CAN_REACH. */
  properties?: Record<string, string | number | boolean>;
}

export interface SecurityGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A config-check result folded in as an overlay fact; a FAIL of HIGH/URGENT severity makes a host an entry point. */
export interface OverlayFinding {
  checkItemId: string;
  assetId: string;
  status: string;
  severity?: string;
}

export const INTERNET_NODE_ID = 'internet';
export const externalAccountNodeId = (accountId: string): string => `external-account:${accountId}`;
/** Hub node for broad grants: principal → hub (the grant), hub → each member (weight 0). */
export const resourceGroupNodeId = (accountId: string, kind: EdgeKind, target: NodeKind): string => `resource-group:${accountId}:${kind}:${target}`;
export const edgeIdOf = (kind: EdgeKind, from: string, to: string): string => `${kind}|${from}|${to}`;
