import type { HostFacts } from '@rampart/host-facts';
import type { BaselineStatus, CheckOutcome, EvaluationContext, Evidence } from './baseline-check-item';
import type { BaselinePolicy } from './baseline-policy';
import { FactNotCollectedError } from './host-facts.view';
import { scoreHost, type StandardScore } from './baseline-score';

export interface BaselineItemResult {
  readonly itemId: string;
  readonly status: BaselineStatus;
  readonly reason: string;
  readonly evidence: readonly Evidence[];
}

export interface HostEvaluation {
  readonly hostname: string;
  readonly results: readonly BaselineItemResult[];
  readonly scores: readonly StandardScore[];
}

/**
 * Evaluates one host's facts against a policy. Items never throw out of here: a fact that was not collected gives
 * MANUAL (unavailable, e.g. live-only data from an offline root) or ERROR (collection failed); a bug in a predicate
 * gives ERROR. Host-wide items are NOT_APPLICABLE inside a container.
 */
export function evaluateHost(facts: HostFacts, policy: BaselinePolicy, context: EvaluationContext = { now: new Date() }): HostEvaluation {
  const inContainer = facts.container.status === 'collected' && facts.container.value.inContainer;
  const containerRuntime = inContainer && facts.container.status === 'collected' ? facts.container.value.runtime ?? 'container' : null;
  const results: BaselineItemResult[] = [];
  for (const { item, params } of policy.items) {
    let outcome: CheckOutcome;
    if (inContainer && item.notApplicableInContainer) {
      outcome = { status: 'NOT_APPLICABLE', reason: `runs inside a ${containerRuntime} container: host-level setting`, evidence: [] };
    } else {
      try {
        outcome = item.evaluate(facts, params, context);
      } catch (error) {
        if (error instanceof FactNotCollectedError) outcome = { status: error.kind === 'unavailable' ? 'MANUAL' : 'ERROR', reason: error.message, evidence: [] };
        else outcome = { status: 'ERROR', reason: `evaluation failed: ${(error as Error).message}`, evidence: [] };
      }
    }
    results.push({ itemId: item.id, status: outcome.status, reason: outcome.reason, evidence: outcome.evidence });
  }
  return { hostname: facts.hostname, results, scores: scoreHost(results, policy) };
}
