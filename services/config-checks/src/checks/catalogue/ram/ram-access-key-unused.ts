import type { AccessKeyInfo } from '@rampart/asset-model';
import { defineCheck } from '../../engine/define-check.factory';
import { instant } from '../../engine/instant.parser';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { planAccessKeyDeactivation } from './access-key-fix.planner';

function unused(keys: readonly AccessKeyInfo[], now: number, days: number): { id: string; since: string | null; age: number }[] {
  const found: { id: string; since: string | null; age: number }[] = [];
  for (const k of keys) {
    if (k.status !== 'Active') continue;
    const since = k.lastUsedDate ?? k.createDate;
    const age = instant.ageInDays(since, now);
    if (age !== null && age > days) found.push({ id: k.accessKeyId, since, age });
  }
  return found;
}

export const ramAccessKeyUnused = defineCheck({
  id: 'ram-access-key-unused',
  title: 'No active AccessKey has gone unused for 90 days',
  description: 'Fails for an Active AccessKey whose last use (or creation, if never used) is older than the threshold.',
  rationale: 'A key nobody uses is pure risk: disabling it breaks nothing and removes a credential that can leak.',
  severity: 'MEDIUM',
  product: 'RAM',
  kind: 'ramUser',
  free: false,
  standards: [standardRef.mlps('8.1.4.2c')],
  remediation: 'Disable the unused AccessKey, wait for complaints, then delete it.',
  apis: ['Ram:ListAccessKeys', 'Ram:GetAccessKeyLastUsed'],
  reads: ['accessKeys'],
  params: { days: { type: 'integer', default: 90, minimum: 1, maximum: 3650, description: 'Days without use after which an active key fails.' } },
  evaluate(asset, ctx, params) {
    const active = asset.configuration.accessKeys.filter((k) => k.status === 'Active');
    const idle = unused(active, ctx.now, params.days);
    if (idle.length > 0) {
      return verdict.fail(`AccessKey ${idle[0].id} unused for ${idle[0].age} days`, {
        field: 'accessKeys.lastUsedDate', thresholdDays: params.days, keys: idle.map((k) => ({ accessKeyId: k.id, lastActivity: k.since, idleDays: k.age })),
      });
    }
    const unreadable = active.find((k) => instant.parse(k.lastUsedDate ?? k.createDate) === null);
    if (unreadable !== undefined) return verdict.error(`Last use of AccessKey ${unreadable.accessKeyId} is unknown`, { field: 'accessKeys.lastUsedDate', accessKeyId: unreadable.accessKeyId });
    return verdict.pass(active.length === 0 ? 'User has no active AccessKey' : 'Every active AccessKey was used recently');
  },
  fix: {
    description: 'Deactivates the unused AccessKeys (UpdateAccessKey Status=Inactive).',
    writeActions: ['Ram:UpdateAccessKey'],
    rollbackActions: ['Ram:UpdateAccessKey'],
    captureActions: ['Ram:ListAccessKeys'],
    plan: (asset, ctx, params) => planAccessKeyDeactivation(asset, unused(asset.configuration.accessKeys, ctx.now, params.days).map((k) => k.id)),
  },
});
