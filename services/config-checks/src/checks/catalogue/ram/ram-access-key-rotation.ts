import { defineCheck } from '../../engine/define-check.factory';
import { instant } from '../../engine/instant.parser';
import { verdict } from '../../engine/verdict.factory';
import type { AccessKeyInfo } from '@rampart/asset-model';
import type { ParamsOf } from '../../model/check-params.definition';
import { standardRef } from '../standard-ref.factory';
import { planAccessKeyDeactivation } from './access-key-fix.planner';

const PARAMS = { days: { type: 'integer', default: 90, minimum: 1, maximum: 3650, description: 'Maximum age of an active AccessKey in days.' } } as const;

function stale(keys: readonly AccessKeyInfo[], now: number, params: ParamsOf<typeof PARAMS>): { old: { id: string; created: string | null; age: number }[]; unreadable: string[] } {
  const old: { id: string; created: string | null; age: number }[] = [];
  const unreadable: string[] = [];
  for (const k of keys) {
    if (k.status !== 'Active') continue;
    const age = instant.ageInDays(k.createDate, now);
    if (age === null) unreadable.push(k.accessKeyId);
    else if (age > params.days) old.push({ id: k.accessKeyId, created: k.createDate, age });
  }
  return { old, unreadable };
}

export const ramAccessKeyRotation = defineCheck({
  id: 'ram-access-key-rotation',
  title: 'Active AccessKeys of RAM users are rotated every 90 days',
  description: 'Fails for a user with an Active AccessKey created more than the threshold (default 90) days ago; Inactive keys are ignored.',
  rationale: 'Long-lived keys accumulate in scripts, laptops and repositories; rotation bounds the life of a leaked key.',
  severity: 'MEDIUM',
  product: 'RAM',
  kind: 'ramUser',
  free: true,
  standards: [standardRef.cis('1.6'), standardRef.mlps('8.1.4.1a')],
  remediation: 'Create a second key, move applications to it, then disable and delete the old one; prefer RAM roles/STS over AccessKeys.',
  apis: ['Ram:ListUsers', 'Ram:ListAccessKeys'],
  reads: ['accessKeys'],
  params: PARAMS,
  evaluate(asset, ctx, params) {
    const { old, unreadable } = stale(asset.configuration.accessKeys, ctx.now, params);
    if (old.length > 0) {
      return verdict.fail(`AccessKey ${old[0].id} is ${old[0].age} days old`, {
        field: 'accessKeys', thresholdDays: params.days, keys: old.map((k) => ({ accessKeyId: k.id, createDate: k.created, ageDays: k.age })),
      });
    }
    if (unreadable.length > 0) return verdict.error(`Creation date of AccessKey ${unreadable[0]} is unknown`, { field: 'accessKeys.createDate', keys: unreadable });
    return verdict.pass('Every active AccessKey is younger than the threshold');
  },
  fix: {
    description: 'Deactivates the over-age AccessKeys (UpdateAccessKey Status=Inactive); applications using them stop working until moved to a new key.',
    writeActions: ['Ram:UpdateAccessKey'],
    rollbackActions: ['Ram:UpdateAccessKey'],
    captureActions: ['Ram:ListAccessKeys'],
    plan: (asset, ctx, params) => planAccessKeyDeactivation(asset, stale(asset.configuration.accessKeys, ctx.now, params).old.map((k) => k.id)),
  },
});
