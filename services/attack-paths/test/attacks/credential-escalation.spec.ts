import {
  SENSITIVE, account, bucket, ecs, group, idOf, policy, role, securityGroup, statement, trustAccount, trustService, user,
} from '../factories/inventory.factory';
import { analyse, edgeOf, shape } from '../factories/attack-paths.harness';

const ACCOUNT_NODE = idOf('account', '1234567890123456');
const DEV = idOf('ramUser', 'dev');
const DEV_KEY = `${DEV}/accesskey/LTAIdev0`;
const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');

describe('stolen credentials and RAM privilege escalation', () => {
  it('AP06: an active AccessKey of a user allowed to read a confidential bucket', () => {
    const read = policy('read-finance', [statement('Allow', 'oss:GetObject', 'acs:oss:*:*:finance/*')]);
    const { of } = analyse([read.asset, user('dev', { accessKeys: [{}], policies: [read.ref] }), bucket('finance', { tags: SENSITIVE })]);
    const [path] = of('ACCESS_KEY_TO_CROWN_JEWEL');
    expect(shape(path)).toEqual({ nodes: [DEV_KEY, DEV, idOf('bucket', 'finance')], edges: ['AUTHENTICATES_AS', 'CAN_READ'] });
    expect(path.edges[0].evidence).toEqual([{ assetId: DEV, field: 'accessKeys[0]', value: 'LTAIdev0 Active' }]);
    expect(path.riskLevel).toBe('SUSPICIOUS');
  });

  it('AP06 is serious when the key was never used (a forgotten key is a leaked key waiting to happen)', () => {
    const read = policy('read-finance', [statement('Allow', 'oss:GetObject', 'acs:oss:*:*:finance/*')]);
    const { of } = analyse([read.asset, user('dev', { accessKeys: [{ lastUsedDate: null }], policies: [read.ref] }), bucket('finance', { tags: SENSITIVE })]);
    expect(of('ACCESS_KEY_TO_CROWN_JEWEL')[0].riskLevel).toBe('SERIOUS');
  });

  it('AP06 through a group: the user inherits AdministratorAccess from its group', () => {
    const { of } = analyse([account(), admin.asset, group('admins', [admin.ref]), user('dev', { accessKeys: [{}], groups: ['admins'] })]);
    const [path] = of('ACCESS_KEY_TO_CROWN_JEWEL');
    expect(shape(path)).toEqual({ nodes: [DEV_KEY, DEV, ACCOUNT_NODE], edges: ['AUTHENTICATES_AS', 'ADMIN_OF'] });
    expect(path.edges[1].evidence).toEqual([
      { assetId: admin.asset.id, field: 'document.Statement[0]', value: 'Allow * on *' },
      { assetId: DEV, field: 'groups[0]', value: 'admins' },
      { assetId: idOf('ramGroup', 'admins'), field: 'attachedPolicies[0]', value: 'AdministratorAccess' },
    ]);
  });

  it('AP06 near miss: an inactive AccessKey is no entry', () => {
    const { of } = analyse([account(), admin.asset, user('dev', { accessKeys: [{ status: 'Inactive' }], policies: [admin.ref] })]);
    expect(of('ACCESS_KEY_TO_CROWN_JEWEL')).toEqual([]);
  });

  it('AP07: an active root AccessKey is the account', () => {
    const { of } = analyse([account({ rootAccessKeys: [{ active: true, lastUsed: '2026-01-01T00:00:00Z' }, { active: false }] })]);
    expect(of('ROOT_ACCESS_KEY').map(shape)).toEqual([{ nodes: [`${ACCOUNT_NODE}/accesskey/root-0`, ACCOUNT_NODE], edges: ['AUTHENTICATES_AS'] }]);
  });

  it('AP08: a helpdesk user allowed ram:UpdateLoginProfile takes over an admin user’s console login', () => {
    const helpdesk = policy('helpdesk', [statement('Allow', ['ram:UpdateLoginProfile', 'ram:Get*'], 'acs:ram:*:*:user/*')]);
    const { of } = analyse([account(), admin.asset, helpdesk.asset, user('helpdesk', { accessKeys: [{}], policies: [helpdesk.ref] }), user('boss', { policies: [admin.ref] })]);
    const [path] = of('LOGIN_PROFILE_TAKEOVER');
    expect(shape(path)).toEqual({
      nodes: [`${idOf('ramUser', 'helpdesk')}/accesskey/LTAIhelpdesk0`, idOf('ramUser', 'helpdesk'), idOf('ramUser', 'boss'), ACCOUNT_NODE],
      edges: ['AUTHENTICATES_AS', 'CAN_SET_LOGIN', 'ADMIN_OF'],
    });
    expect(path.riskLevel).toBe('SERIOUS');
  });

  it('AP09: a user allowed ram:CreateAccessKey mints a key for an admin user', () => {
    const keys = policy('key-admin', [statement('Allow', 'ram:createaccesskey', 'acs:ram:*:1234567890123456:user/b?ss')]);
    const { of } = analyse([account(), admin.asset, keys.asset, user('dev', { accessKeys: [{}], policies: [keys.ref] }), user('boss', { policies: [admin.ref] })]);
    expect(shape(of('ACCESS_KEY_MINTING')[0])).toEqual({
      nodes: [DEV_KEY, DEV, idOf('ramUser', 'boss'), ACCOUNT_NODE], edges: ['AUTHENTICATES_AS', 'CAN_CREATE_AK', 'ADMIN_OF'],
    });
  });

  it('AP09 near miss: NotAction excludes the key API', () => {
    const keys = policy('almost-all', [{ Effect: 'Allow', NotAction: ['ram:*AccessKey*', 'ram:*Policy*', 'ram:*LoginProfile', 'sts:*', 'ram:UpdateRole'], Resource: 'acs:ram:*:*:user/*' }]);
    const { of, graph } = analyse([account(), admin.asset, keys.asset, user('dev', { accessKeys: [{}], policies: [keys.ref] }), user('boss', { policies: [admin.ref] })]);
    expect(edgeOf(graph, 'CAN_CREATE_AK', DEV, idOf('ramUser', 'boss'))).toBeUndefined();
    expect(of('ACCESS_KEY_MINTING')).toEqual([]);
  });

  it('AP10: a user allowed ram:AttachPolicyToUser on itself makes itself admin', () => {
    const self = policy('self-service', [statement('Allow', 'ram:AttachPolicyTo*', 'acs:ram:*:*:user/dev')]);
    const { of } = analyse([account(), self.asset, user('dev', { accessKeys: [{}], policies: [self.ref] })]);
    const [path] = of('POLICY_SELF_ESCALATION');
    expect(shape(path)).toEqual({ nodes: [DEV_KEY, DEV, ACCOUNT_NODE], edges: ['AUTHENTICATES_AS', 'CAN_ATTACH_POLICY'] });
    expect(path.edges[1].reason).toContain('attach any policy to itself');
  });

  it('AP10: a role allowed ram:CreatePolicyVersion on its own custom policy rewrites it', () => {
    const own = policy('app-policy', [statement('Allow', 'ram:CreatePolicyVersion', 'acs:ram:*:*:policy/app-policy')]);
    const { of } = analyse([
      account(), own.asset, role('app-role', { policies: [own.ref] }),
      securityGroup('sg-web', []), ecs('i-app', { role: 'app-role' }),
    ], { findings: [{ checkItemId: 'ecs-vuln', assetId: idOf('ecsInstance', 'i-app'), status: 'FAIL', severity: 'HIGH' }] });
    expect(shape(of('POLICY_SELF_ESCALATION')[0])).toEqual({
      nodes: [idOf('ecsInstance', 'i-app'), idOf('ramRole', 'app-role'), ACCOUNT_NODE], edges: ['OBTAINS_CREDENTIALS', 'CAN_ATTACH_POLICY'],
    });
  });

  it('AP11: PassRole of an admin role that trusts ECS to an instance the user controls', () => {
    const launcher = policy('launcher', [statement('Allow', ['ecs:AttachInstanceRamRole', 'ecs:Describe*'], '*'), statement('Allow', 'ram:PassRole', 'acs:ram:*:*:role/*')]);
    const { of } = analyse([account(), admin.asset, launcher.asset, user('dev', { accessKeys: [{}], policies: [launcher.ref] }), role('ecs-admin', { trust: trustService(), policies: [admin.ref] })]);
    expect(shape(of('PASS_ROLE_TO_ECS')[0])).toEqual({
      nodes: [DEV_KEY, DEV, idOf('ramRole', 'ecs-admin'), ACCOUNT_NODE], edges: ['AUTHENTICATES_AS', 'CAN_PASS_ROLE_TO_ECS', 'ADMIN_OF'],
    });
  });

  it('AP11 near miss: the admin role does not trust ECS', () => {
    const launcher = policy('launcher', [statement('Allow', ['ecs:AttachInstanceRamRole'], '*'), statement('Allow', 'ram:PassRole', '*')]);
    const { of } = analyse([account(), admin.asset, launcher.asset, user('dev', { accessKeys: [{}], policies: [launcher.ref] }), role('ops-admin', { trust: trustService('fc.aliyuncs.com'), policies: [admin.ref] })]);
    expect(of('PASS_ROLE_TO_ECS')).toEqual([]);
  });

  it('AP12: Cloud Assistant RunCommand on a running instance yields its role', () => {
    const ops = policy('ops', [statement('Allow', 'ecs:RunCommand', 'acs:ecs:*:*:instance/*')]);
    const { of } = analyse([ops.asset, user('dev', { accessKeys: [{}], policies: [ops.ref] }), securityGroup('sg-web', []), ecs('i-db', { role: 'db-role' }), role('db-role')]);
    expect(shape(of('RUN_COMMAND_TO_INSTANCE_ROLE')[0])).toEqual({
      nodes: [DEV_KEY, DEV, idOf('ecsInstance', 'i-db'), idOf('ramRole', 'db-role')], edges: ['AUTHENTICATES_AS', 'CAN_RUN_COMMAND', 'OBTAINS_CREDENTIALS'],
    });
  });

  it('AP12 near miss: a stopped instance runs no commands', () => {
    const ops = policy('ops', [statement('Allow', 'ecs:RunCommand', '*')]);
    const { of } = analyse([ops.asset, user('dev', { accessKeys: [{}], policies: [ops.ref] }), securityGroup('sg-web', []), ecs('i-db', { role: 'db-role', status: 'Stopped' }), role('db-role')]);
    expect(of('RUN_COMMAND_TO_INSTANCE_ROLE')).toEqual([]);
  });

  it('AP13: a foreign account trusted by an admin role', () => {
    const { of, graph } = analyse([account(), admin.asset, role('vendor-admin', { trust: trustAccount('999999999999'), policies: [admin.ref] })]);
    const [path] = of('ROLE_CHAIN_TO_ADMIN');
    expect(shape(path)).toEqual({ nodes: ['external-account:999999999999', idOf('ramRole', 'vendor-admin')], edges: ['CAN_ASSUME'] });
    expect(path.riskLevel).toBe('SERIOUS');
    expect(graph.nodes.find((n) => n.id === 'external-account:999999999999')).toMatchObject({ kind: 'ExternalAccount', entry: true });
  });

  it('AP13: a user chains two role assumptions to an admin role', () => {
    const assume = policy('assume', [statement('Allow', 'sts:AssumeRole', '*')]);
    const { of } = analyse([
      account(), admin.asset, assume.asset, user('dev', { accessKeys: [{}], policies: [assume.ref] }),
      role('hop', { trust: trustAccount(), policies: [assume.ref] }),
      role('prod-admin', { trust: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1234567890123456:role/hop'] } }] }, policies: [admin.ref] }),
    ]);
    expect(shape(of('ROLE_CHAIN_TO_ADMIN')[0])).toEqual({
      nodes: [DEV_KEY, DEV, idOf('ramRole', 'hop'), idOf('ramRole', 'prod-admin')], edges: ['AUTHENTICATES_AS', 'CAN_ASSUME', 'CAN_ASSUME'],
    });
    expect(of('ROLE_CHAIN_TO_ADMIN')[0].riskLevel).toBe('SUSPICIOUS');
  });

  it('AP13 near miss: the trust policy denies the user even though the account is trusted', () => {
    const assume = policy('assume', [statement('Allow', 'sts:AssumeRole', '*')]);
    const trust = { Statement: [
      { Effect: 'Allow' as const, Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1234567890123456:root'] } },
      { Effect: 'Deny' as const, Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1234567890123456:user/dev'] } },
    ] };
    const { of } = analyse([account(), admin.asset, assume.asset, user('dev', { accessKeys: [{}], policies: [assume.ref] }), role('prod-admin', { trust, policies: [admin.ref] })]);
    expect(of('ROLE_CHAIN_TO_ADMIN')).toEqual([]);
  });

  it('AP13 near miss: trusted by the account but the user lacks sts:AssumeRole', () => {
    const { of } = analyse([account(), admin.asset, user('dev', { accessKeys: [{}] }), role('prod-admin', { trust: trustAccount(), policies: [admin.ref] })]);
    expect(of('ROLE_CHAIN_TO_ADMIN')).toEqual([]);
  });

  it('CAN_UPDATE_TRUST: a user allowed ram:UpdateRole rewrites a role that does not trust it yet', () => {
    const edit = policy('edit-roles', [statement('Allow', ['ram:UpdateRole', 'sts:AssumeRole'], 'acs:ram:*:*:role/*')]);
    const { of } = analyse([account(), admin.asset, edit.asset, user('dev', { accessKeys: [{}], policies: [edit.ref] }), role('prod-admin', { trust: trustService('fc.aliyuncs.com'), policies: [admin.ref] })]);
    expect(shape(of('ACCESS_KEY_TO_CROWN_JEWEL')[0])).toEqual({
      nodes: [DEV_KEY, DEV, idOf('ramRole', 'prod-admin'), ACCOUNT_NODE], edges: ['AUTHENTICATES_AS', 'CAN_UPDATE_TRUST', 'ADMIN_OF'],
    });
  });
});
