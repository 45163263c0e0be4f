import type { GraphStore } from '../src/graph/graph.store';
import { CsrSnapshot } from '../src/graph/engine/csr.snapshot';
import { graphQueries } from '../src/graph/engine/graph.queries';
import type { AttackPath } from '../src/graph/path-types/attack-path.finder';
import { buildSecurityGraph } from '../src/graph/security-graph.builder';
import type { SecurityGraph } from '../src/graph/security-graph.model';
import {
  SENSITIVE, account, bucket, ecs, exposedWebServer, idOf, policy, role, rule, securityGroup, statement, trustAccount, user,
} from './factories/inventory.factory';

const WEB = idOf('ecsInstance', 'i-web');
const API = idOf('ecsInstance', 'i-api');
const CI_KEY = `${idOf('ramUser', 'ci')}/accesskey/LTAIci0`;
const WEB_ROLE = idOf('ramRole', 'web-role');
const ACCOUNT_NODE = idOf('account', '1234567890123456');
const FINANCE = idOf('bucket', 'finance');

/**
 * One scenario exercising most edge kinds: an exposed web server whose role reaches the account over two
 * admin roles (alternatives), a confidential bucket readable by the role, a leaked user key, a second
 * exposed instance, and a public sensitive bucket.
 */
export function contractScenario(): SecurityGraph {
  const assume = policy('assume-ops', [statement('Allow', 'sts:AssumeRole', 'acs:ram:*:*:role/ops-*'), statement('Allow', 'oss:GetObject', 'acs:oss:*:*:finance/*')]);
  const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
  const weak = policy('ops-admin-lite', [statement('Allow', ['sts:AssumeRole'], 'acs:ram:*:*:role/ops-root')]);
  return buildSecurityGraph([
    account(), assume.asset, admin.asset, weak.asset,
    ...exposedWebServer(),
    securityGroup('sg-api', [rule('0.0.0.0/0', 'tcp', '443/443')]),
    ecs('i-api', { publicIp: '47.0.0.11', securityGroupIds: ['sg-api'], role: 'web-role' }),
    role('web-role', { policies: [assume.ref] }),
    role('ops-admin', { trust: trustAccount(), policies: [admin.ref] }),
    role('ops-hop', { trust: trustAccount(), policies: [weak.ref] }),
    role('ops-root', { trust: trustAccount(), policies: [admin.ref] }),
    bucket('finance', { tags: SENSITIVE }),
    bucket('public-reports', { acl: 'public-read', tags: SENSITIVE }),
    user('ci', { accessKeys: [{}], policies: [assume.ref] }),
  ]);
}

const shape = (p: AttackPath): string => `${p.type}: ${p.nodes.map((n) => n.id).join(' > ')} [${p.edges.map((e) => e.kind).join(',')}]`;

