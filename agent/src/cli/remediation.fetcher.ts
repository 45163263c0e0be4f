import { gatewayQuery, type GatewayOptions } from './gateway.query';

const QUERY = `query BaselineRemediation($taskId: ID!) { baselineRemediation(taskId: $taskId) { script } }`;

/** Fetches a BASELINE_FIX task's remediation script (`baselineRemediation`) through the gateway. */
export async function fetchRemediation(taskId: string, options: GatewayOptions): Promise<unknown> {
  const data = await gatewayQuery<{ baselineRemediation: { script: unknown } | null }>(options, QUERY, { taskId });
  // The gateway answers null for a task that is not the tenant's (or not a BASELINE_FIX task).
  if (data.baselineRemediation === null) throw new Error(`NOT_FOUND: no BASELINE_FIX task ${taskId}`);
  return data.baselineRemediation.script;
}
