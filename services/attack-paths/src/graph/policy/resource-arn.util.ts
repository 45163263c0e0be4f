import type { Asset } from '@rampart/asset-model';
import type { NodeKind } from '../security-graph.model';
import type { ResourceProbe } from './policy.evaluator';
import { hasWildcard } from './glob.matcher';

/**
 * The ARN a RAM policy names a resource by. OSS objects are not inventoried, so a bucket is probed as
 * "every ARN under `<bucket>/`"; RAM resources have an empty region (`acs:ram::123:role/x`).
 */
export function resourceProbe(kind: NodeKind, asset: Asset, name: string): ResourceProbe {
  const account = asset.accountId;
  const region = asset.region ?? '*';
  switch (kind) {
    case 'OssBucket': return { prefix: `acs:oss:*:${account}:${name}/` };
    case 'RamUser': return { arn: `acs:ram::${account}:user/${name}` };
    case 'RamRole': return { arn: `acs:ram::${account}:role/${name}` };
    case 'RamGroup': return { arn: `acs:ram::${account}:group/${name}` };
    case 'RamPolicy': return { arn: `acs:ram::${account}:policy/${name}` };
    case 'EcsInstance': return { arn: `acs:ecs:${region}:${account}:instance/${name}` };
    case 'RdsInstance': return { arn: `acs:rds:${region}:${account}:dbinstance/${name}` };
    case 'RedisInstance': return { arn: `acs:kvstore:${region}:${account}:instance/${name}` };
    case 'AckCluster': return { arn: `acs:cs:${region}:${account}:cluster/${name}` };
    default: return { arn: `acs:*:${region}:${account}:${asset.resourceId}` };
  }
}

/**
 * The one resource name a policy Resource pattern pins down (`acs:oss:*:*:logs/*` → `logs`,
 * `acs:ram:*:*:role/admin` → `admin`), or null when it ranges over many.
 */
export function pinnedName(pattern: string, kind: NodeKind): string | null {
  const parts = pattern.split(':');
  if (parts.length < 5) return null;
  const resource = parts.slice(4).join(':');
  const name = kind === 'OssBucket' ? resource.split('/')[0] : resource.slice(resource.indexOf('/') + 1);
  if (kind !== 'OssBucket' && !resource.includes('/')) return null;
  return name === '' || hasWildcard(name) ? null : name;
}
