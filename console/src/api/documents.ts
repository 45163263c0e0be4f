// Every GraphQL operation the console sends, in one place; names follow the public contract (CONTRACT §5).

/**
 * The largest `first` each paginated operation is sent with. The gateway's cost limit (5,000) multiplies by
 * `first`; documents.spec.ts checks each operation at these sizes.
 */
export const PAGE_SIZES = { attackPaths: 50, topology: 100, hostFailedItems: 50, checkResults: 25, scanTasks: 8 } as const;

const CHECK_ITEM = 'id title severity free fixable product standards { standard controlId } remediation';
const SCAN_TASK = 'id kind status total completed failed quotaConsumed startedAt finishedAt';

export const ACCOUNT = `query Account {
  billingAccount { edition model quota { purchased consumed reserved remaining } subscriptionEndsAt trialEndsAt }
  entitlements { edition configCheckItems configCheckOperations baselineItems attackPaths }
}`;

export const CHECK_ITEMS = `query CheckItems {
  checkItems { ${CHECK_ITEM} }
}`;

// Counted by the server: the tenant's results by status, and failing ones by severity, product and standard.
export const CHECK_RESULT_SUMMARY = `query CheckResultSummary {
  checkResultSummary {
    total
    byStatus { status count }
    bySeverity { severity failing }
    byProduct { product failing high }
    byStandard { standard failing high }
  }
}`;

export const CHECK_RESULTS = `query CheckResults($filter: CheckResultFilter, $first: Int, $after: String) {
  checkResults(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id status severity reason evidence lastSeenAt
        checkItem { id title free product standards { standard controlId } remediation }
        asset { id name accountId region resourceId resourceType }
      }
    }
  }
}`;

export const START_SCAN = `mutation StartScan($input: StartScanInput!) {
  startScan(input: $input) { ${SCAN_TASK} }
}`;

export const SCAN_TASKS = `query ScanTasks($first: Int) {
  scanTasks(first: $first) { edges { node { ${SCAN_TASK} } } }
}`;

export const VERIFY_RESULTS = `mutation VerifyCheckResults($ids: [ID!]!) {
  verifyCheckResults(ids: $ids) { ${SCAN_TASK} }
}`;

export const FIX_RESULT = `mutation FixCheckResult($id: ID!) {
  fixCheckResult(id: $id) { ${SCAN_TASK} }
}`;

export const ADD_WHITELIST_RULE = `mutation AddWhitelistRule($input: AddWhitelistRuleInput!) {
  addWhitelistRule(input: $input) { id checkItemId assetIds reason expiresAt }
}`;

export const SCAN_PROGRESS = `subscription ScanProgress($scanId: ID!) {
  scanProgress(scanId: $scanId) { scanId status total completed failed quotaConsumed }
}`;

export const ATTACK_PATHS = `query AttackPaths($first: Int, $after: String, $filter: AttackPathFilter) {
  attackPaths(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name type riskLevel score hops entry { id name product } target { id name product } } }
  }
  chokePoints(first: 5) { nodeId kind pathsBroken asset { id name } }
}`;

export const ATTACK_PATH_TOPOLOGY = `query AttackPathTopology($ids: [ID!], $first: Int) {
  attackPathTopology(ids: $ids, first: $first) {
    nodes { id kind label assetId entry target chokePoint pathIds }
    edges { id from to relation reason evidence unknown pathIds }
  }
}`;

export const HOSTS = `query Hosts {
  hosts { id hostname instanceId os reportedAt scores { standard passed failed errors manual notApplicable score } }
}`;

export const HOST_FAILED_ITEMS = `query HostFailedItems($hostId: ID!, $first: Int, $after: String) {
  baselineResults(filter: { hostId: $hostId, status: ["FAIL"] }, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status reason evidence checkItem { id title severity category remediation } } }
  }
}`;
