import type { CheckResultSummary } from '../api/types';

export interface Tally {
  key: string;
  count: number;
  high: number;
}

export interface RiskSummary {
  /** Results per status as read (PASS, FAIL, ERROR, NOT_APPLICABLE, WHITELISTED), zero when absent. */
  byStatus: Record<string, number>;
  bySeverity: Record<'HIGH' | 'MEDIUM' | 'LOW', number>;
  byProduct: Tally[];
  byStandard: Tally[];
}

/** The server's `checkResultSummary` as the overview shows it; the server already ranks products and standards. */
export function riskSummaryOf(summary: CheckResultSummary): RiskSummary {
  const bySeverity = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const { severity, failing } of summary.bySeverity) if (severity in bySeverity) bySeverity[severity as keyof typeof bySeverity] = failing;
  const byStatus: Record<string, number> = { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, WHITELISTED: 0 };
  for (const { status, count } of summary.byStatus) byStatus[status] = count;
  return {
    byStatus,
    bySeverity,
    byProduct: summary.byProduct.map(({ product, failing, high }) => ({ key: product, count: failing, high })),
    byStandard: summary.byStandard.map(({ standard, failing, high }) => ({ key: standard, count: failing, high })),
  };
}
