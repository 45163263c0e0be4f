import type { CheckResultSummary } from '../api/types';
import { riskSummaryOf } from './risk-summary';

const summary: CheckResultSummary = {
  total: 9,
  byStatus: [
    { status: 'PASS', count: 3 },
    { status: 'FAIL', count: 4 },
    { status: 'ERROR', count: 1 },
    { status: 'NOT_APPLICABLE', count: 0 },
    { status: 'WHITELISTED', count: 1 },
  ],
  bySeverity: [
    { severity: 'HIGH', failing: 2 },
    { severity: 'MEDIUM', failing: 1 },
    { severity: 'LOW', failing: 1 },
  ],
  byProduct: [
    { product: 'OSS', failing: 2, high: 2 },
    { product: 'ECS', failing: 1, high: 0 },
    { product: 'RAM', failing: 1, high: 0 },
  ],
  byStandard: [
    { standard: 'CIS_ALIBABA_2_0', failing: 3, high: 2 },
    { standard: 'MLPS_2_0_L3', failing: 1, high: 1 },
  ],
};

describe('risk summary', () => {
  it('keys the server counts by status and severity, and keeps its product and standard ranking', () => {
    const risks = riskSummaryOf(summary);
    expect(risks.byStatus).toEqual({ PASS: 3, FAIL: 4, ERROR: 1, NOT_APPLICABLE: 0, WHITELISTED: 1 });
    expect(risks.bySeverity).toEqual({ HIGH: 2, MEDIUM: 1, LOW: 1 });
    expect(risks.byProduct).toEqual([
      { key: 'OSS', count: 2, high: 2 },
      { key: 'ECS', count: 1, high: 0 },
      { key: 'RAM', count: 1, high: 0 },
    ]);
    expect(risks.byStandard).toEqual([
      { key: 'CIS_ALIBABA_2_0', count: 3, high: 2 },
      { key: 'MLPS_2_0_L3', count: 1, high: 1 },
    ]);
  });

  it('is all zeros for a tenant without results', () => {
    expect(riskSummaryOf({ total: 0, byStatus: [], bySeverity: [], byProduct: [], byStandard: [] })).toEqual({
      byStatus: { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, WHITELISTED: 0 },
      bySeverity: { HIGH: 0, MEDIUM: 0, LOW: 0 },
      byProduct: [],
      byStandard: [],
    });
  });
});
