import type { AccessKeyInfo } from '@rampart/asset-model';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const key = (o: Partial<AccessKeyInfo> = {}): AccessKeyInfo => ({ accessKeyId: 'LTAI-new', status: 'Active', createDate: '2026-10-01T00:00:00Z', lastUsedDate: '2026-11-27T00:00:00Z', ...o });
const apiOnly = { loginProfile: null, mfaDevice: null };

verifyCheckFixtures(catalogueItem('ram-user-console-mfa'), {
  pass: [{ name: 'the console user has an MFA device', asset: f.ramUser() }],
  fail: [{ name: 'the console user has no MFA device', asset: f.ramUser({ mfaDevice: null }), evidence: { field: 'mfaDevice', value: null } }],
  error: [{ name: 'the MFA device list was not collected', asset: f.withUnknown(f.ramUser(), ['mfaDevice'], 'Ram:ListVirtualMFADevices') }],
  notApplicable: [{ name: 'the user has no console password', asset: f.ramUser(apiOnly) }],
});

verifyCheckFixtures(catalogueItem('ram-user-console-unused'), {
  pass: [{ name: 'the user logged on last week', asset: f.ramUser() }],
  fail: [
    { name: 'the user has not logged on for 200 days', asset: f.ramUser({ lastLoginDate: '2026-05-12T00:00:00Z' }), evidence: { field: 'lastLoginDate', idleDays: 200 } },
    { name: 'the user never logged on since creation a year ago', asset: f.ramUser({ lastLoginDate: null, createDate: '2025-11-01T00:00:00Z' }), evidence: { field: 'createDate' } },
  ],
  error: [
    { name: 'no date is known', asset: f.ramUser({ lastLoginDate: null, createDate: null }) },
    { name: 'GetUser failed', asset: f.withUnknown(f.ramUser(), ['lastLoginDate'], 'Ram:GetUser') },
  ],
  notApplicable: [{ name: 'the user has no console password', asset: f.ramUser({ ...apiOnly, lastLoginDate: null }) }],
});

verifyCheckFixtures(catalogueItem('ram-access-key-rotation'), {
  pass: [
    { name: 'the active key is two months old', asset: f.ramUser({ accessKeys: [key()] }) },
    { name: 'the old key is inactive', asset: f.ramUser({ accessKeys: [key({ status: 'Inactive', createDate: '2020-01-01T00:00:00Z' })] }) },
  ],
  fail: [{ name: 'an active key is from 2025', asset: f.ramUser({ accessKeys: [key({ accessKeyId: 'LTAI-old', createDate: '2025-01-01T00:00:00Z' })] }), evidence: { keys: [{ accessKeyId: 'LTAI-old' }] } }],
  error: [
    { name: 'the key list was not collected', asset: f.withUnknown(f.ramUser(), ['accessKeys'], 'Ram:ListAccessKeys') },
    { name: 'an active key has no creation date', asset: f.ramUser({ accessKeys: [key({ createDate: null })] }) },
  ],
});

verifyCheckFixtures(catalogueItem('ram-access-key-unused'), {
  pass: [{ name: 'the key was used yesterday', asset: f.ramUser({ accessKeys: [key()] }) }],
  fail: [{ name: 'the key was last used in March', asset: f.ramUser({ accessKeys: [key({ lastUsedDate: '2026-03-01T00:00:00Z' })] }), evidence: { keys: [{ accessKeyId: 'LTAI-new' }] } }],
  error: [
    { name: 'last use could not be collected', asset: f.withUnknown(f.ramUser({ accessKeys: [key()] }), ['accessKeys'], 'Ram:GetAccessKeyLastUsed') },
    { name: 'neither last use nor creation is known', asset: f.ramUser({ accessKeys: [key({ lastUsedDate: null, createDate: null })] }) },
  ],
});

verifyCheckFixtures(catalogueItem('ram-user-multiple-active-keys'), {
  pass: [{ name: 'one key is active and one inactive', asset: f.ramUser({ accessKeys: [key(), key({ accessKeyId: 'LTAI-2', status: 'Inactive' })] }) }],
  fail: [{ name: 'two keys are active', asset: f.ramUser({ accessKeys: [key(), key({ accessKeyId: 'LTAI-2' })] }), evidence: { activeKeys: ['LTAI-new', 'LTAI-2'] } }],
  error: [{ name: 'the key list was not collected', asset: f.withUnknown(f.ramUser(), ['accessKeys'], 'Ram:ListAccessKeys') }],
});

verifyCheckFixtures(catalogueItem('ram-user-direct-policy'), {
  pass: [{ name: 'permissions come from groups', asset: f.ramUser() }],
  fail: [{ name: 'a policy is attached to the user', asset: f.ramUser({ attachedPolicies: [{ policyName: 'AliyunOSSFullAccess', policyType: 'System', policyId: 'p' }] }), evidence: { policies: [{ policyName: 'AliyunOSSFullAccess' }] } }],
  error: [{ name: 'user policies were not collected', asset: f.withUnknown(f.ramUser(), ['attachedPolicies'], 'Ram:ListPoliciesForUser') }],
});

verifyCheckFixtures(catalogueItem('ram-policy-full-admin'), {
  pass: [
    { name: 'the policy grants read access to logs', asset: f.ramPolicy() },
    { name: 'an unattached admin policy with allowUnattached', asset: f.ramPolicy({ document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, attachmentCount: 0 }), params: { allowUnattached: true } },
  ],
  fail: [
    { name: 'Action "*" on Resource "*"', asset: f.ramPolicy({ document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }) },
    { name: 'Action ["*:*"] in a list', asset: f.ramPolicy({ document: { Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', '*:*'], Resource: ['*'] }] } }), evidence: { statement: { Effect: 'Allow' } } },
  ],
  error: [{ name: 'the policy document was not collected', asset: f.withUnknown(f.ramPolicy(), ['document'], 'Ram:GetPolicyVersion') }],
  notApplicable: [{ name: 'it is a system policy', asset: f.ramPolicy({ policyType: 'System', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }) }],
});

verifyCheckFixtures(catalogueItem('ram-role-trust-any-account'), {
  pass: [
    { name: 'only ECS can assume the role', asset: f.ramRole() },
    { name: 'any account, but only with an ExternalId', asset: f.ramRole({ trustPolicy: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['*'] }, Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } }] } }) },
  ],
  fail: [
    { name: 'Principal RAM is "*"', asset: f.ramRole({ trustPolicy: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: '*' } }] } }) },
    { name: 'Principal is acs:ram::*:root', asset: f.ramRole({ trustPolicy: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::*:root'] } }] } }) },
  ],
  error: [{ name: 'the trust policy was not collected', asset: f.withUnknown(f.ramRole(), ['trustPolicy'], 'Ram:GetRole') }],
});
