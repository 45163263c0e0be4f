import { create, fromBinary, toBinary, type JsonObject } from '@bufbuild/protobuf';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Asset } from '@rampart/asset-model';
import {
  AssetChangedSchema, AssetRemovedSchema, EntitlementsRequestSchema, EntitlementsSchema, EVENTS, HEADERS, REQUESTS, ResultChangedSchema,
} from '@rampart/contracts';
import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET, startPrivateNats } from '@rampart/testing';
import { startAttackPathsSubgraph } from '../src/attack-paths.subgraph';
import type { AttackPathsConfig } from '../src/config';
import { PathRecomputeService } from '../src/recompute/path-recompute.service';
import {
  SENSITIVE, bucket, exposedWebServer, idOf, policy, role, rule, securityGroup, statement,
} from './factories/inventory.factory';

const WEB = idOf('ecsInstance', 'i-web');
const ROLE = idOf('ramRole', 'web-role');
const SG = idOf('securityGroup', 'sg-web');
const DATA = idOf('bucket', 'customer-data');

/** AP02: SSH open to the world on an instance whose role may read a confidential bucket. */
function exposedRoleToBucket(): Asset[] {
  const read = policy('read-customer-data', [statement('Allow', ['oss:GetObject', 'oss:ListObjects'], 'acs:oss:*:*:customer-data/*')]);
  return [...exposedWebServer(), read.asset, role('web-role', { policies: [read.ref] }), bucket('customer-data', { tags: SENSITIVE })];
}

const PATHS = `query ($filter: AttackPathFilter, $first: Int, $after: String) {
  attackPaths(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id type apId riskLevel score unknown entry { id } target { id }
      nodes { nodeId kind asset { id } } edges { id from to relation reason evidence unknown } } }
  }
}`;

type GqlResult = { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };

