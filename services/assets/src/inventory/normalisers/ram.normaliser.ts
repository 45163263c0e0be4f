import type {
  AccessKeyInfo, AccountConfiguration, Asset, AttachedPolicyRef, CredentialReportRow, PasswordPolicy, PolicyDocument,
  RamGroupConfiguration, RamPolicyConfiguration, RamRoleConfiguration, RamUserConfiguration,
} from '@rampart/asset-model';
import { paramValue, type IndexedCall } from '../call-index';
import { link, type Body, type NormaliseContext, type Outcome } from '../normalise-context';
import { readPolicyDocument } from '../policy-document.reader';
import { readTags, type JsonObject, type ResponseReader } from '../response-reader';
import { parseCredentialReport, type CredentialReport } from './credential-report.parser';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Ram';
const NO_LOGIN_PROFILE = ['EntityNotExist.User.LoginProfile'];

/** Resource id of a RAM policy asset: custom policy names are per account, system ones live in Alibaba's namespace. */
export function policyResourceId(policyType: 'System' | 'Custom', policyName: string): string {
  return policyType === 'System' ? `system/${policyName}` : policyName;
}

/**
 * The account (password policy, security preference, credential report, caller identity) and RAM identities:
 * users with their login profile, MFA device, access keys, groups and attached policies; groups; roles with their
 * trust policy; managed policies with their default version's document.
 */
export const ramNormaliser: ProductNormaliser = {
  name: 'ram',
  actions: [
    ...actionsOf(P, [
      'ListUsers', 'GetUser', 'GetLoginProfile', 'ListVirtualMFADevices', 'ListAccessKeys', 'ListGroups', 'ListGroupsForUser',
      'ListRoles', 'GetRole', 'ListPolicies', 'GetPolicy', 'GetPolicyVersion', 'ListPoliciesForUser', 'ListPoliciesForGroup',
      'ListPoliciesForRole', 'GetPasswordPolicy', 'GetSecurityPreference',
    ]),
    'Ims:GetCredentialReport',
    'Sts:GetCallerIdentity',
  ],
  normalise(ctx) {
    const report = normaliseAccount(ctx);
    normalisePolicies(ctx);
    normaliseGroups(ctx);
    normaliseRoles(ctx);
    normaliseUsers(ctx, report);
  },
};

// ── account ─────────────────────────────────────────────────────────────────────────────────────

/** The one answer of an account-wide call, or why there is none. */
function single(ctx: NormaliseContext, product: string, action: string): { body: Body | null; outcome: Outcome } {
  const calls = ctx.index.of(product, action);
  if (calls.length === 0) return { body: null, outcome: { kind: 'missing' } };
  // The latest recording wins; an error recorded after an answer still makes the answer stale.
  const last = calls[calls.length - 1];
  if (last.call.error !== undefined) return { body: null, outcome: { kind: 'failed', error: last.call.error, call: last } };
  return { body: ctx.bodyOf(last), outcome: { kind: 'answered', calls: [last] } };
}

function normaliseAccount(ctx: NormaliseContext): CredentialReport | null {
  const config: AccountConfiguration = {
    accountId: ctx.accountId,
    callerArn: null,
    passwordPolicy: null,
    securityPreference: null,
    credentialReport: null,
  };
  const asset = ctx.emit(ctx.newAsset('account', 'RAM', null, null, ctx.accountId, ctx.accountId, {}, config));

  const caller = single(ctx, 'Sts', 'GetCallerIdentity');
  if (ctx.noteOutcome(asset, ['callerArn'], 'Sts:GetCallerIdentity', caller.outcome) && caller.body !== null) {
    const { reader, body } = caller.body;
    const accountId = reader.str(body, 'AccountId', '');
    if (accountId !== null && accountId !== ctx.accountId) {
      reader.fail('AccountId', `the snapshot is for account ${ctx.accountId} but was recorded with the credentials of account ${accountId}`);
    }
    config.callerArn = reader.str(body, 'Arn', '');
  }

  const password = single(ctx, P, 'GetPasswordPolicy');
  if (ctx.noteOutcome(asset, ['passwordPolicy'], `${P}:GetPasswordPolicy`, password.outcome) && password.body !== null) {
    config.passwordPolicy = readPasswordPolicy(password.body.reader, password.body.body);
  }

  const preference = single(ctx, P, 'GetSecurityPreference');
  if (ctx.noteOutcome(asset, ['securityPreference'], `${P}:GetSecurityPreference`, preference.outcome) && preference.body !== null) {
    config.securityPreference = readSecurityPreference(preference.body.reader, preference.body.body);
  }

  let report: CredentialReport | null = null;
  const credentials = single(ctx, 'Ims', 'GetCredentialReport');
  if (ctx.noteOutcome(asset, ['credentialReport'], 'Ims:GetCredentialReport', credentials.outcome) && credentials.body !== null) {
    const { reader, body } = credentials.body;
    const content = reader.id(body, 'Content', '');
    if (content !== null) {
      const parsed = parseCredentialReport(content);
      if (typeof parsed === 'string') reader.fail('Content', parsed);
      else {
        report = parsed;
        config.credentialReport = { generatedAt: reader.str(body, 'GeneratedTime', ''), root: parsed.root, users: parsed.users };
      }
    }
  }
  return report;
}

