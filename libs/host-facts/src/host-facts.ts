import type { Fact } from './fact';

/** Where a setting came from: `file:line`, or `default` when nothing configures it. */
export type SettingSource = string;

/** stat(2) metadata of one path; `mode` is the permission bits incl. setuid/setgid/sticky (e.g. 0o640). */
export interface FileMeta {
  readonly path: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'other';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly owner: string | null;
  readonly group: string | null;
  readonly size: number;
  readonly mtime: string;
}

/** A setting assignment read from a configuration file. */
export interface ConfigSetting {
  readonly key: string;
  readonly value: string;
  readonly source: SettingSource;
}

export interface OsReleaseFacts {
  readonly id: string;
  readonly versionId: string | null;
  readonly versionCodename: string | null;
  readonly prettyName: string | null;
  readonly idLike: readonly string[];
}

export interface KernelFacts {
  readonly release: string;
  /** Kernel command line (/proc/cmdline). */
  readonly cmdline: string | null;
}

export interface ContainerFacts {
  readonly inContainer: boolean;
  readonly runtime: 'docker' | 'podman' | 'lxc' | 'kubernetes' | 'systemd-nspawn' | 'containerd' | 'unknown' | null;
  readonly evidence: readonly string[];
}

export type PasswordHashAlgorithm = 'yescrypt' | 'gost-yescrypt' | 'scrypt' | 'sha512crypt' | 'sha256crypt' | 'bcrypt' | 'md5crypt' | 'descrypt' | 'unknown';

/**
 * shadow(5) metadata of an account; the hash itself never leaves the host.
 * `hashed`: a usable password; `locked`: `!`-prefixed hash; `no-password`: `*`, `!`, `!*` and similar (no login by
 * password possible); `empty`: empty field (login without password).
 */
export interface ShadowEntry {
  readonly passwordStatus: 'hashed' | 'locked' | 'no-password' | 'empty';
  readonly algorithm: PasswordHashAlgorithm | null;
  /** Days since 1970-01-01 of the last change; 0 forces a change at next login; null when empty. */
  readonly lastChangeDays: number | null;
  readonly minDays: number | null;
  readonly maxDays: number | null;
  readonly warnDays: number | null;
  readonly inactiveDays: number | null;
  readonly expireDays: number | null;
}

export interface AccountFacts {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
  /** The passwd(5) second field: `x` when shadowed. Only its kind is kept. */
  readonly passwdField: 'x' | 'empty' | 'other';
  /** null when the account has no shadow entry. */
  readonly shadow: ShadowEntry | null;
}

