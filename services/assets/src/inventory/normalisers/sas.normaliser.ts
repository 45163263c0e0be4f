import type { EcsInstanceConfiguration, SecurityCenterConfiguration } from '@rampart/asset-model';
import { RESOURCE_TYPES } from '@rampart/asset-model';
import type { IndexedCall } from '../call-index';
import type { NormaliseContext, Outcome } from '../normalise-context';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Sas';
const ACTIONS = ['DescribeVersionConfig', 'DescribeCloudCenterInstances', 'DescribeVulList', 'DescribeNoticeConfig'];

/** DescribeVersionConfig `Version` codes (SAS docs, with Prowler's additions 7, 8, 10). */
export const SAS_EDITIONS: Readonly<Record<number, string>> = {
  1: 'Basic', 3: 'Enterprise', 5: 'Advanced', 6: 'Anti-virus', 7: 'Ultimate', 8: 'Multi-version', 10: 'Value-added Plan',
};
/** DescribeVulList statuses that mean the vulnerability is gone or accepted: 7 fixed, 10 ignored, 12 not found, 20 expired. */
const SETTLED_VUL_STATUSES: ReadonlySet<number> = new Set([7, 10, 12, 20]);

/** All pages of an account-wide call: answered only when every page answered. */
function pages(ctx: NormaliseContext, action: string): Outcome {
  const calls: IndexedCall[] = [...ctx.index.of(P, action)];
  if (calls.length === 0) return { kind: 'missing' };
  const failed = calls.find((ic) => ic.call.error !== undefined);
  if (failed?.call.error !== undefined) return { kind: 'failed', error: failed.call.error, call: failed };
  return { kind: 'answered', calls };
}

/**
 * Security Center as one asset per account (edition, agents, unfixed vulnerabilities, notification settings); each
 * ECS instance also gets its agent status.
 */
export const sasNormaliser: ProductNormaliser = {
  name: 'sas',
  actions: actionsOf(P, ACTIONS),
  normalise(ctx) {
    const agentsOutcome = pages(ctx, 'DescribeCloudCenterInstances');
    const agentByInstance = new Map<string, string>();
    const config: SecurityCenterConfiguration = {
      versionCode: null, edition: null, agents: [], unfixedVulnerabilities: [], notices: [], vulScanEnabled: null,
    };
    for (const { reader, body } of ctx.answered(agentsOutcome)) {
      for (const { value: i, at } of reader.array(body, 'Instances', '')) {
        const instanceId = reader.str(i, 'InstanceId', at) ?? reader.str(i, 'Uuid', at);
        if (instanceId === null) continue;
        const clientStatus = reader.str(i, 'ClientStatus', at) ?? 'offline';
        config.agents.push({ instanceId, clientStatus });
        agentByInstance.set(instanceId, clientStatus);
      }
    }
    annotateInstances(ctx, agentsOutcome, agentByInstance);

    if (!ACTIONS.some((action) => ctx.index.of(P, action).length > 0)) return;
    const asset = ctx.emit(ctx.newAsset('securityCenter', 'SAS', null, null, ctx.accountId, 'Security Center', {}, config));
    ctx.noteOutcome(asset, ['agents'], `${P}:DescribeCloudCenterInstances`, agentsOutcome);

    const version = pages(ctx, 'DescribeVersionConfig');
    ctx.noteOutcome(asset, ['versionCode', 'edition'], `${P}:DescribeVersionConfig`, version);
    for (const { reader, body } of ctx.answered(version)) {
      config.versionCode = reader.num(body, 'Version', '');
      config.edition = config.versionCode === null ? null : SAS_EDITIONS[config.versionCode] ?? null;
    }

    const vuls = pages(ctx, 'DescribeVulList');
    ctx.noteOutcome(asset, ['unfixedVulnerabilities'], `${P}:DescribeVulList`, vuls);
    for (const { reader, body } of ctx.answered(vuls)) {
      for (const { value: v, at } of reader.array(body, 'VulRecords', '')) {
        const status = reader.num(v, 'Status', at);
        if (status !== null && SETTLED_VUL_STATUSES.has(status)) continue;
        const name = reader.str(v, 'Name', at) ?? reader.str(v, 'AliasName', at);
        if (name === null) continue;
        config.unfixedVulnerabilities.push({
          name,
          type: reader.str(v, 'Type', at) ?? 'unknown',
          instanceId: reader.str(v, 'InstanceId', at),
          level: reader.str(v, 'Necessity', at) ?? reader.str(v, 'Level', at),
        });
      }
    }

    const notices = pages(ctx, 'DescribeNoticeConfig');
    ctx.noteOutcome(asset, ['notices'], `${P}:DescribeNoticeConfig`, notices);
    for (const { reader, body } of ctx.answered(notices)) {
      for (const { value: n, at } of reader.array(body, 'NoticeConfigList', '')) {
        const project = reader.str(n, 'Project', at);
        if (project !== null) config.notices.push({ project, route: reader.num(n, 'Route', at) ?? 0 });
      }
    }
  },
};

function annotateInstances(ctx: NormaliseContext, outcome: Outcome, agentByInstance: Map<string, string>): void {
  for (const asset of ctx.assets.values()) {
    if (asset.resourceType !== RESOURCE_TYPES.ecsInstance) continue;
    const config = asset.configuration as EcsInstanceConfiguration;
    if (ctx.noteOutcome(asset, ['securityCenterAgent'], `${P}:DescribeCloudCenterInstances`, outcome)) {
      const status = agentByInstance.get(config.instanceId);
      config.securityCenterAgent = status === undefined ? null : { clientStatus: status };
    }
  }
}
