import {
  SENSITIVE, account, ecs, exposedWebServer, idOf, listener, loadBalancer, natGateway, policy, rds, redis, role, rule,
  securityGroup, statement, vSwitch,
} from '../factories/inventory.factory';
import { analyse, edgeOf, shape } from '../factories/attack-paths.harness';

const WEB = idOf('ecsInstance', 'i-web');
const APP = idOf('ecsInstance', 'i-app');
const ACCOUNT_NODE = idOf('account', '1234567890123456');

describe('getting in through the network and moving inside the VPC', () => {
  it('AP04: from an exposed instance to a database whose whitelist admits the whole VSwitch', () => {
    const { of } = analyse([...exposedWebServer(), vSwitch('vsw-1', 'vpc-1', '10.0.1.0/24'), rds('rm-orders', { whitelist: ['10.0.0.0/16'], tags: SENSITIVE })]);
    const [path] = of('EXPOSED_ECS_LATERAL_TO_DATABASE');
    expect(shape(path)).toEqual({
      nodes: ['internet', WEB, idOf('vSwitch', 'vsw-1'), idOf('rdsInstance', 'rm-orders')],
      edges: ['CAN_REACH', 'NETWORK_REACH', 'NETWORK_REACH'],
    });
    expect(path.edges[2].evidence).toEqual([
      { assetId: idOf('rdsInstance', 'rm-orders'), field: 'whitelistGroups[0].entries[0]', value: 'default: 10.0.0.0/16' },
      { assetId: idOf('vSwitch', 'vsw-1'), field: 'cidrBlock', value: '10.0.1.0/24' },
    ]);
    expect(path.riskLevel).toBe('SUSPICIOUS');
  });

  it('AP04: a whitelist naming the instance address lets that instance reach Redis directly', () => {
    const { of } = analyse([...exposedWebServer(), vSwitch('vsw-1', 'vpc-1', '10.0.1.0/24'), redis('r-cache', { whitelist: ['10.0.1.10'] })]);
    expect(shape(of('EXPOSED_ECS_LATERAL_TO_DATABASE')[0])).toEqual({
      nodes: ['internet', WEB, idOf('redisInstance', 'r-cache')], edges: ['CAN_REACH', 'NETWORK_REACH'],
    });
    expect(of('EXPOSED_ECS_LATERAL_TO_DATABASE')[0].riskLevel).toBe('REMIND');
  });

  it('AP04 near miss: a whitelist of another subnet admits nothing', () => {
    const { of } = analyse([...exposedWebServer(), vSwitch('vsw-1', 'vpc-1', '10.0.1.0/24'), rds('rm-orders', { whitelist: ['10.0.9.0/24'] })]);
    expect(of('EXPOSED_ECS_LATERAL_TO_DATABASE')).toEqual([]);
  });

  it('AP04 across security groups: web may open connections to app, whose group admits sg-web', () => {
    const { of } = analyse([
      ...exposedWebServer(), vSwitch('vsw-app', 'vpc-1', '10.0.2.0/24'),
      securityGroup('sg-app', [rule('sg-web', 'tcp', '8080/8080')]),
      ecs('i-app', { securityGroupIds: ['sg-app'], vSwitchId: 'vsw-app', privateIp: '10.0.2.5' }),
      rds('rm-orders', { whitelist: ['10.0.2.0/24'] }),
    ]);
    expect(shape(of('EXPOSED_ECS_LATERAL_TO_DATABASE')[0])).toEqual({
      nodes: ['internet', WEB, idOf('securityGroup', 'sg-app'), APP, idOf('vSwitch', 'vsw-app'), idOf('rdsInstance', 'rm-orders')],
      edges: ['CAN_REACH', 'NETWORK_REACH', 'NETWORK_REACH', 'NETWORK_REACH', 'NETWORK_REACH'],
    });
  });

  describe('AP05: a public listener forwarding to a backend whose role reaches the account', () => {
    const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
    const backend = [
      account(), admin.asset, role('app-role', { policies: [admin.ref] }),
      securityGroup('sg-app', [rule('0.0.0.0/0', 'tcp', '8080/8080')]),
      ecs('i-app', { securityGroupIds: ['sg-app'], role: 'app-role' }),
    ];
    const LISTENER = `${idOf('loadBalancer', 'lb-1')}/listener/http:80`;

    it('with access control off', () => {
      const { of } = analyse([...backend, loadBalancer('lb-1', [listener(80, { backendPort: 8080 })], [{ instanceId: 'i-app' }])]);
      const [path] = of('PUBLIC_LISTENER_BACKEND_TO_CLOUD');
      expect(shape(path)).toEqual({
        nodes: ['internet', LISTENER, APP, idOf('ramRole', 'app-role'), ACCOUNT_NODE],
        edges: ['CAN_REACH', 'FORWARDS_TO', 'OBTAINS_CREDENTIALS', 'ADMIN_OF'],
      });
      expect(path.riskLevel).toBe('SERIOUS');
      expect(path.edges[0].evidence[1]).toEqual({ assetId: idOf('loadBalancer', 'lb-1'), field: 'listeners[0]', value: 'http:80 acl off' });
    });

    it('with a white ACL that admits 0.0.0.0/0', () => {
      const open = listener(80, { backendPort: 8080, aclStatus: 'on', aclType: 'white', aclId: 'acl-1', aclEntries: [{ cidr: '0.0.0.0/0', comment: null }] });
      const { of } = analyse([...backend, loadBalancer('lb-1', [open], [{ instanceId: 'i-app' }])]);
      expect(of('PUBLIC_LISTENER_BACKEND_TO_CLOUD')).toHaveLength(1);
    });

    it('near miss: a white ACL of office addresses', () => {
      const closed = listener(80, { backendPort: 8080, aclStatus: 'on', aclType: 'white', aclId: 'acl-1', aclEntries: [{ cidr: '203.0.113.0/24', comment: 'office' }] });
      const { of } = analyse([...backend, loadBalancer('lb-1', [closed], [{ instanceId: 'i-app' }])]);
      expect(of('PUBLIC_LISTENER_BACKEND_TO_CLOUD')).toEqual([]);
    });

    it('near miss: an intranet balancer', () => {
      const { of } = analyse([...backend, loadBalancer('lb-1', [listener(80, { backendPort: 8080 })], [{ instanceId: 'i-app' }], 'intranet')]);
      expect(of('PUBLIC_LISTENER_BACKEND_TO_CLOUD')).toEqual([]);
    });

    it('near miss: the backend security group does not admit the backend port', () => {
      const { of, graph } = analyse([...backend, loadBalancer('lb-1', [listener(80, { backendPort: 9090 })], [{ instanceId: 'i-app' }])]);
      expect(edgeOf(graph, 'FORWARDS_TO', LISTENER, APP)).toBeUndefined();
      expect(of('PUBLIC_LISTENER_BACKEND_TO_CLOUD')).toEqual([]);
    });
  });

  it('DNAT: a NAT forward entry to an instance whose group admits the world makes it an AP01 entry', () => {
    const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
    const { of } = analyse([
      account(), admin.asset, role('app-role', { policies: [admin.ref] }),
      securityGroup('sg-app', [rule('0.0.0.0/0', 'tcp', '22/22')]),
      ecs('i-app', { securityGroupIds: ['sg-app'], role: 'app-role', privateIp: '10.0.1.20' }),
      natGateway('ngw-1', [{ internalIp: '10.0.1.20' }]),
    ]);
    const [path] = of('EXPOSED_ECS_ROLE_TO_ADMIN');
    expect(shape(path).edges).toEqual(['DNAT_TO', 'OBTAINS_CREDENTIALS', 'ADMIN_OF']);
    expect(path.edges[0].evidence[0]).toEqual({ assetId: idOf('natGateway', 'ngw-1'), field: 'forwardEntries[0]', value: '47.3.3.3:2222 -> 10.0.1.20:22 tcp' });
  });

  it('DNAT near miss: the forwarded port is closed by the security group', () => {
    const { graph } = analyse([
      securityGroup('sg-app', [rule('0.0.0.0/0', 'tcp', '443/443')]),
      ecs('i-app', { securityGroupIds: ['sg-app'], privateIp: '10.0.1.20' }),
      natGateway('ngw-1', [{ internalIp: '10.0.1.20' }]),
    ]);
    expect(edgeOf(graph, 'DNAT_TO', 'internet', APP)).toBeUndefined();
  });
});
