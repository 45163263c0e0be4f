import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';
import { alertQueryMatches } from './alert-query.matcher';

// The CIS Alibaba v2.0.0 alert queries (abridged to the tokens each item requires), one per item.
const QUERIES: Record<string, string> = {
  'sls-alert-ram-policy-changes': '(event.serviceName: ResourceManager or event.serviceName: Ram) and (event.eventName: CreatePolicy or event.eventName: DeletePolicy or event.eventName: CreatePolicyVersion or event.eventName: UpdatePolicyVersion or event.eventName: SetDefaultPolicyVersion or event.eventName: DeletePolicyVersion)',
  'sls-alert-cloud-firewall-changes': 'event.serviceName: Cloudfw and (event.eventName: CreateVpcFirewallControlPolicy or event.eventName: DeleteVpcFirewallControlPolicy or event.eventName: ModifyVpcFirewallControlPolicy)',
  'sls-alert-vpc-route-changes': '(event.serviceName: Ecs or event.serviceName: Vpc) and (event.eventName: CreateRouteEntry or event.eventName: DeleteRouteEntry or event.eventName: ModifyRouteEntry or event.eventName: AssociateRouteTable or event.eventName: UnassociateRouteTable)',
  'sls-alert-vpc-changes': '(event.serviceName: Ecs or event.serviceName: Vpc) and (event.eventName: CreateVpc or event.eventName: DeleteVpc or event.eventName: DisableVpcClassicLink or event.eventName: EnableVpcClassicLink or event.eventName: DeletionProtection or event.eventName: AssociateVpcCidrBlock or event.eventName: UnassociateVpcCidrBlock or event.eventName: RevokeInstanceFromCen or event.eventName: CreateVSwitch or event.eventName: DeleteVSwitch)',
  'sls-alert-oss-permission-changes': '(operation: PutBucket and request_uri: acl) or operation: PutObjectAcl | select bucket, count(1) as c group by bucket',
  'sls-alert-rds-config-changes': 'event.serviceName: Rds and (event.eventName: ModifySecurityIps or event.eventName: ModifyDBInstanceSSL or event.eventName: ModifyDBInstanceNetworkType or event.eventName: AllocateInstancePublicConnection or event.eventName: ModifyBackupPolicy or event.eventName: MigrateSecurityIPMode)',
  'sls-alert-unauthorized-api-calls': 'event.eventType: ApiCall and (event.errorCode: NoPermission* or event.errorCode: Forbidden* or event.errorCode: InvalidAccessKeyId*)',
  'sls-alert-console-signin-without-mfa': 'event.eventName: ConsoleSignin and event.additionalEventData.loginAccount: true and event.additionalEventData.mfaChecked: false',
  'sls-alert-root-account-usage': 'event.eventName: ConsoleSignin and event.userIdentity.type: root-account',
  'sls-alert-console-auth-failures': 'event.eventName: ConsoleSignin and event.errorCode: *',
  'sls-alert-kms-key-deletion': 'event.serviceName: Kms and (event.eventName: DisableKey or event.eventName: ScheduleKeyDeletion or event.eventName: DeleteKeyMaterial)',
  'sls-alert-oss-bucket-policy-changes': 'event.eventName: PutBucketPolicy or event.eventName: DeleteBucketPolicy or event.eventName: PutBucketCors or event.eventName: DeleteBucketCors or event.eventName: PutBucketLifecycle or event.eventName: DeleteBucketLifecycle or event.eventName: PutBucketEncryption or event.eventName: DeleteBucketEncryption or event.eventName: PutBucketReplication or event.eventName: DeleteBucketReplication',
  'sls-alert-security-group-changes': 'event.eventName: AuthorizeSecurityGroup or event.eventName: AuthorizeSecurityGroupEgress or event.eventName: RevokeSecurityGroup or event.eventName: RevokeSecurityGroupEgress or event.eventName: CreateSecurityGroup or event.eventName: DeleteSecurityGroup or event.eventName: JoinSecurityGroup or event.eventName: LeaveSecurityGroup or event.eventName: ModifySecurityGroupPolicy',
};

const alert = (query: string, enabled = true) => ({ name: 'cis-alert', displayName: null, enabled, queries: [query] });
const audit = (queries: string[], o: { region?: string; enabled?: boolean } = {}) =>
  f.slsProject({ alerts: queries.map((q) => alert(q, o.enabled ?? true)) }, { region: o.region ?? 'cn-hangzhou' });

for (const [id, query] of Object.entries(QUERIES)) {
  verifyCheckFixtures(catalogueItem(id), {
    pass: [{ name: 'an enabled alert in the trail\'s SLS region has the CIS query', asset: f.account(), context: [f.trail(), audit([query])], evidence: { alert: 'cis-alert' } }],
    fail: [
      { name: 'no trail delivers to SLS', asset: f.account(), context: [f.trail({ slsProjectArn: null }), audit([query])] },
      { name: 'the alert is disabled', asset: f.account(), context: [f.trail(), audit([query], { enabled: false })] },
      { name: 'the alert lives in another region than the trail\'s SLS project', asset: f.account(), context: [f.trail(), audit([query], { region: 'cn-beijing' })] },
      { name: 'the only alert watches something else', asset: f.account(), context: [f.trail(), audit(['event.eventName: StopInstance'])] },
    ],
    error: [
      { name: 'the alerts of the project could not be listed', asset: f.account(), context: [f.trail(), f.withUnknown(audit([]), ['alerts'], 'Sls:ListAlerts')] },
      { name: 'DescribeTrails failed', asset: f.withUnknown(f.account(), ['trails'], 'Actiontrail:DescribeTrails'), context: [f.trail(), audit([query])] },
    ],
  });
}

describe('alert query matching', () => {
  it('requires whole words, so AuthorizeSecurityGroupEgress alone does not cover AuthorizeSecurityGroup', () => {
    expect(alertQueryMatches('event.eventName: AuthorizeSecurityGroupEgress', ['AuthorizeSecurityGroup'], [])).toBe(false);
    expect(alertQueryMatches('event.eventName: AuthorizeSecurityGroup', ['AuthorizeSecurityGroup'], [])).toBe(true);
  });
  it('treats a trailing * as a prefix and ignores case', () => {
    expect(alertQueryMatches('errorCode: nopermission.ecs', [], ['NoPermission*'])).toBe(true);
    expect(alertQueryMatches('errorCode: Throttling', [], ['NoPermission*'])).toBe(false);
  });
  it('needs every allOf term and at least one anyOf term', () => {
    expect(alertQueryMatches('Ram DeletePolicy', ['CreatePolicy', 'DeletePolicy'], ['Ram'])).toBe(false);
    expect(alertQueryMatches('Ecs CreatePolicy DeletePolicy', ['CreatePolicy', 'DeletePolicy'], ['Ram'])).toBe(false);
  });
});
