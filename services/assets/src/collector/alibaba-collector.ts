import type { AlibabaSnapshot, SnapshotCall } from '../inventory/snapshot.schema';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../inventory/snapshot.schema';
import { RPC_PRODUCTS } from './alibaba-rpc.transport';
import type { AlibabaTransports } from './alibaba-transports';
import type { CallOutcome } from './call-outcome';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { CS_VERSION } from './cs.transport';
import { listedBuckets } from './oss-list-buckets.reader';
import { OSS_VERSION } from './oss.transport';
import { SLS_VERSION } from './sls.transport';

type Body = Record<string, unknown>;
type Paging = 'page' | 'current-page' | 'token' | 'marker' | 'cs-page' | 'sls-offset';

const VERSIONS: Record<string, string> = { Cs: CS_VERSION, Sls: SLS_VERSION, Oss: OSS_VERSION };
/** The OSS bucket settings read per bucket, each its own call. */
const BUCKET_DETAILS = ['GetBucketInfo', 'GetBucketAcl', 'GetBucketPolicy', 'GetBucketLogging', 'GetBucketEncryption', 'GetBucketVersioning'];
/** DescribeLoadBalancerListeners accepts at most this many LoadBalancerId values. */
const LISTENER_BATCH = 10;

export interface CollectorOptions {
  /** Region DescribeRegions is asked in. */
  homeRegion: string;
  /** Region of the Security Center (Sas) API. */
  sasRegion: string;
  /** Concurrent calls per product and region. */
  concurrency: number;
  accountId?: string;
}