function readPasswordPolicy(reader: ResponseReader, body: JsonObject): PasswordPolicy | null {
  const p = reader.obj(body, 'PasswordPolicy', '');
  if (p === null) {
    reader.fail('PasswordPolicy', 'missing');
    return null;
  }
  const at = 'PasswordPolicy';
  return {
    minimumPasswordLength: reader.num(p, 'MinimumPasswordLength', at) ?? 0,
    requireLowercaseCharacters: reader.bool(p, 'RequireLowercaseCharacters', at) ?? false,
    requireUppercaseCharacters: reader.bool(p, 'RequireUppercaseCharacters', at) ?? false,
    requireNumbers: reader.bool(p, 'RequireNumbers', at) ?? false,
    requireSymbols: reader.bool(p, 'RequireSymbols', at) ?? false,
    passwordReusePrevention: reader.num(p, 'PasswordReusePrevention', at) ?? 0,
    maxPasswordAge: reader.num(p, 'MaxPasswordAge', at) ?? 0,
    hardExpiry: reader.bool(p, 'HardExpiry', at) ?? false,
    // The API spells it MaxLoginAttemps; accept the correct spelling too in case it is ever fixed.
    maxLoginAttempts: reader.num(p, 'MaxLoginAttemps', at) ?? reader.num(p, 'MaxLoginAttempts', at) ?? 0,
  };
}

function readSecurityPreference(reader: ResponseReader, body: JsonObject): AccountConfiguration['securityPreference'] {
  const s = reader.obj(body, 'SecurityPreference', '');
  if (s === null) {
    reader.fail('SecurityPreference', 'missing');
    return null;
  }
  const at = 'SecurityPreference';
  const login = reader.obj(s, 'LoginProfilePreference', at);
  const lAt = `${at}.LoginProfilePreference`;
  const keys = reader.obj(s, 'AccessKeyPreference', at);
  const mfa = reader.obj(s, 'MFAPreference', at);
  let enforceMfa: boolean | null = null;
  if (login !== null) {
    enforceMfa = reader.bool(login, 'EnforceMFAForLogin', lAt);
    const operation = reader.str(login, 'MFAOperationForLogin', lAt);
    if (enforceMfa === null && operation !== null) enforceMfa = operation.toLowerCase() === 'mandatory';
  }
  return {
    enforceMfaForLogin: enforceMfa,
    allowUserToChangePassword: login ? reader.bool(login, 'AllowUserToChangePassword', lAt) : null,
    allowUserToManageAccessKeys: keys ? reader.bool(keys, 'AllowUserToManageAccessKeys', `${at}.AccessKeyPreference`) : null,
    allowUserToManageMfaDevices: mfa ? reader.bool(mfa, 'AllowUserToManageMFADevices', `${at}.MFAPreference`) : null,
    loginSessionDuration: login ? reader.num(login, 'LoginSessionDuration', lAt) : null,
    loginNetworkMasks: login ? reader.str(login, 'LoginNetworkMasks', lAt) : null,
  };
}

// ── attached policies (shared by users, groups, roles) ──────────────────────────────────────────

function policyTypeOf(reader: ResponseReader, o: JsonObject, at: string): 'System' | 'Custom' | null {
  const raw = reader.str(o, 'PolicyType', at);
  if (raw === 'System' || raw === 'Custom') return raw;
  reader.fail(`${at}.PolicyType`, `expected System or Custom, got ${JSON.stringify(raw)}`);
  return null;
}

