// Evaluations per second of the whole catalogue over a synthetic inventory, on one core.
// Run: node -r ./bench/evaluate-checks.register.cjs bench/evaluate-checks.bench.ts [assets=300000] [rounds=3] [realistic|adversarial]
import type { Asset, SecurityGroupRule } from '@rampart/asset-model';
import { CHECK_CATALOGUE, CheckEvaluator } from '../services/config-checks/src/checks';
import { assetFixtures as f } from '../services/config-checks/src/checks/testing/asset.fixtures';

/** Deterministic PRNG (mulberry32) so every run measures the same inventory. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface InventoryProfile {
  /** Share of security-group rules whose source is 0.0.0.0/0. */
  readonly worldRuleShare: number;
  /** Ports of world-sourced rules. */
  readonly worldPorts: readonly number[];
  /** Share of rules that are allow-all (protocol ALL, -1/-1). */
  readonly allowAllShare: number;
}

const PROFILES: Record<string, InventoryProfile> = {
  // Most groups admit the internet only on web ports; a few expose SSH/RDP or are wide open.
  realistic: { worldRuleShare: 0.1, worldPorts: [80, 443, 443, 80, 443, 22, 3389, 8080], allowAllShare: 0.01 },
  // Stress: 30% world rules on risky ports, 5% allow-all: most groups need a full exposure analysis and many FAIL.
  adversarial: { worldRuleShare: 0.3, worldPorts: [22, 80, 443, 3306, 3389, 6379, 8080, 9200, 27017], allowAllShare: 0.05 },
};

function syntheticInventory(target: number, profile: InventoryProfile): Asset[] {
  const rnd = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const assets: Asset[] = [];
  const accounts = Math.max(1, Math.round(target / 30_000));
  const perAccount = Math.ceil(target / accounts);
  const privatePorts = [22, 3306, 5432, 6379, 8080, 9000];
  for (let a = 0; a < accounts; a++) {
    const accountId = String(1_000_000_000_000_000 + a);
    const extra = { accountId };
    assets.push(f.account({}, extra), f.securityCenter({}, extra), f.trail({}, extra), f.slsProject({ alerts: [] }, extra));
    let n = 0;
    for (let i = 0; n < perAccount; i++) {
      const sgId = `sg-${a}-${i}`;
      const rules: SecurityGroupRule[] = [];
      const ruleCount = 4 + Math.floor(rnd() * 8);
      for (let r = 0; r < ruleCount; r++) {
        const world = rnd() < profile.worldRuleShare;
        const wide = rnd() < profile.allowAllShare;
        const port = world ? pick(profile.worldPorts) : pick(privatePorts);
        rules.push(f.rule({
          policy: rnd() < 0.1 ? 'drop' : 'accept',
          protocol: wide ? 'all' : 'tcp',
          portFrom: wide ? 1 : port, portTo: wide ? 65535 : port, portRange: wide ? '-1/-1' : `${port}/${port}`,
          sourceCidrIp: world || wide ? '0.0.0.0/0' : `10.${r}.0.0/16`,
          priority: 1 + Math.floor(rnd() * 100),
        }));
      }
      assets.push(f.securityGroup({ securityGroupId: sgId, rules }, extra));
      assets.push(f.ecsInstance({
        instanceId: `i-${a}-${i}`, securityGroupIds: [sgId], status: rnd() < 0.1 ? 'Stopped' : 'Running',
        publicIpAddresses: rnd() < 0.3 ? [`47.0.${i % 250}.${a % 250}`] : [], ramRoleName: null,
      }, extra));
      assets.push(f.disk({ diskId: `d-${a}-${i}`, encrypted: rnd() < 0.7, status: rnd() < 0.1 ? 'Available' : 'In_use' }, extra));
      n += 3;
      if (i % 2 === 0) {
        assets.push(f.bucket({ bucketName: `b-${a}-${i}`, acl: rnd() < 0.05 ? 'public-read' : 'private' }, extra));
        assets.push(f.ramUser({ userName: `u-${a}-${i}`, accessKeys: [{ accessKeyId: `AK${a}x${i}`, status: 'Active', createDate: '2026-01-01T00:00:00Z', lastUsedDate: null }] }, extra));
        const postgres = rnd() < 0.4;
        assets.push(f.rdsInstance({
          dbInstanceId: `rm-${a}-${i}`, engine: postgres ? 'PostgreSQL' : 'MySQL',
          parameters: postgres ? { log_connections: 'on', log_disconnections: rnd() < 0.5 ? 'on' : 'off', log_duration: 'off' } : {},
        }, extra));
        n += 3;
      }
      if (i % 4 === 0) {
        assets.push(f.redisInstance({ instanceId: `r-${a}-${i}` }, extra));
        assets.push(f.vpc({ vpcId: `vpc-${a}-${i}` }, extra));
        assets.push(f.eip({ allocationId: `eip-${a}-${i}`, instanceId: `i-${a}-${i}` }, extra));
        assets.push(f.loadBalancer({ loadBalancerId: `lb-${a}-${i}` }, extra));
        assets.push(f.kmsKey({ keyId: `key-${a}-${i}`, creator: accountId }, extra));
        assets.push(f.ramPolicy({ policyName: `p-${a}-${i}` }, extra));
        assets.push(f.ackCluster({ clusterId: `c-${a}-${i}` }, extra));
        n += 7;
      }
    }
  }
  return assets;
}

const size = Number(process.argv[2] ?? 300_000);
const rounds = Number(process.argv[3] ?? 3);
const profileName = process.argv[4] ?? 'realistic';
const profile = PROFILES[profileName];
if (profile === undefined) throw new Error(`unknown profile ${profileName}; use ${Object.keys(PROFILES).join(' or ')}`);
const t0 = performance.now();
const inventory = syntheticInventory(size, profile);
const built = performance.now() - t0;
const evaluator = new CheckEvaluator(CHECK_CATALOGUE);
const now = Date.parse('2026-11-28T00:00:00Z');
process.stdout.write(`profile ${profileName}: ${inventory.length} assets built in ${built.toFixed(0)} ms; catalogue: ${CHECK_CATALOGUE.length} items\n`);

let best = 0;
for (let round = 1; round <= rounds; round++) {
  let fails = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const summary = evaluator.run(inventory, { now }, (r) => {
    if (r.status === 'FAIL') fails++;
  });
  const cpu = process.cpuUsage(cpuStart);
  const ms = performance.now() - start;
  // CPU time of this (single-threaded) process: the machine is shared, so wall time includes waiting for a core.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rate = summary.evaluations / (cpuMs / 1000);
  best = Math.max(best, rate);
  process.stdout.write(
    `round ${round}: ${summary.evaluations} evaluations, ${cpuMs.toFixed(0)} ms CPU (${ms.toFixed(0)} ms wall) = ` +
      `${Math.round(rate).toLocaleString('en-US')} evaluations/s per core (wall: ${Math.round(summary.evaluations / (ms / 1000)).toLocaleString('en-US')}/s) ` +
      `[PASS ${summary.byStatus.PASS}, FAIL ${fails}, ERROR ${summary.byStatus.ERROR}, N/A ${summary.byStatus.NOT_APPLICABLE}]\n`,
  );
}
process.stdout.write(`best: ${Math.round(best).toLocaleString('en-US')} evaluations/s on one core (includes building the scan indexes)\n`);
