/**
 * Normalised configuration per resource type. Field names are camelCase; values are parsed
 * (numbers are numbers, JSON strings are decoded, protocols lower-case). `null` means "the API said
 * nothing / not set"; a field the importer could not collect is listed in `Asset.unknown` instead.
 */

/** A RAM policy document exactly as Alibaba's policy language writes it. */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  /** Trust policies and bucket policies: `{ RAM: [...], Service: [...] }` or `"*"`. */
  Principal?: string | Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}
export interface AttachedPolicyRef {
  policyName: string;
  policyType: 'System' | 'Custom';
  /** Id of the ALIYUN::RAM::ManagedPolicy asset. */
  policyId: string;
}

// ── account-wide (RAM, IMS, STS) ────────────────────────────────────────────────────────────────
export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireLowercaseCharacters: boolean;
  requireUppercaseCharacters: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  passwordReusePrevention: number;
  /** Days; 0 = never expires. */
  maxPasswordAge: number;
  hardExpiry: boolean;
  /** From the API's misspelled `MaxLoginAttemps`; 0 = lockout off. */
  maxLoginAttempts: number;
}
export interface CredentialReportRow {
  user: string; // "<root>" for the account itself
  userCreationTime: string | null;
  userLastLogon: string | null;
  passwordExist: boolean | null;
  passwordActive: boolean | null;
  passwordLastChanged: string | null;
  mfaActive: boolean | null;
  accessKeys: Array<{ active: boolean; lastRotated: string | null; lastUsed: string | null }>;
}
export interface AccountConfiguration {
  accountId: string;
  callerArn: string | null;
  passwordPolicy: PasswordPolicy | null;
  securityPreference: {
    enforceMfaForLogin: boolean | null;
    allowUserToChangePassword: boolean | null;
    allowUserToManageAccessKeys: boolean | null;
    allowUserToManageMfaDevices: boolean | null;
    loginSessionDuration: number | null;
    loginNetworkMasks: string | null;
  } | null;
  /** Decoded from IMS GetCredentialReport's base64 CSV; the `<root>` row is `root`. */
  credentialReport: { generatedAt: string | null; root: CredentialReportRow | null; users: CredentialReportRow[] } | null;
  /**
   * Inventory list calls that recorded an API error (e.g. Ecs:DescribeInstances in one region): the assets of that
   * product and region are missing from this import, so an account-wide "no X exists" check must give ERROR.
   */
  inventoryIncomplete?: InventoryGap[];
}
export interface InventoryGap {
  source: string; // "Product:Action"
  region: string | null;
  error: { code: string; message: string };
}

