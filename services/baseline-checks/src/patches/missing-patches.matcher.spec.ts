import type { InstalledPackage } from '@rampart/host-facts';
import { findMissingPatches } from './missing-patches.matcher';
import { parseDebianOval } from './oval-feed.parser';
import { parseOsvFeed, VulnerabilityFeedInvalidError } from './osv-feed.parser';
import { VulnerabilityIndex } from './vulnerability-advisory';
import { loadVulnerabilityFeed } from './vulnerability-feed.loader';

const pkg = (name: string, version: string, sourceName = name, sourceVersion = version): InstalledPackage => ({ name, version, architecture: 'amd64', sourceName, sourceVersion, status: 'install ok installed' });

const osv = (id: string, name: string, events: object[], extra: object = {}) => ({
  id,
  aliases: [`CVE-${id.slice(4)}`],
  summary: `${name} update`,
  affected: [{ package: { ecosystem: 'Debian:12', name, purl: `pkg:deb/debian/${name}?arch=source` }, ranges: [{ type: 'ECOSYSTEM', events }], ...extra }],
});

const OVAL = `<?xml version="1.0"?>
<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:linux="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux">
  <definitions>
    <definition class="vulnerability" id="oval:org.debian:def:1" version="1">
      <metadata><title>CVE-2024-0001 openssl</title><reference ref_id="CVE-2024-0001" source="CVE"/><debian><date>2024-01-01</date></debian></metadata>
      <criteria operator="AND">
        <criterion comment="Debian 12 is installed" test_ref="oval:org.debian.oval:tst:1"/>
        <criteria operator="OR">
          <criterion comment="openssl DPKG is earlier than 3.0.13-1~deb12u1" test_ref="oval:org.debian.oval:tst:2"/>
        </criteria>
      </criteria>
    </definition>
    <definition class="vulnerability" id="oval:org.debian:def:2" version="1">
      <metadata><title>CVE-2024-0002 curl</title><reference ref_id="CVE-2024-0002" source="CVE"/></metadata>
      <criteria operator="AND"><criterion test_ref="oval:org.debian.oval:tst:3"/></criteria>
    </definition>
  </definitions>
  <tests>
    <linux:dpkginfo_test id="oval:org.debian.oval:tst:2" version="1" check="all"><linux:object object_ref="oval:org.debian.oval:obj:1"/><linux:state state_ref="oval:org.debian.oval:ste:1"/></linux:dpkginfo_test>
    <linux:dpkginfo_test id="oval:org.debian.oval:tst:3" version="1" check="all"><linux:object object_ref="oval:org.debian.oval:obj:2"/><linux:state state_ref="oval:org.debian.oval:ste:2"/></linux:dpkginfo_test>
  </tests>
  <objects>
    <linux:dpkginfo_object id="oval:org.debian.oval:obj:1" version="1"><linux:name>openssl</linux:name></linux:dpkginfo_object>
    <linux:dpkginfo_object id="oval:org.debian.oval:obj:2" version="1"><linux:name>curl</linux:name></linux:dpkginfo_object>
  </objects>
  <states>
    <linux:dpkginfo_state id="oval:org.debian.oval:ste:1" version="1"><linux:evr datatype="debian_evr_string" operation="less than">0:3.0.13-1~deb12u1</linux:evr></linux:dpkginfo_state>
    <linux:dpkginfo_state id="oval:org.debian.oval:ste:2" version="1"><linux:evr datatype="debian_evr_string" operation="less than">0:7.88.1-10+deb12u5</linux:evr></linux:dpkginfo_state>
  </states>
</oval_definitions>`;

