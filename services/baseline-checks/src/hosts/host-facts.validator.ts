import type { HostFactKey, HostFacts } from '@rampart/host-facts';
import { BadUserInputError } from '@rampart/platform';

/** The shape of each fact's collected value; typed by HostFactKey so a new fact cannot be forgotten here. */
const FACT_SHAPES: Readonly<Record<HostFactKey, 'object' | 'array'>> = {
  os: 'object',
  kernel: 'object',
  container: 'object',
  accounts: 'object',
  weakPasswords: 'object',
  loginDefs: 'object',
  pam: 'object',
  pwquality: 'object',
  faillock: 'object',
  ssh: 'object',
  sudo: 'object',
  services: 'object',
  processes: 'array',
  listeners: 'array',
  sysctl: 'object',
  sysctlRuntime: 'object',
  audit: 'object',
  auditLoadedRules: 'array',
  logging: 'object',
  timeSync: 'object',
  packages: 'array',
  worldWritable: 'object',
  files: 'object',
  shellEnvironment: 'object',
  limits: 'array',
  firewall: 'object',
  modprobe: 'object',
  boot: 'object',
  cron: 'object',
  mysql: 'object',
  postgres: 'object',
  redis: 'object',
  docker: 'object',
  antivirus: 'object',
};

/** Nested arrays the catalogue walks, checked so a malformed report is refused instead of scored. */
const NESTED_ARRAYS: ReadonlyArray<readonly [HostFactKey, string]> = [
  ['accounts', 'users'],
  ['accounts', 'groups'],
  ['weakPasswords', 'accounts'],
  ['weakPasswords', 'services'],
  ['services', 'units'],
  ['audit', 'rules'],
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that a reported payload has the HostFacts envelope and that every fact is a well-formed
 * `collected | unavailable | error` wrapper; throws BAD_USER_INPUT naming the first offending path.
 */
export function validateHostFacts(facts: unknown, path = 'input.facts'): HostFacts {
  const bad = (at: string, message: string): never => {
    throw new BadUserInputError(`${at} ${message}`, at);
  };
  if (!isRecord(facts)) return bad(path, 'must be a HostFacts object');
  if (facts.schemaVersion !== 1) bad(`${path}.schemaVersion`, 'must be 1');
  for (const key of ['agentVersion', 'collectedAt', 'hostname', 'root'] as const) {
    if (typeof facts[key] !== 'string') bad(`${path}.${key}`, 'must be a string');
  }
  if (Number.isNaN(Date.parse(facts.collectedAt as string))) bad(`${path}.collectedAt`, 'must be an ISO date-time');
  if (typeof facts.live !== 'boolean') bad(`${path}.live`, 'must be a boolean');
  if (typeof facts.durationMs !== 'number') bad(`${path}.durationMs`, 'must be a number');
  for (const [key, shape] of Object.entries(FACT_SHAPES)) {
    const at = `${path}.${key}`;
    const fact = facts[key];
    if (!isRecord(fact)) {
      bad(at, 'must be a fact ({ status, value | reason | message })');
      continue;
    }
    switch (fact.status) {
      case 'collected':
        if (shape === 'array' ? !Array.isArray(fact.value) : !isRecord(fact.value)) bad(`${at}.value`, `must be an ${shape}`);
        break;
      case 'unavailable':
        if (typeof fact.reason !== 'string') bad(`${at}.reason`, 'must be a string');
        break;
      case 'error':
        if (typeof fact.message !== 'string') bad(`${at}.message`, 'must be a string');
        break;
      default:
        bad(`${at}.status`, 'must be collected, unavailable or error');
    }
  }
  for (const [key, field] of NESTED_ARRAYS) {
    const fact = facts[key] as { status: string; value?: Record<string, unknown> };
    if (fact.status === 'collected' && !Array.isArray(fact.value?.[field])) bad(`${path}.${key}.value.${field}`, 'must be an array');
  }
  return facts as unknown as HostFacts;
}
