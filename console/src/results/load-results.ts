import { CHECK_RESULTS } from '../api/documents';
import { graphqlRequest } from '../api/graphql.client';
import type { CheckResult, Connection, Json } from '../api/types';

/** A `checkResults` node as CHECK_RESULTS selects it. */
export interface CheckResultNode {
  id: string;
  status: string;
  severity: string;
  reason: string;
  evidence: Json;
  lastSeenAt: string;
  checkItem: { id: string; title: string; free: boolean; product: string; standards: Array<{ standard: string; controlId: string }>; remediation: string };
  asset: { id: string; name: string; accountId: string; region: string | null; resourceId: string; resourceType: string };
}

export function toCheckResult(node: CheckResultNode): CheckResult {
  return {
    id: node.id,
    checkItemId: node.checkItem.id,
    title: node.checkItem.title,
    severity: node.severity,
    product: node.checkItem.product,
    resourceType: node.asset.resourceType,
    free: node.checkItem.free,
    standards: node.checkItem.standards.map((s) => `${s.standard}:${s.controlId}`),
    assetId: node.asset.id,
    accountId: node.asset.accountId,
    region: node.asset.region,
    resourceId: node.asset.resourceId,
    assetName: node.asset.name,
    status: node.status,
    reason: node.reason,
    evidence: node.evidence,
    remediation: node.checkItem.remediation,
    lastSeenAt: node.lastSeenAt,
  };
}

/** One page of results, every filter applied by the API. */
export async function loadResultsPage(
  token: string,
  filter: Record<string, unknown>,
  first: number,
  after: string | null,
): Promise<{ results: CheckResult[]; totalCount: number; endCursor: string | null; hasNext: boolean }> {
  const { checkResults } = await graphqlRequest<{ checkResults: Connection<CheckResultNode> }>(token, CHECK_RESULTS, { filter, first, after });
  return {
    results: checkResults.edges.map((edge) => toCheckResult(edge.node)),
    totalCount: checkResults.totalCount,
    endCursor: checkResults.pageInfo.endCursor,
    hasNext: checkResults.pageInfo.hasNextPage,
  };
}
