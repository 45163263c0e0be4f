import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where the minimal Debian 12 root is cached between runs: RAMPART_DEBIAN_ROOT_CACHE, else /var/cache/rampart (shared by
 * every clone on the machine, so CI reuses a developer's cache) when writable, else the gitignored .rampart/cache.
 */
export const DEBIAN_ROOT_CACHE = ((): string => {
  if (process.env.RAMPART_DEBIAN_ROOT_CACHE !== undefined && process.env.RAMPART_DEBIAN_ROOT_CACHE !== '') return path.resolve(process.env.RAMPART_DEBIAN_ROOT_CACHE);
  try {
    fs.mkdirSync('/var/cache/rampart', { recursive: true });
    fs.accessSync('/var/cache/rampart', fs.constants.W_OK);
    return '/var/cache/rampart/debian12-minbase';
  } catch {
    return path.resolve(__dirname, '..', '..', '..', '.rampart', 'cache', 'debian12-minbase');
  }
})();
const COMPLETE_MARKER = '.rampart-debootstrap-complete';
const INCLUDED_PACKAGES = ['openssh-server', 'sudo'];

export interface DebianRoot {
  /** A pristine root (never modify: copy it first). */
  readonly path: string;
  /** How it was made: a real debootstrap, or copied from this machine when debootstrap could not run. */
  readonly kind: 'debootstrap' | 'copied-from-host';
  readonly note: string;
}

const have = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function ensureDebootstrap(): void {
  if (have('debootstrap')) return;
  if (process.getuid?.() !== 0) throw new Error('debootstrap missing and not root');
  execFileSync('apt-get', ['update'], { stdio: 'ignore', timeout: 300_000 });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'debootstrap'], { stdio: 'ignore', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Serialises creation between processes (jest workers, a bench) with an atomic mkdir lock. */
function withLock<T>(lockDir: string, action: () => T): T {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // a lock older than 20 minutes belongs to a dead process
      try {
        if (Date.now() - fs.statSync(lockDir).mtimeMs > 20 * 60_000) fs.rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // gone already
      }
      if (Date.now() - started > 20 * 60_000) throw new Error(`timed out waiting for ${lockDir}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    return action();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function debootstrap(target: string): void {
  ensureDebootstrap();
  const building = `${target}.building`;
  fs.rmSync(building, { recursive: true, force: true });
  execFileSync('debootstrap', ['--variant=minbase', `--include=${INCLUDED_PACKAGES.join(',')}`, 'bookworm', building, 'http://deb.debian.org/debian'], { stdio: 'ignore', timeout: 15 * 60_000 });
  fs.writeFileSync(path.join(building, COMPLETE_MARKER), new Date().toISOString());
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(building, target);
}

/** Fallback: the Debian files the collector reads, copied from this (Debian 12) machine. */
function copyFromHost(target: string): void {
  const building = `${target}.building`;
  fs.rmSync(building, { recursive: true, force: true });
  for (const dir of ['etc', 'var/lib/dpkg', 'usr/lib/os-release', 'lib/systemd/system', 'usr/lib/sysctl.d']) {
    const source = path.join('/', dir);
    if (!fs.existsSync(source)) continue;
    fs.mkdirSync(path.dirname(path.join(building, dir)), { recursive: true });
    spawnSync('cp', ['-a', source, path.join(building, dir)], { stdio: 'ignore' });
  }
  fs.mkdirSync(path.join(building, 'etc', 'ssh'), { recursive: true });
  fs.writeFileSync(path.join(building, 'etc', 'ssh', 'sshd_config'), 'Include /etc/ssh/sshd_config.d/*.conf\n#PermitRootLogin prohibit-password\nKbdInteractiveAuthentication no\nUsePAM yes\nX11Forwarding yes\nPrintMotd no\nAcceptEnv LANG LC_*\nSubsystem sftp /usr/lib/openssh/sftp-server\n', { mode: 0o644 });
  fs.writeFileSync(path.join(building, 'fallback-from-host'), '');
  fs.writeFileSync(path.join(building, COMPLETE_MARKER), new Date().toISOString());
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(building, target);
}

/**
 * A minimal Debian 12 root: created once by debootstrap (minbase + openssh-server + sudo, a minute or two from
 * deb.debian.org) and cached; when debootstrap cannot work here, the relevant files of this machine are copied.
 * Idempotent and safe to call from several processes.
 */
export function ensureDebianRoot(): DebianRoot {
  const kindOf = (): DebianRoot['kind'] => (fs.existsSync(path.join(DEBIAN_ROOT_CACHE, 'fallback-from-host')) ? 'copied-from-host' : 'debootstrap');
  if (!fs.existsSync(path.join(DEBIAN_ROOT_CACHE, COMPLETE_MARKER))) {
    withLock(`${DEBIAN_ROOT_CACHE}.lock`, () => {
      if (fs.existsSync(path.join(DEBIAN_ROOT_CACHE, COMPLETE_MARKER))) return;
      try {
        debootstrap(DEBIAN_ROOT_CACHE);
      } catch (error) {
        copyFromHost(DEBIAN_ROOT_CACHE);
        fs.writeFileSync(path.join(DEBIAN_ROOT_CACHE, 'fallback-from-host'), `debootstrap failed: ${(error as Error).message}\n`);
      }
    });
  }
  const kind = kindOf();
  return { path: DEBIAN_ROOT_CACHE, kind, note: kind === 'debootstrap' ? 'debootstrap --variant=minbase bookworm + openssh-server, sudo' : fs.readFileSync(path.join(DEBIAN_ROOT_CACHE, 'fallback-from-host'), 'utf8') };
}

/** A private, writable copy of the cached root (removed by the returned cleanup). */
export function copyDebianRoot(root: DebianRoot): { path: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-debian-root-'));
  execFileSync('cp', ['-a', `${root.path}/.`, dir], { stdio: 'ignore' });
  return { path: dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A yescrypt (or other method) hash of `password` made by this machine's libcrypt, as passwd(1) would write it. */
export function libcryptHash(password: string, prefix: '$y$' | '$6$' = '$y$'): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const koffi = require('koffi') as typeof import('koffi');
  const lib = koffi.load('libcrypt.so.1');
  const gensalt = lib.func('char *crypt_gensalt_rn(const char *prefix, unsigned long count, const char *rbytes, int nrbytes, _Inout_ uint8_t *output, int size)');
  const crypt = lib.func('char *crypt_rn(const char *phrase, const char *setting, _Inout_ uint8_t *data, int size)');
  const setting = gensalt(prefix, 0, null, 0, Buffer.alloc(256), 256) as string;
  return crypt(password, setting, Buffer.alloc(32768), 32768) as string;
}
