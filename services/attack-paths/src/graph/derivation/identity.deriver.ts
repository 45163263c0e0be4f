import { createHash } from 'node:crypto';
import type {
  AccountConfiguration, AckClusterConfiguration, Asset, EcsInstanceConfiguration, RamGroupConfiguration,
  RamPolicyConfiguration, RamRoleConfiguration, RamUserConfiguration,
} from '@rampart/asset-model';
import {
  externalAccountNodeId, resourceGroupNodeId, type EdgeKind, type Evidence, type NodeKind,
} from '../security-graph.model';
import {
  adminGrants, evaluate, statementCoversAction, statementCoversResource, statementsForActions, type HeldPermissions,
  type HeldStatement, type ResourceProbe,
} from '../policy/policy.evaluator';
import { pinnedName, resourceProbe } from '../policy/resource-arn.util';
import { compileTrust, foreignTrustClauses, trustAdmits, type Caller, type CompiledTrust } from '../policy/trust-policy.evaluator';
import { configOf, unknownEvidence } from './asset.index';
import type { DerivationContext } from './derivation.context';
import { PrincipalPermissions } from './principal.permissions';

/** The name a policy's Resource uses for each kind of target. */
function resourceName(kind: NodeKind, asset: Asset): string {
  const c = asset.configuration as Record<string, unknown>;
  const key = ({ OssBucket: 'bucketName', RamUser: 'userName', RamRole: 'roleName', RamGroup: 'groupName', RamPolicy: 'policyName',
    EcsInstance: 'instanceId', RdsInstance: 'dbInstanceId', RedisInstance: 'instanceId', AckCluster: 'clusterId' } as Partial<Record<NodeKind, string>>)[kind];
  const value = key ? c[key] : undefined;
  return typeof value === 'string' ? value : asset.resourceId;
}

interface Capability {
  kind: EdgeKind;
  target: NodeKind;
  actions: string[];
  verb: string;
  applies?: (target: Asset) => boolean;
}

const running = (asset: Asset): boolean => configOf<EcsInstanceConfiguration>(asset).status === 'Running';

/** Permission edges straight from "allowed <action> on <target>" (RAM edges with extra conditions are below). */
const CAPABILITIES: Capability[] = [
  { kind: 'CAN_READ', target: 'OssBucket', actions: ['oss:GetObject'], verb: 'read objects of' },
  { kind: 'CAN_WRITE', target: 'OssBucket', actions: ['oss:PutObject'], verb: 'write objects to' },
  { kind: 'CAN_MANAGE', target: 'RdsInstance', actions: ['rds:ModifySecurityIps', 'rds:ResetAccountPassword', 'rds:CreateAccount', 'rds:AllocateInstancePublicConnection', 'rds:ModifyDBInstanceConnectionString'], verb: 'reconfigure access to' },
  { kind: 'CAN_MANAGE', target: 'RedisInstance', actions: ['kvstore:ModifySecurityIps', 'kvstore:ResetAccountPassword', 'kvstore:AllocateInstancePublicConnection'], verb: 'reconfigure access to' },
  { kind: 'CAN_MANAGE', target: 'AckCluster', actions: ['cs:DescribeClusterUserKubeconfig', 'cs:DescribeUserClusterKubeconfig'], verb: 'fetch a kubeconfig for' },
  { kind: 'CAN_RUN_COMMAND', target: 'EcsInstance', actions: ['ecs:RunCommand', 'ecs:InvokeCommand'], verb: 'run Cloud Assistant commands on', applies: running },
  { kind: 'CAN_CREATE_AK', target: 'RamUser', actions: ['ram:CreateAccessKey'], verb: 'create an AccessKey for' },
  { kind: 'CAN_SET_LOGIN', target: 'RamUser', actions: ['ram:CreateLoginProfile', 'ram:UpdateLoginProfile'], verb: 'set the console password of' },
];

/**
 * RAM-derived edges: access keys, instance roles, admin grants, the permission edges of CAPABILITIES,
 * role assumption through trust policies (ExternalAccount nodes for foreign accounts), trust rewriting,
 * PassRole to ECS and policy self-attachment.
 */
