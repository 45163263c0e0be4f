import {
  SENSITIVE, account, bucket, ecs, exposedWebServer, idOf, policy, rds, role, rule, securityGroup, statement, user, withUnknown,
} from '../factories/inventory.factory';
import { analyse, edgeOf, shape } from '../factories/attack-paths.harness';

const WEB = idOf('ecsInstance', 'i-web');

describe('data the import could not collect is unknown, never safe and never dropped', () => {
  it('unreadable security group rules on a public instance give an UNKNOWN CAN_REACH edge', () => {
    const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
    const group = withUnknown(securityGroup('sg-web', []), ['rules']);
    const { graph, of } = analyse([account(), group, ecs('i-web', { publicIp: '47.0.0.10', role: 'web-role' }), admin.asset, role('web-role', { policies: [admin.ref] })]);
    const edge = edgeOf(graph, 'CAN_REACH', 'internet', WEB);
    expect(edge).toMatchObject({ unknown: true, properties: { ports: 'unknown' } });
    expect(edge?.evidence).toContainEqual({ assetId: idOf('securityGroup', 'sg-web'), field: 'rules', value: 'unknown: Ecs:DescribeSecurityGroupAttribute failed (Forbidden.RAM)' });
    const [path] = of('EXPOSED_ECS_ROLE_TO_ADMIN');
    expect(path).toMatchObject({ unknown: true, riskLevel: 'SERIOUS' });
  });

  it('a security group missing from the inventory is unknown too', () => {
    const { graph } = analyse([ecs('i-web', { publicIp: '47.0.0.10', securityGroupIds: ['sg-gone'] })]);
    expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)?.unknown).toBe(true);
  });

  it('a known open port stays certain, but an unreadable second group makes the edge uncertain', () => {
    const { graph } = analyse([securityGroup('sg-web', [rule('0.0.0.0/0', 'tcp', '22/22')]), withUnknown(securityGroup('sg-extra', []), ['rules']), ecs('i-web', { publicIp: '47.0.0.10', securityGroupIds: ['sg-web', 'sg-extra'] })]);
    expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)).toMatchObject({ unknown: true, properties: { ports: 'tcp 22' } });
  });

  it('an unreadable instance role may be any role that trusts ECS', () => {
    const { graph } = analyse([...exposedWebServer({ role: null }).map((a) => (a.id === WEB ? withUnknown(a, ['ramRoleName'], 'Ecs:DescribeInstanceRamRole') : a)), role('ecs-role'), role('fc-role', { trust: null })]);
    expect(edgeOf(graph, 'OBTAINS_CREDENTIALS', WEB, idOf('ramRole', 'ecs-role'))?.unknown).toBe(true);
    expect(edgeOf(graph, 'OBTAINS_CREDENTIALS', WEB, idOf('ramRole', 'fc-role'))).toBeUndefined();
  });

  it('an unreadable policy document may grant anything: UNKNOWN ADMIN_OF', () => {
    const p = policy('mystery', [statement('Allow', 'ecs:Describe*', '*')]);
    const hidden = withUnknown({ ...p.asset, configuration: { ...p.asset.configuration, document: null } }, ['document'], 'Ram:GetPolicy');
    const { graph, of } = analyse([account(), hidden, user('dev', { accessKeys: [{}], policies: [p.ref] })]);
    expect(edgeOf(graph, 'ADMIN_OF', idOf('ramUser', 'dev'), idOf('account', '1234567890123456'))).toMatchObject({ unknown: true });
    expect(of('ACCESS_KEY_TO_CROWN_JEWEL')[0]).toMatchObject({ unknown: true });
  });

  it('an unreadable bucket ACL of a sensitive bucket is an UNKNOWN public-data path', () => {
    const FINANCE = idOf('bucket', 'finance');
    const { of, graph } = analyse([withUnknown(bucket('finance', { tags: SENSITIVE }), ['acl'], 'Oss:GetBucketAcl')]);
    expect(edgeOf(graph, 'CAN_READ', 'internet', FINANCE)?.unknown).toBe(true);
    expect(edgeOf(graph, 'CAN_WRITE', 'internet', FINANCE)?.unknown).toBe(true);
    // one path per (entry, target) and type: the shortest of the two
    expect(of('PUBLIC_DATA_STORE').map((p) => ({ ...shape(p), unknown: p.unknown }))).toEqual([
      { nodes: ['internet', FINANCE], edges: ['CAN_READ'], unknown: true },
    ]);
  });

  it('an unreadable database whitelist on a public endpoint is UNKNOWN exposure', () => {
    const db = withUnknown(rds('rm-hr', { publicConnection: true, tags: SENSITIVE }), ['whitelistGroups'], 'Rds:DescribeDBInstanceIPArrayList');
    const { graph } = analyse([db]);
    expect(edgeOf(graph, 'CAN_REACH', 'internet', idOf('rdsInstance', 'rm-hr'))?.unknown).toBe(true);
  });

  it('an account whose credential report could not be read may have an active root AccessKey (UNKNOWN AP07)', () => {
    const withoutReport = withUnknown({ ...account(), configuration: { ...account().configuration, credentialReport: null } }, ['credentialReport'], 'Ims:GetCredentialReport');
    const { of } = analyse([withoutReport]);
    const ACCOUNT_NODE = idOf('account', '1234567890123456');
    expect(of('ROOT_ACCESS_KEY').map((p) => ({ ...shape(p), unknown: p.unknown }))).toEqual([
      { nodes: [`${ACCOUNT_NODE}/accesskey/root-unknown`, ACCOUNT_NODE], edges: ['AUTHENTICATES_AS'], unknown: true },
    ]);
  });
});
