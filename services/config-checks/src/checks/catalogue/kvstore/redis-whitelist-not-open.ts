import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { ApiCall } from '../../model/fix-plan.definition';
import { openEntryEvidence, openWhitelistEntries, whitelistEntries } from '../../network/whitelist.inspector';
import { standardRef } from '../standard-ref.factory';
import { notServingRedis } from './redis-instance-applicability.guard';

export const redisWhitelistNotOpen = defineCheck({
  id: 'redis-whitelist-not-open',
  title: 'Redis (KVStore) instance whitelist is not open to the world',
  description: 'Splits each whitelist group on commas and fails when an entry is 0.0.0.0/0, 0.0.0.0 or ::/0 (or a prefix no longer than broadPrefix).',
  rationale: 'Redis commands can write files and keys; a world-open whitelist leaves only the password between attackers and the data.',
  severity: 'HIGH',
  product: 'KVSTORE',
  kind: 'redisInstance',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4c')],
  remediation: 'Replace 0.0.0.0/0 with the application addresses (ModifySecurityIps), and use VPC access only.',
  apis: ['R-kvstore:DescribeSecurityIps'],
  reads: ['whitelistGroups'],
  applicabilityReads: ['status'],
  params: { broadPrefix: { type: 'integer', default: 0, minimum: 0, maximum: 32, description: 'Also fail on prefixes this short or shorter (0 = only the whole internet).' } },
  notApplicable: notServingRedis,
  evaluate(asset, _ctx, params) {
    const open = openWhitelistEntries(asset.configuration.whitelistGroups, params.broadPrefix);
    if (open.length === 0) return verdict.pass('No whitelist entry admits the whole internet');
    return verdict.fail(`Whitelist group ${open[0].group.name} admits ${open[0].entry}`, { field: 'whitelistGroups', openEntries: openEntryEvidence(open) });
  },
  fix: {
    description: 'Rewrites each offending whitelist group without the world entries (ModifySecurityIps ModifyMode=Cover; an emptied group becomes 127.0.0.1); the rollback restores each group.',
    writeActions: ['R-kvstore:ModifySecurityIps'],
    rollbackActions: ['R-kvstore:ModifySecurityIps'],
    captureActions: ['R-kvstore:DescribeSecurityIps'],
    plan(asset, _ctx, params) {
      const cfg = asset.configuration;
      const open = openWhitelistEntries(cfg.whitelistGroups, params.broadPrefix);
      const groups = [...new Set(open.map((o) => o.group))];
      const hidden = groups.find((g) => g.attribute === 'hidden');
      if (hidden !== undefined) return { ok: false, reason: `whitelist group ${hidden.name} is a hidden system group` };
      const call = (group: string, ips: readonly string[]): ApiCall => ({
        product: 'R-kvstore', action: 'ModifySecurityIps', region: asset.region,
        params: { InstanceId: cfg.instanceId, SecurityIpGroupName: group, SecurityIps: ips.join(','), ModifyMode: 'Cover' },
      });
      return {
        ok: true,
        plan: {
          summary: `Remove world entries from ${groups.length} whitelist group(s) of ${cfg.instanceId}`,
          capture: [{ call: { product: 'R-kvstore', action: 'DescribeSecurityIps', region: asset.region, params: { InstanceId: cfg.instanceId } }, fields: ['whitelistGroups'] }],
          priorState: { whitelistGroups: groups.map((g) => ({ name: g.name, entries: whitelistEntries(g) })) },
          writes: groups.map((g) => {
            const kept = whitelistEntries(g).filter((e) => !open.some((o) => o.group === g && o.entry === e));
            return call(g.name, kept.length > 0 ? kept : ['127.0.0.1']);
          }),
          rollback: groups.map((g) => call(g.name, whitelistEntries(g))),
        },
      };
    },
  },
});
