import { paged, range } from './compute.emitter';
import { SYSTEM_POLICIES } from './inventory.plan';
import type { Generation } from './inventory.topology';

const FIRST = ['wei', 'li', 'na', 'jun', 'min', 'alice', 'bob', 'chen', 'yan', 'hui', 'tao', 'lei'];
const LAST = ['zhang', 'wang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu'];

interface UserFacts {
  name: string;
  userId: string;
  created: string;
  console: boolean;
  lastLogin: string | null;
  mfa: boolean;
  keys: Array<{ id: string; active: boolean; created: string; lastUsed: string | null }>;
  groups: number[];
  policies: Array<{ name: string; type: 'System' | 'Custom' }>;
}

/** One user, regenerated identically wherever it is needed (list, details, MFA list, credential report). */
function user(g: Generation, u: number): UserFacts {
  const rng = g.rng('user', 0, u);
  const service = rng.chance(0.3);
  const name = service ? `svc-${rng.pick(['ci', 'backup', 'monitor', 'etl', 'deploy'])}-${u}` : `${rng.pick(FIRST)}.${rng.pick(LAST)}${u}`;
  const created = rng.date(2018, 2026);
  const keyCount = service ? rng.int(1, 2) : rng.pick([0, 0, 0, 1, 1, 2]);
  const keys = range(0, keyCount, (k) => {
    const old = rng.chance(0.2);
    return {
      id: `LTAI5t${g.id('k', 'accesskey', null, u * 3 + k, 18).slice(2)}`,
      active: !rng.chance(0.1),
      created: old ? rng.date(2018, 2020) : rng.date(2024, 2026),
      lastUsed: rng.chance(0.7) ? rng.date(2026, 2026) : null,
    };
  });
  const groups = g.plan.groups === 0 ? [] : [u % g.plan.groups];
  if (g.plan.groups > 0 && rng.chance(0.05) && !groups.includes(0)) groups.push(0);
  const policies: UserFacts['policies'] = [];
  if (rng.chance(0.03)) policies.push({ name: 'AdministratorAccess', type: 'System' });
  if (g.plan.customPolicies > 0 && rng.chance(0.1)) policies.push({ name: g.customPolicyName(u % g.plan.customPolicies), type: 'Custom' });
  return {
    name, userId: `2047${String(u).padStart(14, '0')}`, created, console: !service, lastLogin: !service && rng.chance(0.8) ? rng.date(2025, 2026) : null,
    mfa: !service && rng.chance(0.6), keys, groups, policies,
  };
}

/** A custom policy: most scoped, some `oss:*`, a few full-admin lookalikes. */
function customDocument(g: Generation, c: number): string {
  const rng = g.rng('custom-policy', 0, c);
  const statement = rng.chance(0.08) ? { Effect: 'Allow', Action: '*', Resource: '*' }
    : rng.chance(0.2) ? { Effect: 'Allow', Action: ['oss:*'], Resource: ['*'] }
      : { Effect: 'Allow', Action: [rng.pick(['ecs:Describe*', 'rds:Describe*', 'log:Get*', 'oss:GetObject'])], Resource: ['*'] };
  return JSON.stringify({ Version: '1', Statement: [statement] });
}

const SYSTEM_DOCUMENTS: Readonly<Record<string, unknown>> = {
  AdministratorAccess: { Statement: [{ Action: '*', Effect: 'Allow', Resource: '*' }], Version: '1' },
  AliyunOSSFullAccess: { Version: '1', Statement: [{ Action: 'oss:*', Resource: '*', Effect: 'Allow' }] },
  ReadOnlyAccess: { Version: '1', Statement: [{ Action: ['*:Describe*', '*:List*', '*:Get*', '*:Query*'], Resource: '*', Effect: 'Allow' }] },
  AliyunECSFullAccess: { Version: '1', Statement: [{ Action: 'ecs:*', Resource: '*', Effect: 'Allow' }, { Action: ['vpc:DescribeVpcs', 'vpc:DescribeVSwitches'], Resource: '*', Effect: 'Allow' }] },
  AliyunRAMReadOnlyAccess: { Version: '1', Statement: [{ Action: ['ram:Get*', 'ram:List*'], Resource: '*', Effect: 'Allow' }] },
};

