import type { PatternSegment } from '../engine/path-pattern.automaton';
import type { EdgeKind, NodeKind } from '../security-graph.model';
import {
  isCrownJewel, isCrownJewelData, type PathFacts, type PathTypeDefinition, type RiskLevel,
} from './path-type.model';

const EXPOSURE: EdgeKind[] = ['CAN_REACH', 'DNAT_TO'];
const PRIVILEGE_ESCALATION: EdgeKind[] = [
  'CAN_ASSUME', 'CAN_CREATE_AK', 'CAN_SET_LOGIN', 'CAN_UPDATE_TRUST', 'CAN_PASS_ROLE_TO_ECS', 'CAN_RUN_COMMAND', 'OBTAINS_CREDENTIALS',
];
const DATA_ACCESS: EdgeKind[] = ['CAN_READ', 'CAN_WRITE'];
const IMPACT: EdgeKind[] = ['ADMIN_OF', 'CAN_ATTACH_POLICY', 'CAN_READ', 'CAN_WRITE', 'CAN_MANAGE'];
const DATABASES: NodeKind[] = ['RdsInstance', 'RedisInstance'];
const PRINCIPALS: NodeKind[] = ['RamUser', 'RamRole'];

/** Internet → exposed instance (or an instance already compromised: an entry with an urgent finding). */
const exposedInstance: PatternSegment = { edges: EXPOSURE, to: ['EcsInstance'], min: 0, max: 1 };
const instanceRole: PatternSegment = { edges: ['OBTAINS_CREDENTIALS'], to: ['RamRole'] };
const roleChain: PatternSegment = { edges: ['CAN_ASSUME'], to: ['RamRole'], min: 0, max: 2 };
/** From any entry, any few steps (the foothold before the characteristic move of a type). */
const foothold: PatternSegment = { edges: 'any', min: 0, max: 4 };
/** After the characteristic move, more escalation steps and then the impact edge on a crown jewel. */
const onward: PatternSegment[] = [
  { edges: PRIVILEGE_ESCALATION, min: 0, max: 3 },
  { edges: IMPACT, min: 0, max: 1 },
];

const fixed = (level: RiskLevel) => (): RiskLevel => level;
const neverUsedOrStale = (facts: PathFacts): boolean => {
  const used = facts.entry.facts?.lastUsedDate;
  if (used === null || used === undefined) return true;
  const age = Date.now() - Date.parse(String(used));
  return Number.isFinite(age) && age > 90 * 24 * 3600 * 1000;
};

/**
 * The attack-path types of the reference model (AP01–AP15). Levels follow the model's defaults; where
 * the model makes them conditional the rule says how.
 */