describe('the attack-paths service, end to end on Postgres and NATS', () => {
  let nats: { url: string; stop(): Promise<void> };
  let config: AttackPathsConfig;
  let subgraph: RunningSubgraph;
  let client: NatsConnection;
  let billing: Subscription;
  const versions = new Map<string, bigint>();

  beforeAll(async () => {
    nats = await startPrivateNats();
    config = {
      ...testPlatformConfig('attack-paths', { natsUrl: nats.url }),
      graphBackend: 'embedded', memgraphUrl: undefined, recomputeDebounceMs: 100, recomputeSweepMs: 200, entitlementTimeoutMs: 500,
    };
    client = await connect({ servers: nats.url });
    // A test double of billing's responder: tenants named basic-* are on the Basic edition.
    billing = client.subscribe(REQUESTS.entitlements, {
      callback: (_error, msg) => {
        const { tenantId } = fromBinary(EntitlementsRequestSchema, msg.data);
        const basic = tenantId.startsWith('basic-');
        msg.respond(toBinary(EntitlementsSchema, create(EntitlementsSchema, { tenantId, edition: basic ? 'BASIC' : 'ENTERPRISE', attackPaths: !basic })));
      },
    });
    subgraph = await startAttackPathsSubgraph(config);
  }, 60_000);

  afterAll(async () => {
    await subgraph?.close();
    await client?.drain();
    await nats?.stop();
    if (config) await dropTestDatabase(config);
  });

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}, roles: Array<'viewer' | 'analyst'> = ['analyst']): Promise<GqlResult> {
    const token = await signInternalIdentity(
      { subject: 'tester', tenantId: tenant, roles, permissions: roles.includes('analyst') ? ['read', 'scan'] : ['read'], via: 'jwt' },
      TEST_INTERNAL_SECRET,
    );
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResult;
  }

  const nextVersion = (tenant: string, id: string): bigint => {
    const version = (versions.get(`${tenant}/${id}`) ?? 0n) + 1n;
    versions.set(`${tenant}/${id}`, version);
    return version;
  };

  /** Publishes what the assets service would: one changed event per asset, tenant in the header. */
  async function publishAssets(tenant: string, assets: Asset[]): Promise<void> {
    const js = jetstream(client);
    for (const asset of assets) {
      const event = create(AssetChangedSchema, {
        tenantId: tenant,
        version: nextVersion(tenant, asset.id),
        asset: {
          id: asset.id, provider: asset.provider, accountId: asset.accountId, region: asset.region ?? undefined, product: asset.product,
          resourceType: asset.resourceType, resourceId: asset.resourceId, name: asset.name, tags: asset.tags,
          configuration: JSON.parse(JSON.stringify(asset.configuration)) as JsonObject,
          relationships: [], unknown: [],
        },
      });
      const h = natsHeaders();
      h.set(HEADERS.tenant, tenant);
      await js.publish(EVENTS.assetChanged.subject, toBinary(AssetChangedSchema, event), { headers: h, msgID: `${tenant}-${asset.id}-${event.version}` });
    }
  }

  async function publishRemoved(tenant: string, asset: Asset): Promise<void> {
    const event = create(AssetRemovedSchema, {
      tenantId: tenant, assetId: asset.id, accountId: asset.accountId, resourceType: asset.resourceType, version: nextVersion(tenant, asset.id),
    });
    const h = natsHeaders();
    h.set(HEADERS.tenant, tenant);
    await jetstream(client).publish(EVENTS.assetRemoved.subject, toBinary(AssetRemovedSchema, event), { headers: h, msgID: `${tenant}-${asset.id}-${event.version}-removed` });
  }

  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!ok(value)) {
      if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await read();
    }
    return value;
  }

  const paths = async (tenant: string, variables: Record<string, unknown> = {}) => {
    const result = await gql(tenant, PATHS, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.attackPaths as { totalCount: number; edges: Array<{ cursor: string; node: Record<string, any> }> };
  };

  it('finds a path from the asset events and drops it when a re-import removes one of its edges', async () => {
    const tenant = 'ap-lifecycle';
    await publishAssets(tenant, exposedRoleToBucket());
    const found = await eventually(() => paths(tenant), (p) => p.edges.some((e) => e.node.type === 'EXPOSED_ECS_ROLE_TO_OSS'));
    const path = found.edges.find((e) => e.node.type === 'EXPOSED_ECS_ROLE_TO_OSS')!.node;
    expect(path).toMatchObject({
      apId: 'AP02', riskLevel: 'SERIOUS', unknown: false, entry: null, target: { id: DATA },
      nodes: [
        { nodeId: 'internet', kind: 'Internet', asset: null },
        { nodeId: WEB, kind: 'EcsInstance', asset: { id: WEB } },
        { nodeId: ROLE, kind: 'RamRole', asset: { id: ROLE } },
        { nodeId: DATA, kind: 'OssBucket', asset: { id: DATA } },
      ],
    });
    expect(path.edges.map((e: { relation: string }) => e.relation)).toEqual(['CAN_REACH', 'OBTAINS_CREDENTIALS', 'CAN_READ']);
    expect(path.edges[0].evidence).toContainEqual({ assetId: SG, field: 'rules[0]', value: '0.0.0.0/0 tcp 22/22 accept prio 1' });
    expect(path.score).toBeGreaterThan(0);

    const filtered = await paths(tenant, { filter: { riskLevel: ['REMIND'], targetAssetId: DATA } });
    expect(filtered.edges.every((e) => e.node.riskLevel === 'REMIND' && e.node.target?.id === DATA)).toBe(true);
    const byTarget = await paths(tenant, { filter: { targetAssetId: DATA, type: 'EXPOSED_ECS_ROLE_TO_OSS' } });
    expect(byTarget.edges.map((e) => e.node.id)).toEqual([path.id]);

    // The security group closes SSH: its CAN_REACH edge goes, and the path with it.
    await publishAssets(tenant, [securityGroup('sg-web', [rule('10.0.0.0/8', 'tcp', '22/22', 'accept', 1)])]);
    await eventually(() => paths(tenant), (p) => !p.edges.some((e) => e.node.id === path.id));
    expect(await gql(tenant, 'query ($id: ID!) { attackPath(id: $id) { id } }', { id: path.id })).toEqual({ data: { attackPath: null } });

    // Reopened, the same path comes back with the same id; removing the role takes it away again.
    await publishAssets(tenant, [securityGroup('sg-web', [rule('0.0.0.0/0', 'tcp', '22/22', 'accept', 1)])]);
    await eventually(() => paths(tenant), (p) => p.edges.some((e) => e.node.id === path.id));
    await publishRemoved(tenant, role('web-role'));
    await eventually(() => paths(tenant), (p) => !p.edges.some((e) => e.node.type === 'EXPOSED_ECS_ROLE_TO_OSS'));
  }, 60_000);

  it('answers blast radius, choke points, topology, alternatives and the whitelist', async () => {
    const tenant = 'ap-queries';
    await publishAssets(tenant, exposedRoleToBucket());
    const found = await eventually(() => paths(tenant), (p) => p.edges.some((e) => e.node.type === 'EXPOSED_ECS_ROLE_TO_OSS'));
    const path = found.edges.find((e) => e.node.type === 'EXPOSED_ECS_ROLE_TO_OSS')!.node;

    const radius = await gql(tenant, 'query ($id: ID!) { blastRadius(assetId: $id) { id } }', { id: WEB });
    expect(radius.errors).toBeUndefined();
    expect(radius.data!.blastRadius).toEqual(expect.arrayContaining([{ id: ROLE }, { id: DATA }]));
    expect(radius.data!.blastRadius).not.toContainEqual({ id: WEB });

    const chokes = await gql(tenant, '{ chokePoints(first: 10) { asset { id } nodeId kind pathsBroken } }');
    expect(chokes.errors).toBeUndefined();
    expect(chokes.data!.chokePoints).toContainEqual({ asset: { id: WEB }, nodeId: WEB, kind: 'EcsInstance', pathsBroken: expect.any(Number) });
    expect(chokes.data!.chokePoints.every((c: { nodeId: string }) => c.nodeId !== 'internet')).toBe(true);

    const drawn = await gql(tenant, `query ($ids: [ID!]) { attackPathTopology(ids: $ids) {
      nodes { id kind label assetId entry target chokePoint } edges { id from to relation reason evidence unknown } } }`, { ids: [path.id] });
    expect(drawn.errors).toBeUndefined();
    const topology = drawn.data!.attackPathTopology;
    expect(topology.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['internet', WEB, ROLE, DATA].sort());
    expect(topology.nodes.find((n: { id: string }) => n.id === 'internet')).toMatchObject({ entry: true, target: false, assetId: null, chokePoint: false });
    expect(topology.nodes.find((n: { id: string }) => n.id === DATA)).toMatchObject({ target: true, assetId: DATA });
    expect(topology.nodes.find((n: { id: string }) => n.id === WEB)).toMatchObject({ chokePoint: true });
    expect(topology.edges).toHaveLength(3);

    const alternatives = await gql(tenant, 'query ($id: ID!) { attackPathAlternatives(id: $id, k: 3) { id type } }', { id: path.id });
    expect(alternatives.errors).toBeUndefined();
    expect(alternatives.data!.attackPathAlternatives[0]).toEqual({ id: path.id, type: 'EXPOSED_ECS_ROLE_TO_OSS' });

    const whitelisted = await gql(tenant, 'mutation ($id: ID!) { whitelistAttackPath(id: $id, reason: "accepted risk") { id whitelisted } }', { id: path.id });
    expect(whitelisted).toEqual({ data: { whitelistAttackPath: { id: path.id, whitelisted: true } } });
    expect((await paths(tenant)).edges.some((e) => e.node.id === path.id)).toBe(false);
    expect(await gql(tenant, 'mutation ($id: ID!) { removeAttackPathWhitelist(id: $id) }', { id: path.id })).toEqual({ data: { removeAttackPathWhitelist: true } });
    expect((await paths(tenant)).edges.some((e) => e.node.id === path.id)).toBe(true);

    const viewer = await gql(tenant, 'mutation ($id: ID!) { whitelistAttackPath(id: $id, reason: "x") { id } }', { id: path.id }, ['viewer']);
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('recomputes when an asset is declared sensitive and when an urgent finding arrives', async () => {
    const tenant = 'ap-sensitive';
    const plain = bucket('plain-data', { acl: 'public-read' });
    await publishAssets(tenant, [plain]);
    // Wait until the replica holds the bucket (setSensitiveAsset refuses assets the tenant does not have).
    await eventually(
      () => gql(tenant, 'mutation ($id: ID!) { setSensitiveAsset(assetId: $id, sensitive: true) { id } }', { id: plain.id }),
      (r) => r.errors === undefined,
    );
    await eventually(() => paths(tenant), (p) => p.edges.some((e) => e.node.type === 'PUBLIC_DATA_STORE' && e.node.target?.id === plain.id));
    await gql(tenant, 'mutation ($id: ID!) { setSensitiveAsset(assetId: $id, sensitive: false) { id } }', { id: plain.id });
    await eventually(() => paths(tenant), (p) => p.totalCount === 0);

    // A config-check result event is folded in as an overlay finding (recorded and recomputed without errors).
    const h = natsHeaders();
    h.set(HEADERS.tenant, tenant);
    const result = create(ResultChangedSchema, { tenantId: tenant, resultId: 'r-1', checkItemId: 'ecs-vuln', assetId: plain.id, status: 'FAIL', severity: 'HIGH' });
    await jetstream(client).publish(EVENTS.resultChanged.subject, toBinary(ResultChangedSchema, result), { headers: h, msgID: `${tenant}-r-1` });
    await eventually(
      () => subgraph.database.run(tenant, (m) => m.query('SELECT asset_id, severity FROM overlay_findings') as Promise<unknown[]>),
      (rows) => rows.length === 1,
    );
  }, 60_000);

  it('picks up a graph another replica marked dirty but never recomputed, once, under the tenant lock', async () => {
    const tenant = 'ap-orphaned';
    const recompute = subgraph.app.get(PathRecomputeService);
    // As if a replica applied these events and crashed before its debounce fired: rows and version bump only.
    await subgraph.database.run(tenant, async (manager) => {
      for (const asset of exposedRoleToBucket()) {
        await manager.query(
          `INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, removed, asset) VALUES ($1, $2, $3, $4, 1, false, $5)`,
          [tenant, asset.id, asset.accountId, asset.resourceType, JSON.stringify(asset)],
        );
      }
      await recompute.markDirty(manager, tenant);
    });
    await eventually(() => paths(tenant), (p) => p.edges.some((e) => e.node.type === 'EXPOSED_ECS_ROLE_TO_OSS'));
    // Concurrent recomputes of a current tenant change nothing.
    const before = await subgraph.database.run(tenant, (m) => m.query('SELECT id, computed_at FROM attack_paths ORDER BY id') as Promise<unknown[]>);
    await Promise.all([recompute.recompute(tenant), recompute.recompute(tenant)]);
    expect(await subgraph.database.run(tenant, (m) => m.query('SELECT id, computed_at FROM attack_paths ORDER BY id') as Promise<unknown[]>)).toEqual(before);
    const [state] = (await subgraph.database.runUnscoped((m) => m.query('SELECT version, computed_version FROM graph_versions WHERE tenant_id = $1', [tenant]))) as Array<{ version: string; computed_version: string }>;
    expect(state.computed_version).toBe(state.version);
  }, 30_000);

  it('keeps tenants apart: no paths, blast radius or whitelist across tenants', async () => {
    const owner = 'ap-owner';
    await publishAssets(owner, exposedRoleToBucket());
    const found = await eventually(() => paths(owner), (p) => p.totalCount > 0);
    const pathId = found.edges[0].node.id as string;

    const other = 'ap-stranger';
    expect((await paths(other)).totalCount).toBe(0);
    expect(await gql(other, 'query ($id: ID!) { attackPath(id: $id) { id } }', { id: pathId })).toEqual({ data: { attackPath: null } });
    expect(await gql(other, 'query ($id: ID!) { blastRadius(assetId: $id) { id } }', { id: WEB })).toEqual({ data: { blastRadius: [] } });
    expect(await gql(other, '{ chokePoints { nodeId } }')).toEqual({ data: { chokePoints: [] } });
    expect((await gql(other, 'query ($id: ID!) { attackPathTopology(ids: [$id]) { nodes { id } edges { id } } }', { id: pathId })).data)
      .toEqual({ attackPathTopology: { nodes: [], edges: [] } });
    expect(await gql(other, 'query ($id: ID!) { attackPathAlternatives(id: $id) { id } }', { id: pathId })).toEqual({ data: { attackPathAlternatives: [] } });
    const whitelist = await gql(other, 'mutation ($id: ID!) { whitelistAttackPath(id: $id, reason: "mine") { id } }', { id: pathId });
    expect(whitelist.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const sensitive = await gql(other, 'mutation ($id: ID!) { setSensitiveAsset(assetId: $id, sensitive: true) { id } }', { id: DATA });
    expect(sensitive.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await paths(owner)).totalCount).toBe(found.totalCount);
  }, 60_000);

  it('refuses a Basic tenant with EDITION_NOT_ENTITLED, and fails closed when billing does not answer', async () => {
    const basic = await gql('basic-tenant', PATHS);
    expect(basic.data).toBeNull();
    expect(basic.errors?.[0].extensions?.code).toBe('EDITION_NOT_ENTITLED');
    const chokes = await gql('basic-tenant', '{ chokePoints { nodeId } }');
    expect(chokes.errors?.[0].extensions?.code).toBe('EDITION_NOT_ENTITLED');

    billing.unsubscribe();
    await client.flush();
    const silent = await gql('ap-no-billing', PATHS);
    expect(silent.data).toBeNull();
    expect(silent.errors?.[0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(silent.errors?.[0].message).toMatch(/billing did not answer/);
  }, 30_000);
});
