import type { HostFacts, RemediationScript } from '@rampart/host-facts';
import type { BaselineCheckItem, Params } from './baseline-check-item';
import { defaultParams } from './baseline-policy';

/**
 * The remediation script for one item on one host (what `fixBaselineResult` sends to the agent), or null when the
 * item has no automatic fix or nothing to change.
 */
export function buildRemediationScript(item: BaselineCheckItem, facts: HostFacts, options: { taskId: string; params?: Params }): RemediationScript | null {
  if (item.fix === undefined) return null;
  const plan = item.fix(facts, options.params ?? defaultParams(item));
  if (plan === null || plan.steps.length === 0) return null;
  return { format: 'rampart-remediation/v1', taskId: options.taskId, itemId: item.id, title: item.title, steps: plan.steps, expect: plan.expect };
}