export function deriveIdentity(ctx: DerivationContext): void {
  const permissions = new PrincipalPermissions(ctx.index);
  const trusts = new Map<string, { role: Asset; trust: CompiledTrust | null; gap: Evidence | null }>();
  for (const role of ctx.index.of('RamRole')) {
    const config = configOf<RamRoleConfiguration>(role);
    const gap = unknownEvidence(role, 'trustPolicy');
    trusts.set(role.id, { role, trust: config.trustPolicy ? compileTrust(role.id, config.trustPolicy) : null, gap });
  }
  deriveAccessKeys(ctx);
  deriveInstanceRoles(ctx, trusts);
  deriveForeignTrust(ctx, trusts);
  const principals = [...ctx.index.of('RamUser'), ...ctx.index.of('RamRole')];
  for (const principal of principals) derivePrincipal(ctx, permissions, trusts, principal);
}

function deriveAccessKeys(ctx: DerivationContext): void {
  for (const user of ctx.index.of('RamUser')) {
    const config = configOf<RamUserConfiguration>(user);
    const gap = unknownEvidence(user, 'accessKeys');
    (config.accessKeys ?? []).forEach((key, i) => {
      const id = `${user.id}/accesskey/${key.accessKeyId}`;
      ctx.emit.virtualNode(id, 'AccessKey', key.accessKeyId, user.accountId).facts = {
        status: key.status, lastUsedDate: key.lastUsedDate, createDate: key.createDate, root: false,
      };
      if (key.status !== 'Active') return;
      ctx.emit.edge({
        kind: 'AUTHENTICATES_AS', from: id, to: user.id, weight: 1,
        reason: `Active AccessKey ${key.accessKeyId} signs API calls as RAM user ${config.userName}.`,
        evidence: [{ assetId: user.id, field: `accessKeys[${i}]`, value: `${key.accessKeyId} ${key.status}` }],
      });
    });
    if (gap) {
      const id = `${user.id}/accesskey/unknown`;
      ctx.emit.virtualNode(id, 'AccessKey', `unknown keys of ${config.userName}`, user.accountId).facts = { status: 'Unknown', lastUsedDate: null, createDate: null, root: false };
      ctx.emit.edge({ kind: 'AUTHENTICATES_AS', from: id, to: user.id, weight: 1, unknown: true, reason: `The AccessKeys of ${config.userName} could not be listed; an active one may exist.`, evidence: [gap] });
    }
  }
  for (const account of ctx.index.of('AliyunAccount')) {
    const config = configOf<AccountConfiguration>(account);
    const gap = unknownEvidence(account, 'credentialReport');
    const rootKeys = config.credentialReport?.root?.accessKeys ?? [];
    rootKeys.forEach((key, i) => {
      const id = `${account.id}/accesskey/root-${i}`;
      ctx.emit.virtualNode(id, 'AccessKey', `root AccessKey #${i + 1}`, account.accountId).facts = {
        status: key.active ? 'Active' : 'Inactive', lastUsedDate: key.lastUsed, createDate: key.lastRotated, root: true,
      };
      if (!key.active) return;
      ctx.emit.edge({
        kind: 'AUTHENTICATES_AS', from: id, to: account.id, weight: 1,
        reason: `An active AccessKey of the root account ${account.accountId} signs API calls with unlimited rights.`,
        evidence: [{ assetId: account.id, field: `credentialReport.root.accessKeys[${i}]`, value: `active lastUsed ${key.lastUsed ?? 'never'}` }],
      });
    });
    if (gap || (config.credentialReport === null && !gap)) {
      const evidence = gap ?? { assetId: account.id, field: 'credentialReport', value: 'unknown: no credential report' };
      const id = `${account.id}/accesskey/root-unknown`;
      ctx.emit.virtualNode(id, 'AccessKey', 'unknown root AccessKeys', account.accountId).facts = { status: 'Unknown', lastUsedDate: null, createDate: null, root: true };
      ctx.emit.edge({ kind: 'AUTHENTICATES_AS', from: id, to: account.id, weight: 1, unknown: true, reason: `Whether the root account ${account.accountId} has an active AccessKey is unknown.`, evidence: [evidence] });
    }
  }
}