// ── ECS ─────────────────────────────────────────────────────────────────────────────────────────
export interface EcsInstanceConfiguration {
  instanceId: string;
  status: string; // Running | Stopped | Starting | Stopping | Pending
  instanceType: string;
  osType: string | null; // linux | windows
  osName: string | null;
  imageId: string | null;
  zoneId: string | null;
  vpcId: string | null;
  vSwitchId: string | null;
  privateIpAddresses: string[];
  /** Public IPs assigned by ECS (not EIPs). */
  publicIpAddresses: string[];
  eipAddress: string | null;
  eipAllocationId: string | null;
  securityGroupIds: string[];
  networkInterfaceIds: string[];
  /** From DescribeInstanceRamRole; null = no role attached. */
  ramRoleName: string | null;
  deletionProtection: boolean | null;
  /** IMDS hardening: "required" means tokens enforced (IMDSv2-like). */
  metadataHttpTokens: string | null;
  createdAt: string | null;
  /** From Sas DescribeCloudCenterInstances; null = Security Center does not list this instance. */
  securityCenterAgent?: { clientStatus: 'online' | 'offline' | 'pause' | string } | null;
}
export type SecurityGroupProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'gre' | 'all';
export interface SecurityGroupRule {
  direction: 'ingress' | 'egress';
  policy: 'accept' | 'drop';
  protocol: SecurityGroupProtocol;
  /** Inclusive; `-1/-1` and protocol `all` normalise to 1..65535 (icmp: -1..-1). */
  portFrom: number;
  portTo: number;
  /** The raw PortRange as the API returned it, e.g. "22/22" or "-1/-1". */
  portRange: string;
  sourceCidrIp: string | null;
  ipv6SourceCidrIp: string | null;
  sourceGroupId: string | null;
  sourcePrefixListId: string | null;
  destCidrIp: string | null;
  /** 1 is the highest priority; Alibaba's default is 1 and range 1..100. */
  priority: number;
  nicType: string | null;
  description: string | null;
}
export interface SecurityGroupConfiguration {
  securityGroupId: string;
  securityGroupType: 'normal' | 'enterprise' | string;
  vpcId: string | null;
  description: string | null;
  /** From DescribeSecurityGroupAttribute (ingress) and its egress call; unknown when not collected. */
  rules: SecurityGroupRule[];
  /** How the group treats traffic between its own members. */
  innerAccessPolicy: 'Accept' | 'Drop' | null;
}
export interface DiskConfiguration {
  diskId: string;
  instanceId: string | null; // null = unattached
  type: 'system' | 'data' | string;
  category: string;
  status: string; // In_use | Available | ...
  encrypted: boolean;
  kmsKeyId: string | null;
  sizeGiB: number | null;
}
export interface NetworkInterfaceConfiguration {
  networkInterfaceId: string;
  instanceId: string | null;
  type: string; // Primary | Secondary
  status: string;
  vpcId: string | null;
  vSwitchId: string | null;
  securityGroupIds: string[];
  privateIpAddresses: string[];
  publicIpAddress: string | null;
}

// ── VPC ─────────────────────────────────────────────────────────────────────────────────────────
export interface FlowLogRef {
  flowLogId: string;
  resourceType: 'VPC' | 'VSwitch' | 'NetworkInterface' | string;
  resourceId: string;
  status: string; // Active | Inactive
  trafficType: string; // All | Allow | Drop
  projectName: string | null;
  logStoreName: string | null;
}
export interface VpcConfiguration {
  vpcId: string;
  cidrBlock: string | null;
  ipv6CidrBlock: string | null;
  isDefault: boolean;
  status: string;
  vSwitchIds: string[];
  /** DescribeFlowLogs entries on this VPC or on one of its VSwitches / ENIs. */
  flowLogs: FlowLogRef[];
}
export interface VSwitchConfiguration {
  vSwitchId: string;
  vpcId: string;
  cidrBlock: string | null;
  zoneId: string | null;
}
export interface EipConfiguration {
  allocationId: string;
  ipAddress: string;
  status: string; // InUse | Available
  /** EcsInstance | SlbInstance | Nat | NetworkInterface | HaVip | null */
  instanceType: string | null;
  instanceId: string | null;
  bandwidthMbps: number | null;
}
export interface ForwardEntry {
  forwardEntryId: string;
  externalIp: string;
  externalPort: string; // "22" or "any" or "1000/2000"
  internalIp: string;
  internalPort: string;
  protocol: 'tcp' | 'udp' | 'any';
  status: string;
}
export interface NatGatewayConfiguration {
  natGatewayId: string;
  vpcId: string | null;
  natType: string | null;
  publicIpAddresses: string[];
  forwardEntries: ForwardEntry[];
}

