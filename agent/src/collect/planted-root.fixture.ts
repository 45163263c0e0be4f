import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A small hand-made system tree for collector specs: write files relative to it, then collect with --root. */
export class PlantedRoot {
  readonly path: string;

  constructor() {
    this.path = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-planted-'));
  }

  write(systemPath: string, content: string, mode = 0o644): this {
    const real = path.join(this.path, systemPath);
    fs.mkdirSync(path.dirname(real), { recursive: true });
    fs.writeFileSync(real, content);
    fs.chmodSync(real, mode);
    return this;
  }

  mkdir(systemPath: string, mode = 0o755): this {
    const real = path.join(this.path, systemPath);
    fs.mkdirSync(real, { recursive: true });
    fs.chmodSync(real, mode);
    return this;
  }

  link(systemPath: string, target: string): this {
    const real = path.join(this.path, systemPath);
    fs.mkdirSync(path.dirname(real), { recursive: true });
    fs.symlinkSync(target, real);
    return this;
  }

  read(systemPath: string): string {
    return fs.readFileSync(path.join(this.path, systemPath), 'utf8');
  }

  mode(systemPath: string): number {
    return fs.statSync(path.join(this.path, systemPath)).mode & 0o7777;
  }

  /** Whether the path exists (a dangling symlink counts: under a root, absolute link targets do not resolve). */
  exists(systemPath: string): boolean {
    try {
      fs.lstatSync(path.join(this.path, systemPath));
      return true;
    } catch {
      return false;
    }
  }

  remove(): void {
    fs.rmSync(this.path, { recursive: true, force: true });
  }

  /** A Debian-like base: accounts, login.defs, PAM, os-release, dpkg status. */
  static debianBase(): PlantedRoot {
    return new PlantedRoot()
      .write('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n')
      .write('/etc/hostname', 'planted\n')
      .write('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n')
      .write('/etc/group', 'root:x:0:\ndaemon:x:1:\nshadow:x:42:\nsudo:x:27:\n')
      .write('/etc/shadow', 'root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n', 0o640)
      .write('/etc/shells', '/bin/sh\n/bin/bash\n')
      .write('/etc/login.defs', 'PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\nUMASK\t\t022\nENCRYPT_METHOD SHA512\n')
      .write('/etc/pam.d/common-auth', 'auth\t[success=1 default=ignore]\tpam_unix.so nullok\nauth\trequisite\t\t\tpam_deny.so\n')
      .write('/etc/pam.d/common-password', 'password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\npassword\trequisite\t\t\tpam_deny.so\n')
      .write('/etc/pam.d/su', 'auth       sufficient pam_rootok.so\n# auth       required   pam_wheel.so\n@include common-auth\n')
      .write('/var/lib/dpkg/status', 'Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u5\nArchitecture: amd64\n\nPackage: libssl3\nStatus: install ok installed\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nDescription: ssl\n multi-line\n\nPackage: removed-one\nStatus: deinstall ok config-files\nVersion: 1.0\n\nPackage: bash\nStatus: install ok installed\nSource: bash (5.2.15-2)\nVersion: 5.2.15-2+b7\nArchitecture: amd64\n');
  }
}
