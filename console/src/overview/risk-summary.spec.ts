import type { CheckResult } from '../api/types';
import { summariseRisks } from './risk-summary';

let next = 0;
function failed(severity: string, product: string, standards: string[]): CheckResult {
  next += 1;
  return {
    id: `r${next}`,
    checkItemId: `item-${product}`,
    title: '',
    severity,
    product,
    resourceType: 'T',
    free: true,
    standards: standards.map((standard, index) => `${standard}:${index}`),
    assetId: `a${next}`,
    accountId: '1',
    region: null,
    resourceId: null,
    assetName: null,
    status: 'FAIL',
    reason: '',
    evidence: {},
    remediation: '',
  };
}

describe('risk summary', () => {
  it('counts failed results by severity, by product and by standard, largest first', () => {
    const summary = summariseRisks([
      failed('HIGH', 'OSS', ['CIS_ALIBABA_2_0', 'MLPS_2_0_L3']),
      failed('HIGH', 'OSS', ['CIS_ALIBABA_2_0']),
      failed('MEDIUM', 'ECS', ['CIS_ALIBABA_2_0']),
      failed('LOW', 'RAM', []),
    ]);

    expect(summary.bySeverity).toEqual({ HIGH: 2, MEDIUM: 1, LOW: 1 });
    expect(summary.byProduct).toEqual([
      { key: 'OSS', count: 2, high: 2 },
      { key: 'ECS', count: 1, high: 0 },
      { key: 'RAM', count: 1, high: 0 },
    ]);
    expect(summary.byStandard).toEqual([
      { key: 'CIS_ALIBABA_2_0', count: 3, high: 2 },
      { key: 'MLPS_2_0_L3', count: 1, high: 1 },
    ]);
  });

  it('counts a result once per standard even when two controls of that standard map to it', () => {
    const result = failed('HIGH', 'ECS', ['CIS_ALIBABA_2_0', 'CIS_ALIBABA_2_0']);
    expect(summariseRisks([result]).byStandard).toEqual([{ key: 'CIS_ALIBABA_2_0', count: 1, high: 1 }]);
  });

  it('is all zeros without failures', () => {
    expect(summariseRisks([])).toEqual({ bySeverity: { HIGH: 0, MEDIUM: 0, LOW: 0 }, byProduct: [], byStandard: [] });
  });
});