/** Reads `a.b.c` out of a response body; an array when the path ends in one, else []. */
export function listAt(body: unknown, path: string): Body[] {
  let node: unknown = body;
  for (const key of path.split('.')) node = node && typeof node === 'object' ? (node as Body)[key] : undefined;
  return Array.isArray(node) ? (node as Body[]) : [];
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * Collects one account's inventory as a CONTRACT §4 snapshot: the same actions the normalisers read, one recorded
 * call per page, dependent calls (security group rules, bucket settings, listener ACLs, RAM details…) after their
 * lists, with bounded concurrency per product and region. RPC products go through the generic OpenAPI client, ACK and
 * SLS through their SDKs, OSS through `ali-oss`. API errors are recorded per call and never stop the collection.
 */
export class AlibabaCollector {
  private readonly calls: SnapshotCall[] = [];
  private readonly limiter: ConcurrencyLimiter;

  constructor(
    private readonly transports: AlibabaTransports,
    private readonly options: CollectorOptions,
  ) {
    this.limiter = new ConcurrencyLimiter(options.concurrency);
  }

  async collect(): Promise<AlibabaSnapshot> {
    const identity = await this.call('Sts', 'GetCallerIdentity', null, {});
    const accountId = this.options.accountId ?? str(identity?.AccountId) ?? 'unknown';
    const regionsBody = await this.call('Ecs', 'DescribeRegions', this.options.homeRegion, {});
    const regions = listAt(regionsBody, 'Regions.Region').map((r) => str(r.RegionId)).filter((r): r is string => r !== undefined);
    await Promise.all([
      this.collectRam(),
      this.collectSas(),
      this.collectOss(),
      ...(regions.length > 0 ? regions : [this.options.homeRegion]).map((region) => this.collectRegion(region)),
    ]);
    return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, accountId, capturedAt: new Date().toISOString(), calls: this.calls };
  }

  private async collectRegion(region: string): Promise<void> {
    await Promise.all([
      this.collectEcs(region),
      this.collectVpc(region),
      this.collectSlb(region),
      this.collectRds(region),
      this.collectKvstore(region),
      this.call('Actiontrail', 'DescribeTrails', region, { IncludeShadowTrails: true }),
      this.collectKms(region),
      this.collectCs(region),
      this.collectSls(region),
    ]);
  }

  private async collectEcs(region: string): Promise<void> {
    const each = async (paged: Promise<Body[]>, path: string, then: (item: Body) => Promise<unknown>) => {
      const items = (await paged).flatMap((page) => listAt(page, path));
      await Promise.all(items.map(then));
    };
    await Promise.all([
      (async () => {
        const instances = (await this.paged('Ecs', 'DescribeInstances', region, { PageSize: 100 }, 'page')).flatMap((p) => listAt(p, 'Instances.Instance'));
        const ids = instances.map((i) => str(i.InstanceId)).filter((id): id is string => id !== undefined);
        for (let start = 0; start < ids.length; start += 100) {
          await this.call('Ecs', 'DescribeInstanceRamRole', region, { InstanceIds: JSON.stringify(ids.slice(start, start + 100)), PageSize: 50 });
        }
      })(),
      each(this.paged('Ecs', 'DescribeSecurityGroups', region, { PageSize: 50 }, 'page'), 'SecurityGroups.SecurityGroup', (group) =>
        this.call('Ecs', 'DescribeSecurityGroupAttribute', region, { SecurityGroupId: group.SecurityGroupId, Direction: 'all' }),
      ),
      this.paged('Ecs', 'DescribeDisks', region, { PageSize: 100 }, 'page'),
      this.paged('Ecs', 'DescribeNetworkInterfaces', region, { PageSize: 100 }, 'token'),
    ]);
  }

  private async collectVpc(region: string): Promise<void> {
    const page = { PageSize: 50 };
    const [, , , , nats] = await Promise.all([
      this.paged('Vpc', 'DescribeVpcs', region, page, 'page'),
      this.paged('Vpc', 'DescribeVSwitches', region, page, 'page'),
      this.paged('Vpc', 'DescribeEipAddresses', region, page, 'page'),
      this.paged('Vpc', 'DescribeFlowLogs', region, page, 'page'),
      this.paged('Vpc', 'DescribeNatGateways', region, page, 'page'),
    ]);
    const tables = nats.flatMap((p) => listAt(p, 'NatGateways.NatGateway')).flatMap((gateway) => listAt(gateway, 'ForwardTableIds.ForwardTableId'));
    await Promise.all(tables.map((table) => this.paged('Vpc', 'DescribeForwardTableEntries', region, { ForwardTableId: table, PageSize: 50 }, 'token')));
  }

  private async collectSlb(region: string): Promise<void> {
    const balancers = (await this.paged('Slb', 'DescribeLoadBalancers', region, { PageSize: 100 }, 'page')).flatMap((p) => listAt(p, 'LoadBalancers.LoadBalancer'));
    const ids = balancers.map((lb) => str(lb.LoadBalancerId)).filter((id): id is string => id !== undefined);
    const batches: string[][] = [];
    for (let start = 0; start < ids.length; start += LISTENER_BATCH) batches.push(ids.slice(start, start + LISTENER_BATCH));
    const [, listenerPages] = await Promise.all([
      Promise.all(ids.map((id) => this.call('Slb', 'DescribeLoadBalancerAttribute', region, { LoadBalancerId: id }))),
      Promise.all(batches.map((batch) => this.paged('Slb', 'DescribeLoadBalancerListeners', region, { LoadBalancerId: batch, MaxResults: 100 }, 'token'))),
    ]);
    // An ACL is shared by many listeners: read each once.
    const acls = new Set(listenerPages.flat().flatMap((page) => listAt(page, 'Listeners')).map((listener) => str(listener.AclId)).filter((id): id is string => id !== undefined));
    await Promise.all([...acls].map((aclId) => this.call('Slb', 'DescribeAccessControlListAttribute', region, { AclId: aclId })));
  }

  private async collectRds(region: string): Promise<void> {
    const instances = (await this.paged('Rds', 'DescribeDBInstances', region, { PageSize: 100 }, 'page')).flatMap((p) => listAt(p, 'Items.DBInstance'));
    const details = [
      'DescribeDBInstanceAttribute', 'DescribeDBInstanceIPArrayList', 'DescribeDBInstanceSSL', 'DescribeDBInstanceTDE', 'DescribeSQLCollectorPolicy',
      'DescribeSQLCollectorRetention', 'DescribeParameters', 'DescribeDBInstanceNetInfo', 'DescribeBackupPolicy',
    ];
    await Promise.all(instances.flatMap((db) => details.map((action) => this.call('Rds', action, region, { DBInstanceId: db.DBInstanceId }))));
  }

  private async collectKvstore(region: string): Promise<void> {
    const instances = (await this.paged('R-kvstore', 'DescribeInstances', region, { PageSize: 50 }, 'page')).flatMap((p) => listAt(p, 'Instances.KVStoreInstance'));
    await Promise.all(instances.map((instance) => this.call('R-kvstore', 'DescribeSecurityIps', region, { InstanceId: instance.InstanceId })));
  }

  private async collectKms(region: string): Promise<void> {
    const keys = (await this.paged('Kms', 'ListKeys', region, { PageSize: 100 }, 'page')).flatMap((p) => listAt(p, 'Keys.Key'));
    await Promise.all(keys.map((key) => this.call('Kms', 'DescribeKey', region, { KeyId: key.KeyId })));
  }

  private async collectCs(region: string): Promise<void> {
    const clusters = (await this.paged('Cs', 'DescribeClustersV1', region, { page_size: 50 }, 'cs-page')).flatMap((p) => listAt(p, 'clusters'));
    const ids = clusters.map((cluster) => str(cluster.cluster_id)).filter((id): id is string => id !== undefined);
    await Promise.all(ids.map((id) => this.call('Cs', 'DescribeClusterDetail', region, { ClusterId: id })));
  }

  private async collectSls(region: string): Promise<void> {
    const page = { size: 100 };
    const projects = (await this.paged('Sls', 'ListProject', region, page, 'sls-offset')).flatMap((p) => listAt(p, 'projects'));
    await Promise.all(projects.map(async (p) => {
      const project = str(p.projectName);
      if (project === undefined) return;
      const [stores] = await Promise.all([
        this.paged('Sls', 'ListLogStores', region, { project, ...page }, 'sls-offset'),
        this.paged('Sls', 'ListAlerts', region, { project, ...page }, 'sls-offset'),
      ]);
      const names = stores.flatMap((body) => (Array.isArray(body.logstores) ? body.logstores : [])).filter((name): name is string => typeof name === 'string');
      await Promise.all(names.map((logstore) => this.call('Sls', 'GetLogStore', region, { project, logstore })));
    }));
  }

  /** Buckets are listed once for the account (marker pages), then read in their own region. */
  private async collectOss(): Promise<void> {
    let marker: string | null = null;
    for (let guard = 0; guard < 10_000; guard++) {
      const outcome = await this.record('Oss', 'ListBuckets', null, { 'max-keys': 1000, ...(marker === null ? {} : { marker }) });
      if (!('response' in outcome) || typeof outcome.response !== 'string') return;
      const page = listedBuckets(outcome.response);
      await Promise.all(page.buckets.flatMap((bucket) =>
        BUCKET_DETAILS.map((action) => this.record('Oss', action, bucket.region ?? this.options.homeRegion, { bucket: bucket.name }))));
      if (page.nextMarker === null) return;
      marker = page.nextMarker;
    }
  }

  private async collectSas(): Promise<void> {
    const region = this.options.sasRegion;
    await Promise.all([
      this.call('Sas', 'DescribeVersionConfig', region, {}),
      this.paged('Sas', 'DescribeCloudCenterInstances', region, { PageSize: 100, MachineTypes: 'ecs' }, 'current-page'),
      this.paged('Sas', 'DescribeVulList', region, { Type: 'cve', PageSize: 100, Lang: 'en' }, 'current-page'),
      this.call('Sas', 'DescribeNoticeConfig', region, {}),
    ]);
  }

  private async collectRam(): Promise<void> {
    const list = async (action: string, path: string) =>
      (await this.paged('Ram', action, null, { MaxItems: 100 }, 'marker')).flatMap((page) => listAt(page, path));
    await Promise.all([
      this.call('Ram', 'GetPasswordPolicy', null, {}),
      this.call('Ram', 'GetSecurityPreference', null, {}),
      this.call('Ims', 'GetCredentialReport', null, {}),
      this.call('Ram', 'ListVirtualMFADevices', null, {}),
      (async () => {
        const users = await list('ListUsers', 'Users.User');
        const perUser = ['GetUser', 'GetLoginProfile', 'ListAccessKeys', 'ListGroupsForUser', 'ListPoliciesForUser'];
        await Promise.all(users.flatMap((user) => perUser.map((action) => this.call('Ram', action, null, { UserName: user.UserName }))));
      })(),
      (async () => {
        const groups = await list('ListGroups', 'Groups.Group');
        await Promise.all(groups.map((group) => this.call('Ram', 'ListPoliciesForGroup', null, { GroupName: group.GroupName })));
      })(),
      (async () => {
        const roles = await list('ListRoles', 'Roles.Role');
        await Promise.all(roles.flatMap((role) => ['GetRole', 'ListPoliciesForRole'].map((action) => this.call('Ram', action, null, { RoleName: role.RoleName }))));
      })(),
      (async () => {
        // Documents of the policies in use: the default version of custom ones, attached system ones whole.
        const policies = await list('ListPolicies', 'Policies.Policy');
        await Promise.all(policies.map((p) => {
          if (p.PolicyType === 'Custom' && str(p.DefaultVersion)) {
            return this.call('Ram', 'GetPolicyVersion', null, { PolicyName: p.PolicyName, PolicyType: 'Custom', VersionId: p.DefaultVersion });
          }
          return p.PolicyType === 'Custom' || num(p.AttachmentCount) > 0
            ? this.call('Ram', 'GetPolicy', null, { PolicyName: p.PolicyName, PolicyType: p.PolicyType })
            : undefined;
        }));
      })(),
    ]);
  }

  /** Follows one list action's pages, recording each page as its own call; returns the bodies that succeeded. */
  private async paged(product: string, action: string, region: string | null, params: Body, paging: Paging): Promise<Body[]> {
    const pages: Body[] = [];
    let cursor: Body = FIRST_PAGE[paging];
    for (let guard = 0; guard < 10_000; guard++) {
      const body = await this.call(product, action, region, paging === 'current-page' || paging === 'cs-page' ? { ...cursor, ...params } : { ...params, ...cursor });
      if (!body) break;
      pages.push(body);
      const next = nextCursor(body, paging, cursor, params);
      if (!next) break;
      cursor = next;
    }
    return pages;
  }

  /** Records one call of a JSON product; returns its body, or undefined when the API answered an error. */
  private async call(product: string, action: string, region: string | null, params: Body): Promise<Body | undefined> {
    const outcome = await this.record(product, action, region, params);
    return 'response' in outcome && typeof outcome.response === 'object' && outcome.response !== null ? (outcome.response as Body) : undefined;
  }

  private async record(product: string, action: string, region: string | null, params: Body): Promise<CallOutcome<unknown>> {
    const outcome = await this.limiter.run(`${product}:${region ?? 'global'}`, () => this.send(product, action, region, params));
    const version = VERSIONS[product] ?? RPC_PRODUCTS[product]?.version;
    this.calls.push({ product, ...(version ? { version } : {}), action, region, params, ...outcome });
    return outcome;
  }

  private send(product: string, action: string, region: string | null, params: Body): Promise<CallOutcome<unknown>> {
    const { rpc, cs, sls, oss } = this.transports;
    const regional = region ?? this.options.homeRegion;
    switch (product) {
      case 'Oss':
        return oss.call(action, region, params);
      case 'Cs':
        return cs.call(action, regional, params);
      case 'Sls':
        return sls.call(action, regional, params);
      default:
        return rpc.call(product, action, region, params);
    }
  }
}

