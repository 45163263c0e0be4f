import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { LogStore } from '@rampart/asset-model';
import { standardRef } from '../standard-ref.factory';

/** SLS reports permanent storage as 3650 days (and some APIs as -1). */
function keepsEnough(store: LogStore, days: number): boolean | null {
  if (store.ttlDays === null) return null;
  return store.ttlDays === -1 || store.ttlDays >= days;
}

function shortStores(stores: readonly LogStore[], days: number): LogStore[] {
  return stores.filter((s) => keepsEnough(s, days) === false);
}

export const slsLogstoreRetention = defineCheck({
  id: 'sls-logstore-retention',
  title: 'SLS logstores keep data for 365 days or more',
  description: 'Fails for a project with a logstore whose TTL is shorter than the threshold (default 365 days; -1/3650 = permanent).',
  rationale: 'Investigations routinely reach back months; China\'s Cybersecurity Law requires at least six months of network logs.',
  severity: 'MEDIUM',
  product: 'SLS',
  kind: 'slsProject',
  free: true,
  standards: [standardRef.cis('2.23'), standardRef.mlps('8.1.4.3c'), standardRef.mlps('8.1.5.4d')],
  remediation: 'Raise the data retention period of the logstore (UpdateLogStore ttl), or archive to OSS with a lifecycle policy.',
  apis: ['Sls:ListProject', 'Sls:ListLogStores', 'Sls:GetLogStore'],
  reads: ['logStores'],
  params: { days: { type: 'integer', default: 365, minimum: 1, maximum: 3650, description: 'Minimum retention in days.' } },
  evaluate(asset, _ctx, params) {
    const stores = asset.configuration.logStores;
    const short = shortStores(stores, params.days);
    if (short.length > 0) {
      return verdict.fail(`Logstore ${short[0].name} keeps data for ${String(short[0].ttlDays)} days`, {
        field: 'logStores.ttlDays', thresholdDays: params.days, logStores: short.map((s) => ({ name: s.name, ttlDays: s.ttlDays })),
      });
    }
    const unknown = stores.find((s) => s.ttlDays === null);
    if (unknown !== undefined) return verdict.error(`Retention of logstore ${unknown.name} was not reported`, { field: 'logStores.ttlDays', logStore: unknown.name });
    return verdict.pass(stores.length === 0 ? 'Project has no logstore' : `All ${stores.length} logstore(s) keep data for ${params.days}+ days`);
  },
  fix: {
    description: 'Raises the TTL of each short logstore to the threshold (UpdateLogStore); the rollback restores each prior TTL.',
    writeActions: ['Sls:UpdateLogStore'],
    rollbackActions: ['Sls:UpdateLogStore'],
    captureActions: ['Sls:GetLogStore'],
    plan(asset, _ctx, params) {
      const project = asset.configuration.projectName;
      const short = shortStores(asset.configuration.logStores, params.days);
      const call = (logstore: string, ttl: number) => ({ product: 'Sls' as const, action: 'UpdateLogStore', region: asset.region, params: { project, logstore, ttl } });
      return {
        ok: true,
        plan: {
          summary: `Keep ${short.length} logstore(s) of ${project} for ${params.days} days`,
          capture: short.map((s) => ({ call: { product: 'Sls' as const, action: 'GetLogStore', region: asset.region, params: { project, logstore: s.name } }, fields: ['logStores'] })),
          priorState: { logStores: short.map((s) => ({ name: s.name, ttlDays: s.ttlDays })) },
          writes: short.map((s) => call(s.name, params.days)),
          rollback: short.map((s) => call(s.name, s.ttlDays ?? params.days)),
        },
      };
    },
  },
});
