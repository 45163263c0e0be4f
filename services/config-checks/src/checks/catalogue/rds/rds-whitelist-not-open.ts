import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { ApiCall } from '../../model/fix-plan.definition';
import { openEntryEvidence, openWhitelistEntries, whitelistEntries } from '../../network/whitelist.inspector';
import { standardRef } from '../standard-ref.factory';
import { notServingDatabase } from './rds-instance-applicability.guard';

export const rdsWhitelistNotOpen = defineCheck({
  id: 'rds-whitelist-not-open',
  title: 'RDS instance whitelist is not open to the world',
  description:
    'Splits every whitelist group (hidden ones included) on commas and fails when an entry is 0.0.0.0/0, 0.0.0.0 (Alibaba\'s any-address form) ' +
    'or ::/0, or a prefix no longer than broadPrefix. Peers test the joined list string or use substring matches.',
  rationale: 'A world-open whitelist leaves only the database password between the internet and the data.',
  severity: 'HIGH',
  product: 'RDS',
  kind: 'rdsInstance',
  free: true,
  standards: [standardRef.cis('6.2'), standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4c')],
  remediation: 'Replace 0.0.0.0/0 with the addresses of the application servers (ModifySecurityIps), and prefer VPC-only access.',
  apis: ['Rds:DescribeDBInstances', 'Rds:DescribeDBInstanceIPArrayList'],
  reads: ['whitelistGroups'],
  applicabilityReads: ['status'],
  params: { broadPrefix: { type: 'integer', default: 0, minimum: 0, maximum: 32, description: 'Also fail on prefixes this short or shorter (0 = only the whole internet).' } },
  notApplicable: notServingDatabase,
  evaluate(asset, _ctx, params) {
    const open = openWhitelistEntries(asset.configuration.whitelistGroups, params.broadPrefix);
    if (open.length === 0) return verdict.pass('No whitelist entry admits the whole internet');
    return verdict.fail(`Whitelist group ${open[0].group.name} admits ${open[0].entry}`, { field: 'whitelistGroups', openEntries: openEntryEvidence(open), publicConnection: asset.configuration.publicConnection });
  },
  fix: {
    description: 'Rewrites each offending whitelist group without the world entries (ModifySecurityIps ModifyMode=Cover; an emptied group becomes 127.0.0.1); the rollback restores each group.',
    writeActions: ['Rds:ModifySecurityIps'],
    rollbackActions: ['Rds:ModifySecurityIps'],
    captureActions: ['Rds:DescribeDBInstanceIPArrayList'],
    plan(asset, _ctx, params) {
      const cfg = asset.configuration;
      const open = openWhitelistEntries(cfg.whitelistGroups, params.broadPrefix);
      const groups = [...new Set(open.map((o) => o.group))];
      const hidden = groups.find((g) => g.attribute === 'hidden');
      if (hidden !== undefined) return { ok: false, reason: `whitelist group ${hidden.name} is a hidden system group; change it in the service that owns it` };
      const call = (group: string, ips: readonly string[]): ApiCall => ({
        product: 'Rds', action: 'ModifySecurityIps', region: asset.region,
        params: { DBInstanceId: cfg.dbInstanceId, DBInstanceIPArrayName: group, SecurityIps: ips.join(','), ModifyMode: 'Cover' },
      });
      const writes = groups.map((g) => {
        const kept = whitelistEntries(g).filter((e) => !open.some((o) => o.group === g && o.entry === e));
        return call(g.name, kept.length > 0 ? kept : ['127.0.0.1']);
      });
      return {
        ok: true,
        plan: {
          summary: `Remove world entries from ${groups.length} whitelist group(s) of ${cfg.dbInstanceId}`,
          capture: [{ call: { product: 'Rds', action: 'DescribeDBInstanceIPArrayList', region: asset.region, params: { DBInstanceId: cfg.dbInstanceId } }, fields: ['whitelistGroups'] }],
          priorState: { whitelistGroups: groups.map((g) => ({ name: g.name, entries: whitelistEntries(g) })) },
          writes,
          rollback: groups.map((g) => call(g.name, whitelistEntries(g))),
        },
      };
    },
  },
});
