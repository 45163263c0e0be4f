import type { LogStore, SlsAlert, SlsProjectConfiguration } from '@rampart/asset-model';
import { compositeKey } from '../call-index';
import type { NormaliseContext, Outcome } from '../normalise-context';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Sls';

/** SLS calls name the project in `project` (the SDKs' path parameter), some recorders in `projectName`. */
function projectCall(ctx: NormaliseContext, action: string, project: string): Outcome {
  const outcome = ctx.detail(P, action, 'project', project);
  return outcome.kind === 'missing' ? ctx.detail(P, action, 'projectName', project) : outcome;
}

/** Log projects with their logstores (retention, encryption) and alert rules. */
export const slsNormaliser: ProductNormaliser = {
  name: 'sls',
  actions: actionsOf(P, ['ListProject', 'ListLogStores', 'GetLogStore', 'ListAlerts']),
  normalise(ctx) {
    for (const { ic, reader, body } of ctx.listBodies(P, 'ListProject')) {
      for (const { value: p, at } of reader.array(body, 'projects', '')) {
        const projectName = reader.id(p, 'projectName', at);
        if (projectName === null) continue;
        const region = reader.str(p, 'region', at) ?? ic.call.region;
        const config: SlsProjectConfiguration = { projectName, description: reader.str(p, 'description', at), logStores: [], alerts: [] };
        const asset = ctx.emit(ctx.newAsset('slsProject', 'SLS', region, region, projectName, projectName, {}, config));
        if (asset.configuration !== config) continue;

        const stores = projectCall(ctx, 'ListLogStores', projectName);
        ctx.noteOutcome(asset, ['logStores'], `${P}:ListLogStores`, stores);
        const getLogStore = ctx.index.byParams(P, 'GetLogStore', [['project', 'projectName'], ['logstore', 'logstoreName']]);
        for (const { reader: d, body: b } of ctx.answered(stores)) {
          for (const name of d.strings(b, 'logstores', null, '')) {
            const store: LogStore = { name, ttlDays: null, encrypted: null };
            config.logStores.push(store);
            const calls = getLogStore.get(compositeKey([projectName, name])) ?? [];
            const failed = calls.find((c) => c.call.error !== undefined);
            if (calls.length === 0 || failed !== undefined) {
              ctx.markUnknown(asset, ['logStores'], `${P}:GetLogStore`, failed?.call.error ?? null);
              continue;
            }
            for (const c of calls) {
              const detail = ctx.bodyOf(c);
              if (detail === null) continue;
              store.ttlDays = detail.reader.num(detail.body, 'ttl', '');
              const encryption = detail.reader.obj(detail.body, 'encrypt_conf', '');
              store.encrypted = encryption === null ? false : detail.reader.bool(encryption, 'enable', 'encrypt_conf') ?? false;
            }
          }
        }

        const alerts = projectCall(ctx, 'ListAlerts', projectName);
        ctx.noteOutcome(asset, ['alerts'], `${P}:ListAlerts`, alerts);
        for (const { reader: d, body: b } of ctx.answered(alerts)) {
          for (const { value: a, at: aAt } of d.array(b, 'results', '')) {
            const name = d.id(a, 'name', aAt);
            if (name === null) continue;
            const configuration = d.obj(a, 'configuration', aAt);
            const queries: string[] = [];
            if (configuration !== null) {
              for (const { value: q, at: qAt } of d.array(configuration, 'queryList', `${aAt}.configuration`)) {
                const query = d.str(q, 'query', qAt);
                if (query !== null) queries.push(query);
              }
            }
            const alert: SlsAlert = {
              name,
              displayName: d.str(a, 'displayName', aAt),
              enabled: (d.str(a, 'status', aAt) ?? 'ENABLED').toUpperCase() === 'ENABLED',
              queries,
            };
            config.alerts.push(alert);
          }
        }
      }
    }
  },
};
