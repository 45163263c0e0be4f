import { EXIT_FINDINGS, EXIT_OK, EXIT_UNVERIFIED, exitCodeFor } from './ci-exit-code.calculator';

describe('exitCodeFor', () => {
  const high = 'ecs-sg-open-ssh';
  const medium = 'oss-bucket-logging';
  const low = 'ram-user-direct-policy';

  it('returns 1 when a failure is at or above the threshold', () => {
    expect(exitCodeFor([{ checkItemId: medium, status: 'FAIL' }], 'MEDIUM')).toBe(EXIT_FINDINGS);
    expect(exitCodeFor([{ checkItemId: high, status: 'FAIL' }], 'LOW')).toBe(EXIT_FINDINGS);
  });

  it('ignores failures below the threshold', () => {
    expect(exitCodeFor([{ checkItemId: low, status: 'FAIL' }, { checkItemId: medium, status: 'FAIL' }], 'HIGH')).toBe(EXIT_OK);
  });

  it('returns 2 when nothing failed but a result at the threshold could not be evaluated, unless told not to', () => {
    const results = [{ checkItemId: high, status: 'ERROR' as const }, { checkItemId: high, status: 'PASS' as const }];
    expect(exitCodeFor(results, 'HIGH')).toBe(EXIT_UNVERIFIED);
    expect(exitCodeFor(results, 'HIGH', { failOnError: false })).toBe(EXIT_OK);
  });

  it('prefers 1 over 2 and never blocks on PASS, NOT_APPLICABLE or WHITELISTED', () => {
    expect(exitCodeFor([{ checkItemId: high, status: 'ERROR' }, { checkItemId: high, status: 'FAIL' }], 'LOW')).toBe(EXIT_FINDINGS);
    expect(exitCodeFor([{ checkItemId: high, status: 'WHITELISTED' }, { checkItemId: high, status: 'NOT_APPLICABLE' }, { checkItemId: high, status: 'PASS' }], 'LOW')).toBe(EXIT_OK);
  });

  it('treats an item it cannot rank as HIGH rather than letting it through', () => {
    expect(exitCodeFor([{ checkItemId: 'custom-item', status: 'FAIL' }], 'HIGH')).toBe(EXIT_FINDINGS);
  });
});
