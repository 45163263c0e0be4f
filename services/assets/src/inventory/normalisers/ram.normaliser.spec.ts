import type { AccountConfiguration, RamPolicyConfiguration, RamUserConfiguration } from '@rampart/asset-model';
import { ACCOUNT, assetOf, failed, idOf, normalise, ok } from '../../../test/factories/snapshot.factory';

const account = (result: ReturnType<typeof normalise>) => assetOf<AccountConfiguration>(result, idOf('ram', null, 'account', ACCOUNT));
const users = { Users: { User: [{ UserName: 'alice' }, { UserName: 'bob' }] } };

describe('RAM normaliser', () => {
  it('refuses a snapshot recorded with another account\'s credentials', () => {
    expect(() => normalise([ok('Sts', 'GetCallerIdentity', { AccountId: '999', Arn: 'acs:ram::999:root' })]))
      .toThrow(expect.objectContaining({ details: { path: 'calls[0].response.AccountId', reason: expect.stringContaining('account 999') } }));
  });

  it('reads MaxLoginAttemps, and the correct spelling should Alibaba ever fix it', () => {
    expect(account(normalise([ok('Ram', 'GetPasswordPolicy', { PasswordPolicy: { MaxLoginAttemps: 5 } })])).configuration.passwordPolicy?.maxLoginAttempts).toBe(5);
    expect(account(normalise([ok('Ram', 'GetPasswordPolicy', { PasswordPolicy: { MaxLoginAttempts: 3 } })])).configuration.passwordPolicy?.maxLoginAttempts).toBe(3);
  });

  it('reads the IMS MFAOperationForLogin setting as MFA enforcement', () => {
    const result = normalise([ok('Ram', 'GetSecurityPreference', { SecurityPreference: { LoginProfilePreference: { MFAOperationForLogin: 'mandatory' } } })]);
    expect(account(result).configuration.securityPreference?.enforceMfaForLogin).toBe(true);
  });

  it('marks account settings unknown when their calls failed or are missing', () => {
    const result = normalise([failed('Ram', 'GetPasswordPolicy', 'NoPermission')]);
    expect(account(result).unknown.map((u) => [u.source, u.fields, u.error.code])).toEqual([
      ['Sts:GetCallerIdentity', ['callerArn'], 'NotCollected'],
      ['Ram:GetPasswordPolicy', ['passwordPolicy'], 'NoPermission'],
      ['Ram:GetSecurityPreference', ['securityPreference'], 'NotCollected'],
      ['Ims:GetCredentialReport', ['credentialReport'], 'NotCollected'],
    ]);
  });

  it('refuses a credential report that is not base64', () => {
    expect(() => normalise([ok('Ims', 'GetCredentialReport', { Content: 'not base64!', GeneratedTime: '2026-11-27T00:00:00Z' })]))
      .toThrow(expect.objectContaining({ details: { path: 'calls[0].response.Content', reason: 'Content is not base64' } }));
  });

  it('makes every user\'s MFA device unknown when ListVirtualMFADevices failed', () => {
    const result = normalise([ok('Ram', 'ListUsers', users), failed('Ram', 'ListVirtualMFADevices', 'Throttling.User')]);
    for (const name of ['alice', 'bob']) {
      const user = assetOf<RamUserConfiguration>(result, idOf('ram', null, 'user', name));
      expect(user.unknown.find((u) => u.fields.includes('mfaDevice'))?.error.code).toBe('Throttling.User');
    }
  });

  it('marks a policy document unknown with the error of its failed GetPolicyVersion', () => {
    const result = normalise([
      ok('Ram', 'ListPolicies', { Policies: { Policy: [{ PolicyName: 'P', PolicyType: 'Custom', DefaultVersion: 'v3' }] } }),
      failed('Ram', 'GetPolicyVersion', 'EntityNotExist.Policy.Version', { PolicyName: 'P', PolicyType: 'Custom', VersionId: 'v3' }),
    ]);
    const policy = assetOf<RamPolicyConfiguration>(result, idOf('ram', null, 'policy', 'P'));
    expect(policy.unknown).toEqual([{ fields: ['document'], source: 'Ram:GetPolicyVersion', error: { code: 'EntityNotExist.Policy.Version', message: expect.any(String) } }]);
  });

  it('ignores a GetPolicyVersion of a version that is not the default one', () => {
    const result = normalise([
      ok('Ram', 'ListPolicies', { Policies: { Policy: [{ PolicyName: 'P', PolicyType: 'Custom', DefaultVersion: 'v2' }] } }),
      ok('Ram', 'GetPolicyVersion', { PolicyVersion: { VersionId: 'v1', PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } }, { PolicyName: 'P', VersionId: 'v1' }),
      ok('Ram', 'GetPolicyVersion', { PolicyVersion: { VersionId: 'v2', PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}' } }, { PolicyName: 'P', VersionId: 'v2' }),
    ]);
    expect(assetOf<RamPolicyConfiguration>(result, idOf('ram', null, 'policy', 'P')).configuration.document?.Statement[0].Action).toBe('ecs:Describe*');
  });

  it('refuses a policy document that is not a policy', () => {
    expect(() => normalise([
      ok('Ram', 'ListPolicies', { Policies: { Policy: [{ PolicyName: 'P', PolicyType: 'Custom', DefaultVersion: 'v1' }] } }),
      ok('Ram', 'GetPolicyVersion', { PolicyVersion: { PolicyDocument: '{"Statement":[{"Effect":"Maybe"}]}' } }, { PolicyName: 'P', VersionId: 'v1' }),
    ])).toThrow(expect.objectContaining({ details: { path: 'calls[1].response.PolicyVersion.PolicyDocument', reason: expect.stringContaining('Effect must be Allow or Deny') } }));
  });

  it('refuses a policy type other than System or Custom', () => {
    expect(() => normalise([ok('Ram', 'ListPolicies', { Policies: { Policy: [{ PolicyName: 'P', PolicyType: 'Managed' }] } })]))
      .toThrow(expect.objectContaining({ details: expect.objectContaining({ path: 'calls[0].response.Policies.Policy[0].PolicyType' }) }));
  });
});
