import * as os from 'node:os';
import { collected, failed, unavailable, type Fact, type HostFactKey, type HostFacts, type InstalledPackage, type ListenerFacts, type WeakPasswordFacts } from '@rampart/host-facts';
import { testAccountPasswords } from '../weak-password/account-password.tester';
import { Libcrypt } from '../weak-password/libcrypt.binding';
import { loadDictionary } from '../weak-password/password-dictionary';
import { probeLiveServices } from '../weak-password/live-service.prober';
import { testServiceCredentials } from '../weak-password/service-credential.tester';
import { collectAccounts, type CollectedAccounts } from './accounts.collector';
import { auditCollector } from './audit.collector';
import type { CollectContext, Collector } from './collect-context';
import { databasesCollector } from './databases.collector';
import { parseDpkgStatus } from './dpkg-status.parser';
import { filesystemCollector } from './filesystem.collector';
import { firewallCollector } from './firewall.collector';
import { HostReader } from './host.reader';
import { kernelSettingsCollector } from './kernel-settings.collector';
import { listenersCollector } from './listeners.collector';
import { loggingCollector } from './logging.collector';
import { loginSettingsCollector } from './login-settings.collector';
import { pamCollector } from './pam.collector';
import { servicesCollector } from './services.collector';
import { sshCollector } from './ssh.collector';
import { sudoCollector } from './sudo.collector';
import { systemCollector } from './system.collector';

export const AGENT_VERSION = '0.1.0';

export interface CollectOptions {
  /** Inspect a mounted system instead of `/` (no /proc, no binaries of the host). */
  readonly root?: string;
  /** Budget of the fact collection (file-system walk included), ms. Default 20 s. */
  readonly budgetMs?: number;
  /** Budget of the dictionary test, ms. Default 120 s. */
  readonly passwordBudgetMs?: number;
  /** Skip the dictionary test (verdicts become `unavailable`). */
  readonly skipPasswordTest?: boolean;
  readonly dictionaryPath?: string;
  /** The tenant's custom words, tried before the shipped dictionary. */
  readonly customWords?: readonly string[];
  readonly hostname?: string;
  /** Parallel libcrypt lanes. */
  readonly lanes?: number;
  /** Only these collectors (by name) — for tests and benchmarks. */
  readonly only?: readonly string[];
}

export const COLLECTORS: readonly Collector[] = [
  systemCollector,
  loginSettingsCollector,
  pamCollector,
  sshCollector,
  sudoCollector,
  servicesCollector,
  listenersCollector,
  kernelSettingsCollector,
  auditCollector,
  loggingCollector,
  filesystemCollector,
  firewallCollector,
  databasesCollector,
] as Collector[];

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function hostnameOf(reader: HostReader, override: string | undefined): string {
  if (override !== undefined) return override;
  if (reader.live) return os.hostname();
  return (reader.readText('/etc/hostname') ?? '').trim() || 'unknown';
}

/** Collects HostFacts read-only. Each collector is isolated: a failure becomes an `error` fact, not a failed run. */
export async function collectHostFacts(options: CollectOptions = {}): Promise<HostFacts> {
  const started = Date.now();
  const reader = new HostReader(options.root ?? '/');
  const deadline = started + (options.budgetMs ?? 20_000);
  const hostname = hostnameOf(reader, options.hostname);
  const wanted = (name: string): boolean => options.only === undefined || options.only.includes(name);

  let packages: Fact<readonly InstalledPackage[]>;
  try {
    const status = reader.readText('/var/lib/dpkg/status', 64 * 1024 * 1024);
    packages = status === null ? unavailable('no dpkg status (not a Debian-family system)') : collected(parseDpkgStatus(status));
  } catch (error) {
    packages = failed(message(error));
  }
  const installed = new Set(packages.status === 'collected' ? packages.value.map((p) => p.name) : []);
  const context: CollectContext = { reader, deadline, installed };

  let accounts: CollectedAccounts | null = null;
  let accountsFact: HostFacts['accounts'];
  try {
    accounts = collectAccounts(reader);
    accountsFact = collected(accounts.facts);
  } catch (error) {
    accountsFact = failed(message(error));
  }

  const facts: Partial<Record<HostFactKey, Fact<unknown>>> = {};
  for (const collector of COLLECTORS) {
    if (!wanted(collector.name)) {
      for (const key of collector.keys) facts[key] = unavailable('not requested');
      continue;
    }
    try {
      Object.assign(facts, collector.collect(context));
    } catch (error) {
      for (const key of collector.keys) facts[key] = failed(`${collector.name}: ${message(error)}`);
    }
  }

  let weakPasswords: Fact<WeakPasswordFacts>;
  if (options.skipPasswordTest === true || !wanted('weak-passwords')) {
    weakPasswords = unavailable('dictionary test skipped');
  } else {
    const passwordStarted = Date.now();
    const passwordDeadline = passwordStarted + (options.passwordBudgetMs ?? 120_000);
    try {
      const dictionary = loadDictionary({ dictionaryPath: options.dictionaryPath, customWords: options.customWords });
      const services = testServiceCredentials(reader, { words: dictionary.words, hostname, deadline: passwordDeadline });
      const listeners = facts.listeners;
      if (reader.live && listeners?.status === 'collected') {
        services.push(...(await probeLiveServices(listeners.value as readonly ListenerFacts[], { deadline: passwordDeadline })));
      }
      let libcryptName: string | null = null;
      let accountVerdicts: WeakPasswordFacts['accounts'] = [];
      if (accounts !== null && accounts.hashes.size > 0) {
        const libcrypt = Libcrypt.load();
        libcryptName = libcrypt.library;
        accountVerdicts = await testAccountPasswords(libcrypt, accounts.hashes, { words: dictionary.words, hostname, deadline: passwordDeadline, lanes: options.lanes });
      }
      weakPasswords = collected({
        dictionarySize: dictionary.words.length,
        customWords: dictionary.customWords,
        accounts: accountVerdicts,
        services,
        durationMs: Date.now() - passwordStarted,
        libcrypt: libcryptName,
      });
    } catch (error) {
      weakPasswords = failed(message(error));
    }
  }

  return {
    schemaVersion: 1,
    agentVersion: AGENT_VERSION,
    collectedAt: new Date(started).toISOString(),
    hostname,
    root: reader.root,
    live: reader.live,
    durationMs: Date.now() - started,
    accounts: accountsFact,
    packages,
    weakPasswords,
    ...(facts as Omit<HostFacts, 'schemaVersion' | 'agentVersion' | 'collectedAt' | 'hostname' | 'root' | 'live' | 'durationMs' | 'accounts' | 'packages' | 'weakPasswords'>),
  };
}
