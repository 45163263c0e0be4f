import type { AckAddon, AckClusterConfiguration } from '@rampart/asset-model';
import { link, type Body } from '../normalise-context';
import { isObject, type JsonObject, type ResponseReader } from '../response-reader';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Cs';
const META_FIELDS = ['addons', 'auditProjectName', 'networkPlugin', 'networkPolicyEnabled', 'logServiceEnabled', 'dashboardEnabled'];
const MASTER_FIELDS = ['apiServerEndpoint', 'apiServerPublic', 'dashboardEnabled'];
/** Cluster types that run RBAC (ACK removed ABAC; there is no switch to turn RBAC off). */
const RBAC_CLUSTER_TYPES: ReadonlySet<string> = new Set(['ManagedKubernetes', 'Kubernetes', 'Ask', 'ExternalKubernetes']);

/**
 * Decodes a field that the API returns as a JSON string (`meta_data`, `master_url`, an addon's `config`).
 * `undefined` when absent; null plus a reported problem when it is not a JSON object.
 */
export function jsonStringField(reader: ResponseReader, o: JsonObject, key: string, at: string): JsonObject | null | undefined {
  const raw = o[key];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (isObject(raw)) return raw; // a recorder that already decoded it
  if (typeof raw !== 'string') {
    reader.fail(at === '' ? key : `${at}.${key}`, 'expected a JSON string');
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  reader.fail(at === '' ? key : `${at}.${key}`, 'expected a JSON object encoded as a string');
  return null;
}

function readAddons(reader: ResponseReader, meta: JsonObject, at: string): AckAddon[] {
  const addons: AckAddon[] = [];
  for (const { value: a, at: aAt } of reader.array(meta, 'Addons', at)) {
    const name = reader.str(a, 'name', aAt);
    if (name === null) continue;
    let config: Record<string, unknown> | null = null;
    const rawConfig = a.config;
    if (isObject(rawConfig)) config = rawConfig;
    else if (typeof rawConfig === 'string' && rawConfig.trim() !== '') {
      // Addon configs are escaped JSON by convention, but free text occurs; it carries nothing we read.
      try {
        const parsed: unknown = JSON.parse(rawConfig);
        config = isObject(parsed) ? parsed : null;
      } catch {
        config = null;
      }
    }
    addons.push({ name, disabled: reader.bool(a, 'disabled', aAt) ?? false, config });
  }
  return addons;
}

function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true' ? true : value.toLowerCase() === 'false' ? false : null;
  return null;
}

