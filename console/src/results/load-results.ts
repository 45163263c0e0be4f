import { CHECK_RESULTS, CHECK_RESULTS_REPORT } from '../api/documents';
import { graphqlRequest, GraphQLRequestError } from '../api/graphql.client';
import type { CheckResult, Connection, Json } from '../api/types';

interface JsonReport {
  format: string;
  results: CheckResult[];
}

/** Every result matching the filter, from one JSON report (for totals over all of them). */
export async function loadResults(token: string, filter: Record<string, unknown>): Promise<CheckResult[]> {
  const { checkResultsReport } = await graphqlRequest<{ checkResultsReport: { content: string } }>(token, CHECK_RESULTS_REPORT, { filter });
  const report = JSON.parse(checkResultsReport.content) as JsonReport;
  if (report.format !== 'rampart-check-results' || !Array.isArray(report.results)) {
    throw new GraphQLRequestError(`Unexpected report format ${String(report.format)}`, 'BAD_RESPONSE', 200);
  }
  return report.results;
}

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

export const standardOf = (label: string): string => label.split(':')[0];
