import type { Asset } from '@rampart/asset-model';
import { CHECK_CATALOGUE } from '../catalogue/check-catalogue.registry';
import { assetFixtures as f, FIXTURE_NOW } from '../testing/asset.fixtures';
import { CheckEvaluator } from './check-evaluator.engine';
import { InvalidCheckParamsError } from './invalid-check-params.error';
import { UnknownCheckItemError } from './unknown-check-item.error';

const now = Date.parse(FIXTURE_NOW);
const evaluator = new CheckEvaluator(CHECK_CATALOGUE);
const openSsh = f.securityGroup({ rules: [f.rule({ portFrom: 22, portTo: 22 })] });

describe('CheckEvaluator', () => {
  it('runs each item only on assets of its resource type', () => {
    const results = evaluator.evaluate([openSsh, f.bucket()], { now, checkItemIds: ['ecs-sg-open-ssh', 'oss-bucket-public-access'] });
    expect(results.map((r) => [r.checkItemId, r.assetId, r.status])).toEqual([
      ['ecs-sg-open-ssh', openSsh.id, 'FAIL'],
      ['oss-bucket-public-access', f.bucket().id, 'PASS'],
    ]);
  });

  it('gives every asset one result per catalogue item of its type', () => {
    const inventory: Asset[] = [f.account(), openSsh, f.ecsInstance(), f.bucket(), f.rdsInstance(), f.ackCluster(), f.securityCenter()];
    const results = evaluator.evaluate(inventory, { now });
    for (const asset of inventory) {
      const expected = CHECK_CATALOGUE.filter((i) => i.resourceType === asset.resourceType).map((i) => i.id).sort();
      expect(results.filter((r) => r.assetId === asset.id).map((r) => r.checkItemId).sort()).toEqual(expected);
    }
  });

  it('selects the items of a standard', () => {
    const ids = evaluator.select({ standard: 'CIS_ALIBABA_2_0' }).map((i) => i.id);
    expect(ids).toContain('ecs-sg-open-ssh');
    expect(ids).not.toContain('ecs-sg-open-redis');
  });

  it('rejects an unknown check item naming its position', () => {
    expect(() => evaluator.evaluate([], { checkItemIds: ['ecs-sg-open-ssh', 'nope'] })).toThrow(UnknownCheckItemError);
    try {
      evaluator.select({ checkItemIds: ['ecs-sg-open-ssh', 'nope'] });
    } catch (e) {
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'checkItemIds.1' } });
    }
  });

  it('applies per-item parameters (a custom SSH port) and validates them', () => {
    const sg = f.securityGroup({ rules: [f.rule({ portFrom: 2222, portTo: 2222 })] });
    const [result] = evaluator.evaluate([sg], { now, checkItemIds: ['ecs-sg-open-ssh'], params: { 'ecs-sg-open-ssh': { tcpPorts: [22, 2222] } } });
    expect(result).toMatchObject({ status: 'FAIL', evidence: { exposures: [{ port: 2222 }] } });
    expect(() => evaluator.evaluate([sg], { params: { 'ecs-sg-open-ssh': { tcpPorts: 'all' } } })).toThrow(InvalidCheckParamsError);
  });

  it('evaluates only the targeted assets but keeps the whole inventory as context', () => {
    const vm = f.ecsInstance({ publicIpAddresses: ['47.1.2.3'] });
    const results = evaluator.evaluate([vm, openSsh], { now, assetIds: [vm.id], checkItemIds: ['ecs-instance-public-high-risk-port', 'ecs-sg-open-ssh'] });
    expect(results).toEqual([expect.objectContaining({ assetId: vm.id, status: 'FAIL' })]);
  });

  it('turns a check that throws on malformed data into ERROR, never PASS', () => {
    const broken = { ...openSsh, configuration: { ...openSsh.configuration, rules: null } } as unknown as Asset;
    const [result] = evaluator.evaluate([broken], { now, checkItemIds: ['ecs-sg-open-ssh'] });
    expect(result).toMatchObject({ status: 'ERROR', reason: expect.stringMatching(/^evaluation failed/) });
  });

  it('reports NOT_APPLICABLE before ERROR when applicability is known, and ERROR when it is not', () => {
    const stopped = f.withUnknown(f.ecsInstance({ status: 'Stopped', ramRoleName: 'r' }), ['ramRoleName'], 'Ecs:DescribeInstanceRamRole');
    const statusUnknown = f.withUnknown(f.ecsInstance({ instanceId: 'i-2' }), ['status'], 'Ecs:DescribeInstanceStatus');
    const results = evaluator.evaluate([stopped, statusUnknown], { now, checkItemIds: ['ecs-instance-public-privileged-role'] });
    expect(results.map((r) => r.status)).toEqual(['NOT_APPLICABLE', 'ERROR']);
    expect(results[1].evidence).toMatchObject({ unknown: { source: 'Ecs:DescribeInstanceStatus', fields: ['status'] } });
  });

  it('streams results and counts them by status', () => {
    const seen: string[] = [];
    const summary = evaluator.run([openSsh, f.ecsInstance({ status: 'Stopped' })], { now, checkItemIds: ['ecs-sg-open-ssh', 'ecs-sg-open-rdp', 'ecs-instance-security-agent'] }, (r) => seen.push(r.status));
    expect(summary).toEqual({ evaluations: 3, byStatus: { PASS: 1, FAIL: 1, ERROR: 0, NOT_APPLICABLE: 1 } });
    expect(seen).toHaveLength(3);
  });

  it('verifies given (item, asset) pairs and skips assets that are gone', () => {
    const results = evaluator.verify([openSsh], [{ checkItemId: 'ecs-sg-open-ssh', assetId: openSsh.id }, { checkItemId: 'ecs-sg-open-ssh', assetId: 'gone' }], { now });
    expect(results).toEqual([expect.objectContaining({ checkItemId: 'ecs-sg-open-ssh', status: 'FAIL' })]);
  });

  it('measures ages against the scan time, so a scan is reproducible', () => {
    const user = f.ramUser({ lastLoginDate: '2026-09-01T00:00:00Z' });
    const at = (iso: string) => evaluator.evaluate([user], { now: new Date(iso), checkItemIds: ['ram-user-console-unused'] })[0].status;
    expect(at('2026-10-01T00:00:00Z')).toBe('PASS');
    expect(at('2027-01-01T00:00:00Z')).toBe('FAIL');
  });
});
