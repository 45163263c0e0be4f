export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';
export type RiskLevel = 'SERIOUS' | 'SUSPICIOUS' | 'REMIND';
export type Json = unknown;

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: T }>;
}

export interface BillingAccount {
  edition: string;
  model: string;
  quota: { purchased: number; consumed: number; reserved: number; remaining: number | null };
  subscriptionEndsAt: string | null;
  trialEndsAt: string | null;
}
export interface Entitlements {
  edition: string;
  configCheckItems: string;
  configCheckOperations: string[];
  baselineItems: string;
  attackPaths: boolean;
}

export interface StandardReference {
  standard: string;
  controlId: string;
}
export interface CheckItem {
  id: string;
  title: string;
  severity: string;
  free: boolean;
  fixable: boolean;
  product: string;
  standards: StandardReference[];
  remediation: string;
}
/** A check result with its check item and asset: a `checkResults` node (toCheckResult). */
export interface CheckResult {
  id: string;
  checkItemId: string;
  title: string;
  severity: string;
  product: string;
  resourceType: string;
  free: boolean;
  /** `STANDARD:controlId`, e.g. `CIS_ALIBABA_2_0:4.3`. */
  standards: string[];
  assetId: string;
  accountId: string | null;
  region: string | null;
  resourceId: string | null;
  assetName: string | null;
  status: string;
  reason: string;
  evidence: Json;
  remediation: string;
  lastSeenAt?: string;
}

/** `checkResultSummary`: statuses as read, results of removed assets left out. */
export interface CheckResultSummary {
  total: number;
  byStatus: Array<{ status: string; count: number }>;
  bySeverity: Array<{ severity: string; failing: number }>;
  byProduct: Array<{ product: string; failing: number; high: number }>;
  byStandard: Array<{ standard: string; failing: number; high: number }>;
}

export interface ScanTask {
  id: string;
  kind: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  quotaConsumed: number;
  startedAt: string | null;
  finishedAt: string | null;
}
export type ScanProgress = Pick<ScanTask, 'status' | 'total' | 'completed' | 'failed' | 'quotaConsumed'> & { scanId: string };

export interface AttackPathSummary {
  id: string;
  name: string;
  type: string;
  riskLevel: RiskLevel;
  score: number;
  hops: number;
  entry: { id: string; name: string; product: string } | null;
  target: { id: string; name: string; product: string } | null;
}
export interface TopologyNode {
  id: string;
  kind: string;
  label: string;
  assetId: string | null;
  entry: boolean;
  target: boolean;
  chokePoint: boolean;
  pathIds: string[];
}
export interface TopologyEdge {
  id: string;
  from: string;
  to: string;
  relation: string;
  reason: string;
  evidence: Json;
  unknown: boolean;
  pathIds: string[];
}
export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}
export interface ChokePoint {
  nodeId: string;
  kind: string;
  pathsBroken: number;
  asset: { id: string; name: string } | null;
}

export interface HostScore {
  standard: string;
  passed: number;
  failed: number;
  errors: number;
  manual: number;
  notApplicable: number;
  score: number | null;
}
export interface Host {
  id: string;
  hostname: string;
  instanceId: string | null;
  os: string | null;
  reportedAt: string;
  scores: HostScore[];
}
export interface BaselineResult {
  id: string;
  status: string;
  reason: string;
  evidence: Json;
  checkItem: { id: string; title: string; severity: string; category: string; remediation: string };
}
