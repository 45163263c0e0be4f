import { SENSITIVE, bucket, idOf, policy, statement, user } from '../factories/inventory.factory';
import { analyse, shape } from '../factories/attack-paths.harness';
import { HUB_MIN_MEMBERS } from '../../src/graph/derivation/identity.deriver';

describe('broad grants go through one ResourceGroup hub instead of an edge per resource', () => {
  it('AP06: a key of a user with oss:* on * reaches a confidential bucket among many, through the hub', () => {
    const full = policy('AliyunOSSFullAccess', [statement('Allow', 'oss:*', '*')], 'System');
    const buckets = Array.from({ length: HUB_MIN_MEMBERS + 3 }, (_, i) => bucket(`b-${String(i).padStart(2, '0')}`, i === 7 ? { tags: SENSITIVE } : {}));
    const { graph, of } = analyse([full.asset, user('dev', { accessKeys: [{}], policies: [full.ref] }), ...buckets]);
    const hub = 'resource-group:1234567890123456:CAN_READ:OssBucket';
    expect(graph.edges.filter((e) => e.from === idOf('ramUser', 'dev') && e.kind === 'CAN_READ').map((e) => e.to)).toEqual([hub]);
    expect(shape(of('ACCESS_KEY_TO_CROWN_JEWEL')[0])).toEqual({
      nodes: [`${idOf('ramUser', 'dev')}/accesskey/LTAIdev0`, idOf('ramUser', 'dev'), hub, idOf('bucket', 'b-07')],
      edges: ['AUTHENTICATES_AS', 'CAN_READ', 'CAN_READ'],
    });
  });

  it('a Deny on one bucket gives a hub of exactly the granted buckets, which leaves the denied one out', () => {
    const almost = policy('oss-but-finance', [statement('Allow', 'oss:*', '*'), statement('Deny', 'oss:GetObject', 'acs:oss:*:*:b-07/*')]);
    const buckets = Array.from({ length: HUB_MIN_MEMBERS + 3 }, (_, i) => bucket(`b-${String(i).padStart(2, '0')}`, i === 7 ? { tags: SENSITIVE } : {}));
    const { graph, of } = analyse([almost.asset, user('dev', { accessKeys: [{}], policies: [almost.ref] }), user('ops', { policies: [almost.ref] }), ...buckets]);
    const [hub, ...others] = graph.edges.filter((e) => e.from === idOf('ramUser', 'dev') && e.kind === 'CAN_READ').map((e) => e.to);
    expect(others).toEqual([]);
    expect(hub).toMatch(/^resource-group:1234567890123456:CAN_READ:OssBucket:[0-9a-f]{12}$/);
    expect(graph.edges.find((e) => e.from === idOf('ramUser', 'ops') && e.kind === 'CAN_READ')?.to).toBe(hub);
    const members = graph.edges.filter((e) => e.from === hub).map((e) => e.to);
    expect(members).toHaveLength(HUB_MIN_MEMBERS + 2);
    expect(members).not.toContain(idOf('bucket', 'b-07'));
    expect(of('ACCESS_KEY_TO_CROWN_JEWEL').filter((p) => p.edges.some((e) => e.kind === 'CAN_READ'))).toEqual([]);
  });
});
