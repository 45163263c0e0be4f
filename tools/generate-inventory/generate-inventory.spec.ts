import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AccountConfiguration, BucketConfiguration, EcsInstanceConfiguration, RamPolicyConfiguration, RamUserConfiguration,
  RdsInstanceConfiguration, SecurityGroupConfiguration,
} from '@rampart/asset-model';
import { normaliseSnapshot, type NormalisedInventory } from '../../services/assets/src/inventory/normalise-snapshot';
import { parseSnapshot } from '../../services/assets/src/inventory/validate-snapshot';
import { GENERATED_ACCOUNT, generateInventoryFile, generateInventoryText } from './generate-inventory';
import { planInventory } from './inventory.plan';
import { main } from './generate-inventory.cli';

function configs<C>(result: NormalisedInventory, resourceType: string): C[] {
  return result.assets.filter((a) => a.resourceType === resourceType).map((a) => a.configuration as unknown as C);
}

describe('generate-inventory', () => {
  it.each([100, 137, 1_000, 4_321])('writes a snapshot that normalises to exactly %i assets', (assets) => {
    const result = normaliseSnapshot(parseSnapshot(generateInventoryText({ assets, seed: 11 })));
    expect(result.assets).toHaveLength(assets);
    expect(new Set(result.assets.map((a) => a.id)).size).toBe(assets);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateInventoryText({ assets: 300, seed: 5 });
    expect(generateInventoryText({ assets: 300, seed: 5 })).toBe(a);
    expect(generateInventoryText({ assets: 300, seed: 6 })).not.toBe(a);
  });

  it('spreads resources over several regions', () => {
    expect(planInventory(100).regions.map((r) => r.region)).toEqual(['cn-hangzhou', 'cn-shanghai']);
    expect(planInventory(100_000).regions).toHaveLength(5);
    expect(planInventory(1_000_000).regions).toHaveLength(8);
    expect(() => planInventory(99)).toThrow(RangeError);
    expect(() => planInventory(1_000_001)).toThrow(RangeError);
  });

  describe('a 3,000-asset account', () => {
    let result: NormalisedInventory;
    beforeAll(() => {
      result = normaliseSnapshot(parseSnapshot(generateInventoryText({ assets: 3_000, seed: 1 })));
    });

    it('covers every product and resource type', () => {
      expect(new Set(result.assets.map((a) => a.product))).toEqual(new Set(['RAM', 'ECS', 'VPC', 'EIP', 'SLB', 'OSS', 'RDS', 'KVSTORE', 'KMS', 'SLS', 'ACTIONTRAIL', 'ACK', 'SAS']));
      expect(new Set(result.assets.map((a) => a.resourceType)).size).toBe(22);
      expect(result.accountId).toBe(GENERATED_ACCOUNT);
    });

    it('has world-open SSH and RDP, some SSH shadowed by a higher-priority Drop', () => {
      const groups = configs<SecurityGroupConfiguration>(result, 'ALIYUN::ECS::SecurityGroup');
      const world = (g: SecurityGroupConfiguration, port: number, policy: 'accept' | 'drop') =>
        g.rules.some((r) => r.direction === 'ingress' && r.policy === policy && r.sourceCidrIp === '0.0.0.0/0' && r.portFrom <= port && port <= r.portTo);
      expect(groups.filter((g) => world(g, 22, 'accept')).length).toBeGreaterThan(0);
      expect(groups.filter((g) => world(g, 3389, 'accept')).length).toBeGreaterThan(0);
      expect(groups.filter((g) => world(g, 22, 'drop') && g.rules.some((r) => r.policy === 'accept' && r.portFrom === 22 && r.priority > 1)).length).toBeGreaterThan(0);
      expect(groups.filter((g) => !world(g, 22, 'accept') && !world(g, 3389, 'accept')).length).toBeGreaterThan(groups.length / 2);
    });

    it('has public buckets and RDS whitelists with 0.0.0.0/0 inside a comma list', () => {
      const buckets = configs<BucketConfiguration>(result, 'ALIYUN::OSS::Bucket');
      expect(buckets.some((b) => b.acl !== 'private')).toBe(true);
      expect(buckets.some((b) => b.policy?.Statement.some((s) => s.Effect === 'Allow' && s.Principal === '*'))).toBe(true);
      expect(buckets.filter((b) => b.acl === 'private').length).toBeGreaterThan(buckets.length * 0.8);
      const rds = configs<RdsInstanceConfiguration>(result, 'ALIYUN::RDS::DBInstance');
      expect(rds.some((d) => d.whitelistGroups.some((g) => g.entries.length > 1 && g.entries.includes('0.0.0.0/0')))).toBe(true);
    });

    it('has admin policies, instance roles and old access keys', () => {
      const policies = configs<RamPolicyConfiguration>(result, 'ALIYUN::RAM::ManagedPolicy');
      expect(policies.filter((p) => p.document?.Statement.some((s) => s.Effect === 'Allow' && s.Action === '*' && s.Resource === '*')).map((p) => p.policyType)).toEqual(expect.arrayContaining(['System', 'Custom']));
      const instances = configs<EcsInstanceConfiguration>(result, 'ALIYUN::ECS::Instance');
      expect(instances.some((i) => i.ramRoleName !== null)).toBe(true);
      const users = configs<RamUserConfiguration>(result, 'ALIYUN::RAM::User');
      expect(users.some((u) => u.accessKeys.some((k) => k.status === 'Active' && (k.createDate ?? '9') < '2021'))).toBe(true);
      expect(users.some((u) => u.loginProfile !== null && u.mfaDevice === null)).toBe(true);
    });

    it('records a few API errors, an unknown action and an incomplete list', () => {
      const sources = new Set(result.assets.flatMap((a) => a.unknown.filter((u) => u.error.code !== 'NotCollected').map((u) => u.source)));
      expect([...sources].sort()).toEqual(['Ecs:DescribeInstanceRamRole', 'Kms:ListKeys', 'Oss:GetBucketPolicy', 'Rds:DescribeDBInstanceTDE', 'Sas:DescribeVulList']);
      expect(result.assets.some((a) => a.unknown.some((u) => u.error.code === 'NotCollected'))).toBe(false);
      expect(result.unknownActions).toEqual([{ index: 0, product: 'Ecs', action: 'DescribeRegions' }]);
      expect(result.incomplete).toEqual([{ source: 'Kms:ListKeys', region: 'cn-beijing', error: { code: 'Forbidden.KMS', message: expect.any(String) } }]);
      const account = result.assets.find((a) => a.resourceType === 'ALIYUN::RAM::Account');
      expect((account?.configuration as AccountConfiguration).passwordPolicy?.maxLoginAttempts).toBe(0);
    });

    it('links resources so that nearly every relationship names a listed asset', () => {
      const ids = new Set(result.assets.map((a) => a.id));
      const relationships = result.assets.flatMap((a) => a.relationships);
      const dangling = relationships.filter((r) => !ids.has(r.targetId));
      expect(relationships.length).toBeGreaterThan(result.assets.length);
      expect(dangling.length).toBeLessThan(relationships.length * 0.01);
    });
  });

  it('streams the same bytes to a file as it builds in memory, through the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
    try {
      const out = join(dir, 'snapshot.json');
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      expect(main(['--assets', '250', '--seed', '3', '--out', out])).toBe(0);
      write.mockRestore();
      expect(readFileSync(out, 'utf8')).toBe(generateInventoryText({ assets: 250, seed: 3 }));
      const summary = generateInventoryFile({ assets: 250, seed: 3 }, out);
      expect(summary.calls).toBe(JSON.parse(readFileSync(out, 'utf8')).calls.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad arguments with the usage', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['--assets', '50', '--out', '/tmp/x.json'])).toBe(2);
    expect(main(['--assets', '1000'])).toBe(2);
    expect(main(['--bogus'])).toBe(2);
    write.mockRestore();
  });
});
