import { emitCompute } from './compute.emitter';
import { emitBuckets, emitKms, emitRds, emitRedis, emitSls } from './data-stores.emitter';
import { emitIdentity } from './identity.emitter';
import { planInventory, type InventoryPlan } from './inventory.plan';
import { Generation } from './inventory.topology';
import { emitClusters, emitSecurityCenter, emitTrails } from './platform.emitter';
import { SnapshotWriter } from './snapshot.writer';

export interface GenerateOptions {
  /** Number of assets the snapshot normalises to (100 to 1,000,000). */
  assets: number;
  seed: number;
  accountId?: string;
}

export interface GenerateSummary {
  plan: InventoryPlan;
  calls: number;
  bytes: number;
}

export const GENERATED_ACCOUNT = '1357924680135792';

/**
 * Writes a snapshot shaped like a real account (several regions; VPCs, VSwitches, ECS with groups, ENIs, disks and
 * EIPs; SLBs; buckets; RAM users, groups, roles, policies; RDS; Redis; trails; KMS; SLS; ACK; Security Center) with
 * a realistic mix of good and bad configuration and a few recorded API errors, call by call into `writer`.
 */
export function generateInventory(options: GenerateOptions, writer: SnapshotWriter): GenerateSummary {
  const plan = planInventory(options.assets);
  const g = new Generation(plan, options.seed >>> 0, options.accountId ?? GENERATED_ACCOUNT, writer);
  // The connector records the region list first; the importer does not read it and reports it as unknown.
  g.ok('Ecs', 'DescribeRegions', plan.regions[0].region, {}, { Regions: { Region: plan.regions.map((r) => ({ RegionId: r.region, RegionEndpoint: `ecs.${r.region}.aliyuncs.com`, Status: 'available' })) } });
  emitIdentity(g);
  emitBuckets(g);
  plan.regions.forEach((r, i) => {
    emitCompute(g, r, i === plan.regions.length - 1);
    emitRds(g, r, i === 0);
    emitRedis(g, r);
    emitKms(g, r);
    emitSls(g, r);
    emitClusters(g, r);
    emitTrails(g, r);
  });
  emitSecurityCenter(g);
  writer.end();
  return { plan, calls: writer.calls, bytes: writer.bytes };
}

/** The whole snapshot as text, for tests and small benches. */
export function generateInventoryText(options: GenerateOptions): string {
  const writer = SnapshotWriter.inMemory(options.accountId ?? GENERATED_ACCOUNT, '2026-11-28T00:00:00Z');
  generateInventory(options, writer);
  return writer.toString();
}

export function generateInventoryFile(options: GenerateOptions, path: string): GenerateSummary {
  return generateInventory(options, SnapshotWriter.toFile(path, options.accountId ?? GENERATED_ACCOUNT, '2026-11-28T00:00:00Z'));
}