// ── SLB (CLB) ───────────────────────────────────────────────────────────────────────────────────
export interface AclEntry { cidr: string; comment: string | null }
export interface Listener {
  port: number;
  protocol: 'tcp' | 'udp' | 'http' | 'https';
  status: string;
  backendPort: number | null;
  aclStatus: 'on' | 'off';
  aclType: 'white' | 'black' | null;
  aclId: string | null;
  /** Resolved from DescribeAccessControlListAttribute; null when the ACL could not be read. */
  aclEntries: AclEntry[] | null;
}
export interface BackendServer { serverId: string; type: string; port: number | null; weight: number }
export interface LoadBalancerConfiguration {
  loadBalancerId: string;
  addressType: 'internet' | 'intranet';
  address: string;
  status: string;
  vpcId: string | null;
  vSwitchId: string | null;
  deleteProtection: boolean | null;
  listeners: Listener[];
  backendServers: BackendServer[];
}

// ── OSS ─────────────────────────────────────────────────────────────────────────────────────────
export type BucketAcl = 'private' | 'public-read' | 'public-read-write';
export interface BucketConfiguration {
  bucketName: string;
  location: string | null; // oss-cn-hangzhou
  storageClass: string | null;
  creationDate: string | null;
  acl: BucketAcl;
  /** Bucket policy document; null = no policy (GetBucketPolicy answered NoSuchBucketPolicy). */
  policy: PolicyDocument | null;
  logging: { enabled: boolean; targetBucket: string | null; targetPrefix: string | null };
  encryption: { algorithm: 'AES256' | 'KMS' | 'SM4' | null; kmsMasterKeyId: string | null };
  versioning: 'Enabled' | 'Suspended' | null;
  blockPublicAccess: boolean | null;
}

// ── RAM ─────────────────────────────────────────────────────────────────────────────────────────
export interface AccessKeyInfo {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: string | null;
  lastUsedDate: string | null;
}
export interface RamUserConfiguration {
  userName: string;
  userId: string;
  displayName: string | null;
  createDate: string | null;
  lastLoginDate: string | null;
  /** null = the user has no console password (GetLoginProfile: EntityNotExist.User.LoginProfile). */
  loginProfile: { mfaBindRequired: boolean; passwordResetRequired: boolean; createDate: string | null } | null;
  /** Bound virtual MFA device; null = none. */
  mfaDevice: { serialNumber: string; activatedAt: string | null } | null;
  accessKeys: AccessKeyInfo[];
  groups: string[];
  attachedPolicies: AttachedPolicyRef[];
}
export interface RamGroupConfiguration {
  groupName: string;
  comments: string | null;
  attachedPolicies: AttachedPolicyRef[];
}
export interface RamRoleConfiguration {
  roleName: string;
  roleId: string;
  arn: string;
  trustPolicy: PolicyDocument | null;
  maxSessionDuration: number | null;
  attachedPolicies: AttachedPolicyRef[];
  createDate: string | null;
}
export interface RamPolicyConfiguration {
  policyName: string;
  policyType: 'System' | 'Custom';
  defaultVersion: string | null;
  document: PolicyDocument | null;
  attachmentCount: number | null;
  description: string | null;
}

// ── RDS and Redis ───────────────────────────────────────────────────────────────────────────────
export interface WhitelistGroup {
  name: string;
  attribute: string | null; // "hidden" for system groups
  ipType: 'IPv4' | 'IPv6' | string;
  /** SecurityIPList split on commas and trimmed. */
  entries: string[];
}
export interface RdsNetInfo {
  connectionString: string;
  ipAddress: string | null;
  ipType: 'Public' | 'Private' | 'Inner' | string;
  port: number | null;
}
export interface RdsInstanceConfiguration {
  dbInstanceId: string;
  engine: string; // MySQL | PostgreSQL | SQLServer | MariaDB
  engineVersion: string;
  status: string;
  instanceNetworkType: 'VPC' | 'Classic' | string;
  vpcId: string | null;
  vSwitchId: string | null;
  netInfo: RdsNetInfo[];
  /** True when any connection string is of ipType Public. */
  publicConnection: boolean;
  whitelistGroups: WhitelistGroup[];
  ssl: { enabled: boolean; forceEncryption: boolean; expireTime: string | null };
  tde: { status: 'Enabled' | 'Disabled' | string; encryptionKey: string | null; byok: boolean };
  sqlCollector: { status: 'Enable' | 'Disabled' | string; retentionDays: number | null };
  /** RunningParameters by name. */
  parameters: Record<string, string>;
  backup: {
    backupRetentionPeriod: number | null;
    preferredBackupPeriod: string[];
    enableBackupLog: boolean | null;
    logBackupRetentionPeriod: number | null;
  };
}
export interface RedisInstanceConfiguration {
  instanceId: string;
  engineVersion: string | null;
  status: string;
  networkType: 'VPC' | 'CLASSIC' | string;
  vpcId: string | null;
  vSwitchId: string | null;
  connectionDomain: string | null;
  publicConnection: boolean;
  whitelistGroups: WhitelistGroup[];
  sslEnabled: boolean | null;
}

