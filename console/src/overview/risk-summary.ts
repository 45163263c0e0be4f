import type { CheckResult } from '../api/types';
import { standardOf } from '../results/load-results';

export interface Tally {
  key: string;
  count: number;
  high: number;
}

export interface RiskSummary {
  bySeverity: Record<'HIGH' | 'MEDIUM' | 'LOW', number>;
  byProduct: Tally[];
  byStandard: Tally[];
}

function add(map: Map<string, Tally>, key: string, high: boolean): void {
  const tally = map.get(key) ?? { key, count: 0, high: 0 };
  tally.count += 1;
  if (high) tally.high += 1;
  map.set(key, tally);
}

const ranked = (map: Map<string, Tally>) => [...map.values()].sort((a, b) => b.count - a.count || b.high - a.high || a.key.localeCompare(b.key));

/** Failed results counted by severity, by product and by standard (a result counts once per standard it maps to). */
export function summariseRisks(failed: readonly CheckResult[]): RiskSummary {
  const bySeverity = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  const products = new Map<string, Tally>();
  const standards = new Map<string, Tally>();
  for (const result of failed) {
    const severity = result.severity as keyof typeof bySeverity;
    if (severity in bySeverity) bySeverity[severity] += 1;
    const high = severity === 'HIGH';
    add(products, result.product, high);
    for (const standard of new Set(result.standards.map(standardOf))) add(standards, standard, high);
  }
  return { bySeverity, byProduct: ranked(products), byStandard: ranked(standards) };
}