function deriveInstanceRoles(ctx: DerivationContext, trusts: Map<string, { role: Asset; trust: CompiledTrust | null; gap: Evidence | null }>): void {
  const nodeRolesByCluster = new Map<string, Array<{ role: Asset; ecs: Asset }>>();
  for (const ecs of ctx.index.of('EcsInstance')) {
    const config = configOf<EcsInstanceConfiguration>(ecs);
    const gap = unknownEvidence(ecs, 'ramRoleName');
    if (config.ramRoleName) {
      const role = ctx.index.named('RamRole', ecs.accountId, config.ramRoleName);
      const roleId = role?.id ?? `acs:ram::${ecs.accountId}:role/${config.ramRoleName}`;
      if (!role) ctx.emit.virtualNode(roleId, 'RamRole', config.ramRoleName, ecs.accountId);
      ctx.emit.edge({
        kind: 'OBTAINS_CREDENTIALS', from: ecs.id, to: roleId, weight: 2,
        reason: `Instance RAM role ${config.ramRoleName} is attached to ${ecs.name}: code on the host reads its STS credentials from 100.100.100.200/latest/meta-data/ram/security-credentials/${config.ramRoleName}.`,
        evidence: [{ assetId: ecs.id, field: 'ramRoleName', value: config.ramRoleName }],
      });
      const cluster = ecs.tags['ack.aliyun.com'] ?? ecs.relationships.find((r) => r.type === 'RUNS_ON' || r.type === 'OWNED_BY')?.targetId;
      if (cluster && role) {
        const list = nodeRolesByCluster.get(cluster) ?? [];
        list.push({ role, ecs });
        nodeRolesByCluster.set(cluster, list);
      }
    } else if (gap) {
      // which role is attached is unknown: any role that ECS may assume could be it
      for (const { role, trust } of trusts.values()) {
        if (role.accountId !== ecs.accountId || !trust || !trustAdmits(trust, { type: 'service', service: 'ecs.aliyuncs.com' })) continue;
        ctx.emit.edge({
          kind: 'OBTAINS_CREDENTIALS', from: ecs.id, to: role.id, weight: 2, unknown: true,
          reason: `The instance role of ${ecs.name} could not be read; ${role.name} trusts ECS and may be attached.`,
          evidence: [gap],
        });
      }
    }
  }
  for (const cluster of ctx.index.of('AckCluster')) {
    const clusterId = configOf<AckClusterConfiguration>(cluster).clusterId;
    for (const { role, ecs } of [...(nodeRolesByCluster.get(clusterId) ?? []), ...(nodeRolesByCluster.get(cluster.id) ?? [])]) {
      ctx.emit.edge({
        kind: 'OBTAINS_CREDENTIALS', from: cluster.id, to: role.id, weight: 2,
        reason: `A pod scheduled through the cluster's API server on node ${ecs.name} can read the node role ${role.name} from instance metadata.`,
        evidence: [{ assetId: ecs.id, field: 'ramRoleName', value: configOf<EcsInstanceConfiguration>(ecs).ramRoleName ?? '' }, { assetId: ecs.id, field: 'tags.ack.aliyun.com', value: clusterId }],
      });
    }
  }
}

function deriveForeignTrust(ctx: DerivationContext, trusts: Map<string, { role: Asset; trust: CompiledTrust | null; gap: Evidence | null }>): void {
  for (const { role, trust } of trusts.values()) {
    if (!trust) continue;
    for (const { accountId, evidence } of foreignTrustClauses(trust, ctx.index.accounts)) {
      const node = ctx.emit.virtualNode(externalAccountNodeId(accountId), 'ExternalAccount', accountId === '*' ? 'any Alibaba Cloud account' : `account ${accountId}`, accountId === '*' ? null : accountId);
      node.entry = true;
      ctx.emit.edge({
        kind: 'CAN_ASSUME', from: node.id, to: role.id, weight: 1,
        reason: `The trust policy of ${role.name} admits ${accountId === '*' ? 'any account' : `foreign account ${accountId}`}, whose administrators can let any of their principals assume it.`,
        evidence: [evidence],
      });
    }
  }
}

const grantEvidence = (grants: HeldStatement[]): Evidence[] => grants.flatMap((g) => [g.evidence, ...g.via]);

/** Above this many members a grant on all of them goes through one ResourceGroup hub instead of N edges. */
export const HUB_MIN_MEMBERS = 32;