// ── logging, keys, containers, Security Center ──────────────────────────────────────────────────
export interface TrailConfiguration {
  name: string;
  status: 'Enable' | 'Disable' | string;
  homeRegion: string | null;
  trailRegion: string | null; // "All" for multi-region trails
  eventRW: 'All' | 'Read' | 'Write' | string;
  ossBucketName: string | null;
  ossKeyPrefix: string | null;
  slsProjectArn: string | null;
  slsWriteRoleArn: string | null;
  isOrganizationTrail: boolean;
}
export interface KmsKeyConfiguration {
  keyId: string;
  keyState: string; // Enabled | Disabled | PendingDeletion
  keyUsage: string | null;
  keySpec: string | null;
  origin: string | null; // Aliyun_KMS | EXTERNAL
  creator: string | null;
  automaticRotation: 'Enabled' | 'Disabled' | 'Suspended' | null;
  rotationInterval: string | null;
  deletionProtection: boolean | null;
  creationDate: string | null;
}
export interface LogStore { name: string; ttlDays: number | null; encrypted: boolean | null }
export interface SlsAlert { name: string; displayName: string | null; enabled: boolean; queries: string[] }
export interface SlsProjectConfiguration {
  projectName: string;
  description: string | null;
  logStores: LogStore[];
  alerts: SlsAlert[];
}
export interface AckAddon { name: string; disabled: boolean; config: Record<string, unknown> | null }
export interface AckClusterConfiguration {
  clusterId: string;
  clusterType: string; // ManagedKubernetes | Kubernetes | Ask
  state: string;
  currentVersion: string | null;
  vpcId: string | null;
  securityGroupId: string | null;
  /** From master_url.api_server_endpoint (a JSON string in the API). */
  apiServerEndpoint: string | null;
  /** True when the API server has a public (EIP) endpoint. */
  apiServerPublic: boolean;
  dashboardEnabled: boolean;
  networkPlugin: 'terway' | 'flannel' | string | null;
  /** From meta_data.Addons (a JSON string in the API). */
  addons: AckAddon[];
  auditProjectName: string | null;
  rbacEnabled: boolean | null;
  basicAuthEnabled: boolean | null;
  cloudMonitorEnabled: boolean | null;
  logServiceEnabled: boolean | null;
  networkPolicyEnabled: boolean | null;
  privateZone: boolean | null;
  lastClusterCheckAt: string | null;
  deletionProtection: boolean | null;
}
export interface SecurityCenterConfiguration {
  /** DescribeVersionConfig `Version` (1 free, 3 Enterprise, 5 Advanced, 6 Anti-virus, 7 Ultimate, ...). */
  versionCode: number | null;
  edition: string | null;
  /** Cloud assets with their agent status from DescribeCloudCenterInstances. */
  agents: Array<{ instanceId: string; clientStatus: 'online' | 'offline' | 'pause' | string }>;
  unfixedVulnerabilities: Array<{ name: string; type: string; instanceId: string | null; level: string | null }>;
  notices: Array<{ project: string; route: number }>;
  vulScanEnabled: boolean | null;
}
