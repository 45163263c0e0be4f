import {
  SENSITIVE, ackCluster, bucket, ecs, idOf, policy, rds, redis, role, securityGroup, statement, user,
} from '../factories/inventory.factory';
import { analyse, edgeOf, shape } from '../factories/attack-paths.harness';

const FINANCE = idOf('bucket', 'finance');

describe('data stores and control planes open to the internet', () => {
  it('AP15: a confidential bucket with a public-read ACL', () => {
    const { of } = analyse([bucket('finance', { acl: 'public-read', tags: SENSITIVE })]);
    const [path] = of('PUBLIC_DATA_STORE');
    expect(shape(path)).toEqual({ nodes: ['internet', FINANCE], edges: ['CAN_READ'] });
    expect(path.edges[0].evidence).toEqual([{ assetId: FINANCE, field: 'acl', value: 'public-read' }]);
    expect(path.riskLevel).toBe('SERIOUS');
  });

  it('AP15: a bucket policy granting the anonymous principal * PutObject', () => {
    const { of, graph } = analyse([bucket('finance', { tags: { sensitive: 'true' }, policy: [{ Effect: 'Allow', Action: ['oss:PutObject'], Principal: ['*'] as unknown as string, Resource: ['acs:oss:*:1234567890123456:finance/*'] }] })]);
    expect(of('PUBLIC_DATA_STORE').map(shape)).toEqual([{ nodes: ['internet', FINANCE], edges: ['CAN_WRITE'] }]);
    expect(edgeOf(graph, 'CAN_READ', 'internet', FINANCE)).toBeUndefined();
  });

  it('AP15: a sensitive RDS instance with a public endpoint and 0.0.0.0/0 in its whitelist', () => {
    const { of } = analyse([rds('rm-hr', { publicConnection: true, whitelist: ['10.0.0.0/8', '0.0.0.0/0'], tags: SENSITIVE })]);
    const [path] = of('PUBLIC_DATA_STORE');
    expect(shape(path)).toEqual({ nodes: ['internet', idOf('rdsInstance', 'rm-hr')], edges: ['CAN_REACH'] });
    expect(path.edges[0].evidence).toEqual([
      { assetId: idOf('rdsInstance', 'rm-hr'), field: 'netInfo[1]', value: 'rm-hrpub.mysql.rds.aliyuncs.com Public' },
      { assetId: idOf('rdsInstance', 'rm-hr'), field: 'whitelistGroups[0].entries[1]', value: 'default: 0.0.0.0/0' },
    ]);
  });

  it('AP15: a Redis instance declared sensitive through setSensitiveAsset', () => {
    const { of } = analyse([redis('r-session', { publicConnection: true, whitelist: ['0.0.0.0/0'] })], { sensitiveAssetIds: [idOf('redisInstance', 'r-session')] });
    expect(of('PUBLIC_DATA_STORE')).toHaveLength(1);
  });

  describe('near misses', () => {
    it('a private bucket that no principal can read', () => {
      const { of, graph } = analyse([bucket('finance', { tags: SENSITIVE }), user('dev', { accessKeys: [{}] })]);
      expect(graph.edges.filter((e) => e.to === FINANCE)).toEqual([]);
      expect(of('PUBLIC_DATA_STORE')).toEqual([]);
    });

    it('a public-read ACL overridden by Block Public Access', () => {
      const { graph } = analyse([bucket('finance', { acl: 'public-read', blockPublicAccess: true, tags: SENSITIVE })]);
      expect(edgeOf(graph, 'CAN_READ', 'internet', FINANCE)).toBeUndefined();
    });

    it('a public-read ACL overridden by a bucket policy Deny for everyone', () => {
      const { graph } = analyse([bucket('finance', { acl: 'public-read', tags: SENSITIVE, policy: [{ Effect: 'Deny', Action: 'oss:*', Principal: '*', Resource: 'acs:oss:*:*:finance/*' }] })]);
      expect(edgeOf(graph, 'CAN_READ', 'internet', FINANCE)).toBeUndefined();
    });

    it('a public endpoint whose whitelist is the office only', () => {
      const { of } = analyse([rds('rm-hr', { publicConnection: true, whitelist: ['203.0.113.7'], tags: SENSITIVE })]);
      expect(of('PUBLIC_DATA_STORE')).toEqual([]);
    });

    it('a world whitelist without a public endpoint', () => {
      const { of } = analyse([rds('rm-hr', { publicConnection: false, whitelist: ['0.0.0.0/0'], tags: SENSITIVE })]);
      expect(of('PUBLIC_DATA_STORE')).toEqual([]);
    });
  });

  it('bucket policy naming a RAM user by UID gives that user CAN_READ', () => {
    const { graph } = analyse([user('auditor', { userId: '27000001' }), bucket('finance', { policy: [{ Effect: 'Allow', Action: 'oss:GetObject', Principal: ['27000001'] as unknown as string, Resource: 'acs:oss:*:*:finance/*' }] })]);
    expect(edgeOf(graph, 'CAN_READ', idOf('ramUser', 'auditor'), FINANCE)?.evidence[0].field).toBe('policy.Statement[0]');
  });

  it('AP14: a public ACK API server leads to the worker nodes’ RAM role', () => {
    const nodeRole = policy('worker', [statement('Allow', 'ecs:Describe*', '*')]);
    const { of } = analyse([
      ackCluster('c-prod', { apiServerPublic: true }), nodeRole.asset, role('KubernetesWorkerRole-prod', { policies: [nodeRole.ref] }),
      securityGroup('sg-web', []), ecs('i-node-1', { role: 'KubernetesWorkerRole-prod', tags: { 'ack.aliyun.com': 'c-prod' } }),
    ]);
    const [path] = of('PUBLIC_ACK_TO_NODE_ROLE');
    expect(shape(path)).toEqual({
      nodes: ['internet', idOf('ackCluster', 'c-prod'), idOf('ramRole', 'KubernetesWorkerRole-prod')], edges: ['CAN_REACH', 'OBTAINS_CREDENTIALS'],
    });
    expect(path.riskLevel).toBe('SUSPICIOUS');
  });

  it('AP14 near miss: a private API server endpoint', () => {
    const { of } = analyse([ackCluster('c-prod'), role('KubernetesWorkerRole-prod'), securityGroup('sg-web', []), ecs('i-node-1', { role: 'KubernetesWorkerRole-prod', tags: { 'ack.aliyun.com': 'c-prod' } })]);
    expect(of('PUBLIC_ACK_TO_NODE_ROLE')).toEqual([]);
  });
});
