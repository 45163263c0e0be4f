import { CHECK_CATALOGUE } from '../catalogue/check-catalogue.registry';
import type { CheckItem, Severity } from '../model/check-item.definition';
import type { ReportableResult } from './reportable-result.definition';

const RANK: Record<Severity, number> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
/** No failure at the threshold, but some results could not be evaluated, so compliance is not proven. */
export const EXIT_UNVERIFIED = 2;

export interface CiGateOptions {
  readonly catalogue?: readonly CheckItem[];
  /** Treat ERROR results at or above the threshold as blocking (exit 2). Default true. */
  readonly failOnError?: boolean;
}

/**
 * Exit code for a CI gate: 1 when a FAIL at or above `minSeverity` exists, else 2 when an ERROR at or above it exists
 * (unless failOnError is false), else 0. PASS, NOT_APPLICABLE and WHITELISTED never block.
 */
export function exitCodeFor(results: readonly Pick<ReportableResult, 'checkItemId' | 'status'>[], minSeverity: Severity, options: CiGateOptions = {}): number {
  const items = new Map((options.catalogue ?? CHECK_CATALOGUE).map((i) => [i.id, i]));
  const threshold = RANK[minSeverity];
  let unverified = false;
  for (const r of results) {
    const item = items.get(r.checkItemId);
    // An unknown item cannot be ranked: count it at the highest severity rather than let it through.
    const rank = item === undefined ? RANK.HIGH : RANK[item.severity];
    if (rank < threshold) continue;
    if (r.status === 'FAIL') return EXIT_FINDINGS;
    if (r.status === 'ERROR') unverified = true;
  }
  return unverified && options.failOnError !== false ? EXIT_UNVERIFIED : EXIT_OK;
}