const hubsEmitted = new WeakMap<DerivationContext, Set<string>>();
const memberCaches = new WeakMap<DerivationContext, Map<string, Asset[]>>();
/** Every target of a kind in an account that the capability applies to (the whole-account hub's members). */
function hubMembers(ctx: DerivationContext, kind: EdgeKind, targetKind: NodeKind, accountId: string, applies?: (a: Asset) => boolean): Asset[] {
  let cache = memberCaches.get(ctx);
  if (!cache) memberCaches.set(ctx, (cache = new Map()));
  const key = `${kind}|${targetKind}|${accountId}`;
  let members = cache.get(key);
  if (!members) cache.set(key, (members = ctx.index.inAccount(targetKind, accountId).filter((a) => !applies || applies(a))));
  return members;
}
interface HubPlan { hub: string; label: string; direct: Granted }

/** An unconditional `Resource: *` Allow for some of the actions, with no Deny among the statements. */
function grantsEverything(relevant: HeldStatement[], actions: readonly string[]): { actions: string[]; grants: HeldStatement[] } | null {
  if (relevant.some((s) => s.statement.Effect === 'Deny')) return null;
  const broad = relevant.filter(({ statement: s }) => s.Effect === 'Allow' && s.NotResource === undefined
    && (s.Resource === undefined || s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*'))));
  const covered = actions.filter((a) => broad.some((s) => statementCoversAction(s.statement, a)));
  return covered.length > 0 ? { actions: covered, grants: broad.filter((s) => covered.some((a) => statementCoversAction(s.statement, a))) } : null;
}

/** The hub standing for every member of a kind in an account, with its membership edges (emitted once). */
function wholeAccountHub(ctx: DerivationContext, kind: EdgeKind, targetKind: NodeKind, accountId: string, applies?: (a: Asset) => boolean): { hub: string; label: string } {
  const hub = resourceGroupNodeId(accountId, kind, targetKind);
  const label = `every ${targetKind} of account ${accountId}`;
  ctx.emit.virtualNode(hub, 'ResourceGroup', label, accountId);
  let emitted = hubsEmitted.get(ctx);
  if (!emitted) hubsEmitted.set(ctx, (emitted = new Set()));
  if (!emitted.has(hub)) {
    emitted.add(hub);
    for (const member of hubMembers(ctx, kind, targetKind, accountId, applies)) {
      ctx.emit.edge({ kind, from: hub, to: member.id, weight: 0, reason: `${member.name} is one of ${label}.`, evidence: [] });
    }
  }
  return { hub, label };
}
const hubPlans = new WeakMap<DerivationContext, Map<string, HubPlan | null>>();

/**
 * Whether a large grant goes through a hub, which one, and what stays direct. With a signature (same
 * statements ⇒ same grant) the plan is computed once and shared; the principal itself is never a member
 * it needs to reach, so it counts as covered.
 */
function hubPlan(ctx: DerivationContext, kind: EdgeKind, targetKind: NodeKind, principal: Asset, granted: Granted, applies: ((a: Asset) => boolean) | undefined, signature: string | undefined): HubPlan | null {
  let plans = hubPlans.get(ctx);
  if (!plans) hubPlans.set(ctx, (plans = new Map()));
  const key = signature ? `${signature}|${principal.resourceType === 'ALIYUN::RAM::User' && targetKind === 'RamUser' ? principal.id : ''}` : null;
  if (key !== null && plans.has(key)) return plans.get(key) ?? null;
  const members = hubMembers(ctx, kind, targetKind, principal.accountId, applies);
  const ids = new Set(granted.map((g) => g.target.id));
  const whole = granted.length >= members.length - 1 && members.every((m) => m.id === principal.id || ids.has(m.id));
  let plan: HubPlan | null = null;
  if (whole || signature) {
    const included = whole ? members : granted.map((g) => g.target);
    let hub: string;
    let label: string;
    if (whole || !signature) {
      ({ hub, label } = wholeAccountHub(ctx, kind, targetKind, principal.accountId, applies));
    } else {
      hub = `${resourceGroupNodeId(principal.accountId, kind, targetKind)}:${createHash('sha1').update(signature).digest('hex').slice(0, 12)}`;
      label = `${included.length} ${targetKind}s granted by the same policies`;
      ctx.emit.virtualNode(hub, 'ResourceGroup', label, principal.accountId);
      let emitted = hubsEmitted.get(ctx);
      if (!emitted) hubsEmitted.set(ctx, (emitted = new Set()));
      if (!emitted.has(hub)) {
        emitted.add(hub);
        for (const member of included) {
          ctx.emit.edge({ kind, from: hub, to: member.id, weight: 0, reason: `${member.name} is one of ${label}.`, evidence: [] });
        }
      }
    }
    const memberIds = new Set(included.map((m) => m.id));
    plan = { hub, label, direct: granted.filter((g) => !memberIds.has(g.target.id)) };
  }
  if (key !== null) plans.set(key, plan);
  return plan;
}

type Granted = Array<{ target: Asset; actions: string[]; grants: HeldStatement[] }>;
const grantCaches = new WeakMap<DerivationContext, Map<string, Granted>>();
function grantCache(ctx: DerivationContext): Map<string, Granted> {
  let cache = grantCaches.get(ctx);
  if (!cache) grantCaches.set(ctx, (cache = new Map()));
  return cache;
}

/**
 * Emits permission edges for what a principal was granted. When the grant covers every member of the
 * account's hub set (and there are many), one edge to the ResourceGroup hub replaces them; the hub's own
 * weight-0 edges to each member are emitted once and shared by every such principal.
 */
function emitGranted(
  ctx: DerivationContext,
  principal: Asset,
  kind: EdgeKind,
  targetKind: NodeKind,
  granted: Array<{ target: Asset; actions: string[]; grants: HeldStatement[] }>,
  reason: (targetName: string, actions: string[]) => string,
  applies?: (target: Asset) => boolean,
  extraEvidence?: ReadonlyMap<string, Evidence[]>,
  signature?: string,
): void {
  let direct = granted;
  if (granted.length >= HUB_MIN_MEMBERS) {
    const plan = hubPlan(ctx, kind, targetKind, principal, granted, applies, signature);
    if (plan) {
      const first = granted[0];
      ctx.emit.edge({ kind, from: principal.id, to: plan.hub, weight: 1, reason: reason(plan.label, first.actions), evidence: [...grantEvidence(first.grants), ...(extraEvidence?.get(first.target.id) ?? [])] });
      direct = plan.direct;
    }
  }
  for (const { target, actions, grants } of direct) {
    ctx.emit.edge({ kind, from: principal.id, to: target.id, weight: 1, reason: reason(target.name, actions), evidence: [...grantEvidence(grants), ...(extraEvidence?.get(target.id) ?? [])] });
  }
}

function allowedOn(relevant: HeldStatement[], actions: string[], probe: ResourceProbe): { actions: string[]; grants: HeldStatement[] } | null {
  const allowed: string[] = [];
  const grants: HeldStatement[] = [];
  for (const action of actions) {
    const decision = evaluate(relevant, action, probe);
    if (!decision.allowed) continue;
    allowed.push(action);
    for (const g of decision.grants) if (!grants.includes(g)) grants.push(g);
  }
  return allowed.length > 0 ? { actions: allowed, grants } : null;
}

const coverageCaches = new WeakMap<DerivationContext, Map<string, Asset[]>>();
const probes = new WeakMap<Asset, ResourceProbe>();
function probeOf(kind: NodeKind, target: Asset): ResourceProbe {
  let probe = probes.get(target);
  if (!probe) probes.set(target, (probe = resourceProbe(kind, target, resourceName(kind, target))));
  return probe;
}

/**
 * The targets of one kind in an account that a statement's Resource reaches (`some` object for an Allow,
 * `all` objects for a Deny). Statements are shared by every holder of a policy, so this is computed once
 * per statement, not once per principal.
 */
function coverage(ctx: DerivationContext, item: HeldStatement, kind: NodeKind, accountId: string, mode: 'some' | 'all'): Asset[] {
  let cache = coverageCaches.get(ctx);
  if (!cache) coverageCaches.set(ctx, (cache = new Map()));
  const key = `${item.evidence.assetId}#${item.evidence.field}|${kind}|${accountId}|${mode}`;
  let covered = cache.get(key);
  if (covered) return covered;
  const { statement } = item;
  const patterns = statement.Resource === undefined ? ['*'] : Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
  const pinned = statement.NotResource === undefined ? patterns.map((p) => pinnedName(p, kind)) : [null];
  const pool = pinned.every((name) => name !== null)
    ? pinned.map((name) => ctx.index.named(kind, accountId, name as string)).filter((a): a is Asset => a !== undefined)
    : ctx.index.inAccount(kind, accountId);
  covered = pool.filter((target) => statementCoversResource(statement, probeOf(kind, target), mode));
  cache.set(key, covered);
  return covered;
}

interface GrantedTarget { target: Asset; actions: string[]; grants: HeldStatement[] }

/** What the statements grant on targets of a kind: per action, Allow coverage minus Deny coverage. */
function grantedTargets(ctx: DerivationContext, principal: Asset, relevant: HeldStatement[], actions: readonly string[], kind: NodeKind, applies?: (a: Asset) => boolean): GrantedTarget[] {
  const result = new Map<string, GrantedTarget>();
  for (const action of actions) {
    const covering = relevant.filter((s) => statementCoversAction(s.statement, action));
    const allows = covering.filter((s) => s.statement.Effect === 'Allow');
    if (allows.length === 0) continue;
    const denied = new Set<string>();
    for (const deny of covering) {
      if (deny.statement.Effect !== 'Deny' || deny.statement.Condition) continue;
      for (const target of coverage(ctx, deny, kind, principal.accountId, 'all')) denied.add(target.id);
    }
    for (const allow of allows) {
      for (const target of coverage(ctx, allow, kind, principal.accountId, 'some')) {
        if (denied.has(target.id) || (applies && !applies(target))) continue;
        let entry = result.get(target.id);
        if (!entry) result.set(target.id, (entry = { target, actions: [], grants: [] }));
        if (!entry.actions.includes(action)) entry.actions.push(action);
        if (!entry.grants.includes(allow)) entry.grants.push(allow);
      }
    }
  }
  return [...result.values()].sort((a, b) => (a.target.id < b.target.id ? -1 : a.target.id > b.target.id ? 1 : 0));
}

function derivePrincipal(
  ctx: DerivationContext,
  permissions: PrincipalPermissions,
  trusts: Map<string, { role: Asset; trust: CompiledTrust | null; gap: Evidence | null }>,
  principal: Asset,
): void {
  const held: HeldPermissions = permissions.of(principal);
  const isUser = principal.resourceType === 'ALIYUN::RAM::User';
  const selfName = resourceName(isUser ? 'RamUser' : 'RamRole', principal);
  const accountNode = ctx.index.accountNodeId(principal.accountId);
  const admin = adminGrants(held.statements);
  if (admin.length > 0) {
    ctx.emit.edge({
      kind: 'ADMIN_OF', from: principal.id, to: accountNode, weight: 1,
      reason: `${principal.name} holds Action * on Resource *: it administers account ${principal.accountId}.`,
      evidence: grantEvidence(admin),
    });
    return; // an administrator can do everything below; the account node stands for all of it
  }
  if (held.unknown.length > 0) {
    ctx.emit.edge({
      kind: 'ADMIN_OF', from: principal.id, to: accountNode, weight: 1, unknown: true,
      reason: `Some policies of ${principal.name} could not be read: it may hold any permission up to account admin.`,
      evidence: held.unknown,
    });
  }
  for (const capability of CAPABILITIES) {
    const relevant = statementsForActions(held.statements, capability.actions);
    if (!relevant.some((s) => s.statement.Effect === 'Allow')) continue;
    // principals holding the same statements (same policies, same groups) get the same targets: evaluate once
    const signature = `${capability.kind}|${capability.target}|${principal.accountId}|${relevant.map((r) => `${r.evidence.assetId}#${r.evidence.field}`).join(',')}`;
    const everything = grantsEverything(relevant, capability.actions);
    if (everything && hubMembers(ctx, capability.kind, capability.target, principal.accountId, capability.applies).length >= HUB_MIN_MEMBERS) {
      // `Resource: *` and no Deny: the whole-account hub, without looking at each resource
      const hub = wholeAccountHub(ctx, capability.kind, capability.target, principal.accountId, capability.applies);
      ctx.emit.edge({
        kind: capability.kind, from: principal.id, to: hub.hub, weight: 1, evidence: grantEvidence(everything.grants),
        reason: `${principal.name} is allowed ${everything.actions.join(', ')} and so can ${capability.verb} ${hub.label}.`,
      });
      continue;
    }
    let granted = grantCache(ctx).get(signature);
    if (!granted) {
      granted = grantedTargets(ctx, principal, relevant, capability.actions, capability.target, capability.applies);
      grantCache(ctx).set(signature, granted);
    }
    emitGranted(ctx, principal, capability.kind, capability.target, granted.filter((g) => g.target.id !== principal.id), (target, actions) =>
      `${principal.name} is allowed ${actions.join(', ')} and so can ${capability.verb} ${target}.`, capability.applies, undefined, signature);
  }
  const caller: Caller = { type: isUser ? 'user' : 'role', accountId: principal.accountId, name: selfName };
  deriveRoleEdges(ctx, trusts, principal, held, caller);
  deriveSelfEscalation(ctx, permissions, principal, held, accountNode, isUser, selfName);
}

function deriveRoleEdges(
  ctx: DerivationContext,
  trusts: Map<string, { role: Asset; trust: CompiledTrust | null; gap: Evidence | null }>,
  principal: Asset,
  held: HeldPermissions,
  caller: Caller,
): void {
  const assume = statementsForActions(held.statements, ['sts:AssumeRole']);
  const update = statementsForActions(held.statements, ['ram:UpdateRole']);
  const pass = statementsForActions(held.statements, ['ram:PassRole']);
  if (![...assume, ...update, ...pass].some((s) => s.statement.Effect === 'Allow')) return;
  const launch = allowedOn(statementsForActions(held.statements, ['ecs:AttachInstanceRamRole', 'ecs:RunInstances']),
    ['ecs:AttachInstanceRamRole', 'ecs:RunInstances'], { prefix: `acs:ecs:${principal.region ?? '*'}:${principal.accountId}:instance/` })
    ?? allowedOn(statementsForActions(held.statements, ['ecs:AttachInstanceRamRole', 'ecs:RunInstances']), ['ecs:AttachInstanceRamRole', 'ecs:RunInstances'], { prefix: `acs:ecs:` });
  const byRole = (list: GrantedTarget[]): Map<string, GrantedTarget> => new Map(list.map((g) => [g.target.id, g]));
  const assumeOn = byRole(grantedTargets(ctx, principal, assume, ['sts:AssumeRole'], 'RamRole'));
  const updateOn = byRole(grantedTargets(ctx, principal, update, ['ram:UpdateRole'], 'RamRole'));
  const passOn = launch ? byRole(grantedTargets(ctx, principal, pass, ['ram:PassRole'], 'RamRole')) : new Map<string, GrantedTarget>();
  const roles = new Set<string>([...assumeOn.keys(), ...updateOn.keys(), ...passOn.keys()]);
  const assumable: GrantedTarget[] = [];
  const trustEvidence = new Map<string, Evidence[]>();
  for (const roleId of [...roles].sort()) {
    if (roleId === principal.id) continue;
    const entry = trusts.get(roleId);
    if (!entry) continue;
    const role = entry.role;
    const canAssume = assumeOn.get(roleId) ?? null;
    if (canAssume) {
      const admitted = entry.trust ? trustAdmits(entry.trust, caller) : null;
      if (admitted) {
        assumable.push(canAssume);
        trustEvidence.set(role.id, admitted);
      } else if (entry.gap) {
        ctx.emit.edge({
          kind: 'CAN_ASSUME', from: principal.id, to: role.id, weight: 1, unknown: true,
          reason: `${principal.name} is allowed sts:AssumeRole on ${role.name}, whose trust policy could not be read.`,
          evidence: [...grantEvidence(canAssume.grants), entry.gap],
        });
      }
      const canUpdate = updateOn.get(roleId);
      if (canUpdate && !admitted) {
        ctx.emit.edge({
          kind: 'CAN_UPDATE_TRUST', from: principal.id, to: role.id, weight: 1,
          reason: `${principal.name} may rewrite the trust policy of ${role.name} (ram:UpdateRole) to admit itself, then assume it.`,
          evidence: [...grantEvidence(canUpdate.grants), ...grantEvidence(canAssume.grants)],
        });
      }
    }
    const canPass = passOn.get(roleId);
    const ecsTrust = entry.trust ? trustAdmits(entry.trust, { type: 'service', service: 'ecs.aliyuncs.com' }) : null;
    if (launch && canPass && (ecsTrust || entry.gap)) {
      ctx.emit.edge({
        kind: 'CAN_PASS_ROLE_TO_ECS', from: principal.id, to: role.id, weight: 2, unknown: !ecsTrust,
        reason: `${principal.name} may attach ${role.name} to an instance (${launch.actions.join(', ')} with ram:PassRole) and read its credentials there.`,
        evidence: [...grantEvidence(launch.grants), ...grantEvidence(canPass.grants), ...(ecsTrust ?? (entry.gap ? [entry.gap] : []))],
      });
    }
  }
  // the hub stands for the roles that trust the whole account; the others keep their own edge
  const trustsWholeAccount = (role: Asset): boolean => {
    const trust = trusts.get(role.id)?.trust;
    return !!trust && trust.deny.length === 0 && trust.allow.some((c) => c.accountId === principal.accountId && c.resource === null);
  };
  emitGranted(ctx, principal, 'CAN_ASSUME', 'RamRole', assumable, (target) =>
    `${principal.name} is allowed sts:AssumeRole on ${target}, whose trust policy admits it.`, trustsWholeAccount, trustEvidence);
}

function deriveSelfEscalation(
  ctx: DerivationContext,
  permissions: PrincipalPermissions,
  principal: Asset,
  held: HeldPermissions,
  accountNode: string,
  isUser: boolean,
  selfName: string,
): void {
  const actions = ['ram:AttachPolicyToUser', 'ram:AttachPolicyToRole', 'ram:AttachPolicyToGroup', 'ram:CreatePolicyVersion'];
  const relevant = statementsForActions(held.statements, actions);
  if (!relevant.some((s) => s.statement.Effect === 'Allow')) return;
  const found: Array<{ how: string; grants: HeldStatement[] }> = [];
  const self = resourceProbe(isUser ? 'RamUser' : 'RamRole', principal, selfName);
  const direct = allowedOn(relevant, [isUser ? 'ram:AttachPolicyToUser' : 'ram:AttachPolicyToRole'], self);
  if (direct) found.push({ how: `attach any policy to itself`, grants: direct.grants });
  const groups = isUser ? permissions.groupsOf(principal).filter((g) => g.group) : [];
  for (const { group, name } of groups) {
    const viaGroup = group && allowedOn(relevant, ['ram:AttachPolicyToGroup'], resourceProbe('RamGroup', group, name));
    if (viaGroup) found.push({ how: `attach any policy to its group ${name}`, grants: viaGroup.grants });
  }
  const ownPolicies = [
    ...(configOf<RamUserConfiguration | RamRoleConfiguration>(principal).attachedPolicies ?? []),
    ...groups.flatMap(({ group }) => (group ? configOf<RamGroupConfiguration>(group).attachedPolicies ?? [] : [])),
  ].filter((ref) => ref.policyType === 'Custom');
  for (const ref of ownPolicies) {
    const policy = ctx.index.byId.get(ref.policyId) ?? ctx.index.named('RamPolicy', principal.accountId, ref.policyName);
    const name = policy ? configOf<RamPolicyConfiguration>(policy).policyName : ref.policyName;
    const version = allowedOn(relevant, ['ram:CreatePolicyVersion'], { arn: `acs:ram::${principal.accountId}:policy/${name}` });
    if (version) found.push({ how: `publish a new default version of its own policy ${name}`, grants: version.grants });
  }
  if (found.length === 0) return;
  ctx.emit.edge({
    kind: 'CAN_ATTACH_POLICY', from: principal.id, to: accountNode, weight: 1,
    reason: `${principal.name} can ${found.map((f) => f.how).join(' and ')}, and so grant itself AdministratorAccess.`,
    evidence: grantEvidence(found.flatMap((f) => f.grants)),
  });
}

export { resourceName };
