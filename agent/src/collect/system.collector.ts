import * as fs from 'node:fs';
import { collected, unavailable, type ContainerFacts, type OsReleaseFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import type { HostReader } from './host.reader';

export function parseOsRelease(text: string): OsReleaseFacts {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match !== null) values[match[1]] = match[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return {
    id: values.ID ?? 'linux',
    versionId: values.VERSION_ID ?? null,
    versionCodename: values.VERSION_CODENAME ?? null,
    prettyName: values.PRETTY_NAME ?? null,
    idLike: (values.ID_LIKE ?? '').split(/\s+/).filter((s) => s !== ''),
  };
}

function detectContainer(reader: HostReader): ContainerFacts {
  const evidence: string[] = [];
  let runtime: ContainerFacts['runtime'] = null;
  if (reader.exists('/.dockerenv')) {
    evidence.push('/.dockerenv exists');
    runtime = 'docker';
  }
  if (reader.exists('/run/.containerenv')) {
    evidence.push('/run/.containerenv exists');
    runtime = 'podman';
  }
  const environ = reader.readText('/proc/1/environ') ?? '';
  const containerVar = /(?:^|\0)container=([^\0]*)/.exec(environ);
  if (containerVar !== null) {
    evidence.push(`PID 1 environment container=${containerVar[1]}`);
    runtime ??= containerVar[1] === 'lxc' ? 'lxc' : containerVar[1] === 'systemd-nspawn' ? 'systemd-nspawn' : containerVar[1] === 'podman' ? 'podman' : 'unknown';
  }
  const cgroup = reader.readText('/proc/1/cgroup') ?? '';
  const cgroupHit = /(docker|kubepods|containerd|lxc|libpod)/.exec(cgroup);
  if (cgroupHit !== null) {
    evidence.push(`/proc/1/cgroup mentions ${cgroupHit[1]}`);
    runtime ??= cgroupHit[1] === 'kubepods' ? 'kubernetes' : cgroupHit[1] === 'libpod' ? 'podman' : cgroupHit[1] === 'lxc' ? 'lxc' : cgroupHit[1] === 'containerd' ? 'containerd' : 'docker';
  }
  if (reader.exists('/var/run/secrets/kubernetes.io/serviceaccount')) {
    evidence.push('kubernetes service account mounted');
    runtime = 'kubernetes';
  }
  return { inContainer: evidence.length > 0, runtime, evidence };
}

function processNames(): string[] {
  const names = new Set<string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      names.add(fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim());
    } catch {
      // the process ended meanwhile
    }
  }
  return [...names].sort();
}

export const systemCollector: Collector<'os' | 'kernel' | 'container' | 'processes'> = {
  name: 'system',
  keys: ['os', 'kernel', 'container', 'processes'],
  collect: ({ reader }) => {
    const osText = reader.readText('/etc/os-release') ?? reader.readText('/usr/lib/os-release');
    return {
      os: osText === null ? unavailable('no /etc/os-release') : collected(parseOsRelease(osText)),
      kernel: reader.live
        ? collected({ release: (reader.readText('/proc/sys/kernel/osrelease') ?? '').trim(), cmdline: reader.readText('/proc/cmdline')?.trim() ?? null })
        : unavailable('the running kernel exists only on a live host'),
      container: reader.live ? collected(detectContainer(reader)) : unavailable('container runtime state exists only on a live host'),
      processes: reader.live ? collected(processNames()) : unavailable('processes exist only on a live host'),
    };
  },
};
