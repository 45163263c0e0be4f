import { exportFixture } from '../testing/export-input.fixtures';
import { toJsonReport } from './json-report.exporter';

describe('JSON export', () => {
  it('summarises statuses and failures by severity and keeps every result with its item metadata', () => {
    const input = exportFixture();
    const report = toJsonReport(input);
    expect(report).toMatchObject({
      format: 'rampart-check-results', version: 1, scanId: 'scan-1',
      summary: { total: input.results.length, byStatus: { FAIL: 2, PASS: 2, ERROR: 1, NOT_APPLICABLE: 1, WHITELISTED: 1 }, failedBySeverity: { HIGH: 2 } },
    });
    expect(report.results).toContainEqual(expect.objectContaining({
      checkItemId: 'rds-whitelist-not-open', severity: 'HIGH', status: 'FAIL', accountId: '1234567890123456', region: 'cn-hangzhou',
      standards: ['CIS_ALIBABA_2_0:6.2', 'MLPS_2_0_L3:8.1.3.2a', 'MLPS_2_0_L3:8.1.4.4c'],
    }));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('refuses results of items the catalogue does not know', () => {
    const input = exportFixture();
    expect(() => toJsonReport({ ...input, results: [{ ...input.results[0], checkItemId: 'no-such-item' }] })).toThrow(/no-such-item/);
  });
});
