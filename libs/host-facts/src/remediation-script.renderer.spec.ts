import { spawnSync } from 'node:child_process';
import { renderRemediationScript } from './remediation-script.renderer';

describe('rendering a remediation for review', () => {
  it('backs up touched files first and renders each step as shell', () => {
    const text = renderRemediationScript({
      format: 'rampart-remediation/v1',
      taskId: 'task-7',
      itemId: 'SSH-01',
      title: 'SSH root login is disabled',
      steps: [
        { kind: 'set-key-in-file', path: '/etc/ssh/sshd_config', key: 'PermitRootLogin', value: 'no', separator: ' ', insertAt: 'top' },
        { kind: 'sysctl-set', key: 'net.ipv4.ip_forward', value: '0', file: '/etc/sysctl.d/60-rampart-baseline.conf' },
        { kind: 'lock-account', account: "o'brien" },
        { kind: 'write-file', path: '/etc/profile.d/tmout.sh', content: 'TMOUT=900\n', mode: 0o644 },
        { kind: 'run', argv: ['sshd', '-t'], purpose: 'validate' },
      ],
      expect: [{ path: 'ssh.settings.permitrootlogin[0]', op: 'equals', value: 'no', description: 'sshd PermitRootLogin no' }],
    });
    expect(text.split('\n').slice(0, 9)).toEqual([
      '#!/bin/sh',
      '# Rampart remediation SSH-01: SSH root login is disabled',
      '# task task-7; the agent applies these steps itself and restores the backup when verification fails',
      'set -eu',
      "mkdir -p '/var/backups/rampart/task-7'",
      "[ -e '/etc/ssh/sshd_config' ] && cp -a --parents '/etc/ssh/sshd_config' '/var/backups/rampart/task-7' || true",
      "[ -e '/etc/sysctl.d/60-rampart-baseline.conf' ] && cp -a --parents '/etc/sysctl.d/60-rampart-baseline.conf' '/var/backups/rampart/task-7' || true",
      "[ -e '/etc/shadow' ] && cp -a --parents '/etc/shadow' '/var/backups/rampart/task-7' || true",
      "[ -e '/etc/profile.d/tmout.sh' ] && cp -a --parents '/etc/profile.d/tmout.sh' '/var/backups/rampart/task-7' || true",
    ]);
    expect(text).toContain("sysctl -w 'net.ipv4.ip_forward=0'");
    expect(text).toContain("passwd -l 'o'\\''brien'");
    expect(text).toContain("cat > '/etc/profile.d/tmout.sh' <<'RAMPART_EOF'\nTMOUT=900\nRAMPART_EOF");
    expect(text).toContain("'sshd' '-t'");
    expect(text).toContain('#   sshd PermitRootLogin no');
    expect(spawnSync('sh', ['-n'], { input: text }).status).toBe(0);
  });
});