export interface GroupFacts {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

export interface AccountsFacts {
  readonly users: readonly AccountFacts[];
  readonly groups: readonly GroupFacts[];
  /** Whether /etc/shadow could be read (it needs root). */
  readonly shadowReadable: boolean;
  /** Login shells listed in /etc/shells. */
  readonly shells: readonly string[];
  /** /etc/default/useradd settings (e.g. INACTIVE). */
  readonly useraddDefaults: Readonly<Record<string, string>>;
}

export type WeakPasswordReason = 'dictionary' | 'empty' | 'username';

/** Verdict of the on-host dictionary test of one account's hash; never contains the hash or the password. */
export interface WeakPasswordVerdict {
  readonly account: string;
  readonly weak: boolean;
  readonly reason?: WeakPasswordReason;
  readonly algorithm: PasswordHashAlgorithm;
  /** False when the time budget ran out or the algorithm is not supported by the local libcrypt. */
  readonly complete: boolean;
  readonly candidatesTried: number;
  readonly note?: string;
}

export type ServiceCredentialReason =
  | WeakPasswordReason
  | 'no-password'
  | 'no-authentication'
  | 'trust-authentication'
  | 'cleartext-authentication'
  | 'unprotected-exposure';

/** A weak credential or authentication setting of a database service found in its local configuration. */
export interface ServiceCredentialVerdict {
  readonly service: 'mysql' | 'postgresql' | 'redis';
  readonly account: string;
  readonly weak: boolean;
  readonly reason?: ServiceCredentialReason;
  /** File (and line) the verdict is based on. */
  readonly source: string;
  readonly detail?: string;
}

export interface WeakPasswordFacts {
  readonly dictionarySize: number;
  readonly customWords: number;
  readonly accounts: readonly WeakPasswordVerdict[];
  readonly services: readonly ServiceCredentialVerdict[];
  readonly durationMs: number;
  readonly libcrypt: string | null;
}

export interface PamLine {
  readonly file: string;
  readonly line: number;
  readonly type: 'auth' | 'account' | 'password' | 'session' | 'include';
  /** `required`, `requisite`, `[success=1 default=ignore]`, or for @include the included file name. */
  readonly control: string;
  readonly module: string;
  readonly args: readonly string[];
  /** A leading `-` (ignore a missing module). */
  readonly optional: boolean;
}

export interface PamFacts {
  /** /etc/pam.d service name → lines in file order, @include kept as `include` lines. */
  readonly services: Readonly<Record<string, readonly PamLine[]>>;
}

export interface KeyValueFileFacts {
  readonly files: readonly string[];
  /** Effective settings after all files were read in order (later wins). Flags without value have value ''. */
  readonly settings: Readonly<Record<string, ConfigSetting>>;
}

export interface SshFacts {
  readonly installed: boolean;
  readonly method: 'sshd -T' | 'parsed' | 'none';
  /** Effective global settings, lower-case keyword → values (several for e.g. hostkey, port, listenaddress). */
  readonly settings: Readonly<Record<string, readonly string[]>>;
  readonly sources: Readonly<Record<string, SettingSource>>;
  readonly configFiles: readonly FileMeta[];
  /** Whether /etc/ssh/sshd_config includes sshd_config.d drop-ins. */
  readonly includesDropIns: boolean;
  readonly privateHostKeys: readonly FileMeta[];
  readonly publicHostKeys: readonly FileMeta[];
  readonly matchBlocks: number;
  readonly note?: string;
}

export interface SudoRule {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly nopasswd: boolean;
  readonly noAuthenticate: boolean;
}

export interface SudoFacts {
  readonly installed: boolean;
  readonly files: readonly FileMeta[];
  readonly defaults: readonly { readonly file: string; readonly line: number; readonly text: string }[];
  readonly rules: readonly SudoRule[];
}

export interface UnitFacts {
  readonly name: string;
  readonly unitFile: string | null;
  readonly enabled: boolean;
  readonly masked: boolean;
  /** Targets or units whose .wants/.requires link this unit. */
  readonly wantedBy: readonly string[];
}

export interface ServicesFacts {
  readonly units: readonly UnitFacts[];
  /** Whether systemd is PID 1 (live only; null under --root). */
  readonly systemdRunning: boolean | null;
}

export interface ListenerFacts {
  readonly protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  readonly address: string;
  readonly port: number;
  readonly process: string | null;
}

export interface SysctlFacts {
  /** Values persisted in sysctl.conf / sysctl.d in systemd-sysctl precedence. */
  readonly configured: Readonly<Record<string, ConfigSetting>>;
  readonly files: readonly string[];
}

export interface AuditFacts {
  readonly installed: boolean;
  readonly ruleFiles: readonly FileMeta[];
  /** Rules from /etc/audit/rules.d/*.rules (or audit.rules when rules.d is empty), comments dropped. */
  readonly rules: readonly string[];
  readonly auditdConf: Readonly<Record<string, ConfigSetting>>;
  readonly configFiles: readonly FileMeta[];
  readonly logDirectory: FileMeta | null;
  readonly logFiles: readonly FileMeta[];
}

export interface LoggingFacts {
  readonly rsyslogInstalled: boolean;
  readonly rsyslogFiles: readonly string[];
  /** Remote targets from `@host`, `@@host` or `action(type="omfwd" target=...)`. */
  readonly rsyslogRemoteTargets: readonly string[];
  readonly rsyslogFileCreateMode: string | null;
  /** rsyslog receiving from the network (imtcp/imudp). */
  readonly rsyslogListens: boolean;
  readonly journald: Readonly<Record<string, ConfigSetting>>;
  readonly journalUploadUrl: string | null;
}

export interface TimeSyncFacts {
  readonly chronyInstalled: boolean;
  readonly chronyServers: readonly string[];
  readonly timesyncdInstalled: boolean;
  readonly timesyncdServers: readonly string[];
  readonly ntpInstalled: boolean;
}

export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  readonly sourceName: string;
  readonly sourceVersion: string;
  readonly status: string;
}

export interface WorldWritableFacts {
  readonly scannedRoots: readonly string[];
  readonly filesScanned: number;
  /** World-writable regular files and world-writable directories without the sticky bit. */
  readonly worldWritable: readonly { readonly path: string; readonly mode: number; readonly type: 'file' | 'directory' }[];
  readonly unowned: readonly { readonly path: string; readonly uid: number; readonly gid: number }[];
  /** True when the time budget or the entry cap stopped the walk. */
  readonly truncated: boolean;
}

export interface ShellEnvironmentFacts {
  readonly tmout: readonly { readonly file: string; readonly line: number; readonly value: number; readonly readonly: boolean; readonly exported: boolean }[];
  readonly umask: readonly { readonly file: string; readonly line: number; readonly value: string }[];
}

export interface LimitsEntry {
  readonly file: string;
  readonly domain: string;
  readonly type: string;
  readonly item: string;
  readonly value: string;
}

export interface FirewallFacts {
  readonly nftablesInstalled: boolean;
  readonly nftablesConfigHasDropInput: boolean;
  readonly ufwInstalled: boolean;
  readonly ufwEnabled: boolean;
  readonly ufwDefaultInputPolicy: string | null;
  readonly iptablesPersistentInstalled: boolean;
  readonly iptablesRulesDropInput: boolean;
}

