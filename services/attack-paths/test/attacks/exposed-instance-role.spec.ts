import {
  SENSITIVE, bucket, ecs, eip, exposedWebServer, idOf, policy, rds, role, rule, securityGroup, statement, account,
} from '../factories/inventory.factory';
import { analyse, edgeOf, shape } from '../factories/attack-paths.harness';

const WEB = idOf('ecsInstance', 'i-web');
const ROLE = idOf('ramRole', 'web-role');
const ACCOUNT_NODE = idOf('account', '1234567890123456');

describe('an internet-exposed instance whose RAM role leads to the crown jewels', () => {
  it('AP01: SSH open to the world on an instance whose role holds AdministratorAccess reaches the account', () => {
    const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
    const { of, graph } = analyse([account(), ...exposedWebServer(), admin.asset, role('web-role', { policies: [admin.ref] })]);

    const [path] = of('EXPOSED_ECS_ROLE_TO_ADMIN');
    expect(shape(path)).toEqual({
      nodes: ['internet', WEB, ROLE, ACCOUNT_NODE],
      edges: ['CAN_REACH', 'OBTAINS_CREDENTIALS', 'ADMIN_OF'],
    });
    expect(path).toMatchObject({ apId: 'AP01', riskLevel: 'SERIOUS', unknown: false });
    expect(path.edges[0].evidence).toEqual([
      { assetId: WEB, field: 'publicIpAddresses[0]', value: '47.0.0.10' },
      { assetId: idOf('securityGroup', 'sg-web'), field: 'rules[0]', value: '0.0.0.0/0 tcp 22/22 accept prio 1' },
    ]);
    expect(path.edges[1].evidence).toEqual([{ assetId: WEB, field: 'ramRoleName', value: 'web-role' }]);
    expect(path.edges[2].evidence[0]).toEqual({ assetId: admin.asset.id, field: 'document.Statement[0]', value: 'Allow * on *' });
    expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)?.properties).toEqual({ ports: 'tcp 22' });
  });

  it('AP02: an instance role allowed oss:GetObject on a confidential bucket exposes its data', () => {
    const read = policy('read-customer-data', [statement('Allow', ['oss:GetObject', 'oss:ListObjects'], 'acs:oss:*:*:customer-data/*')]);
    const { of } = analyse([...exposedWebServer(), read.asset, role('web-role', { policies: [read.ref] }), bucket('customer-data', { tags: SENSITIVE })]);

    const [path] = of('EXPOSED_ECS_ROLE_TO_OSS');
    expect(shape(path)).toEqual({
      nodes: ['internet', WEB, ROLE, idOf('bucket', 'customer-data')],
      edges: ['CAN_REACH', 'OBTAINS_CREDENTIALS', 'CAN_READ'],
    });
    expect(path.edges[2].evidence).toEqual([
      { assetId: read.asset.id, field: 'document.Statement[0]', value: 'Allow oss:GetObject,oss:ListObjects on acs:oss:*:*:customer-data/*' },
      { assetId: ROLE, field: 'attachedPolicies[0]', value: 'read-customer-data' },
    ]);
  });

  it('AP03: an instance role allowed rds:Modify* can open the database to itself', () => {
    const dba = policy('dba', [statement('Allow', 'rds:Modify*', 'acs:rds:*:*:dbinstance/*')]);
    const { of } = analyse([...exposedWebServer(), dba.asset, role('web-role', { policies: [dba.ref] }), rds('rm-orders', { tags: SENSITIVE })]);

    const [path] = of('EXPOSED_ECS_ROLE_TO_DATABASE_CONTROL');
    expect(shape(path)).toEqual({
      nodes: ['internet', WEB, ROLE, idOf('rdsInstance', 'rm-orders')],
      edges: ['CAN_REACH', 'OBTAINS_CREDENTIALS', 'CAN_MANAGE'],
    });
    expect(path.riskLevel).toBe('SERIOUS');
  });

  it('AP01 through a role chain: the instance role may assume an admin role of the same account', () => {
    const assume = policy('assume-any', [statement('Allow', 'sts:AssumeRole', 'acs:ram:*:*:role/*')]);
    const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
    const { of } = analyse([
      account(), ...exposedWebServer(), assume.asset, admin.asset,
      role('web-role', { policies: [assume.ref] }),
      role('ops-admin', { trust: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1234567890123456:root'] } }] }, policies: [admin.ref] }),
    ]);
    expect(shape(of('EXPOSED_ECS_ROLE_TO_ADMIN')[0])).toEqual({
      nodes: ['internet', WEB, ROLE, idOf('ramRole', 'ops-admin'), ACCOUNT_NODE],
      edges: ['CAN_REACH', 'OBTAINS_CREDENTIALS', 'CAN_ASSUME', 'ADMIN_OF'],
    });
  });

  describe('near misses', () => {
    const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
    const adminRole = [admin.asset, role('web-role', { policies: [admin.ref] }), account()];

    it('a world-open SSH rule shadowed by a higher-priority drop exposes nothing', () => {
      const { paths, graph } = analyse([...exposedWebServer({ rules: [rule('0.0.0.0/0', 'tcp', '22/22', 'accept', 10), rule('0.0.0.0/0', 'tcp', '1/65535', 'drop', 1)] }), ...adminRole]);
      expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)).toBeUndefined();
      expect(paths.filter((p) => p.entryId === 'internet')).toEqual([]);
    });

    it('at equal priority the drop wins over the accept', () => {
      const { graph } = analyse([...exposedWebServer({ rules: [rule('0.0.0.0/0', 'tcp', '22/22', 'accept', 5), rule('0.0.0.0/0', 'all', '-1/-1', 'drop', 5)] }), ...adminRole]);
      expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)).toBeUndefined();
    });

    it('a drop of a narrower source does not shadow the world accept', () => {
      const { graph } = analyse([...exposedWebServer({ rules: [rule('0.0.0.0/0', 'tcp', '22/22', 'accept', 10), rule('1.2.3.0/24', 'tcp', '22/22', 'drop', 1)] }), ...adminRole]);
      expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)?.properties).toEqual({ ports: 'tcp 22' });
    });

    it('a stopped instance is not reachable', () => {
      const { of } = analyse([...exposedWebServer({ status: 'Stopped' }), ...adminRole]);
      expect(of('EXPOSED_ECS_ROLE_TO_ADMIN')).toEqual([]);
    });

    it('an instance without a public address is not reachable', () => {
      const { of } = analyse([securityGroup('sg-web', [rule('0.0.0.0/0', 'tcp', '22/22')]), ecs('i-web', { role: 'web-role' }), ...adminRole]);
      expect(of('EXPOSED_ECS_ROLE_TO_ADMIN')).toEqual([]);
    });

    it('a role whose policy denies the bucket cannot read it', () => {
      const read = policy('read-all-but', [
        statement('Allow', 'oss:*', '*'),
        statement('Deny', 'oss:GetObject', 'acs:oss:*:*:customer-data/*'),
        statement('Deny', 'oss:PutObject', 'acs:oss:*:*:customer-data*'),
      ]);
      const { of, graph } = analyse([...exposedWebServer(), read.asset, role('web-role', { policies: [read.ref] }), bucket('customer-data', { tags: SENSITIVE })]);
      expect(of('EXPOSED_ECS_ROLE_TO_OSS')).toEqual([]);
      expect(edgeOf(graph, 'CAN_READ', ROLE, idOf('bucket', 'customer-data'))).toBeUndefined();
    });

    it('a deny on one prefix still leaves the rest of the bucket readable', () => {
      const read = policy('read-most', [statement('Allow', 'oss:GetObject', 'acs:oss:*:*:customer-data/*'), statement('Deny', 'oss:GetObject', 'acs:oss:*:*:customer-data/secret/*')]);
      const { of } = analyse([...exposedWebServer(), read.asset, role('web-role', { policies: [read.ref] }), bucket('customer-data', { tags: SENSITIVE })]);
      expect(of('EXPOSED_ECS_ROLE_TO_OSS')).toHaveLength(1);
    });

    it('a bucket that is not sensitive is no AP02 target', () => {
      const read = policy('read', [statement('Allow', 'oss:GetObject', '*')]);
      const { of } = analyse([...exposedWebServer(), read.asset, role('web-role', { policies: [read.ref] }), bucket('static-assets')]);
      expect(of('EXPOSED_ECS_ROLE_TO_OSS')).toEqual([]);
    });
  });

  describe('what counts as open to the internet', () => {
    const cases: Array<[string, ReturnType<typeof rule>[], string]> = [
      ['IPv6 ::/0', [rule('::/0', 'tcp', '3389/3389')], 'tcp 3389'],
      ['protocol all with -1/-1', [rule('0.0.0.0/0', 'all', '-1/-1')], 'tcp all; udp all'],
      ['a port range minus a higher-priority drop in its middle', [rule('0.0.0.0/0', 'tcp', '20/30', 'accept', 10), rule('0.0.0.0/0', 'tcp', '22/22', 'drop', 1)], 'tcp 20-21,23-30'],
    ];
    it.each(cases)('%s', (_name, rules, ports) => {
      const { graph } = analyse(exposedWebServer({ rules }));
      expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)?.properties).toEqual({ ports });
    });

    it('an EIP bound to the instance makes it public', () => {
      const { graph } = analyse([securityGroup('sg-web', [rule('0.0.0.0/0', 'tcp', '443/443')]), ecs('i-web'), eip('eip-1', '47.5.5.5', 'i-web')]);
      expect(edgeOf(graph, 'CAN_REACH', 'internet', WEB)?.evidence[0]).toEqual({ assetId: idOf('eip', 'eip-1'), field: 'instanceId', value: '47.5.5.5 bound to i-web' });
    });
  });
});
