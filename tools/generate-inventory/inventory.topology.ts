import { SYSTEM_POLICIES, type InventoryPlan, type RegionPlan } from './inventory.plan';
import { SeededRandom, hashText, mix } from './seeded-random';
import type { RecordedCall, SnapshotWriter } from './snapshot.writer';

export const VERSIONS: Readonly<Record<string, string>> = {
  Ecs: '2014-05-26', Vpc: '2016-04-28', Slb: '2014-05-15', Oss: '2019-05-17', Ram: '2015-05-01', Ims: '2019-08-15', Sts: '2015-04-01',
  Rds: '2014-08-15', 'R-kvstore': '2015-01-01', Actiontrail: '2020-07-06', Kms: '2016-01-20', Sls: '2020-12-30', Cs: '2015-12-15', Sas: '2018-12-03',
};

export type EipBinding = { type: 'EcsInstance' | 'Nat' | 'SlbInstance'; index: number } | null;

/**
 * Shared state of one generation run: the plan, the seed, the writer, and the deterministic topology every product
 * emitter agrees on (which VSwitch, group, EIP, role an entity has), computed from indices so nothing is stored.
 */
export class Generation {
  private readonly kindHashes = new Map<string, number>();
  private requestCounter = 0;

  constructor(readonly plan: InventoryPlan, readonly seed: number, readonly accountId: string, private readonly writer: SnapshotWriter) {}

  /** The random stream of one entity. */
  rng(kind: string, region: number, index: number): SeededRandom {
    return new SeededRandom(mix(this.seed, this.kindHash(kind), region, index));
  }

  private kindHash(kind: string): number {
    let h = this.kindHashes.get(kind);
    if (h === undefined) {
      h = hashText(kind);
      this.kindHashes.set(kind, h);
    }
    return h;
  }

  /** A resource id in Alibaba's style (`i-bp1…`), unique per (kind, region, index). */
  id(prefix: string, kind: string, r: RegionPlan | null, index: number, length = 17): string {
    const serial = index.toString(36).padStart(5, '0');
    const noise = mix(this.seed, this.kindHash(kind), r?.index ?? 99, index).toString(36).padStart(7, '0');
    return `${prefix}-${r?.prefix ?? ''}${`${serial}${noise}`.slice(0, length - (r?.prefix.length ?? 0))}`;
  }

  requestId(): string {
    this.requestCounter += 1;
    const h = mix(this.seed, this.requestCounter).toString(16).padStart(8, '0').toUpperCase();
    const n = this.requestCounter.toString(16).padStart(12, '0').toUpperCase();
    return `${h}-${n.slice(0, 4)}-4${n.slice(4, 7)}-A${n.slice(7, 10)}-${n.padStart(12, '0')}`;
  }

  ok(product: string, action: string, region: string | null, params: Record<string, unknown>, body: Record<string, unknown> | string, requestId = true): void {
    const response = typeof body === 'string' || !requestId ? body : { RequestId: this.requestId(), ...body };
    this.write({ product, version: VERSIONS[product], action, region, params, response });
  }

  fail(product: string, action: string, region: string | null, params: Record<string, unknown>, code: string, message: string): void {
    this.write({ product, version: VERSIONS[product], action, region, params, error: { code, message } });
  }

  private write(call: RecordedCall): void {
    this.writer.write(call);
  }

  // ── regional topology ─────────────────────────────────────────────────────────────────────────
  vpcId(r: RegionPlan, v: number): string { return this.id('vpc', 'vpc', r, v); }
  vSwitchId(r: RegionPlan, j: number): string { return this.id('vsw', 'vsw', r, j); }
  sgId(r: RegionPlan, s: number): string { return this.id('sg', 'sg', r, s); }
  instanceId(r: RegionPlan, i: number): string { return this.id('i', 'instance', r, i); }
  eniId(r: RegionPlan, n: number): string { return this.id('eni', 'eni', r, n); }
  diskId(r: RegionPlan, d: number): string { return this.id('d', 'disk', r, d); }
  eipId(r: RegionPlan, e: number): string { return this.id('eip', 'eip', r, e); }
  natId(r: RegionPlan, n: number): string { return this.id('ngw', 'nat', r, n); }
  lbId(r: RegionPlan, s: number): string { return this.id('lb', 'lb', r, s); }
  kmsKeyId(r: RegionPlan, k: number): string {
    const rng = this.rng('kms-id', r.index, k);
    return `key-${r.prefix.slice(0, 2)}z${rng.token(8)}-${rng.token(4)}-${rng.token(12)}`;
  }