const FIRST_PAGE: Record<Paging, Body> = {
  page: { PageNumber: 1 },
  'current-page': { CurrentPage: 1 },
  'cs-page': { page_number: 1 },
  'sls-offset': { offset: 0 },
  token: {},
  marker: {},
};

function nextCursor(body: Body, paging: Paging, cursor: Body, params: Body): Body | undefined {
  switch (paging) {
    case 'page':
    case 'current-page': {
      const key = paging === 'page' ? 'PageNumber' : 'CurrentPage';
      const info = (body.PageInfo as Body | undefined) ?? body;
      const total = num(info.TotalCount ?? body.TotalRecordCount ?? body.TotalCount);
      const size = num(params.PageSize);
      const current = num(cursor[key]);
      return size > 0 && current * size < total ? { [key]: current + 1 } : undefined;
    }
    case 'token':
      return str(body.NextToken) ? { NextToken: body.NextToken } : undefined;
    case 'marker':
      return body.IsTruncated === true && str(body.Marker) ? { Marker: body.Marker } : undefined;
    case 'cs-page': {
      const info = (body.page_info as Body | undefined) ?? {};
      const current = num(cursor.page_number);
      return current * num(params.page_size) < num(info.total_count) ? { page_number: current + 1 } : undefined;
    }
    case 'sls-offset': {
      const next = num(cursor.offset) + num(body.count);
      return num(body.count) > 0 && next < num(body.total) ? { offset: next } : undefined;
    }
  }
}