describe('missing patches from a vulnerability feed', () => {
  const inventory = [
    pkg('libssl3', '3.0.11-1~deb12u2', 'openssl'),
    pkg('openssl', '3.0.11-1~deb12u2'),
    pkg('curl', '7.88.1-10+deb12u5'),
    pkg('libcurl4', '7.88.1-10+deb12u5', 'curl'),
    pkg('libc6', '2.36-9+deb12u4', 'glibc'),
    pkg('bash', '5.2.15-2+b7', 'bash', '5.2.15-2'), // binNMU: the source version is what advisories name
  ];

  it('matches by source package with dpkg ordering, one result per (package, advisory)', () => {
    const index = new VulnerabilityIndex(
      parseOsvFeed(
        [
          osv('DSA-5532-1', 'openssl', [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u3' }]),
          osv('DSA-5000-1', 'openssl', [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }]), // exactly installed: fixed
          osv('DSA-5600-1', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u7' }]),
          osv('DSA-5100-1', 'bash', [{ introduced: '0' }, { fixed: '5.2.15-2+b1' }]), // the binNMU binary version (+b7) would hide it
          osv('DSA-5700-1', 'curl', [{ introduced: '7.88.1-10+deb12u6' }, { fixed: '7.88.1-10+deb12u8' }]), // introduced later
        ]
          .map((r) => JSON.stringify(r))
          .join('\n'),
      ),
    );
    const missing = findMissingPatches(inventory, index);
    expect(missing.map((m) => [m.sourcePackage, m.advisoryId, m.fixedVersion])).toEqual([
      ['bash', 'DSA-5100-1', '5.2.15-2+b1'],
      ['glibc', 'DSA-5600-1', '2.36-9+deb12u7'],
      ['openssl', 'DSA-5532-1', '3.0.11-1~deb12u3'],
    ]);
    expect(missing[2].binaryPackages).toEqual(['libssl3', 'openssl']);
    expect(missing[0].installedVersion).toBe('5.2.15-2');
    expect(missing[2].aliases).toEqual(['CVE-5532-1']);
  });

  it('reads OSV ranges: last_affected, several ranges, explicit versions, other ecosystems ignored', () => {
    const records = [
      osv('DLA-1', 'glibc', [{ introduced: '0' }, { last_affected: '2.36-9+deb12u4' }]),
      { ...osv('DLA-2', 'curl', [{ introduced: '0' }, { fixed: '7.0' }, { introduced: '7.88.1-10+deb12u1' }, { fixed: '7.88.1-10+deb12u6' }]) },
      osv('DLA-3', 'bash', [], { versions: ['5.2.15-2'] }),
      { id: 'DLA-4', affected: [{ package: { ecosystem: 'Debian:11', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9.9' }] }] }] },
    ];
    const index = new VulnerabilityIndex(parseOsvFeed(JSON.stringify(records)));
    expect(index.size).toBe(3);
    const missing = findMissingPatches(inventory, index, { includeUnfixed: true });
    expect(missing.map((m) => `${m.sourcePackage}:${m.advisoryId}:${m.fixedVersion}`)).toEqual(['bash:DLA-3:', 'curl:DLA-2:7.88.1-10+deb12u6', 'glibc:DLA-1:']);
    expect(findMissingPatches(inventory, index).map((m) => m.advisoryId)).toEqual(['DLA-2']);
  });

  it('reads Debian OVAL definitions (evr less than) as fixed versions', () => {
    const advisories = parseDebianOval(OVAL);
    expect(advisories).toEqual([
      expect.objectContaining({ id: 'CVE-2024-0001', sourcePackage: 'openssl', ranges: [{ introduced: null, fixed: '3.0.13-1~deb12u1' }], feed: 'oval' }),
      expect.objectContaining({ id: 'CVE-2024-0002', sourcePackage: 'curl', ranges: [{ introduced: null, fixed: '7.88.1-10+deb12u5' }] }),
    ]);
    const missing = findMissingPatches(inventory, loadVulnerabilityFeed(OVAL));
    expect(missing.map((m) => `${m.sourcePackage}:${m.advisoryId}`)).toEqual(['openssl:CVE-2024-0001']);
  });

  it('names the broken part of a feed', () => {
    expect(() => parseOsvFeed('{not json')).toThrow(VulnerabilityFeedInvalidError);
    expect(() => parseOsvFeed(JSON.stringify([{ summary: 'no id' }]))).toThrow('records[0]');
    expect(() => parseDebianOval('<nothing/>')).toThrow('no oval_definitions');
  });

  it('accepts an OSV export wrapped in {vulns: [...]} and single records', () => {
    expect(parseOsvFeed(JSON.stringify({ vulns: [osv('DSA-1-1', 'curl', [{ introduced: '0' }, { fixed: '8' }])] }))).toHaveLength(1);
    expect(parseOsvFeed(JSON.stringify(osv('DSA-1-1', 'curl', [{ introduced: '0' }, { fixed: '8' }])))[0].sourcePackage).toBe('curl');
  });
});
