import type { RemediationScript, RemediationStep } from '@rampart/host-facts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PlantedRoot } from '../collect/planted-root.fixture';
import { applyRemediation, parseRemediationScript } from './remediation.runner';

const script = (steps: RemediationStep[], expect: RemediationScript['expect'] = []): RemediationScript => ({ format: 'rampart-remediation/v1', taskId: 'task-1', itemId: 'TEST-1', title: 'test', steps, expect });

describe('applying a remediation', () => {
  let root: PlantedRoot;
  let backups: string;
  const apply = (s: RemediationScript) => applyRemediation(s, { root: root.path, backupDir: backups, collect: { skipPasswordTest: true, budgetMs: 5000 } });

  beforeEach(() => {
    root = PlantedRoot.debianBase()
      .write('/etc/ssh/sshd_config', '# comment\nInclude /etc/ssh/sshd_config.d/*.conf\n#PermitRootLogin prohibit-password\nPermitRootLogin yes\npermitrootlogin without-password\nMatch User git\n  PermitRootLogin yes\n', 0o600)
      .write('/etc/security/pwquality.conf', 'minlen = 8\nminlen = 9\n')
      .write('/etc/world.conf', 'x', 0o666)
      .link('/etc/systemd/system/multi-user.target.wants/avahi-daemon.service', '/lib/systemd/system/avahi-daemon.service')
      .write('/lib/systemd/system/avahi-daemon.service', '[Unit]\n');
    backups = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-backup-'));
  });

  afterEach(() => {
    root.remove();
    fs.rmSync(backups, { recursive: true, force: true });
  });

  it('sets a key where it is effective, disables later duplicates, and leaves Match blocks alone', async () => {
    const result = await apply(script([{ kind: 'set-key-in-file', path: '/etc/ssh/sshd_config', key: 'PermitRootLogin', value: 'no', separator: ' ', caseInsensitive: true, insertAt: 'top', stopAt: '^\\s*Match\\s' }], [{ path: 'ssh.settings.permitrootlogin[0]', op: 'equals', value: 'no', description: 'PermitRootLogin no' }]));
    expect(result.status).toBe('APPLIED');
    expect(root.read('/etc/ssh/sshd_config')).toBe('# comment\nInclude /etc/ssh/sshd_config.d/*.conf\n#PermitRootLogin prohibit-password\nPermitRootLogin no\n# permitrootlogin without-password  # disabled by rampart\nMatch User git\n  PermitRootLogin yes\n');
    expect(root.mode('/etc/ssh/sshd_config')).toBe(0o600);
    expect(fs.readFileSync(path.join(backups, 'files', 'etc', 'ssh', 'sshd_config'), 'utf8')).toContain('PermitRootLogin yes');
  });

  it('edits accounts, modes, PAM words and unit links, and is idempotent', async () => {
    const steps: RemediationStep[] = [
      { kind: 'lock-account', account: 'daemon' },
      { kind: 'set-account-field', account: 'root', field: 'maxDays', value: '365' },
      { kind: 'set-account-field', account: 'daemon', field: 'shell', value: '/usr/sbin/nologin' },
      { kind: 'chmod', path: '/etc/world.conf', mode: 0o644 },
      { kind: 'remove-word', path: '/etc/pam.d/common-auth', linePattern: 'pam_unix\\.so', word: 'nullok' },
      { kind: 'insert-line', path: '/etc/pam.d/common-password', line: 'password\trequired\tpam_pwhistory.so remember=24', before: '^\\s*password\\s+.*pam_unix\\.so' },
      { kind: 'set-key-in-file', path: '/etc/security/pwquality.conf', key: 'minlen', value: '14', separator: ' = ' },
      { kind: 'sysctl-set', key: 'net.ipv4.ip_forward', value: '0', file: '/etc/sysctl.d/60-rampart-baseline.conf' },
      { kind: 'disable-unit', unit: 'avahi-daemon.service' },
      { kind: 'write-file', path: '/etc/profile.d/50-rampart-tmout.sh', content: 'TMOUT=900\nreadonly TMOUT\nexport TMOUT\n', mode: 0o644 },
      { kind: 'run', argv: ['sshd', '-t'], purpose: 'validate' },
    ];
    const first = await apply(script(steps, [{ path: 'accounts.users[name=root].shadow.maxDays', op: 'equals', value: 365, description: 'root max age' }, { path: 'services.units[name=avahi-daemon.service].enabled', op: 'equals', value: false, description: 'avahi disabled' }]));
    expect(first.status).toBe('APPLIED');
    expect(root.read('/etc/shadow')).toContain('daemon:!*:');
    expect(root.read('/etc/shadow')).toContain('root:*:19000:0:365:7:::');
    expect(root.read('/etc/passwd')).toContain('daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin');
    expect(root.mode('/etc/shadow')).toBe(0o640);
    expect(root.mode('/etc/world.conf')).toBe(0o644);
    expect(root.read('/etc/pam.d/common-auth').split('\n')[0]).toBe('auth\t[success=1 default=ignore]\tpam_unix.so');
    expect(root.read('/etc/pam.d/common-password').split('\n')[0]).toBe('password\trequired\tpam_pwhistory.so remember=24');
    expect(root.read('/etc/security/pwquality.conf')).toBe('minlen = 14\n# minlen = 9  # disabled by rampart\n');
    expect(root.read('/etc/sysctl.d/60-rampart-baseline.conf')).toBe('net.ipv4.ip_forward = 0\n');
    expect(root.exists('/etc/systemd/system/multi-user.target.wants/avahi-daemon.service')).toBe(false);
    expect(first.steps.at(-1)).toEqual(expect.objectContaining({ outcome: 'skipped' }));
    const second = await apply(script(steps));
    expect(second.steps.filter((s) => s.outcome === 'changed')).toEqual([]);
  });

  it('restores every file, link and new file when verification fails', async () => {
    const before = { sshd: root.read('/etc/ssh/sshd_config'), shadow: root.read('/etc/shadow') };
    const result = await apply(
      script(
        [
          { kind: 'lock-account', account: 'root' },
          { kind: 'set-key-in-file', path: '/etc/ssh/sshd_config', key: 'PermitRootLogin', value: 'no', separator: ' ', insertAt: 'top' },
          { kind: 'write-file', path: '/etc/new.conf', content: 'x\n', mode: 0o600 },
          { kind: 'disable-unit', unit: 'avahi-daemon.service' },
          { kind: 'chmod', path: '/etc/world.conf', mode: 0o600 },
        ],
        [{ path: 'ssh.settings.permitrootlogin[0]', op: 'equals', value: 'something-else', description: 'impossible' }],
      ),
    );
    expect(result.status).toBe('VERIFY_FAILED_RESTORED');
    expect(result.expectations).toEqual([{ description: 'impossible', holds: false, actual: 'no' }]);
    expect(root.read('/etc/ssh/sshd_config')).toBe(before.sshd);
    expect(root.read('/etc/shadow')).toBe(before.shadow);
    expect(root.exists('/etc/new.conf')).toBe(false);
    expect(root.exists('/etc/systemd/system/multi-user.target.wants/avahi-daemon.service')).toBe(true);
    expect(root.mode('/etc/world.conf')).toBe(0o666);
  });

  it('restores when a step fails, and refuses commands outside the allow list', async () => {
    const failedAnchor = await apply(script([{ kind: 'chmod', path: '/etc/world.conf', mode: 0o600 }, { kind: 'insert-line', path: '/etc/pam.d/common-auth', line: 'auth required pam_faillock.so preauth', before: '^no such line' }]));
    expect(failedAnchor).toEqual(expect.objectContaining({ status: 'FAILED_RESTORED', restored: ['/etc/world.conf'] }));
    expect(root.mode('/etc/world.conf')).toBe(0o666);
    const notAllowed = await apply(script([{ kind: 'run', argv: ['rm', '-rf', '/'], purpose: 'validate' }]));
    expect(notAllowed).toEqual(expect.objectContaining({ status: 'FAILED_RESTORED', error: expect.stringContaining('command not allowed: rm -rf /') }));
  });

  it('renders the steps as a reviewable shell script in dry-run', async () => {
    const result = await applyRemediation(script([{ kind: 'chmod', path: '/etc/world.conf', mode: 0o644 }]), { root: root.path, dryRun: true });
    expect(result.status).toBe('DRY_RUN');
    expect(result.script).toContain("chmod 0644 '/etc/world.conf'");
    expect(root.mode('/etc/world.conf')).toBe(0o666);
  });

  it('rejects scripts with relative or climbing paths and bad task ids', () => {
    expect(() => parseRemediationScript({ ...script([]), taskId: '../x' })).toThrow('taskId');
    expect(() => parseRemediationScript(script([{ kind: 'chmod', path: '/etc/../../x', mode: 0o600 }]))).toThrow("steps[0] path must be absolute without '..'");
    expect(() => parseRemediationScript({ format: 'other' })).toThrow('not a rampart-remediation/v1 script');
  });
});
