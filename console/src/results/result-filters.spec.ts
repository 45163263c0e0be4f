import type { CheckResult } from '../api/types';
import { toCheckResult, type CheckResultNode } from './load-results';
import { filtersFromHash, filtersToHash, NO_FILTERS, serverFilter } from './result-filters';

const ACCOUNT_NODE: CheckResultNode = {
  id: 'ram-root-mfa|acs:ram::1357924680135792:account/1357924680135792',
  status: 'FAIL',
  severity: 'HIGH',
  reason: 'The root user has no MFA device',
  evidence: { mfa: false },
  lastSeenAt: '2026-11-28T00:00:00.000Z',
  checkItem: { id: 'ram-root-mfa', title: 'Root user has MFA', free: true, product: 'RAM', standards: [{ standard: 'CIS_ALIBABA_2_0', controlId: '1.2' }], remediation: 'Bind an MFA device.' },
  asset: { id: 'acs:ram::1357924680135792:account/1357924680135792', name: '1357924680135792', accountId: '1357924680135792', region: null, resourceId: '1357924680135792', resourceType: 'ALIYUN::RAM::Account' },
};

describe('check result filters', () => {
  it('sends every filter to the API, trimmed, and leaves blanks out', () => {
    const filters = { status: 'FAIL', severity: 'HIGH', product: 'OSS', standard: 'CIS_ALIBABA_2_0', account: ' 123456 ', region: 'cn-hangzhou', search: ' logs ' };
    expect(serverFilter(filters)).toEqual({
      status: ['FAIL'], severity: 'HIGH', product: 'OSS', standard: 'CIS_ALIBABA_2_0', accountId: '123456', region: 'cn-hangzhou', search: 'logs',
    });
    expect(serverFilter({ ...NO_FILTERS, status: '', search: '   ' })).toEqual({});
  });

  it('reads a checkResults node as a result row, an account-level one included', () => {
    const row: CheckResult = toCheckResult(ACCOUNT_NODE);
    expect(row).toMatchObject({
      checkItemId: 'ram-root-mfa', title: 'Root user has MFA', product: 'RAM', standards: ['CIS_ALIBABA_2_0:1.2'],
      assetId: ACCOUNT_NODE.asset.id, accountId: '1357924680135792', region: null, resourceType: 'ALIYUN::RAM::Account', remediation: 'Bind an MFA device.',
    });
  });

  it('round-trips through the URL fragment and falls back to failed results', () => {
    const filters = { ...NO_FILTERS, severity: 'LOW', product: 'OSS', search: 'logs bucket' };
    expect(filtersFromHash(filtersToHash(filters))).toEqual(filters);
    expect(filtersFromHash('#/results')).toEqual(NO_FILTERS);
    expect(filtersFromHash('#/results?status=')).toEqual({ ...NO_FILTERS, status: '' });
  });
});