function attachPolicies(
  ctx: NormaliseContext, asset: Asset, config: { attachedPolicies: AttachedPolicyRef[] }, action: string, param: string, name: string,
): void {
  const outcome = ctx.detail(P, action, param, name);
  if (!ctx.noteOutcome(asset, ['attachedPolicies'], `${P}:${action}`, outcome) || outcome.kind !== 'answered') return;
  for (const page of outcome.calls) {
    const detail = ctx.bodyOf(page);
    if (detail === null) continue;
    for (const { value: p, at } of detail.reader.list(detail.body, 'Policies', 'Policy', '')) {
      const policyName = detail.reader.id(p, 'PolicyName', at);
      const policyType = policyTypeOf(detail.reader, p, at);
      if (policyName === null || policyType === null) continue;
      const policyId = ctx.id('ramPolicy', null, policyResourceId(policyType, policyName));
      if (config.attachedPolicies.some((r) => r.policyId === policyId)) continue;
      config.attachedPolicies.push({ policyName, policyType, policyId });
      link(asset, 'HAS_POLICY', policyId);
    }
  }
}

// ── policies ────────────────────────────────────────────────────────────────────────────────────

/** Detail calls for one policy, narrowed to its type when the recorder sent PolicyType. */
function policyCalls(ctx: NormaliseContext, action: string, name: string, type: string): IndexedCall[] {
  return (ctx.index.byParam(P, action, 'PolicyName').get(name) ?? []).filter((ic) => {
    const recordedType = paramValue(ic.call.params, 'PolicyType');
    return recordedType === null || recordedType === type;
  });
}

function policyDocument(ctx: NormaliseContext, name: string, type: string, defaultVersion: string | null): { document: PolicyDocument | null } | { error: { code: string; message: string } | null; source: string } {
  const versions = policyCalls(ctx, 'GetPolicyVersion', name, type)
    .filter((ic) => defaultVersion === null || paramValue(ic.call.params, 'VersionId') === defaultVersion);
  const read = (detail: Body, holderKey: string): { document: PolicyDocument | null } | null => {
    const holder = detail.reader.obj(detail.body, holderKey, '');
    if (holder === null) return null;
    const raw = holder.PolicyDocument;
    if (raw === undefined) return null;
    return { document: readPolicyDocument(raw, (reason) => detail.reader.fail(`${holderKey}.PolicyDocument`, reason)) };
  };
  let firstError: { error: { code: string; message: string }; source: string } | null = null;
  for (const ic of versions) {
    if (ic.call.error !== undefined) {
      firstError ??= { error: ic.call.error, source: `${P}:GetPolicyVersion` };
      continue;
    }
    const detail = ctx.bodyOf(ic);
    const found = detail === null ? null : read(detail, 'PolicyVersion');
    if (found !== null) return found;
  }
  for (const ic of policyCalls(ctx, 'GetPolicy', name, type)) {
    if (ic.call.error !== undefined) {
      firstError ??= { error: ic.call.error, source: `${P}:GetPolicy` };
      continue;
    }
    const detail = ctx.bodyOf(ic);
    const found = detail === null ? null : read(detail, 'DefaultPolicyVersion');
    if (found !== null) return found;
  }
  return firstError ?? { error: null, source: `${P}:GetPolicyVersion` };
}

function normalisePolicies(ctx: NormaliseContext): void {
  for (const { reader, body } of ctx.listBodies(P, 'ListPolicies')) {
    for (const { value: p, at } of reader.list(body, 'Policies', 'Policy', '')) {
      const policyName = reader.id(p, 'PolicyName', at);
      const policyType = policyTypeOf(reader, p, at);
      if (policyName === null || policyType === null) continue;
      const defaultVersion = reader.str(p, 'DefaultVersion', at);
      const config: RamPolicyConfiguration = {
        policyName,
        policyType,
        defaultVersion,
        document: null,
        attachmentCount: reader.num(p, 'AttachmentCount', at),
        description: reader.str(p, 'Description', at),
      };
      const asset = ctx.emit(ctx.newAsset('ramPolicy', 'RAM', null, null, policyResourceId(policyType, policyName), policyName, readTags(reader, p, at), config));
      if (asset.configuration !== config) continue;
      const result = policyDocument(ctx, policyName, policyType, defaultVersion);
      if ('document' in result) config.document = result.document;
      else ctx.markUnknown(asset, ['document'], result.source, result.error);
    }
  }
}

// ── groups and roles ────────────────────────────────────────────────────────────────────────────

function normaliseGroups(ctx: NormaliseContext): void {
  for (const { reader, body } of ctx.listBodies(P, 'ListGroups')) {
    for (const { value: g, at } of reader.list(body, 'Groups', 'Group', '')) {
      const groupName = reader.id(g, 'GroupName', at);
      if (groupName === null) continue;
      const config: RamGroupConfiguration = { groupName, comments: reader.str(g, 'Comments', at), attachedPolicies: [] };
      const asset = ctx.emit(ctx.newAsset('ramGroup', 'RAM', null, null, groupName, groupName, {}, config));
      if (asset.configuration !== config) continue;
      attachPolicies(ctx, asset, config, 'ListPoliciesForGroup', 'GroupName', groupName);
    }
  }
}