  vpcOfVSwitch(r: RegionPlan, j: number): number { return j % r.vpcs; }
  vSwitchOfInstance(r: RegionPlan, i: number): number { return i % r.vSwitches; }
  vpcOfInstance(r: RegionPlan, i: number): number { return this.vpcOfVSwitch(r, this.vSwitchOfInstance(r, i)); }

  /** The n-th VSwitch of VPC v (the plan guarantees every VPC has one). */
  vSwitchInVpc(r: RegionPlan, v: number, n: number): number {
    const count = Math.floor((r.vSwitches - 1 - v) / r.vpcs) + 1;
    return v + r.vpcs * (n % count);
  }

  /** The n-th security group of VPC v. */
  sgInVpc(r: RegionPlan, v: number, n: number): number {
    const count = Math.floor((r.securityGroups - 1 - v) / r.vpcs) + 1;
    return v + r.vpcs * (n % count);
  }

  sgsInVpc(r: RegionPlan, v: number): number {
    return Math.floor((r.securityGroups - 1 - v) / r.vpcs) + 1;
  }

  vpcCidr(v: number): string { return `10.${v % 250}.0.0/16`; }
  vSwitchCidr(r: RegionPlan, j: number): string {
    return `10.${this.vpcOfVSwitch(r, j) % 250}.${Math.floor(j / r.vpcs) % 250}.0/24`;
  }
  instanceIp(r: RegionPlan, i: number): string {
    const j = this.vSwitchOfInstance(r, i);
    return `10.${this.vpcOfVSwitch(r, j) % 250}.${Math.floor(j / r.vpcs) % 250}.${(Math.floor(i / r.vSwitches) % 250) + 4}`;
  }
  secondaryIp(r: RegionPlan, k: number): string {
    const j = this.vSwitchOfInstance(r, this.secondaryEniInstance(r, k) ?? k);
    return `10.${this.vpcOfVSwitch(r, j) % 250}.${Math.floor(j / r.vpcs) % 250}.${200 + (k % 50)}`;
  }

  /** Instance a secondary ENI is attached to (every fifth one is spare). */
  secondaryEniInstance(r: RegionPlan, k: number): number | null {
    return k % 5 === 4 || r.instances === 0 ? null : (k * 7) % r.instances;
  }

  /** Instance a data disk is attached to (every fourth one is left over). */
  dataDiskInstance(r: RegionPlan, k: number): number | null {
    return k % 4 === 3 || r.instances === 0 ? null : (k * 13) % r.instances;
  }

  eipBinding(r: RegionPlan, e: number): EipBinding {
    const slot = e % 10;
    const group = Math.floor(e / 10);
    if (slot === 9) return null;
    if (slot === 8 && group < r.natGateways) return { type: 'Nat', index: group };
    if (slot === 7 && group < r.loadBalancers) return { type: 'SlbInstance', index: group };
    if (e < r.instances && slot !== 8 && slot !== 7) return { type: 'EcsInstance', index: e };
    return null;
  }

  instanceEip(r: RegionPlan, i: number): number | null {
    if (i >= r.eips) return null;
    const binding = this.eipBinding(r, i);
    return binding?.type === 'EcsInstance' ? i : null;
  }

  // ── identities ────────────────────────────────────────────────────────────────────────────────
  roleName(n: number): string {
    if (n % 2 === 0) return `EcsAppRole${n / 2}`;
    return n % 4 === 1 ? `CrossAccountAudit${n}` : `FcServiceRole${n}`;
  }
  ecsRoleCount(): number { return Math.ceil(this.plan.roles / 2); }
  groupName(g: number): string { return ['admins', 'developers', 'auditors'][g] ?? `team-${g}`; }
  customPolicyName(c: number): string { return `custom-policy-${c}`; }
  systemPolicy(n: number): string { return SYSTEM_POLICIES[n % SYSTEM_POLICIES.length]; }

  bucketName(b: number): string {
    const rng = this.rng('bucket-name', 0, b);
    return `${rng.pick(['acme', 'rampart', 'orbit', 'nimbus'])}-${rng.pick(['logs', 'assets', 'backup', 'data', 'media', 'reports'])}-${b}`;
  }
  bucketRegion(b: number): RegionPlan { return this.plan.regions[b % this.plan.regions.length]; }

  slsProjectName(r: RegionPlan, s: number): string { return `${r.region}-logs-${s}`; }
}
