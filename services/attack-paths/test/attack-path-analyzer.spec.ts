import { AttackPathAnalyzer } from '../src/graph/attack-path.analyzer';
import { EmbeddedGraphStore } from '../src/graph/engine/embedded-graph.store';
import { topology } from '../src/graph/path.topology';
import {
  SENSITIVE, account, bucket, exposedWebServer, idOf, policy, role, rule, securityGroup, statement,
} from './factories/inventory.factory';

const WEB = idOf('ecsInstance', 'i-web');
const ROLE = idOf('ramRole', 'web-role');
const FINANCE = idOf('bucket', 'finance');

function scenario() {
  const read = policy('read-finance', [statement('Allow', 'oss:GetObject', 'acs:oss:*:*:finance/*')]);
  return [account(), ...exposedWebServer(), read.asset, role('web-role', { policies: [read.ref] }), bucket('finance'), bucket('logs')];
}

describe('the attack-path analyzer keeps paths in step with the inventory', () => {
  let analyzer: AttackPathAnalyzer;
  beforeEach(async () => {
    analyzer = new AttackPathAnalyzer(new EmbeddedGraphStore());
    await analyzer.load(scenario());
  });

  it('a bucket becomes a target once declared sensitive, and stops being one when undeclared', async () => {
    expect(await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS' })).toEqual([]);
    await analyzer.setSensitiveAsset(FINANCE, true);
    const [path] = await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS' });
    expect(path.nodes.map((n) => n.id)).toEqual(['internet', WEB, ROLE, FINANCE]);
    await analyzer.setSensitiveAsset(FINANCE, false);
    expect(await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS' })).toEqual([]);
  });

  it('a whitelisted path is filtered by its stable id, which survives a rebuild', async () => {
    await analyzer.setSensitiveAsset(FINANCE, true);
    const [path] = await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS' });
    analyzer.whitelistPath(path.id);
    expect(await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS' })).toEqual([]);
    await analyzer.applyAssetChanges([bucket('finance-archive', { tags: SENSITIVE })]);
    expect(await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS', targetAssetId: FINANCE })).toEqual([]);
    analyzer.whitelistPath(path.id, false);
    expect((await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS' }))[0].id).toBe(path.id);
  });

  it('closing the SSH rule removes the path, and the store receives only what changed', async () => {
    await analyzer.setSensitiveAsset(FINANCE, true);
    const delta = await analyzer.applyAssetChanges([securityGroup('sg-web', [rule('0.0.0.0/0', 'tcp', '22/22', 'drop', 1), rule('0.0.0.0/0', 'tcp', '22/22', 'accept', 2)])]);
    expect(delta).toEqual({ upsertedNodes: 0, upsertedEdges: 0, removedNodes: 0, removedEdges: 1 });
    expect(await analyzer.attackPaths()).toEqual([]);
  });

  it('removing the instance removes its node, its edges and its paths', async () => {
    await analyzer.setSensitiveAsset(FINANCE, true);
    const delta = await analyzer.applyAssetChanges([], [WEB]);
    expect(delta.removedNodes).toBe(1);
    expect(delta.removedEdges).toBe(2);
    expect(await analyzer.attackPaths()).toEqual([]);
  });

  it('an urgent finding on a host makes it an entry point and halves the weight of its edges', async () => {
    await analyzer.setSensitiveAsset(FINANCE, true);
    await analyzer.setFindings([{ checkItemId: 'sas-vul-critical', assetId: WEB, status: 'FAIL', severity: 'HIGH' }]);
    const paths = await analyzer.attackPaths({ type: 'EXPOSED_ECS_ROLE_TO_OSS' });
    expect(paths.map((p) => p.entryId).sort()).toEqual([WEB, 'internet'].sort());
    expect(paths.find((p) => p.entryId === WEB)?.edges.map((e) => e.weight)).toEqual([1, 1]);
  });

  it('the blast radius of an admin role is its account and everything in it', async () => {
    const admin = policy('AdministratorAccess', [statement('Allow', '*', '*')], 'System');
    await analyzer.applyAssetChanges([admin.asset, role('web-role', { policies: [admin.ref] })]);
    const radius = await analyzer.blastRadius(ROLE);
    expect(radius).toEqual(expect.arrayContaining([idOf('account', '1234567890123456'), FINANCE, idOf('bucket', 'logs'), WEB]));
    expect(radius).not.toContain('internet');
  });

  it('choke points name the node whose fix breaks the most paths', async () => {
    await analyzer.setSensitiveAsset(FINANCE, true);
    await analyzer.setSensitiveAsset(idOf('bucket', 'logs'), true);
    await analyzer.applyAssetChanges([(() => {
      const read = policy('read-finance', [statement('Allow', 'oss:GetObject', ['acs:oss:*:*:finance/*', 'acs:oss:*:*:logs/*'])]);
      return read.asset;
    })()]);
    const points = await analyzer.chokePoints(2);
    expect(points).toEqual([{ nodeId: WEB, pathsBroken: 2 }, { nodeId: ROLE, pathsBroken: 2 }]); // ties by id
  });

  it('topology draws each node and edge of a set of paths once', async () => {
    await analyzer.setSensitiveAsset(FINANCE, true);
    const paths = await analyzer.attackPaths();
    const drawn = topology(paths);
    expect(drawn.nodes.map((n) => n.id)).toEqual(['internet', FINANCE, ROLE, WEB].sort());
    expect(drawn.edges.map((e) => e.kind).sort()).toEqual(['CAN_REACH', 'CAN_READ', 'OBTAINS_CREDENTIALS']);
    expect(drawn.edges[0].pathIds).toEqual(paths.map((p) => p.id).filter((id) => drawn.edges[0].pathIds.includes(id)));
  });

  it('alternatives list the path itself first', async () => {
    await analyzer.setSensitiveAsset(FINANCE, true);
    const [path] = await analyzer.attackPaths();
    const alternatives = await analyzer.alternatives(path, 3);
    expect(alternatives[0].id).toBe(path.id);
  });
});