function normaliseRoles(ctx: NormaliseContext): void {
  for (const { reader, body } of ctx.listBodies(P, 'ListRoles')) {
    for (const { value: r, at } of reader.list(body, 'Roles', 'Role', '')) {
      const roleName = reader.id(r, 'RoleName', at);
      if (roleName === null) continue;
      const config: RamRoleConfiguration = {
        roleName,
        roleId: reader.str(r, 'RoleId', at) ?? '',
        arn: reader.str(r, 'Arn', at) ?? `acs:ram::${ctx.accountId}:role/${roleName.toLowerCase()}`,
        trustPolicy: null,
        maxSessionDuration: reader.num(r, 'MaxSessionDuration', at),
        attachedPolicies: [],
        createDate: reader.str(r, 'CreateDate', at),
      };
      const asset = ctx.emit(ctx.newAsset('ramRole', 'RAM', null, null, roleName, roleName, readTags(reader, r, at), config));
      if (asset.configuration !== config) continue;

      const outcome = ctx.detail(P, 'GetRole', 'RoleName', roleName);
      if (ctx.noteOutcome(asset, ['trustPolicy'], `${P}:GetRole`, outcome) && outcome.kind === 'answered') {
        for (const page of outcome.calls) {
          const detail = ctx.bodyOf(page);
          const role = detail === null ? null : detail.reader.obj(detail.body, 'Role', '');
          if (detail === null || role === null) continue;
          const raw = role.AssumeRolePolicyDocument;
          config.trustPolicy = readPolicyDocument(raw ?? null, (reason) => detail.reader.fail('Role.AssumeRolePolicyDocument', reason));
          config.roleId = detail.reader.str(role, 'RoleId', 'Role') ?? config.roleId;
          config.maxSessionDuration = detail.reader.num(role, 'MaxSessionDuration', 'Role') ?? config.maxSessionDuration;
        }
      }
      attachPolicies(ctx, asset, config, 'ListPoliciesForRole', 'RoleName', roleName);
    }
  }
}

// ── users ───────────────────────────────────────────────────────────────────────────────────────

interface MfaDevices {
  outcome: Outcome;
  byUser: Map<string, { serialNumber: string; activatedAt: string | null }>;
}

function mfaDevices(ctx: NormaliseContext): MfaDevices {
  const calls = ctx.index.of(P, 'ListVirtualMFADevices');
  const byUser = new Map<string, { serialNumber: string; activatedAt: string | null }>();
  const failed = calls.find((ic) => ic.call.error !== undefined);
  const outcome: Outcome = calls.length === 0 ? { kind: 'missing' }
    : failed?.call.error !== undefined ? { kind: 'failed', error: failed.call.error, call: failed }
    : { kind: 'answered', calls: [...calls] };
  for (const ic of calls) {
    const page = ctx.bodyOf(ic);
    if (page === null) continue;
    for (const { value: d, at } of page.reader.list(page.body, 'VirtualMFADevices', 'VirtualMFADevice', '')) {
      const serialNumber = page.reader.id(d, 'SerialNumber', at);
      const user = page.reader.obj(d, 'User', at);
      const userName = user === null ? null : page.reader.str(user, 'UserName', `${at}.User`);
      if (serialNumber !== null && userName !== null) byUser.set(userName, { serialNumber, activatedAt: page.reader.str(d, 'ActivateDate', at) });
    }
  }
  return { outcome, byUser };
}

/** Report rows by RAM user name; the report names users by principal name (`alice@example.onaliyun.com`). */
function reportRowsByUser(report: CredentialReport | null): Map<string, CredentialReportRow> {
  const rows = new Map<string, CredentialReportRow>();
  for (const row of report?.users ?? []) {
    rows.set(row.user, row);
    const at = row.user.indexOf('@');
    if (at > 0 && !rows.has(row.user.slice(0, at))) rows.set(row.user.slice(0, at), row);
  }
  return rows;
}

function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const ta = Date.parse(a);
  return !Number.isNaN(ta) && ta === Date.parse(b);
}

