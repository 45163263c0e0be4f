import { collected, type ServicesFacts, type UnitFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import type { HostReader } from './host.reader';

const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];
const UNIT_NAME = /\.(service|socket|timer|target|path|mount)$/;

/** Unit enablement as `systemctl is-enabled` derives it from the file system: links in *.wants / *.requires. */
export function collectServices(reader: HostReader): ServicesFacts {
  const unitFiles = new Map<string, string>();
  const masked = new Set<string>();
  for (const dir of UNIT_DIRS) {
    for (const name of reader.list(dir)) {
      if (!UNIT_NAME.test(name)) continue;
      const file = `${dir}/${name}`;
      if (dir === '/etc/systemd/system' && reader.readLink(file) === '/dev/null') {
        masked.add(name);
        continue;
      }
      if (!unitFiles.has(name)) unitFiles.set(name, file);
    }
  }
  const wantedBy = new Map<string, string[]>();
  for (const dir of ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']) {
    for (const entry of reader.list(dir)) {
      if (!/\.(wants|requires)$/.test(entry)) continue;
      const owner = entry.replace(/\.(wants|requires)$/, '');
      for (const unit of reader.list(`${dir}/${entry}`)) {
        // A link in /lib/... is vendor "static" wiring; only /etc/... links are what `systemctl enable` created.
        if (dir !== '/etc/systemd/system') continue;
        const base = unit.replace(/@[^.]+\./, '@.');
        for (const key of new Set([unit, base])) wantedBy.set(key, [...(wantedBy.get(key) ?? []), owner]);
      }
    }
  }
  const names = new Set([...unitFiles.keys(), ...wantedBy.keys(), ...masked]);
  const units: UnitFacts[] = [...names].sort().map((name) => ({
    name,
    unitFile: unitFiles.get(name) ?? null,
    enabled: !masked.has(name) && (wantedBy.get(name)?.length ?? 0) > 0,
    masked: masked.has(name),
    wantedBy: wantedBy.get(name) ?? [],
  }));
  return { units, systemdRunning: reader.live ? reader.isDirectory('/run/systemd/system') : null };
}

export const servicesCollector: Collector<'services'> = {
  name: 'services',
  keys: ['services'],
  collect: ({ reader }) => ({ services: collected(collectServices(reader)) }),
};
