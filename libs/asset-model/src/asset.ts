import type {
  AccountConfiguration, EcsInstanceConfiguration, SecurityGroupConfiguration, DiskConfiguration,
  NetworkInterfaceConfiguration, VpcConfiguration, VSwitchConfiguration, EipConfiguration, NatGatewayConfiguration,
  LoadBalancerConfiguration, BucketConfiguration, RamUserConfiguration, RamGroupConfiguration, RamRoleConfiguration,
  RamPolicyConfiguration, RdsInstanceConfiguration, RedisInstanceConfiguration, TrailConfiguration,
  KmsKeyConfiguration, SlsProjectConfiguration, AckClusterConfiguration, SecurityCenterConfiguration,
} from './configuration';

/**
 * The normalised asset: one cloud resource (or host) as the assets service publishes it in
 * `assets.asset.changed.v1` and as check items and the attack-path graph read it.
 *
 * Ids are ARN-like and deterministic (`acs:<service>:<region>:<account>:<kind>/<resourceId>`), so a
 * re-import of the same account yields the same ids and other services can refer to assets by id.
 */
export const PRODUCTS = [
  'ECS', 'OSS', 'RAM', 'RDS', 'VPC', 'SLB', 'EIP', 'ACK', 'KVSTORE', 'ACTIONTRAIL', 'KMS', 'SLS', 'SAS', 'HOST',
] as const;
export type Product = (typeof PRODUCTS)[number];

/** ROS-style resource types, one per normalised asset kind. */
export const RESOURCE_TYPES = {
  account: 'ALIYUN::RAM::Account',
  ecsInstance: 'ALIYUN::ECS::Instance',
  securityGroup: 'ALIYUN::ECS::SecurityGroup',
  disk: 'ALIYUN::ECS::Disk',
  networkInterface: 'ALIYUN::ECS::NetworkInterface',
  vpc: 'ALIYUN::ECS::VPC',
  vSwitch: 'ALIYUN::ECS::VSwitch',
  eip: 'ALIYUN::VPC::EIP',
  natGateway: 'ALIYUN::VPC::NatGateway',
  loadBalancer: 'ALIYUN::SLB::LoadBalancer',
  bucket: 'ALIYUN::OSS::Bucket',
  ramUser: 'ALIYUN::RAM::User',
  ramGroup: 'ALIYUN::RAM::Group',
  ramRole: 'ALIYUN::RAM::Role',
  ramPolicy: 'ALIYUN::RAM::ManagedPolicy',
  rdsInstance: 'ALIYUN::RDS::DBInstance',
  redisInstance: 'ALIYUN::REDIS::Instance',
  trail: 'ALIYUN::ACTIONTRAIL::Trail',
  kmsKey: 'ALIYUN::KMS::Key',
  slsProject: 'ALIYUN::SLS::Project',
  ackCluster: 'ALIYUN::CS::ManagedKubernetesCluster',
  securityCenter: 'ALIYUN::ThreatDetection::Instance',
  host: 'RAMPART::HOST::Host',
} as const;
export type ResourceTypeKey = keyof typeof RESOURCE_TYPES;
export type ResourceType = (typeof RESOURCE_TYPES)[ResourceTypeKey];

/** A typed link between two assets of the same account; the inventory layer of the graph. */
export interface Relationship {
  type: RelationshipType;
  /** Id of the other asset. It may name an asset the snapshot did not list (then it is dangling). */
  targetId: string;
  /** Extra facts about the link, e.g. the backend port of a listener. */
  properties?: Record<string, string | number | boolean | null>;
}
export type RelationshipType =
  | 'IN_VPC' | 'IN_VSWITCH' | 'MEMBER_OF_SG' | 'HAS_ENI' | 'HAS_DISK' | 'ASSOCIATED_WITH'
  | 'HAS_INSTANCE_ROLE' | 'BACKEND' | 'MEMBER_OF' | 'HAS_POLICY' | 'LOGS_TO_BUCKET' | 'LOGS_TO_PROJECT'
  | 'ENCRYPTED_WITH' | 'RUNS_ON' | 'OWNED_BY'
  /** Disk or ENI → the ECS instance it is attached to (the inverse of HAS_DISK / HAS_ENI). */
  | 'ATTACHED_TO'
  /** NAT gateway → ECS instance a DNAT entry forwards to; properties: externalIp, externalPort, internalPort, protocol. */
  | 'FORWARDS_TO'
  /** Security group → security group named as SourceGroupId / DestGroupId in one of its rules; properties: direction, policy, protocol, portRange, priority. */
  | 'REFERENCES_SG';

/**
 * What the importer could not collect for this asset: the API call that failed or was never
 * recorded, and which configuration fields it would have filled. A check reading one of those
 * fields reports ERROR, never PASS.
 */
export interface UnknownData {
  fields: string[];
  source: string; // "Product:Action", e.g. "Ecs:DescribeInstanceRamRole"
  error: { code: string; message: string };
}

export interface Asset<C = AssetConfiguration> {
  id: string;
  provider: 'ALIBABA_CLOUD' | 'HOST';
  accountId: string;
  region: string | null;
  product: Product;
  resourceType: ResourceType;
  resourceId: string;
  name: string;
  tags: Record<string, string>;
  configuration: C;
  relationships: Relationship[];
  unknown: UnknownData[];
}

export type AssetConfiguration =
  | AccountConfiguration | EcsInstanceConfiguration | SecurityGroupConfiguration | DiskConfiguration
  | NetworkInterfaceConfiguration | VpcConfiguration | VSwitchConfiguration | EipConfiguration
  | NatGatewayConfiguration | LoadBalancerConfiguration | BucketConfiguration | RamUserConfiguration
  | RamGroupConfiguration | RamRoleConfiguration | RamPolicyConfiguration | RdsInstanceConfiguration
  | RedisInstanceConfiguration | TrailConfiguration | KmsKeyConfiguration | SlsProjectConfiguration
  | AckClusterConfiguration | SecurityCenterConfiguration | Record<string, unknown>;