/** Caller identity, password policy, security preference, credential report; users, groups, roles and policies. */
export function emitIdentity(g: Generation): void {
  const { users, groups, roles, customPolicies } = g.plan;
  const weak = g.seed % 2 === 1;
  g.ok('Sts', 'GetCallerIdentity', null, {}, {
    AccountId: g.accountId, Arn: `acs:ram::${g.accountId}:user/rampart-collector`, IdentityType: 'RAMUser', PrincipalId: '204700000000000001', UserId: '204700000000000001',
  });
  g.ok('Ram', 'GetPasswordPolicy', null, {}, { PasswordPolicy: weak
    ? { MinimumPasswordLength: 8, RequireLowercaseCharacters: true, RequireUppercaseCharacters: false, RequireNumbers: true, RequireSymbols: false, PasswordReusePrevention: 0, MaxPasswordAge: 0, HardExpiry: false, MaxLoginAttemps: 0 }
    : { MinimumPasswordLength: 14, RequireLowercaseCharacters: true, RequireUppercaseCharacters: true, RequireNumbers: true, RequireSymbols: true, PasswordReusePrevention: 5, MaxPasswordAge: 90, HardExpiry: false, MaxLoginAttemps: 5 } });
  g.ok('Ram', 'GetSecurityPreference', null, {}, { SecurityPreference: {
    LoginProfilePreference: { EnableSaveMFATicket: true, AllowUserToChangePassword: true, LoginSessionDuration: 6, LoginNetworkMasks: weak ? '' : '203.0.113.0/24', EnforceMFAForLogin: !weak },
    AccessKeyPreference: { AllowUserToManageAccessKeys: weak }, MFAPreference: { AllowUserToManageMFADevices: true }, PublicKeyPreference: { AllowUserToManagePublicKeys: false },
  } });

  const flag = (b: boolean): string => (b ? 'true' : 'false');
  const rows = ['user,user_creation_time,user_last_logon,password_exist,password_active,password_last_changed,password_next_rotation,mfa_active,access_key_1_exist,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used,access_key_2_exist,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used',
    `<root>,2018-01-01T00:00:00Z,2026-11-27T20:00:00Z,TRUE,TRUE,2023-01-01T00:00:00Z,N/A,${weak ? 'FALSE' : 'TRUE'},false,N/A,N/A,N/A,false,N/A,N/A,N/A`];
  for (let u = 0; u < users; u++) {
    const f = user(g, u);
    const key = (k: number): string => (f.keys[k] ? `true,${flag(f.keys[k].active)},${f.keys[k].created},${f.keys[k].lastUsed ?? 'N/A'}` : 'false,N/A,N/A,N/A');
    rows.push([`${f.name}@${g.accountId}.onaliyun.com`, f.created, f.console ? f.lastLogin ?? 'no_information' : 'LOGIN_DISABLED',
      f.console ? 'true' : 'LOGIN_DISABLED', f.console ? 'true' : 'LOGIN_DISABLED', f.console ? f.created : 'LOGIN_DISABLED', 'N/A', flag(f.mfa), key(0), key(1)].join(','));
  }
  g.ok('Ims', 'GetCredentialReport', null, {}, { GeneratedTime: '2026-11-27T23:00:00Z', IsTruncated: 'false', Content: Buffer.from(`${rows.join('\n')}\n`).toString('base64') });

  // ── users ──
  paged(users, 100, (from, to, page) => g.ok('Ram', 'ListUsers', null, { MaxItems: 100, ...(page > 1 ? { Marker: `m-${from}` } : {}) }, {
    IsTruncated: to < users, Marker: to < users ? `m-${to}` : '',
    Users: { User: range(from, to, (u) => {
      const f = user(g, u);
      return { UserName: f.name, UserId: f.userId, DisplayName: f.name, CreateDate: f.created, UpdateDate: f.created, Comments: '' };
    }) },
  }));
  const mfaUsers: UserFacts[] = [];
  for (let u = 0; u < users; u++) {
    const f = user(g, u);
    if (f.mfa) mfaUsers.push(f);
    const p = { UserName: f.name };
    g.ok('Ram', 'GetUser', null, p, { User: { UserName: f.name, UserId: f.userId, DisplayName: f.name, CreateDate: f.created, UpdateDate: f.created, ...(f.lastLogin ? { LastLoginDate: f.lastLogin } : {}) } });
    if (f.console) g.ok('Ram', 'GetLoginProfile', null, p, { LoginProfile: { UserName: f.name, PasswordResetRequired: false, MFABindRequired: f.mfa, CreateDate: f.created } });
    else g.fail('Ram', 'GetLoginProfile', null, p, 'EntityNotExist.User.LoginProfile', 'The login policy does not exist.');
    g.ok('Ram', 'ListAccessKeys', null, p, { AccessKeys: { AccessKey: f.keys.map((k) => ({ AccessKeyId: k.id, Status: k.active ? 'Active' : 'Inactive', CreateDate: k.created })) } });
    g.ok('Ram', 'ListGroupsForUser', null, p, { Groups: { Group: f.groups.map((n) => ({ GroupName: g.groupName(n), Comments: '', JoinDate: f.created })) } });
    g.ok('Ram', 'ListPoliciesForUser', null, p, { Policies: { Policy: f.policies.map((x) => ({ PolicyName: x.name, PolicyType: x.type, DefaultVersion: 'v1', Description: '', AttachDate: f.created })) } });
  }
  // Kept in memory: one entry per MFA user, a few megabytes at a million assets.
  g.ok('Ram', 'ListVirtualMFADevices', null, {}, { VirtualMFADevices: { VirtualMFADevice: mfaUsers.map((f) => ({
    SerialNumber: `acs:ram::${g.accountId}:mfa/${f.name}`, ActivateDate: f.created, User: { UserName: f.name, UserId: f.userId, DisplayName: f.name },
  })) } });

  // ── groups ──
  paged(groups, 100, (from, to) => g.ok('Ram', 'ListGroups', null, { MaxItems: 100 }, {
    IsTruncated: to < groups, Marker: to < groups ? `g-${to}` : '',
    Groups: { Group: range(from, to, (n) => ({ GroupName: g.groupName(n), GroupId: `g-${n}`, Comments: '', CreateDate: '2024-01-01T00:00:00Z', UpdateDate: '2024-01-01T00:00:00Z' })) },
  }));
  for (let n = 0; n < groups; n++) {
    const policy = n === 0 ? { PolicyName: 'AdministratorAccess', PolicyType: 'System' }
      : n === 1 ? { PolicyName: 'AliyunECSFullAccess', PolicyType: 'System' }
        : n === 2 || customPolicies === 0 ? { PolicyName: 'ReadOnlyAccess', PolicyType: 'System' }
          : { PolicyName: g.customPolicyName(n % customPolicies), PolicyType: 'Custom' };
    g.ok('Ram', 'ListPoliciesForGroup', null, { GroupName: g.groupName(n) }, { Policies: { Policy: [{ ...policy, DefaultVersion: 'v1', Description: '', AttachDate: '2024-01-01T00:00:00Z' }] } });
  }

  // ── roles ──
  paged(roles, 100, (from, to) => g.ok('Ram', 'ListRoles', null, { MaxItems: 100 }, {
    IsTruncated: to < roles, Marker: to < roles ? `r-${to}` : '',
    Roles: { Role: range(from, to, (n) => ({
      RoleName: g.roleName(n), RoleId: `3${String(n).padStart(17, '0')}`, Arn: `acs:ram::${g.accountId}:role/${g.roleName(n).toLowerCase()}`,
      Description: '', MaxSessionDuration: n % 4 === 1 ? 43200 : 3600, CreateDate: '2024-06-01T00:00:00Z', UpdateDate: '2024-06-01T00:00:00Z', Tags: { Tag: [] },
    })) },
  }));
  for (let n = 0; n < roles; n++) {
    const rng = g.rng('role', 0, n);
    const principal = n % 2 === 0 ? { Service: ['ecs.aliyuncs.com'] } : n % 4 === 1 ? { RAM: [`acs:ram::${rng.pick(['1111222233334444', '5555666677778888'])}:root`] } : { Service: ['fc.aliyuncs.com'] };
    g.ok('Ram', 'GetRole', null, { RoleName: g.roleName(n) }, { Role: {
      RoleName: g.roleName(n), RoleId: `3${String(n).padStart(17, '0')}`, Arn: `acs:ram::${g.accountId}:role/${g.roleName(n).toLowerCase()}`, Description: '',
      MaxSessionDuration: n % 4 === 1 ? 43200 : 3600, CreateDate: '2024-06-01T00:00:00Z', UpdateDate: '2024-06-01T00:00:00Z',
      AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: principal }], Version: '1' }),
    } });
    const attached = n % 2 === 0
      ? (rng.chance(0.4) ? [{ PolicyName: 'AliyunOSSFullAccess', PolicyType: 'System' }] : customPolicies > 0 ? [{ PolicyName: g.customPolicyName(n % customPolicies), PolicyType: 'Custom' }] : [])
      : n % 4 === 1 ? [{ PolicyName: 'ReadOnlyAccess', PolicyType: 'System' }] : [];
    g.ok('Ram', 'ListPoliciesForRole', null, { RoleName: g.roleName(n) }, { Policies: { Policy: attached.map((x) => ({ ...x, DefaultVersion: 'v1', Description: '', AttachDate: '2024-06-01T00:00:00Z' })) } });
  }

  // ── policies ──
  g.ok('Ram', 'ListPolicies', null, { PolicyType: 'System', MaxItems: 100 }, { IsTruncated: false, Marker: '', Policies: { Policy: SYSTEM_POLICIES.map((name) => ({
    PolicyName: name, PolicyType: 'System', DefaultVersion: 'v1', AttachmentCount: 1, Description: '', CreateDate: '2015-04-28T16:00:00Z', UpdateDate: '2015-04-28T16:00:00Z',
  })) } });
  paged(customPolicies, 100, (from, to) => g.ok('Ram', 'ListPolicies', null, { PolicyType: 'Custom', MaxItems: 100 }, {
    IsTruncated: to < customPolicies, Marker: to < customPolicies ? `p-${to}` : '',
    Policies: { Policy: range(from, to, (c) => ({
      PolicyName: g.customPolicyName(c), PolicyType: 'Custom', DefaultVersion: `v${(c % 3) + 1}`, AttachmentCount: 1, Description: '',
      CreateDate: '2024-01-01T00:00:00Z', UpdateDate: '2024-01-01T00:00:00Z',
    })) },
  }));
  for (const name of SYSTEM_POLICIES) {
    const document = JSON.stringify(SYSTEM_DOCUMENTS[name], null, 2);
    g.ok('Ram', 'GetPolicy', null, { PolicyName: name, PolicyType: 'System' }, {
      Policy: { PolicyName: name, PolicyType: 'System', DefaultVersion: 'v1', Description: '', AttachmentCount: 1 },
      DefaultPolicyVersion: { VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2015-04-28T16:00:00Z', PolicyDocument: document },
    });
  }
  for (let c = 0; c < customPolicies; c++) {
    const version = `v${(c % 3) + 1}`;
    const document = customDocument(g, c);
    const name = g.customPolicyName(c);
    g.ok('Ram', 'GetPolicy', null, { PolicyName: name, PolicyType: 'Custom' }, {
      Policy: { PolicyName: name, PolicyType: 'Custom', DefaultVersion: version, Description: '', AttachmentCount: 1 },
      DefaultPolicyVersion: { VersionId: version, IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z', PolicyDocument: document },
    });
    g.ok('Ram', 'GetPolicyVersion', null, { PolicyName: name, PolicyType: 'Custom', VersionId: version }, {
      PolicyVersion: { VersionId: version, IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z', PolicyDocument: document },
    });
  }
}
