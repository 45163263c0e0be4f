import { CHECK_CATALOGUE } from '../catalogue/check-catalogue.registry';
import { InvalidCheckParamsError } from '../engine/invalid-check-params.error';
import { UnknownCheckItemError } from '../engine/unknown-check-item.error';
import { assetFixtures as f, FIXTURE_NOW } from '../testing/asset.fixtures';
import { FixPlanner } from './fix.planner';

const planner = new FixPlanner(CHECK_CATALOGUE);
const now = Date.parse(FIXTURE_NOW);

describe('FixPlanner', () => {
  it('revokes an Accept rule that covers only the port and re-authorizes the same rule on rollback', () => {
    const sg = f.securityGroup({ rules: [f.rule({ portFrom: 22, portTo: 22, priority: 10, description: 'admin' })] });
    const outcome = planner.plan([sg], { checkItemId: 'ecs-sg-open-ssh', assetId: sg.id, now });
    if (!outcome.ok) throw new Error(outcome.reason);
    const permission = { Policy: 'accept', Priority: '10', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', NicType: 'intranet', Description: 'admin' };
    expect(outcome.plan.writes).toEqual([{ product: 'Ecs', action: 'RevokeSecurityGroup', region: 'cn-hangzhou', params: { RegionId: 'cn-hangzhou', SecurityGroupId: 'sg-1', Permissions: [permission] } }]);
    expect(outcome.plan.rollback).toEqual([{ product: 'Ecs', action: 'AuthorizeSecurityGroup', region: 'cn-hangzhou', params: { RegionId: 'cn-hangzhou', SecurityGroupId: 'sg-1', Permissions: [permission] } }]);
    expect(outcome.plan.capture[0]).toMatchObject({ call: { action: 'DescribeSecurityGroupAttribute' }, fields: ['rules'] });
  });

  it('keeps a wide Accept rule and puts a Drop for the port in front of it', () => {
    const sg = f.securityGroup({ rules: [f.rule({ portFrom: 1, portTo: 65535, priority: 1 })] });
    const outcome = planner.plan([sg], { checkItemId: 'ecs-sg-open-ssh', assetId: sg.id, now });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan.writes).toEqual([expect.objectContaining({ action: 'AuthorizeSecurityGroup', params: expect.objectContaining({ Permissions: [expect.objectContaining({ Policy: 'drop', Priority: '1', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0' })] }) })]);
    expect(outcome.plan.rollback).toEqual([expect.objectContaining({ action: 'RevokeSecurityGroup', params: outcome.plan.writes[0].params })]);
  });

  it('refuses when a Drop at the chosen priority could not win', () => {
    const sg = f.securityGroup({ rules: [f.rule({ portFrom: 1, portTo: 65535, priority: 1 })] });
    const outcome = planner.plan([sg], { checkItemId: 'ecs-sg-open-ssh', assetId: sg.id, fixParams: { dropPriority: 5 }, now });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/cannot close tcp\/22/) });
  });

  it('rolls back a created resource through the id the create call returns', () => {
    const vpc = f.vpc({ flowLogs: [] });
    const outcome = planner.plan([vpc], { checkItemId: 'vpc-flow-log-enabled', assetId: vpc.id, fixParams: { projectName: 'p', logStoreName: 'l' }, now });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan.rollback[0].params.FlowLogId).toEqual({ $output: { write: 0, path: 'FlowLogId' } });
  });

  it('plans nothing for an asset that passes, an item without a fix, or an asset that is gone', () => {
    const sg = f.securityGroup();
    expect(planner.plan([sg], { checkItemId: 'ecs-sg-open-ssh', assetId: sg.id, now })).toEqual({ ok: false, reason: expect.stringMatching(/^nothing to fix: the check is PASS/) });
    expect(planner.plan([f.ramUser({ mfaDevice: null })], { checkItemId: 'ram-user-console-mfa', assetId: f.ramUser().id, now })).toEqual({ ok: false, reason: 'ram-user-console-mfa has no automatic fix' });
    expect(planner.plan([], { checkItemId: 'ecs-sg-open-ssh', assetId: sg.id, now })).toMatchObject({ ok: false });
  });

  it('refuses to plan on unknown data (ERROR is not FAIL)', () => {
    const sg = f.withUnknown(f.securityGroup(), ['rules'], 'Ecs:DescribeSecurityGroupAttribute');
    expect(planner.plan([sg], { checkItemId: 'ecs-sg-open-ssh', assetId: sg.id, now })).toMatchObject({ ok: false, reason: expect.stringMatching(/ERROR/) });
  });

  it('validates fix parameters and check item ids', () => {
    const sg = f.securityGroup({ rules: [f.rule({ portFrom: 22, portTo: 22 })] });
    expect(() => planner.plan([sg], { checkItemId: 'ecs-sg-open-ssh', assetId: sg.id, fixParams: { dropPriority: 0 }, now })).toThrow(InvalidCheckParamsError);
    expect(() => planner.plan([sg], { checkItemId: 'nope', assetId: sg.id, now })).toThrow(UnknownCheckItemError);
  });
});