/** The behaviour every GraphStore backend must show, with answers identical to the in-process engine. */
export function describeGraphStoreContract(backend: string, open: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${backend}`, () => {
    let store: GraphStore;
    const graph = contractScenario();
    const reference = new CsrSnapshot(graph);

    beforeEach(async () => {
      store = await open();
      await store.load(graph);
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores exactly the nodes and edges it was given', async () => {
      const dumped = await store.dump();
      expect(dumped.nodes).toEqual(graph.nodes);
      expect(dumped.edges).toEqual(graph.edges);
    });

    it('finds the shortest path of every type per entry and target, identical to the engine', async () => {
      const paths = await store.shortestPathsByType();
      expect(paths).toEqual(graphQueries.shortestPathsByType(reference));
      expect(paths.map(shape)).toEqual(expect.arrayContaining([
        // one path per (entry, target): of the two exposed instances the tie goes to the first by id
        `EXPOSED_ECS_ROLE_TO_ADMIN: internet > ${API} > ${WEB_ROLE} > ${idOf('ramRole', 'ops-admin')} > ${ACCOUNT_NODE} [CAN_REACH,OBTAINS_CREDENTIALS,CAN_ASSUME,ADMIN_OF]`,
        `EXPOSED_ECS_ROLE_TO_OSS: internet > ${API} > ${WEB_ROLE} > ${FINANCE} [CAN_REACH,OBTAINS_CREDENTIALS,CAN_READ]`,
        `ROLE_CHAIN_TO_ADMIN: ${CI_KEY} > ${idOf('ramUser', 'ci')} > ${idOf('ramRole', 'ops-root')} [AUTHENTICATES_AS,CAN_ASSUME]`,
        `PUBLIC_DATA_STORE: internet > ${idOf('bucket', 'public-reports')} [CAN_READ]`,
      ]));
    });

    it('filters by type, entry and target, and drops whitelisted path ids', async () => {
      const all = await store.shortestPathsByType({ types: ['EXPOSED_ECS_ROLE_TO_ADMIN'] });
      expect(new Set(all.map((p) => p.type))).toEqual(new Set(['EXPOSED_ECS_ROLE_TO_ADMIN']));
      const one = await store.shortestPathsByType({ types: ['EXPOSED_ECS_ROLE_TO_ADMIN'], excludePathIds: [all[0].id] });
      expect(one.map((p) => p.id)).toEqual(all.slice(1).map((p) => p.id));
      const toFinance = await store.shortestPathsByType({ targetIds: [FINANCE] });
      expect(toFinance.every((p) => p.targetId === FINANCE)).toBe(true);
    });

    it('returns alternatives in order of weight (Yen), identical to the engine', async () => {
      const query = { fromId: 'internet', toId: ACCOUNT_NODE, k: 4, type: 'EXPOSED_ECS_ROLE_TO_ADMIN' };
      const alternatives = (await store.kShortest(query)) as AttackPath[];
      expect(alternatives).toEqual(graphQueries.kShortest(reference, query));
      expect(alternatives.map((p) => p.nodes.map((n) => n.id))).toEqual([
        ['internet', API, WEB_ROLE, idOf('ramRole', 'ops-admin'), ACCOUNT_NODE],
        ['internet', API, WEB_ROLE, idOf('ramRole', 'ops-root'), ACCOUNT_NODE],
        ['internet', WEB, WEB_ROLE, idOf('ramRole', 'ops-admin'), ACCOUNT_NODE],
        ['internet', WEB, WEB_ROLE, idOf('ramRole', 'ops-root'), ACCOUNT_NODE],
      ]);
    });

    it('computes the blast radius over traversable edges, identical to the engine', async () => {
      const radius = await store.blastRadius(WEB_ROLE, { expandAdministeredAccounts: false });
      expect(radius).toEqual(graphQueries.blastRadius(reference, WEB_ROLE, { expandAdministeredAccounts: false }));
      expect(radius).toEqual([...[ACCOUNT_NODE, FINANCE, idOf('ramRole', 'ops-admin'), idOf('ramRole', 'ops-hop'), idOf('ramRole', 'ops-root')]].sort());
    });

    it('ranks choke points by the paths their fix breaks, identical to the engine', async () => {
      const points = await store.chokePoints();
      expect(points).toEqual(graphQueries.chokePoints(reference));
      // both account paths (from the internet and from the CI key) funnel through ops-admin
      expect(points[0]).toEqual({ nodeId: idOf('ramRole', 'ops-admin'), pathsBroken: 2 });
    });

    it('a path disappears when an edge it uses is removed, and comes back when it is upserted', async () => {
      const edge = graph.edges.find((e) => e.kind === 'CAN_READ' && e.to === FINANCE && e.from === WEB_ROLE)!;
      await store.remove({ edgeIds: [edge.id] });
      expect((await store.shortestPathsByType({ types: ['EXPOSED_ECS_ROLE_TO_OSS'] }))).toEqual([]);
      await store.upsert({ edges: [edge] });
      expect((await store.shortestPathsByType({ types: ['EXPOSED_ECS_ROLE_TO_OSS'] })).length).toBeGreaterThan(0);
    });

    it('removing a node removes its edges', async () => {
      await store.remove({ nodeIds: [WEB] });
      const dumped = await store.dump();
      expect(dumped.edges.some((e) => e.from === WEB || e.to === WEB)).toBe(false);
      expect((await store.shortestPathsByType()).some((p) => p.nodes.some((n) => n.id === WEB))).toBe(false);
    });
  });
}
