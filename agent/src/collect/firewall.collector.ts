import { collected, type AntivirusFacts, type DockerFacts, type FirewallFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { parseKeyValues } from './config-text.parser';
import type { HostReader } from './host.reader';

export function collectFirewall(reader: HostReader, installed: ReadonlySet<string>): FirewallFacts {
  const nft = reader.readText('/etc/nftables.conf') ?? '';
  const inputChains = [...nft.matchAll(/hook\s+input[^;]*;[^}]*?policy\s+(\w+)/g)].map((m) => m[1]);
  const ufwConf = parseKeyValues(reader.readText('/etc/ufw/ufw.conf') ?? '', '/etc/ufw/ufw.conf');
  const ufwDefaults = parseKeyValues(reader.readText('/etc/default/ufw') ?? '', '/etc/default/ufw');
  const rulesV4 = reader.readText('/etc/iptables/rules.v4') ?? '';
  return {
    nftablesInstalled: installed.has('nftables'),
    nftablesConfigHasDropInput: inputChains.some((p) => p === 'drop'),
    ufwInstalled: installed.has('ufw'),
    ufwEnabled: ufwConf.ENABLED?.value === 'yes',
    ufwDefaultInputPolicy: ufwDefaults.DEFAULT_INPUT_POLICY?.value ?? null,
    iptablesPersistentInstalled: installed.has('iptables-persistent'),
    iptablesRulesDropInput: /^:INPUT\s+DROP\b/m.test(rulesV4),
  };
}

export function collectDocker(reader: HostReader, installed: ReadonlySet<string>): DockerFacts {
  const isInstalled = ['docker-ce', 'docker.io', 'moby-engine', 'podman-docker'].some((p) => installed.has(p)) || reader.exists('/usr/bin/dockerd');
  let daemonConfig: Record<string, unknown> | null = null;
  const text = reader.readText('/etc/docker/daemon.json');
  if (text !== null) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) daemonConfig = parsed as Record<string, unknown>;
    } catch {
      daemonConfig = { __invalid__: true };
    }
  }
  const group = (reader.readText('/etc/group') ?? '').split('\n').find((l) => l.startsWith('docker:'));
  return {
    installed: isInstalled,
    daemonConfig,
    socket: reader.meta('/run/docker.sock') ?? reader.meta('/var/run/docker.sock'),
    groupMembers: group === undefined ? [] : (group.split(':')[3] ?? '').split(',').filter((m) => m !== ''),
  };
}

export function collectAntivirus(reader: HostReader, installed: ReadonlySet<string>): AntivirusFacts {
  const products = ['clamav', 'clamav-daemon', 'clamav-freshclam', 'clamdscan', 'sophos-av', 'rkhunter', 'chkrootkit', 'falcon-sensor', 'mdatp'].filter((p) => installed.has(p));
  let newest: Date | null = null;
  for (const file of reader.listFiles('/var/lib/clamav', /\.(cvd|cld)$/)) {
    const meta = reader.meta(file);
    if (meta !== null && (newest === null || new Date(meta.mtime) > newest)) newest = new Date(meta.mtime);
  }
  return { products, signaturesUpdatedAt: newest?.toISOString() ?? null };
}

export const firewallCollector: Collector<'firewall' | 'docker' | 'antivirus'> = {
  name: 'firewall',
  keys: ['firewall', 'docker', 'antivirus'],
  collect: ({ reader, installed }) => ({
    firewall: collected(collectFirewall(reader, installed)),
    docker: collected(collectDocker(reader, installed)),
    antivirus: collected(collectAntivirus(reader, installed)),
  }),
};