/** ACK clusters; `meta_data` (addons, audit project) and `master_url` (endpoints) are decoded from their JSON strings. */
export const csNormaliser: ProductNormaliser = {
  name: 'cs',
  actions: actionsOf(P, ['DescribeClustersV1', 'DescribeClusterDetail']),
  normalise(ctx) {
    for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeClustersV1')) {
      for (const { value: c, at } of reader.array(body, 'clusters', '')) {
        const clusterId = reader.id(c, 'cluster_id', at);
        if (clusterId === null) continue;
        const region = reader.str(c, 'region_id', at) ?? ic.call.region;
        const tags: Record<string, string> = {};
        for (const { value: t, at: tAt } of reader.array(c, 'tags', at)) {
          const key = reader.str(t, 'key', tAt);
          if (key !== null) tags[key] = reader.str(t, 'value', tAt) ?? '';
        }
        const clusterType = reader.str(c, 'cluster_type', at) ?? 'Unknown';
        const config: AckClusterConfiguration = {
          clusterId,
          clusterType,
          state: reader.str(c, 'state', at) ?? 'Unknown',
          currentVersion: reader.str(c, 'current_version', at),
          vpcId: reader.str(c, 'vpc_id', at),
          securityGroupId: reader.str(c, 'security_group_id', at),
          apiServerEndpoint: null,
          apiServerPublic: false,
          dashboardEnabled: false,
          networkPlugin: null,
          addons: [],
          auditProjectName: null,
          rbacEnabled: RBAC_CLUSTER_TYPES.has(clusterType) ? true : null,
          basicAuthEnabled: null,
          cloudMonitorEnabled: null,
          logServiceEnabled: null,
          networkPolicyEnabled: null,
          privateZone: reader.bool(c, 'private_zone', at),
          lastClusterCheckAt: null,
          deletionProtection: reader.bool(c, 'deletion_protection', at),
        };
        const asset = ctx.emit(ctx.newAsset('ackCluster', 'ACK', region, region, clusterId, reader.str(c, 'name', at), tags, config));
        if (asset.configuration !== config) continue;

        // The detail answer wins; the list item carries the same JSON strings and stands in when the detail is missing.
        const outcome = ctx.detail(P, 'DescribeClusterDetail', 'ClusterId', clusterId);
        const details: Array<Pick<Body, 'reader' | 'body'> & { at: string }> = ctx.answered(outcome).map((d) => ({ ...d, at: '' }));
        details.push({ reader, body: c, at });
        let meta: JsonObject | null | undefined;
        let metaFrom = details[0];
        let master: JsonObject | null | undefined;
        let parameters: JsonObject | null = null;
        for (const d of details) {
          if (meta === undefined) {
            meta = jsonStringField(d.reader, d.body, 'meta_data', d.at);
            metaFrom = d;
          }
          master ??= jsonStringField(d.reader, d.body, 'master_url', d.at);
          parameters ??= d.reader.obj(d.body, 'parameters', d.at);
          config.deletionProtection ??= d.reader.bool(d.body, 'deletion_protection', d.at);
          config.privateZone ??= d.reader.bool(d.body, 'private_zone', d.at);
        }
        const detailError = outcome.kind === 'failed' ? outcome.error : null;

        if (master) {
          const endpoint = typeof master.api_server_endpoint === 'string' && master.api_server_endpoint !== '' ? master.api_server_endpoint : null;
          config.apiServerEndpoint = endpoint;
          config.apiServerPublic = endpoint !== null;
          config.dashboardEnabled = typeof master.dashboard_endpoint === 'string' && master.dashboard_endpoint !== '';
        } else if (master === undefined && outcome.kind !== 'answered') {
          ctx.markUnknown(asset, MASTER_FIELDS, `${P}:DescribeClusterDetail`, detailError);
        }

        if (meta) {
          const addons = readAddons(metaFrom.reader, meta, metaFrom.at === '' ? 'meta_data' : `${metaFrom.at}.meta_data`);
          config.addons = addons;
          const audit = typeof meta.AuditProjectName === 'string' && meta.AuditProjectName !== '' ? meta.AuditProjectName : null;
          config.auditProjectName = audit;
          const enabled = (name: string): AckAddon | undefined => addons.find((a) => a.name === name && !a.disabled);
          if (enabled('kubernetes-dashboard') !== undefined) config.dashboardEnabled = true;
          const terway = addons.find((a) => a.name.startsWith('terway'));
          const flannel = addons.find((a) => a.name === 'flannel');
          config.networkPlugin = terway !== undefined ? 'terway' : flannel !== undefined ? 'flannel' : null;
          config.networkPolicyEnabled = terway !== undefined ? flag(terway.config?.NetworkPolicy) : flannel !== undefined ? false : null;
          config.logServiceEnabled = audit !== null || enabled('logtail-ds') !== undefined || enabled('loongcollector') !== undefined;
          const rbac = flag(meta.RBACEnabled);
          if (rbac !== null) config.rbacEnabled = rbac;
          if (audit !== null) link(asset, 'LOGS_TO_PROJECT', ctx.id('slsProject', region, audit));
        } else if (meta === undefined && outcome.kind !== 'answered') {
          ctx.markUnknown(asset, META_FIELDS, `${P}:DescribeClusterDetail`, detailError);
        }

        if (parameters !== null) {
          config.cloudMonitorEnabled = flag(parameters.CloudMonitorFlags) ?? config.cloudMonitorEnabled;
          const mode = typeof parameters.authorization_mode === 'string' ? parameters.authorization_mode : null;
          if (mode !== null && mode.includes('ABAC') && !mode.includes('RBAC')) config.rbacEnabled = false;
        }

        if (config.vpcId !== null) link(asset, 'IN_VPC', ctx.id('vpc', region, config.vpcId));
        if (config.securityGroupId !== null) link(asset, 'MEMBER_OF_SG', ctx.id('securityGroup', region, config.securityGroupId));
      }
    }
  },
};
