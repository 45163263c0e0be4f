import { paged, range } from './compute.emitter';
import type { RegionPlan } from './inventory.plan';
import type { Generation } from './inventory.topology';

/**
 * Trails as DescribeTrails returns them in each region: the multi-region trail everywhere (a shadow trail outside
 * its home region), a second single-region trail (logging off) only at home.
 */
export function emitTrails(g: Generation, r: RegionPlan): void {
  const home = g.plan.regions[0];
  const trails: Array<Record<string, unknown>> = [];
  const sls = home.slsProjects > 0 ? `acs:log:${home.region}:${g.accountId}:project/${g.slsProjectName(home, 0)}` : '';
  trails.push({
    Name: 'account-trail', HomeRegion: home.region, TrailRegion: 'All', Status: 'Enable', EventRW: 'All', OssBucketName: g.bucketName(0), OssKeyPrefix: 'actiontrail',
    OssWriteRoleArn: `acs:ram::${g.accountId}:role/aliyunactiontraildefaultrole`, SlsProjectArn: sls, SlsWriteRoleArn: sls ? `acs:ram::${g.accountId}:role/aliyunactiontraildefaultrole` : '',
    IsOrganizationTrail: false, CreateTime: '2024-01-01T00:00:00Z', UpdateTime: '2024-01-01T00:00:00Z', Region: 'All',
  });
  if (g.plan.trails > 1 && r === home) {
    trails.push({
      Name: 'legacy-writes', HomeRegion: home.region, TrailRegion: home.region, Status: 'Disable', EventRW: 'Write', OssBucketName: g.bucketName(0), OssKeyPrefix: 'legacy',
      SlsProjectArn: '', SlsWriteRoleArn: '', IsOrganizationTrail: false, CreateTime: '2020-03-01T00:00:00Z', UpdateTime: '2022-03-01T00:00:00Z', Region: home.region,
    });
  }
  g.ok('Actiontrail', 'DescribeTrails', r.region, { RegionId: r.region, IncludeShadowTrails: true }, { TrailList: trails });
}

/** ACK clusters: `meta_data` and `master_url` are JSON strings, as the API returns them. */
export function emitClusters(g: Generation, r: RegionPlan): void {
  const cluster = (c: number): Record<string, unknown> => {
    const rng = g.rng('ack', r.index, c);
    const id = `c${g.id('x', 'ack', r, c, 33).slice(2).replace(/[^0-9a-z]/g, '0')}`;
    const v = c % r.vpcs;
    const terway = rng.chance(0.7);
    const audit = rng.chance(0.5) ? `k8s-log-${id.slice(0, 10)}` : '';
    const addons = [
      terway ? { name: 'terway-eniip', config: JSON.stringify({ IPVlan: 'false', NetworkPolicy: rng.chance(0.5) ? 'true' : 'false' }), disabled: false } : { name: 'flannel', config: '', disabled: false },
      { name: 'csi-plugin', config: '', disabled: false },
      ...(rng.chance(0.15) ? [{ name: 'kubernetes-dashboard', config: '', disabled: false }] : []),
      ...(rng.chance(0.6) ? [{ name: 'logtail-ds', config: JSON.stringify({ IngressDashboardEnabled: 'true' }), disabled: false }] : []),
    ];
    const endpoint = rng.chance(0.4) ? `https://47.${130 + r.index}.${c % 250}.10:6443` : '';
    return {
      cluster_id: id, name: `ack-${c}`, cluster_type: rng.chance(0.9) ? 'ManagedKubernetes' : 'Kubernetes', cluster_spec: 'ack.pro.small', profile: 'Default',
      state: 'running', current_version: rng.pick(['1.28.9-aliyun.1', '1.30.1-aliyun.1', '1.26.3-aliyun.1']), region_id: r.region, zone_id: `${r.region}-h`,
      vpc_id: g.vpcId(r, v), vswitch_id: g.vSwitchId(r, g.vSwitchInVpc(r, v, c)), security_group_id: g.sgId(r, g.sgInVpc(r, v, c)),
      network_mode: 'vpc', proxy_mode: 'ipvs', private_zone: false, deletion_protection: rng.chance(0.5), size: rng.int(3, 50),
      created: '2025-01-01T00:00:00+08:00', updated: '2026-06-01T00:00:00+08:00', tags: [{ key: 'ack.aliyun.com', value: id }],
      meta_data: JSON.stringify({ Addons: addons, AuditProjectName: audit, KubernetesVersion: '1.30.1-aliyun.1' }),
      master_url: JSON.stringify({ api_server_endpoint: endpoint, intranet_api_server_endpoint: `https://10.${v % 250}.0.2:6443`, dashboard_endpoint: '' }),
      parameters: { CloudMonitorFlags: rng.chance(0.6) ? 'true' : 'false' },
    };
  };
  paged(r.ackClusters, 50, (from, to, page) => g.ok('Cs', 'DescribeClustersV1', r.region, { region_id: r.region, page_number: page, page_size: 50 }, {
    clusters: range(from, to, (c) => {
      const { parameters: _parameters, ...listed } = cluster(c);
      return listed;
    }),
    page_info: { page_number: page, page_size: 50, total_count: r.ackClusters },
  }, false));
  for (let c = 0; c < r.ackClusters; c++) {
    const detail = cluster(c);
    g.ok('Cs', 'DescribeClusterDetail', r.region, { ClusterId: detail.cluster_id }, detail, false);
  }
}

