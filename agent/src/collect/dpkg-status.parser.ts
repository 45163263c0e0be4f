import type { InstalledPackage } from '@rampart/host-facts';

/**
 * Installed packages from /var/lib/dpkg/status. `Source: name (version)` gives the source package and, when it
 * differs from the binary's (binNMU), the source version; without a Source field both equal the binary's.
 */
export function parseDpkgStatus(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    let last = '';
    for (const line of stanza.split('\n')) {
      if (line.startsWith(' ') || line.startsWith('\t')) continue; // continuation lines (descriptions, conffiles)
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon);
      fields[last] = line.slice(colon + 1).trim();
    }
    const status = fields.Status ?? '';
    if (fields.Package === undefined || fields.Version === undefined || !/\s(installed|half-configured|unpacked|triggers-awaited|triggers-pending)$/.test(status) || status.startsWith('deinstall ok config-files')) continue;
    const source = /^(\S+)(?:\s+\((\S+)\))?$/.exec(fields.Source ?? '');
    packages.push({
      name: fields.Package,
      version: fields.Version,
      architecture: fields.Architecture ?? 'all',
      sourceName: source?.[1] ?? fields.Package,
      sourceVersion: source?.[2] ?? fields.Version,
      status,
    });
  }
  return packages;
}
