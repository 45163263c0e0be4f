import { ackClusterAuditLogSls } from './ack/ack-cluster-audit-log-sls';
import { ackClusterBasicAuthDisabled } from './ack/ack-cluster-basic-auth-disabled';
import { ackClusterCheckWeekly } from './ack/ack-cluster-check-weekly';
import { ackClusterCloudmonitor } from './ack/ack-cluster-cloudmonitor';
import { ackClusterDashboardDisabled } from './ack/ack-cluster-dashboard-disabled';
import { ackClusterDeletionProtection } from './ack/ack-cluster-deletion-protection';
import { ackClusterEniMultiIp } from './ack/ack-cluster-eni-multi-ip';
import { ackClusterLogService } from './ack/ack-cluster-log-service';
import { ackClusterNetworkPolicy } from './ack/ack-cluster-network-policy';
import { ackClusterPrivateEndpoint } from './ack/ack-cluster-private-endpoint';
import { ackClusterRbac } from './ack/ack-cluster-rbac';
import { actiontrailBucketNotPublic } from './actiontrail/actiontrail-bucket-not-public';
import { actiontrailMultiRegionEnabled } from './actiontrail/actiontrail-multi-region-enabled';
import { actiontrailTrailLogging } from './actiontrail/actiontrail-trail-logging';
import { actiontrailTrailSlsDelivery } from './actiontrail/actiontrail-trail-sls-delivery';
import { ecsDiskAttachedEncrypted } from './ecs/ecs-disk-attached-encrypted';
import { ecsDiskUnattachedEncrypted } from './ecs/ecs-disk-unattached-encrypted';
import { ecsInstanceClassicNetwork } from './ecs/ecs-instance-classic-network';
import { ecsInstanceMetadataTokens } from './ecs/ecs-instance-metadata-tokens';
import { ecsInstanceOsVulnerabilities } from './ecs/ecs-instance-os-vulnerabilities';
import { ecsInstancePublicHighRiskPort } from './ecs/ecs-instance-public-high-risk-port';
import { ecsInstancePublicPrivilegedRole } from './ecs/ecs-instance-public-privileged-role';
import { ecsInstanceSecurityAgent } from './ecs/ecs-instance-security-agent';
import { ecsSgOpenAllPorts } from './ecs/ecs-sg-open-all-ports';
import { ecsSgOpenDocker } from './ecs/ecs-sg-open-docker';
import { ecsSgOpenElasticsearch } from './ecs/ecs-sg-open-elasticsearch';
import { ecsSgOpenFtp } from './ecs/ecs-sg-open-ftp';
import { ecsSgOpenHadoop } from './ecs/ecs-sg-open-hadoop';
import { ecsSgOpenKibana } from './ecs/ecs-sg-open-kibana';
import { ecsSgOpenKubernetesApi } from './ecs/ecs-sg-open-kubernetes-api';
import { ecsSgOpenMemcached } from './ecs/ecs-sg-open-memcached';
import { ecsSgOpenMongodb } from './ecs/ecs-sg-open-mongodb';
import { ecsSgOpenMysql } from './ecs/ecs-sg-open-mysql';
import { ecsSgOpenNetbios } from './ecs/ecs-sg-open-netbios';
import { ecsSgOpenOracle } from './ecs/ecs-sg-open-oracle';
import { ecsSgOpenPostgresql } from './ecs/ecs-sg-open-postgresql';
import { ecsSgOpenRdp } from './ecs/ecs-sg-open-rdp';
import { ecsSgOpenRedis } from './ecs/ecs-sg-open-redis';
import { ecsSgOpenSmb } from './ecs/ecs-sg-open-smb';
import { ecsSgOpenSqlserver } from './ecs/ecs-sg-open-sqlserver';
import { ecsSgOpenSsh } from './ecs/ecs-sg-open-ssh';
import { ecsSgOpenTelnet } from './ecs/ecs-sg-open-telnet';
import { ecsSgOpenVnc } from './ecs/ecs-sg-open-vnc';
import { eipBoundInstanceUnrestricted } from './eip/eip-bound-instance-unrestricted';
import { kmsKeyDeletionProtection } from './kms/kms-key-deletion-protection';
import { kmsKeyPendingDeletion } from './kms/kms-key-pending-deletion';
import { kmsKeyRotation } from './kms/kms-key-rotation';
import { redisPublicEndpoint } from './kvstore/redis-public-endpoint';
import { redisSslEnabled } from './kvstore/redis-ssl-enabled';
import { redisVpcNetwork } from './kvstore/redis-vpc-network';
import { redisWhitelistNotOpen } from './kvstore/redis-whitelist-not-open';
import { ossBucketBlockPublicAccess } from './oss/oss-bucket-block-public-access';
import { ossBucketEncryption } from './oss/oss-bucket-encryption';
import { ossBucketIpRestriction } from './oss/oss-bucket-ip-restriction';
import { ossBucketLogging } from './oss/oss-bucket-logging';
import { ossBucketPublicAccess } from './oss/oss-bucket-public-access';
import { ossBucketPublicWrite } from './oss/oss-bucket-public-write';
import { ossBucketSecureTransport } from './oss/oss-bucket-secure-transport';
import { ossBucketSseByok } from './oss/oss-bucket-sse-byok';
import { ossBucketSseKms } from './oss/oss-bucket-sse-kms';
import { ossBucketVersioning } from './oss/oss-bucket-versioning';
import { ramAccessKeyRotation } from './ram/ram-access-key-rotation';
import { ramAccessKeyUnused } from './ram/ram-access-key-unused';
import { ramAccountLoginNetworkMask } from './ram/ram-account-login-network-mask';
import { ramAccountMfaLoginEnforced } from './ram/ram-account-mfa-login-enforced';
import { ramAccountSessionDuration } from './ram/ram-account-session-duration';
import { ramPasswordPolicyLowercase } from './ram/ram-password-policy-lowercase';
import { ramPasswordPolicyMaxAge } from './ram/ram-password-policy-max-age';
import { ramPasswordPolicyMaxLoginAttempts } from './ram/ram-password-policy-max-login-attempts';
import { ramPasswordPolicyMinLength } from './ram/ram-password-policy-min-length';
import { ramPasswordPolicyNumbers } from './ram/ram-password-policy-numbers';
import { ramPasswordPolicyPeriodicChange } from './ram/ram-password-policy-periodic-change';
import { ramPasswordPolicyReusePrevention } from './ram/ram-password-policy-reuse-prevention';
import { ramPasswordPolicySymbols } from './ram/ram-password-policy-symbols';
import { ramPasswordPolicyUppercase } from './ram/ram-password-policy-uppercase';
import { ramPolicyFullAdmin } from './ram/ram-policy-full-admin';
import { ramRoleTrustAnyAccount } from './ram/ram-role-trust-any-account';
import { ramRootAccessKey } from './ram/ram-root-access-key';
import { ramRootMfa } from './ram/ram-root-mfa';
import { ramRootRecentUse } from './ram/ram-root-recent-use';
import { ramUserConsoleMfa } from './ram/ram-user-console-mfa';
import { ramUserConsoleUnused } from './ram/ram-user-console-unused';
import { ramUserDirectPolicy } from './ram/ram-user-direct-policy';
import { ramUserMultipleActiveKeys } from './ram/ram-user-multiple-active-keys';
import { rdsAutomaticBackup } from './rds/rds-automatic-backup';
import { rdsLogBackupEnabled } from './rds/rds-log-backup-enabled';
import { rdsPgLogConnections } from './rds/rds-pg-log-connections';
import { rdsPgLogDisconnections } from './rds/rds-pg-log-disconnections';
import { rdsPgLogDuration } from './rds/rds-pg-log-duration';
import { rdsPublicEndpoint } from './rds/rds-public-endpoint';
import { rdsSqlAuditEnabled } from './rds/rds-sql-audit-enabled';
import { rdsSqlAuditRetention } from './rds/rds-sql-audit-retention';
import { rdsSslEnabled } from './rds/rds-ssl-enabled';
import { rdsTdeByok } from './rds/rds-tde-byok';
import { rdsTdeEnabled } from './rds/rds-tde-enabled';
import { rdsWhitelistNotOpen } from './rds/rds-whitelist-not-open';
import { sasAgentAllAssets } from './sas/sas-agent-all-assets';
import { sasEdition } from './sas/sas-edition';
import { sasNotificationHighRisk } from './sas/sas-notification-high-risk';
import { sasVulScanEnabled } from './sas/sas-vul-scan-enabled';
import { slbDeleteProtection } from './slb/slb-delete-protection';
import { slbHttpsListener } from './slb/slb-https-listener';
import { slbPublicListenerAcl } from './slb/slb-public-listener-acl';
import { slbPublicListenerHighRiskPort } from './slb/slb-public-listener-high-risk-port';
import { slsAlertCloudFirewallChanges } from './sls/sls-alert-cloud-firewall-changes';
import { slsAlertConsoleAuthFailures } from './sls/sls-alert-console-auth-failures';
import { slsAlertConsoleSigninWithoutMfa } from './sls/sls-alert-console-signin-without-mfa';
import { slsAlertKmsKeyDeletion } from './sls/sls-alert-kms-key-deletion';
import { slsAlertOssBucketPolicyChanges } from './sls/sls-alert-oss-bucket-policy-changes';
import { slsAlertOssPermissionChanges } from './sls/sls-alert-oss-permission-changes';
import { slsAlertRamPolicyChanges } from './sls/sls-alert-ram-policy-changes';
import { slsAlertRdsConfigChanges } from './sls/sls-alert-rds-config-changes';
import { slsAlertRootAccountUsage } from './sls/sls-alert-root-account-usage';
import { slsAlertSecurityGroupChanges } from './sls/sls-alert-security-group-changes';
import { slsAlertUnauthorizedApiCalls } from './sls/sls-alert-unauthorized-api-calls';
import { slsAlertVpcChanges } from './sls/sls-alert-vpc-changes';
import { slsAlertVpcRouteChanges } from './sls/sls-alert-vpc-route-changes';
import { slsLogstoreEncryption } from './sls/sls-logstore-encryption';
import { slsLogstoreRetention } from './sls/sls-logstore-retention';
import { vpcFlowLogEnabled } from './vpc/vpc-flow-log-enabled';
import { vpcFlowLogSls } from './vpc/vpc-flow-log-sls';
import { vpcNatDnatAllPorts } from './vpc/vpc-nat-dnat-all-ports';
import type { CheckItem } from '../model/check-item.definition';