function normaliseUsers(ctx: NormaliseContext, report: CredentialReport | null): void {
  const mfa = mfaDevices(ctx);
  const reportRows = reportRowsByUser(report);
  for (const { reader, body } of ctx.listBodies(P, 'ListUsers')) {
    for (const { value: u, at } of reader.list(body, 'Users', 'User', '')) {
      const userName = reader.id(u, 'UserName', at);
      if (userName === null) continue;
      const config: RamUserConfiguration = {
        userName,
        userId: reader.str(u, 'UserId', at) ?? '',
        displayName: reader.str(u, 'DisplayName', at),
        createDate: reader.str(u, 'CreateDate', at),
        lastLoginDate: reader.str(u, 'LastLoginDate', at),
        loginProfile: null,
        mfaDevice: null,
        accessKeys: [],
        groups: [],
        attachedPolicies: [],
      };
      const asset = ctx.emit(ctx.newAsset('ramUser', 'RAM', null, null, userName, config.displayName ?? userName, readTags(reader, u, at), config));
      if (asset.configuration !== config) continue;

      const user = ctx.detail(P, 'GetUser', 'UserName', userName);
      if (ctx.noteOutcome(asset, ['lastLoginDate'], `${P}:GetUser`, user) && user.kind === 'answered') {
        for (const page of user.calls) {
          const detail = ctx.bodyOf(page);
          const u2 = detail === null ? null : detail.reader.obj(detail.body, 'User', '');
          if (detail === null || u2 === null) continue;
          config.lastLoginDate = detail.reader.str(u2, 'LastLoginDate', 'User');
          config.userId = detail.reader.str(u2, 'UserId', 'User') ?? config.userId;
        }
      }

      const profile = ctx.detail(P, 'GetLoginProfile', 'UserName', userName, NO_LOGIN_PROFILE);
      if (ctx.noteOutcome(asset, ['loginProfile'], `${P}:GetLoginProfile`, profile) && profile.kind === 'answered') {
        for (const page of profile.calls) {
          const detail = ctx.bodyOf(page);
          const p = detail === null ? null : detail.reader.obj(detail.body, 'LoginProfile', '');
          if (detail === null || p === null) continue;
          config.loginProfile = {
            mfaBindRequired: detail.reader.bool(p, 'MFABindRequired', 'LoginProfile') ?? false,
            passwordResetRequired: detail.reader.bool(p, 'PasswordResetRequired', 'LoginProfile') ?? false,
            createDate: detail.reader.str(p, 'CreateDate', 'LoginProfile'),
          };
        }
      }

      if (ctx.noteOutcome(asset, ['mfaDevice'], `${P}:ListVirtualMFADevices`, mfa.outcome)) {
        config.mfaDevice = mfa.byUser.get(userName) ?? null;
      }

      const keys = ctx.detail(P, 'ListAccessKeys', 'UserName', userName);
      if (ctx.noteOutcome(asset, ['accessKeys'], `${P}:ListAccessKeys`, keys) && keys.kind === 'answered') {
        const reportKeys = reportRows.get(userName)?.accessKeys ?? [];
        for (const page of keys.calls) {
          const detail = ctx.bodyOf(page);
          if (detail === null) continue;
          for (const { value: k, at: kAt } of detail.reader.list(detail.body, 'AccessKeys', 'AccessKey', '')) {
            const key = readAccessKey(detail.reader, k, kAt);
            if (key === null) continue;
            // The report has no key ids; a key's rotation time is its creation time, which identifies it.
            key.lastUsedDate = reportKeys.find((r) => sameInstant(r.lastRotated, key.createDate))?.lastUsed ?? null;
            config.accessKeys.push(key);
          }
        }
      }

      const groups = ctx.detail(P, 'ListGroupsForUser', 'UserName', userName);
      if (ctx.noteOutcome(asset, ['groups'], `${P}:ListGroupsForUser`, groups) && groups.kind === 'answered') {
        for (const page of groups.calls) {
          const detail = ctx.bodyOf(page);
          if (detail === null) continue;
          for (const { value: g, at: gAt } of detail.reader.list(detail.body, 'Groups', 'Group', '')) {
            const groupName = detail.reader.id(g, 'GroupName', gAt);
            if (groupName === null || config.groups.includes(groupName)) continue;
            config.groups.push(groupName);
            link(asset, 'MEMBER_OF', ctx.id('ramGroup', null, groupName));
          }
        }
      }

      attachPolicies(ctx, asset, config, 'ListPoliciesForUser', 'UserName', userName);
    }
  }
}

function readAccessKey(reader: ResponseReader, k: JsonObject, at: string): AccessKeyInfo | null {
  const accessKeyId = reader.id(k, 'AccessKeyId', at);
  if (accessKeyId === null) return null;
  const status = reader.str(k, 'Status', at);
  if (status !== 'Active' && status !== 'Inactive') {
    reader.fail(`${at}.Status`, `expected Active or Inactive, got ${JSON.stringify(status)}`);
    return null;
  }
  return { accessKeyId, status, createDate: reader.str(k, 'CreateDate', at), lastUsedDate: null };
}