export interface ModprobeFacts {
  /** module → `install` command (e.g. /bin/false) */
  readonly install: Readonly<Record<string, string>>;
  readonly blacklist: readonly string[];
}

export interface BootFacts {
  readonly grubConfig: FileMeta | null;
  readonly grubCmdline: string | null;
  readonly grubPasswordSet: boolean;
}

export interface MysqlFacts {
  readonly installed: boolean;
  readonly configFiles: readonly string[];
  /** [mysqld]/[mariadb]/[server] settings. */
  readonly server: Readonly<Record<string, ConfigSetting>>;
}

export interface PgHbaEntry {
  readonly file: string;
  readonly line: number;
  readonly type: string;
  readonly database: string;
  readonly user: string;
  readonly address: string | null;
  readonly method: string;
}

export interface PostgresFacts {
  readonly installed: boolean;
  readonly clusters: readonly {
    readonly configDir: string;
    readonly settings: Readonly<Record<string, ConfigSetting>>;
    readonly hba: readonly PgHbaEntry[];
  }[];
}

export interface RedisFacts {
  readonly installed: boolean;
  readonly configs: readonly {
    readonly file: string;
    readonly settings: Readonly<Record<string, ConfigSetting>>;
    /** Whether `requirepass` is set to a non-empty value (the value itself stays on the host). */
    readonly requirePassSet: boolean;
  }[];
}

export interface DockerFacts {
  readonly installed: boolean;
  readonly daemonConfig: Readonly<Record<string, unknown>> | null;
  readonly socket: FileMeta | null;
  readonly groupMembers: readonly string[];
}

export interface AntivirusFacts {
  readonly products: readonly string[];
  /** Newest signature database modification time, ISO. */
  readonly signaturesUpdatedAt: string | null;
}

export interface CronFacts {
  readonly files: readonly FileMeta[];
  /** Whether cron.allow / at.allow exist. */
  readonly cronAllow: boolean;
  readonly atAllow: boolean;
  /** Commands from /etc/crontab and /etc/cron.d lines (for backup evidence). */
  readonly commands: readonly string[];
}

/** Everything the agent reports about a host. */
export interface HostFacts {
  readonly schemaVersion: 1;
  readonly agentVersion: string;
  readonly collectedAt: string;
  readonly hostname: string;
  /** '/' on a live host, or the --root directory. */
  readonly root: string;
  readonly live: boolean;
  readonly durationMs: number;
  readonly os: Fact<OsReleaseFacts>;
  readonly kernel: Fact<KernelFacts>;
  readonly container: Fact<ContainerFacts>;
  readonly accounts: Fact<AccountsFacts>;
  readonly weakPasswords: Fact<WeakPasswordFacts>;
  readonly loginDefs: Fact<Readonly<Record<string, ConfigSetting>>>;
  readonly pam: Fact<PamFacts>;
  readonly pwquality: Fact<KeyValueFileFacts>;
  readonly faillock: Fact<KeyValueFileFacts>;
  readonly ssh: Fact<SshFacts>;
  readonly sudo: Fact<SudoFacts>;
  readonly services: Fact<ServicesFacts>;
  /** Names of running processes (live only). */
  readonly processes: Fact<readonly string[]>;
  readonly listeners: Fact<readonly ListenerFacts[]>;
  readonly sysctl: Fact<SysctlFacts>;
  /** Runtime values of the sysctl keys the catalogue reads (live only). */
  readonly sysctlRuntime: Fact<Readonly<Record<string, string>>>;
  readonly audit: Fact<AuditFacts>;
  /** `auditctl -l` (live only). */
  readonly auditLoadedRules: Fact<readonly string[]>;
  readonly logging: Fact<LoggingFacts>;
  readonly timeSync: Fact<TimeSyncFacts>;
  readonly packages: Fact<readonly InstalledPackage[]>;
  readonly worldWritable: Fact<WorldWritableFacts>;
  /** Metadata of security-relevant files by path; null when absent. */
  readonly files: Fact<Readonly<Record<string, FileMeta | null>>>;
  readonly shellEnvironment: Fact<ShellEnvironmentFacts>;
  readonly limits: Fact<readonly LimitsEntry[]>;
  readonly firewall: Fact<FirewallFacts>;
  readonly modprobe: Fact<ModprobeFacts>;
  readonly boot: Fact<BootFacts>;
  readonly cron: Fact<CronFacts>;
  readonly mysql: Fact<MysqlFacts>;
  readonly postgres: Fact<PostgresFacts>;
  readonly redis: Fact<RedisFacts>;
  readonly docker: Fact<DockerFacts>;
  readonly antivirus: Fact<AntivirusFacts>;
}

export type HostFactKey = Exclude<keyof HostFacts, 'schemaVersion' | 'agentVersion' | 'collectedAt' | 'hostname' | 'root' | 'live' | 'durationMs'>;
