import { collected, unavailable, type BootFacts, type ConfigSetting, type ModprobeFacts, type SysctlFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { activeLines } from './config-text.parser';
import type { HostReader } from './host.reader';

/** The kernel parameters the catalogue reads at runtime. */
export const RUNTIME_SYSCTL_KEYS = [
  'net.ipv4.ip_forward',
  'net.ipv4.conf.all.send_redirects',
  'net.ipv4.conf.default.send_redirects',
  'net.ipv4.conf.all.accept_redirects',
  'net.ipv4.conf.default.accept_redirects',
  'net.ipv4.conf.all.secure_redirects',
  'net.ipv4.conf.default.secure_redirects',
  'net.ipv4.conf.all.accept_source_route',
  'net.ipv4.conf.default.accept_source_route',
  'net.ipv4.conf.all.rp_filter',
  'net.ipv4.conf.default.rp_filter',
  'net.ipv4.conf.all.log_martians',
  'net.ipv4.conf.default.log_martians',
  'net.ipv4.icmp_echo_ignore_broadcasts',
  'net.ipv4.icmp_ignore_bogus_error_responses',
  'net.ipv4.tcp_syncookies',
  'net.ipv6.conf.all.forwarding',
  'net.ipv6.conf.all.accept_ra',
  'net.ipv6.conf.default.accept_ra',
  'net.ipv6.conf.all.accept_redirects',
  'net.ipv6.conf.default.accept_redirects',
  'net.ipv6.conf.all.accept_source_route',
  'net.ipv6.conf.default.accept_source_route',
  'kernel.randomize_va_space',
  'kernel.yama.ptrace_scope',
  'fs.suid_dumpable',
  'fs.protected_hardlinks',
  'fs.protected_symlinks',
  'kernel.dmesg_restrict',
  'kernel.kptr_restrict',
] as const;

const SYSCTL_DIRS = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'];

/** systemd-sysctl order: one file per basename (earlier directory wins), applied by basename; /etc/sysctl.conf last. */
export function collectSysctl(reader: HostReader): SysctlFacts {
  const byName = new Map<string, string>();
  for (const dir of SYSCTL_DIRS) {
    for (const file of reader.listFiles(dir, /\.conf$/)) {
      const name = file.slice(dir.length + 1);
      if (!byName.has(name)) byName.set(name, file);
    }
  }
  const files = [...byName.keys()].sort().map((name) => byName.get(name) as string);
  if (reader.exists('/etc/sysctl.conf')) files.push('/etc/sysctl.conf');
  const configured: Record<string, ConfigSetting> = {};
  for (const file of files) {
    for (const { line, text } of activeLines(reader.readText(file) ?? '', '#;')) {
      const match = /^-?\s*([^=\s]+)\s*=\s*(.*)$/.exec(text);
      if (match === null) continue;
      const key = match[1].replace(/\//g, '.');
      configured[key] = { key, value: match[2].trim(), source: `${file}:${line}` };
    }
  }
  return { configured, files };
}

function runtimeSysctl(reader: HostReader): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of RUNTIME_SYSCTL_KEYS) {
    const text = reader.readText(`/proc/sys/${key.replace(/\./g, '/')}`);
    if (text !== null) values[key] = text.trim().replace(/\s+/g, ' ');
  }
  return values;
}

function modprobe(reader: HostReader): ModprobeFacts {
  const install: Record<string, string> = {};
  const blacklist: string[] = [];
  for (const dir of ['/etc/modprobe.d', '/usr/lib/modprobe.d', '/lib/modprobe.d', '/run/modprobe.d']) {
    for (const file of reader.listFiles(dir, /\.conf$/)) {
      for (const { text } of activeLines(reader.readText(file) ?? '')) {
        const [verb, module, ...rest] = text.split(/\s+/);
        if (module === undefined) continue;
        const name = module.replace(/-/g, '_');
        if (verb === 'install' && !(name in install)) install[name] = rest.join(' ');
        if (verb === 'blacklist') blacklist.push(name);
      }
    }
  }
  return { install, blacklist: [...new Set(blacklist)] };
}

function boot(reader: HostReader): BootFacts {
  const grubConfig = reader.meta('/boot/grub/grub.cfg');
  const defaults = reader.readText('/etc/default/grub') ?? '';
  const cmdline = [...defaults.matchAll(/^\s*GRUB_CMDLINE_LINUX(?:_DEFAULT)?\s*=\s*["']?([^"'\n]*)["']?/gm)].map((m) => m[1]).join(' ').trim();
  const grubText = reader.readText('/boot/grub/grub.cfg') ?? '';
  const userConf = reader.listFiles('/etc/grub.d').map((f) => reader.readText(f) ?? '').join('\n');
  return {
    grubConfig,
    grubCmdline: reader.exists('/etc/default/grub') ? cmdline : null,
    grubPasswordSet: /^\s*password_pbkdf2\s/m.test(grubText) || /^\s*password_pbkdf2\s/m.test(userConf),
  };
}

export const kernelSettingsCollector: Collector<'sysctl' | 'sysctlRuntime' | 'modprobe' | 'boot'> = {
  name: 'kernel-settings',
  keys: ['sysctl', 'sysctlRuntime', 'modprobe', 'boot'],
  collect: ({ reader }) => ({
    sysctl: collected(collectSysctl(reader)),
    sysctlRuntime: reader.live ? collected(runtimeSysctl(reader)) : unavailable('runtime kernel parameters exist only on a live host'),
    modprobe: collected(modprobe(reader)),
    boot: collected(boot(reader)),
  }),
};
