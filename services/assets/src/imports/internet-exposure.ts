import type {
  Asset, BucketConfiguration, EcsInstanceConfiguration, LoadBalancerConfiguration, RdsInstanceConfiguration,
  RedisInstanceConfiguration, AckClusterConfiguration,
} from '@rampart/asset-model';

/**
 * Whether an asset has a public address or public access by its own configuration (a first filter
 * for people; whether a path really exists through security groups and ACLs is the attack-path
 * service's job).
 */
export function isInternetExposed(asset: Asset): boolean {
  const c = asset.configuration as unknown;
  switch (asset.resourceType) {
    case 'ALIYUN::ECS::Instance': {
      const ecs = c as EcsInstanceConfiguration;
      return (ecs.publicIpAddresses?.length ?? 0) > 0 || Boolean(ecs.eipAddress);
    }
    case 'ALIYUN::SLB::LoadBalancer':
      return (c as LoadBalancerConfiguration).addressType === 'internet';
    case 'ALIYUN::OSS::Bucket': {
      const bucket = c as BucketConfiguration;
      return bucket.acl === 'public-read' || bucket.acl === 'public-read-write';
    }
    case 'ALIYUN::RDS::DBInstance':
      return Boolean((c as RdsInstanceConfiguration).publicConnection);
    case 'ALIYUN::REDIS::Instance':
      return Boolean((c as RedisInstanceConfiguration).publicConnection);
    case 'ALIYUN::CS::ManagedKubernetesCluster':
      return Boolean((c as AckClusterConfiguration).apiServerPublic);
    case 'ALIYUN::VPC::EIP':
      return true;
    default:
      return false;
  }
}