/** Every check item, in a stable order (product folder, then id). */
export const CHECK_CATALOGUE: readonly CheckItem[] = Object.freeze([
  ackClusterAuditLogSls,
  ackClusterBasicAuthDisabled,
  ackClusterCheckWeekly,
  ackClusterCloudmonitor,
  ackClusterDashboardDisabled,
  ackClusterDeletionProtection,
  ackClusterEniMultiIp,
  ackClusterLogService,
  ackClusterNetworkPolicy,
  ackClusterPrivateEndpoint,
  ackClusterRbac,
  actiontrailBucketNotPublic,
  actiontrailMultiRegionEnabled,
  actiontrailTrailLogging,
  actiontrailTrailSlsDelivery,
  ecsDiskAttachedEncrypted,
  ecsDiskUnattachedEncrypted,
  ecsInstanceClassicNetwork,
  ecsInstanceMetadataTokens,
  ecsInstanceOsVulnerabilities,
  ecsInstancePublicHighRiskPort,
  ecsInstancePublicPrivilegedRole,
  ecsInstanceSecurityAgent,
  ecsSgOpenAllPorts,
  ecsSgOpenDocker,
  ecsSgOpenElasticsearch,
  ecsSgOpenFtp,
  ecsSgOpenHadoop,
  ecsSgOpenKibana,
  ecsSgOpenKubernetesApi,
  ecsSgOpenMemcached,
  ecsSgOpenMongodb,
  ecsSgOpenMysql,
  ecsSgOpenNetbios,
  ecsSgOpenOracle,
  ecsSgOpenPostgresql,
  ecsSgOpenRdp,
  ecsSgOpenRedis,
  ecsSgOpenSmb,
  ecsSgOpenSqlserver,
  ecsSgOpenSsh,
  ecsSgOpenTelnet,
  ecsSgOpenVnc,
  eipBoundInstanceUnrestricted,
  kmsKeyDeletionProtection,
  kmsKeyPendingDeletion,
  kmsKeyRotation,
  redisPublicEndpoint,
  redisSslEnabled,
  redisVpcNetwork,
  redisWhitelistNotOpen,
  ossBucketBlockPublicAccess,
  ossBucketEncryption,
  ossBucketIpRestriction,
  ossBucketLogging,
  ossBucketPublicAccess,
  ossBucketPublicWrite,
  ossBucketSecureTransport,
  ossBucketSseByok,
  ossBucketSseKms,
  ossBucketVersioning,
  ramAccessKeyRotation,
  ramAccessKeyUnused,
  ramAccountLoginNetworkMask,
  ramAccountMfaLoginEnforced,
  ramAccountSessionDuration,
  ramPasswordPolicyLowercase,
  ramPasswordPolicyMaxAge,
  ramPasswordPolicyMaxLoginAttempts,
  ramPasswordPolicyMinLength,
  ramPasswordPolicyNumbers,
  ramPasswordPolicyPeriodicChange,
  ramPasswordPolicyReusePrevention,
  ramPasswordPolicySymbols,
  ramPasswordPolicyUppercase,
  ramPolicyFullAdmin,
  ramRoleTrustAnyAccount,
  ramRootAccessKey,
  ramRootMfa,
  ramRootRecentUse,
  ramUserConsoleMfa,
  ramUserConsoleUnused,
  ramUserDirectPolicy,
  ramUserMultipleActiveKeys,
  rdsAutomaticBackup,
  rdsLogBackupEnabled,
  rdsPgLogConnections,
  rdsPgLogDisconnections,
  rdsPgLogDuration,
  rdsPublicEndpoint,
  rdsSqlAuditEnabled,
  rdsSqlAuditRetention,
  rdsSslEnabled,
  rdsTdeByok,
  rdsTdeEnabled,
  rdsWhitelistNotOpen,
  sasAgentAllAssets,
  sasEdition,
  sasNotificationHighRisk,
  sasVulScanEnabled,
  slbDeleteProtection,
  slbHttpsListener,
  slbPublicListenerAcl,
  slbPublicListenerHighRiskPort,
  slsAlertCloudFirewallChanges,
  slsAlertConsoleAuthFailures,
  slsAlertConsoleSigninWithoutMfa,
  slsAlertKmsKeyDeletion,
  slsAlertOssBucketPolicyChanges,
  slsAlertOssPermissionChanges,
  slsAlertRamPolicyChanges,
  slsAlertRdsConfigChanges,
  slsAlertRootAccountUsage,
  slsAlertSecurityGroupChanges,
  slsAlertUnauthorizedApiCalls,
  slsAlertVpcChanges,
  slsAlertVpcRouteChanges,
  slsLogstoreEncryption,
  slsLogstoreRetention,
  vpcFlowLogEnabled,
  vpcFlowLogSls,
  vpcNatDnatAllPorts,
]);
