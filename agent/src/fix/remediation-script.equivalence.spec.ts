import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderRemediationScript, type RemediationScript, type RemediationStep } from '@rampart/host-facts';
import { PlantedRoot } from '../collect/planted-root.fixture';
import { HostReader } from '../collect/host.reader';
import { FileBackup } from './file.backup';
import { RemediationStepExecutor } from './remediation-step.executor';

const FILES: Readonly<Record<string, string>> = {
  '/etc/login.defs': 'MAIL_DIR /var/mail\nPASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\n',
  '/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\n#PermitRootLogin prohibit-password\nPermitRootLogin yes\nUsePAM yes\n',
  '/etc/pam.d/common-auth': 'auth\t[success=1 default=ignore]\tpam_unix.so nullok\nauth\trequisite\t\t\tpam_deny.so\n',
  '/etc/pam.d/common-password': 'password\trequisite\t\t\tpam_pwquality.so retry=3\npassword\t[success=1 default=ignore]\tpam_unix.so obscure use_authtok yescrypt\npassword\trequisite\t\t\tpam_deny.so\n',
  '/etc/security/pwquality.conf': '# minlen = 8\nminlen = 8\n',
  '/etc/sysctl.d/60-rampart.conf': 'net.ipv4.ip_forward = 1\n',
  '/etc/world.conf': 'x\n',
};

const STEPS: readonly RemediationStep[] = [
  { kind: 'set-key-in-file', path: '/etc/login.defs', key: 'PASS_MAX_DAYS', value: '365', separator: '\t' },
  { kind: 'set-key-in-file', path: '/etc/login.defs', key: 'UMASK', value: '027', separator: '\t' },
  { kind: 'set-key-in-file', path: '/etc/ssh/sshd_config', key: 'PermitRootLogin', value: 'no', separator: ' ', caseInsensitive: true, insertAt: 'top' },
  { kind: 'set-key-in-file', path: '/etc/ssh/sshd_config', key: 'MaxAuthTries', value: '4', separator: ' ', insertAt: 'top' },
  { kind: 'set-key-in-file', path: '/etc/security/pwquality.conf', key: 'minlen', value: '14', separator: ' = ' },
  { kind: 'set-key-in-file', path: '/etc/security/faillock.conf', key: 'deny', value: '5', separator: ' = ', createMode: 0o644 },
  { kind: 'append-line', path: '/etc/security/pwquality.conf', line: 'enforce_for_root' },
  { kind: 'insert-line', path: '/etc/pam.d/common-password', line: 'password\trequired\tpam_pwhistory.so remember=24 use_authtok', before: '^\\s*password\\s+.*pam_unix\\.so' },
  { kind: 'insert-line', path: '/etc/pam.d/common-auth', line: 'auth\t[default=die]\tpam_faillock.so authfail', after: 'pam_unix\\.so' },
  { kind: 'remove-word', path: '/etc/pam.d/common-auth', linePattern: 'pam_unix\\.so', word: 'nullok' },
  { kind: 'remove-line', path: '/etc/pam.d/common-password', pattern: '^\\s*password\\s+\\S+\\s+pam_pwquality\\.so' },
  { kind: 'sysctl-set', key: 'net.ipv4.ip_forward', value: '0', file: '/etc/sysctl.d/60-rampart.conf' },
  { kind: 'sysctl-set', key: 'kernel.yama.ptrace_scope', value: '1', file: '/etc/sysctl.d/60-rampart.conf' },
  { kind: 'write-file', path: '/etc/profile.d/50-rampart-tmout.sh', content: 'TMOUT=900\nreadonly TMOUT\nexport TMOUT\n', mode: 0o644 },
  { kind: 'chmod', path: '/etc/world.conf', mode: 0o644 },
];

const rebase = (step: RemediationStep, root: string): RemediationStep => {
  if ('path' in step) return { ...step, path: path.join(root, step.path) };
  if (step.kind === 'sysctl-set') return { ...step, file: path.join(root, step.file) };
  return step;
};

describe('the reviewable shell script', () => {
  it('does to the files what the agent does', () => {
    const byAgent = new PlantedRoot();
    const byScript = new PlantedRoot();
    for (const [file, content] of Object.entries(FILES)) {
      byAgent.write(file, content);
      byScript.write(file, content);
    }
    byAgent.mkdir('/etc/profile.d').mkdir('/etc/security');
    byScript.mkdir('/etc/profile.d').mkdir('/etc/security');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-render-'));
    try {
      const executor = new RemediationStepExecutor(new HostReader(byAgent.path), new FileBackup(path.join(scratch, 'agent-backup')));
      for (const step of STEPS) executor.apply(step);

      const script: RemediationScript = { format: 'rampart-remediation/v1', taskId: 'render', itemId: 'TEST', title: 'equivalence', steps: STEPS.map((s) => rebase(s, byScript.path)), expect: [] };
      // sysctl -w would change this machine: a stub stands in for it
      fs.mkdirSync(path.join(scratch, 'bin'));
      fs.writeFileSync(path.join(scratch, 'bin', 'sysctl'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      execFileSync('sh', ['-c', renderRemediationScript(script, { backupDir: path.join(scratch, 'script-backup') })], { env: { ...process.env, PATH: `${path.join(scratch, 'bin')}:${process.env.PATH ?? ''}` }, stdio: 'pipe' });

      for (const file of [...Object.keys(FILES), '/etc/security/faillock.conf', '/etc/profile.d/50-rampart-tmout.sh']) {
        const agentText = byAgent.read(file);
        const scriptText = byScript.read(file);
        // the agent also comments out later duplicate assignments, which the script does not: compare active lines
        const active = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
        expect([file, active(scriptText)]).toEqual([file, active(agentText)]);
        expect([file, byScript.mode(file)]).toEqual([file, byAgent.mode(file)]);
      }
      expect(fs.existsSync(path.join(scratch, 'script-backup', byScript.path, 'etc', 'login.defs'))).toBe(true);
    } finally {
      byAgent.remove();
      byScript.remove();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
