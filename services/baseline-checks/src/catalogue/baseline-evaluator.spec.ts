import { collected, failed, unavailable, type HostFacts } from '@rampart/host-facts';
import { defineItem } from './baseline-check-item';
import { evaluateHost } from './baseline-evaluator';
import { fullCataloguePolicy, validateBaselinePolicy, type BaselinePolicy } from './baseline-policy';
import { hardenedHostFacts } from './hardened-host.fixture';

const status = (facts: HostFacts, policy: BaselinePolicy, id: string) => evaluateHost(facts, policy).results.find((r) => r.itemId === id);

describe('evaluating a host', () => {
  const policy = validateBaselinePolicy({ checkItemIds: ['SSH-01', 'NET-02', 'KRN-01', 'SVC-03', 'PWD-01', 'AUD-01'] });

  it('marks host-level items not applicable inside a container, with the reason', () => {
    const facts: HostFacts = { ...hardenedHostFacts(), container: collected({ inContainer: true, runtime: 'docker', evidence: ['/.dockerenv exists'] }) };
    expect(status(facts, policy, 'NET-02')).toEqual({ itemId: 'NET-02', status: 'NOT_APPLICABLE', reason: 'runs inside a docker container: host-level setting', evidence: [] });
    expect(status(facts, policy, 'SSH-01')?.status).toBe('PASS');
  });

  it('asks for a manual check when a fact only exists on a live host, and errors when collection failed', () => {
    const facts: HostFacts = { ...hardenedHostFacts(), listeners: unavailable('listening sockets exist only on a live host'), weakPasswords: failed('no usable libcrypt') };
    expect(status(facts, policy, 'SVC-03')).toEqual(expect.objectContaining({ status: 'MANUAL' }));
    expect(status(facts, policy, 'PWD-01')).toEqual(expect.objectContaining({ status: 'ERROR', reason: 'weakPasswords collection failed: no usable libcrypt' }));
  });

  it('turns a predicate that throws into ERROR instead of failing the scan', () => {
    const broken = defineItem({
      id: 'X-1',
      title: 'broken',
      severity: 'LOW',
      category: 'kernel',
      standards: [{ standard: 'CIS_DEBIAN_12', controlId: '1.1' }],
      containerSpecific: false,
      notApplicableInContainer: false,
      remediation: 'none at all here',
      params: {},
      evaluate: () => {
        throw new Error('boom');
      },
    });
    const result = evaluateHost(hardenedHostFacts(), { name: 'x', items: [{ item: broken, params: {} }] });
    expect(result.results[0]).toEqual(expect.objectContaining({ status: 'ERROR', reason: 'evaluation failed: boom' }));
    expect(result.scores).toEqual([{ standard: 'CIS_DEBIAN_12', passed: 0, failed: 0, errors: 1, manual: 0, notApplicable: 0, score: 0 }]);
  });

  it('scores each standard without not-applicable and manual items', () => {
    const facts: HostFacts = { ...hardenedHostFacts(), container: collected({ inContainer: true, runtime: 'docker', evidence: [] }), listeners: unavailable('offline') };
    const { scores } = evaluateHost(facts, policy);
    // in a container NET-02, KRN-01 and AUD-01 are not applicable; SVC-03 needs a manual check; SSH-01 passes
    expect(scores.find((s) => s.standard === 'CIS_DEBIAN_12')).toEqual({ standard: 'CIS_DEBIAN_12', passed: 1, failed: 0, errors: 0, manual: 1, notApplicable: 3, score: 100 });
    expect(scores.find((s) => s.standard === 'WEAK_PASSWORD')).toEqual({ standard: 'WEAK_PASSWORD', passed: 1, failed: 0, errors: 0, manual: 0, notApplicable: 0, score: 100 });
  });

  it('scores a failing item against the host', () => {
    const facts = hardenedHostFacts();
    const ssh = facts.ssh.status === 'collected' ? facts.ssh.value : null;
    const weakened: HostFacts = { ...facts, ssh: collected({ ...(ssh as NonNullable<typeof ssh>), settings: { ...ssh?.settings, permitrootlogin: ['yes'] } }) };
    const cis = evaluateHost(weakened, fullCataloguePolicy()).scores.find((s) => s.standard === 'CIS_DEBIAN_12');
    expect(cis?.failed).toBe(1);
    expect(cis?.score).toBeLessThan(100);
  });
});
