import type { AccountFacts, ConfigSetting, Fact, FileMeta, HostFacts, PamLine, SshFacts } from '@rampart/host-facts';
import type { CheckOutcome, Evidence } from './baseline-check-item';

/** Thrown by `need` when a fact an item reads was not collected; the evaluator turns it into MANUAL or ERROR. */
export class FactNotCollectedError extends Error {
  constructor(
    readonly fact: string,
    readonly kind: 'unavailable' | 'error',
    detail: string,
  ) {
    super(`${fact} ${kind === 'unavailable' ? 'not collected' : 'collection failed'}: ${detail}`);
  }
}

export function need<T>(fact: Fact<T>, name: string): T {
  if (fact.status === 'collected') return fact.value;
  throw new FactNotCollectedError(name, fact.status, fact.status === 'unavailable' ? fact.reason : fact.message);
}

export const pass = (reason: string, evidence: readonly Evidence[] = []): CheckOutcome => ({ status: 'PASS', reason, evidence });
export const fail = (reason: string, evidence: readonly Evidence[]): CheckOutcome => ({ status: 'FAIL', reason, evidence });
export const manual = (reason: string, evidence: readonly Evidence[] = []): CheckOutcome => ({ status: 'MANUAL', reason, evidence });
export const notApplicable = (reason: string): CheckOutcome => ({ status: 'NOT_APPLICABLE', reason, evidence: [] });
/** PASS when nothing is at fault, else FAIL naming each fault. */
export const verdict = (faults: readonly Evidence[], failReason: string, passReason: string, passEvidence: readonly Evidence[] = []): CheckOutcome =>
  faults.length === 0 ? pass(passReason, passEvidence) : fail(failReason, faults);

export const octal = (mode: number): string => mode.toString(8).padStart(4, '0');

/** Whether `meta` grants any permission bit outside `maxMode`. */
export const moreThan = (meta: FileMeta, maxMode: number): boolean => (meta.mode & ~maxMode & 0o7777) !== 0;

interface Derived {
  readonly installed: ReadonlySet<string>;
  readonly enabledUnits: ReadonlySet<string>;
  readonly pamStacks: Map<string, readonly PamLine[]>;
}

const cache = new WeakMap<HostFacts, Derived>();

function derived(facts: HostFacts): Derived {
  let value = cache.get(facts);
  if (value === undefined) {
    const packages = facts.packages.status === 'collected' ? facts.packages.value : [];
    const units = facts.services.status === 'collected' ? facts.services.value.units : [];
    value = {
      installed: new Set(packages.map((p) => p.name)),
      enabledUnits: new Set(units.filter((u) => u.enabled).map((u) => u.name)),
      pamStacks: new Map(),
    };
    cache.set(facts, value);
  }
  return value;
}

/** Installed packages (needs the packages fact). */
export function installedPackages(facts: HostFacts): ReadonlySet<string> {
  need(facts.packages, 'packages');
  return derived(facts).installed;
}

export function enabledUnits(facts: HostFacts): ReadonlySet<string> {
  need(facts.services, 'services');
  return derived(facts).enabledUnits;
}

/** Whether a unit (name with or without `.service`) is enabled. */
export const unitEnabled = (facts: HostFacts, unit: string): boolean => {
  const units = enabledUnits(facts);
  return units.has(unit) || units.has(`${unit}.service`);
};

/** The lines of a PAM service of one type with `@include`s expanded (recursion bounded). */
export function pamStack(facts: HostFacts, service: string, type: PamLine['type']): readonly PamLine[] {
  const pam = need(facts.pam, 'pam');
  const key = `${service}\u0000${type}`;
  const stacks = derived(facts).pamStacks;
  const cached = stacks.get(key);
  if (cached !== undefined) return cached;
  const lines: PamLine[] = [];
  const expand = (name: string, depth: number): void => {
    for (const line of pam.services[name] ?? []) {
      if (line.type === 'include') {
        if (depth < 6) expand(line.control, depth + 1);
      } else if (line.type === type) lines.push(line);
    }
  };
  expand(service, 0);
  stacks.set(key, lines);
  return lines;
}

/** The pam module line (last wins for arguments in Debian's stacks: we take all and let callers choose). */
export const pamModuleLines = (facts: HostFacts, service: string, type: PamLine['type'], module: string): readonly PamLine[] =>
  pamStack(facts, service, type).filter((l) => l.module === module);

/** `name=value` argument of a PAM line, `''` for a bare flag, undefined when absent. */
export function pamArg(line: PamLine, name: string): string | undefined {
  for (const arg of line.args) {
    if (arg === name) return '';
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

export const where = (line: PamLine): string => `${line.file}:${line.line}`;

export interface SshdSetting {
  readonly value: string;
  readonly values: readonly string[];
  readonly source: string;
}

export function sshd(ssh: SshFacts, keyword: string): SshdSetting {
  const values = ssh.settings[keyword] ?? [];
  return { value: values[0] ?? '', values, source: ssh.sources[keyword] ?? (ssh.method === 'sshd -T' ? 'sshd -T' : 'default') };
}

/** Installed sshd or a NOT_APPLICABLE outcome. */
export function sshOrSkip(facts: HostFacts): SshFacts | CheckOutcome {
  const ssh = need(facts.ssh, 'ssh');
  return ssh.installed ? ssh : notApplicable('openssh-server is not installed');
}

export const isOutcome = (value: object): value is CheckOutcome => 'status' in value && 'reason' in value && 'evidence' in value;

export interface KernelParameter {
  readonly key: string;
  readonly runtime: string | undefined;
  readonly configured: ConfigSetting | undefined;
}

/** Runtime (live) and persisted value of a kernel parameter. */
export function kernelParameter(facts: HostFacts, key: string): KernelParameter {
  const sysctl = need(facts.sysctl, 'sysctl');
  const runtime = facts.sysctlRuntime.status === 'collected' ? facts.sysctlRuntime.value[key] : undefined;
  return { key, runtime, configured: sysctl.configured[key] };
}

/**
 * Faults of kernel parameters against wanted values: the running value (when known) and the persisted one must both
 * match, so the setting survives a reboot.
 */
export function kernelParameterFaults(facts: HostFacts, wanted: Readonly<Record<string, string>>): Evidence[] {
  const faults: Evidence[] = [];
  for (const [key, value] of Object.entries(wanted)) {
    const parameter = kernelParameter(facts, key);
    if (parameter.runtime !== undefined && parameter.runtime !== value) faults.push({ subject: key, detail: `running value ${parameter.runtime}, expected ${value}`, source: '/proc/sys' });
    if (parameter.configured === undefined) faults.push({ subject: key, detail: `not set in sysctl.conf or sysctl.d (expected ${value})` });
    else if (parameter.configured.value !== value) faults.push({ subject: key, detail: `persisted as ${parameter.configured.value}, expected ${value}`, source: parameter.configured.source });
  }
  return faults;
}

/** Accounts that can log in with a password (hashed, not locked). */
export const passwordAccounts = (facts: HostFacts): readonly AccountFacts[] =>
  need(facts.accounts, 'accounts').users.filter((u) => u.shadow?.passwordStatus === 'hashed');

/** Setting lookup in a settings map, case-insensitive keys allowed. */
export const setting = (settings: Readonly<Record<string, ConfigSetting>>, key: string): ConfigSetting | undefined => settings[key] ?? settings[key.toLowerCase()] ?? settings[key.toUpperCase()];

export const numberOf = (value: string | undefined): number | null => {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};