/** Security Center: edition, agents of the ECS instances, vulnerabilities (one page type throttled), notices. */
export function emitSecurityCenter(g: Generation): void {
  const center = g.plan.regions[0].region === 'cn-hangzhou' ? 'cn-shanghai' : g.plan.regions[0].region;
  const enterprise = g.seed % 3 !== 0;
  g.ok('Sas', 'DescribeVersionConfig', center, {}, { Version: enterprise ? 3 : 1, InstanceId: enterprise ? `sas-${g.id('x', 'sas', null, 0, 12).slice(2)}` : '', IsTrialVersion: 0, AssetLevel: 30, SasLog: 0 });
  const agents: Array<Record<string, unknown>> = [];
  const vulns: Array<Record<string, unknown>> = [];
  for (const r of g.plan.regions) {
    for (let i = 0; i < r.instances; i++) {
      const rng = g.rng('agent', r.index, i);
      if (rng.chance(0.05)) continue; // never seen by Security Center
      const instanceId = g.instanceId(r, i);
      agents.push({ InstanceId: instanceId, InstanceName: `i-${i}`, Uuid: `${instanceId}-uuid`, ClientStatus: rng.chance(0.85) ? 'online' : rng.pick(['offline', 'pause']), RegionId: r.region, Vendor: 0, AssetType: '0' });
      if (rng.chance(0.3)) {
        vulns.push({
          Name: `oval:com.redhat.rhsa:def:2024${String(rng.int(1000, 9999))}`, AliasName: 'RHSA security update', Type: 'cve', Level: rng.pick(['high', 'medium', 'low']),
          Necessity: rng.pick(['asap', 'later', 'nntf']), Status: rng.chance(0.7) ? 1 : rng.pick([7, 10]), InstanceId: instanceId, Uuid: `${instanceId}-uuid`, Online: true,
        });
      }
    }
  }
  paged(agents.length, 100, (from, to, page) => g.ok('Sas', 'DescribeCloudCenterInstances', center, { CurrentPage: page, PageSize: 100, MachineTypes: 'ecs' }, {
    Success: true, Instances: agents.slice(from, to), PageInfo: { CurrentPage: page, PageSize: 100, TotalCount: agents.length, Count: to - from },
  }));
  paged(vulns.length, 100, (from, to, page) => g.ok('Sas', 'DescribeVulList', center, { Type: 'cve', CurrentPage: page, PageSize: 100, Lang: 'en' }, {
    CurrentPage: page, PageSize: 100, TotalCount: vulns.length, VulRecords: vulns.slice(from, to),
  }));
  g.fail('Sas', 'DescribeVulList', center, { Type: 'sys', CurrentPage: 1, PageSize: 100, Lang: 'en' }, 'Throttling', 'Request was denied due to request throttling.');
  g.ok('Sas', 'DescribeNoticeConfig', center, {}, { NoticeConfigList: [
    { Project: 'yundun_security_Weekreport', Route: 7, TimeLimit: 0 }, { Project: 'sas_vulnerability', Route: enterprise ? 3 : 0, TimeLimit: 0 },
  ] });
}