export const PATH_TYPES: readonly PathTypeDefinition[] = [
  {
    id: 'EXPOSED_ECS_ROLE_TO_ADMIN', apId: 'AP01', name: 'Exposed ECS → instance role → account admin',
    entryKinds: ['Internet', 'EcsInstance'],
    segments: [exposedInstance, instanceRole, roleChain, { edges: ['ADMIN_OF'], to: ['AliyunAccount'] }],
    isTarget: (n) => n.kind === 'AliyunAccount', level: fixed('SERIOUS'),
  },
  {
    id: 'EXPOSED_ECS_ROLE_TO_OSS', apId: 'AP02', name: 'Exposed ECS → instance role → sensitive OSS',
    entryKinds: ['Internet', 'EcsInstance'],
    segments: [exposedInstance, instanceRole, roleChain, { edges: DATA_ACCESS, to: ['OssBucket'] }],
    isTarget: isCrownJewelData, level: fixed('SERIOUS'),
  },
  {
    id: 'EXPOSED_ECS_ROLE_TO_DATABASE_CONTROL', apId: 'AP03', name: 'Exposed ECS → instance role → RDS/Redis control plane',
    entryKinds: ['Internet', 'EcsInstance'],
    segments: [exposedInstance, instanceRole, roleChain, { edges: ['CAN_MANAGE'], to: DATABASES }],
    isTarget: (n) => DATABASES.includes(n.kind),
    level: (p) => (p.target.sensitive ? 'SERIOUS' : 'SUSPICIOUS'),
  },
  {
    id: 'EXPOSED_ECS_LATERAL_TO_DATABASE', apId: 'AP04', name: 'Exposed ECS → lateral network → database',
    entryKinds: ['Internet', 'EcsInstance'],
    segments: [exposedInstance, { edges: ['NETWORK_REACH'], min: 1, max: 4 }],
    isTarget: (n) => DATABASES.includes(n.kind),
    level: (p) => (p.target.sensitive ? 'SUSPICIOUS' : 'REMIND'),
  },
  {
    id: 'PUBLIC_LISTENER_BACKEND_TO_CLOUD', apId: 'AP05', name: 'Public SLB listener → backend ECS → cloud resources',
    entryKinds: ['Internet'],
    segments: [
      { edges: ['CAN_REACH'], to: ['Listener', 'Slb'] }, { edges: ['FORWARDS_TO'], to: ['EcsInstance'] }, instanceRole, roleChain,
      { edges: IMPACT, min: 0, max: 1 },
    ],
    isTarget: isCrownJewel,
    level: (p) => (p.target.kind === 'AliyunAccount' || isCrownJewelData(p.target) ? 'SERIOUS' : 'SUSPICIOUS'),
  },
  {
    id: 'ACCESS_KEY_TO_CROWN_JEWEL', apId: 'AP06', name: 'Active RAM user AccessKey → sensitive data or admin',
    entryKinds: ['AccessKey'],
    segments: [{ edges: ['AUTHENTICATES_AS'], to: ['RamUser'] }, ...onward],
    isTarget: isCrownJewel,
    level: (p) => (neverUsedOrStale(p) ? 'SERIOUS' : 'SUSPICIOUS'),
  },
  {
    id: 'ROOT_ACCESS_KEY', apId: 'AP07', name: 'Root-account AccessKey',
    entryKinds: ['AccessKey'],
    segments: [{ edges: ['AUTHENTICATES_AS'], to: ['AliyunAccount'] }],
    isTarget: (n) => n.kind === 'AliyunAccount', level: fixed('SERIOUS'),
  },
  {
    id: 'LOGIN_PROFILE_TAKEOVER', apId: 'AP08', name: 'Console-login takeover of another RAM user',
    entryKinds: ['Internet', 'AccessKey', 'EcsInstance', 'ExternalAccount'],
    segments: [foothold, { edges: ['CAN_SET_LOGIN'], to: ['RamUser'] }, ...onward],
    isTarget: isCrownJewel, level: fixed('SERIOUS'), pivot: 'CAN_SET_LOGIN',
  },
  {
    id: 'ACCESS_KEY_MINTING', apId: 'AP09', name: 'AccessKey minting on another RAM user',
    entryKinds: ['Internet', 'AccessKey', 'EcsInstance', 'ExternalAccount'],
    segments: [foothold, { edges: ['CAN_CREATE_AK'], to: ['RamUser'] }, ...onward],
    isTarget: isCrownJewel, level: fixed('SERIOUS'), pivot: 'CAN_CREATE_AK',
  },
  {
    id: 'POLICY_SELF_ESCALATION', apId: 'AP10', name: 'Self-escalation via policy attach or new policy version',
    entryKinds: ['Internet', 'AccessKey', 'EcsInstance', 'ExternalAccount'],
    segments: [foothold, { edges: ['CAN_ATTACH_POLICY'], to: ['AliyunAccount'] }],
    isTarget: (n) => n.kind === 'AliyunAccount', level: fixed('SERIOUS'), pivot: 'CAN_ATTACH_POLICY',
  },
  {
    id: 'PASS_ROLE_TO_ECS', apId: 'AP11', name: 'PassRole to ECS to obtain a more privileged role',
    entryKinds: ['Internet', 'AccessKey', 'EcsInstance', 'ExternalAccount'],
    segments: [foothold, { edges: ['CAN_PASS_ROLE_TO_ECS'], to: ['RamRole'] }, ...onward],
    isTarget: isCrownJewel, level: fixed('SERIOUS'), pivot: 'CAN_PASS_ROLE_TO_ECS',
  },
  {
    id: 'RUN_COMMAND_TO_INSTANCE_ROLE', apId: 'AP12', name: 'Cloud Assistant command on a privileged ECS',
    entryKinds: ['Internet', 'AccessKey', 'EcsInstance', 'ExternalAccount'],
    segments: [foothold, { edges: ['CAN_RUN_COMMAND'], to: ['EcsInstance'] }, instanceRole],
    isTarget: (n) => n.kind === 'RamRole', level: fixed('SUSPICIOUS'), pivot: 'CAN_RUN_COMMAND',
  },
  {
    id: 'ROLE_CHAIN_TO_ADMIN', apId: 'AP13', name: 'Role chaining or cross-account trust to an admin role',
    entryKinds: ['ExternalAccount', 'AccessKey'],
    segments: [{ edges: ['AUTHENTICATES_AS'], to: PRINCIPALS, min: 0, max: 1 }, { edges: ['CAN_ASSUME'], to: ['RamRole'], min: 1, max: 3 }],
    isTarget: (n) => n.kind === 'RamRole' && n.admin,
    level: (p) => (p.entry.kind === 'ExternalAccount' ? 'SERIOUS' : 'SUSPICIOUS'),
  },
  {
    id: 'PUBLIC_ACK_TO_NODE_ROLE', apId: 'AP14', name: 'Public ACK API server → cluster → node role',
    entryKinds: ['Internet'],
    segments: [{ edges: ['CAN_REACH'], to: ['AckCluster'] }, { edges: ['OBTAINS_CREDENTIALS'], to: ['RamRole'] }],
    isTarget: (n) => n.kind === 'RamRole', level: fixed('SUSPICIOUS'),
  },
  {
    id: 'PUBLIC_DATA_STORE', apId: 'AP15', name: 'Directly public sensitive data store',
    entryKinds: ['Internet'],
    segments: [{ edges: ['CAN_READ', 'CAN_WRITE', 'CAN_REACH'], to: ['OssBucket', ...DATABASES] }],
    isTarget: isCrownJewelData, level: fixed('SERIOUS'),
  },
];

export const PATH_TYPE_BY_ID: ReadonlyMap<string, PathTypeDefinition> = new Map(PATH_TYPES.map((t) => [t.id, t]));
