import { defineItem, type BaselineCheckItem } from '../baseline-check-item';
import { enabledUnits, installedPackages, manual, need, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
const HIGH_RISK_PORTS = [21, 23, 69, 111, 135, 137, 138, 139, 445, 512, 513, 514, 873, 2049, 2375, 3306, 5432, 5984, 6379, 9200, 11211, 27017];

export const servicesItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'SVC-01',
    title: 'Insecure client packages are not installed',
    severity: 'LOW',
    category: 'services',
    standards: [cis('2.2.1'), cis('2.2.2'), cis('2.2.3'), cis('2.2.4'), cis('2.2.5'), cis('2.2.6'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'apt purge nis rsh-client talk telnet inetutils-telnet ldap-utils ftp tnftp (unless required).',
    params: { packages: { type: 'string-list', default: ['nis', 'rsh-client', 'talk', 'telnet', 'inetutils-telnet', 'ldap-utils', 'ftp', 'tnftp'], description: 'packages that must not be installed' } },
    evaluate(facts, params) {
      const installed = installedPackages(facts);
      return verdict(params.packages.filter((p) => installed.has(p)).map((p) => ({ subject: p, detail: 'installed' })), 'cleartext client tools are installed', 'no insecure clients');
    },
  }),
  defineItem({
    id: 'SVC-02',
    title: 'Unneeded server daemons are not enabled',
    severity: 'MEDIUM',
    category: 'services',
    standards: [...['2.1.1', '2.1.2', '2.1.3', '2.1.4', '2.1.5', '2.1.6', '2.1.7', '2.1.8', '2.1.9', '2.1.11', '2.1.12', '2.1.13', '2.1.14', '2.1.15', '2.1.17', '2.1.18'].map(cis), mlps('8.1.4.4b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'systemctl disable --now the listed units, or add them to the allow list when the host needs them.',
    params: {
      units: {
        type: 'string-list',
        default: ['autofs', 'avahi-daemon', 'avahi-daemon.socket', 'isc-dhcp-server', 'isc-dhcp-server6', 'named', 'bind9', 'dnsmasq', 'vsftpd', 'proftpd', 'slapd', 'dovecot', 'nfs-server', 'rpcbind', 'rpcbind.socket', 'cups', 'cups.socket', 'rsync', 'smbd', 'nmbd', 'snmpd', 'squid', 'apache2', 'nginx'],
        description: 'units that should not be enabled',
      },
      allowed: { type: 'string-list', default: [], description: 'units this host needs' },
    },
    evaluate(facts, params) {
      const enabled = enabledUnits(facts);
      const faults = params.units.filter((u) => !params.allowed.includes(u) && (enabled.has(u) || enabled.has(`${u}.service`))).map((u) => ({ subject: u, detail: 'enabled' }));
      return verdict(faults, 'services that widen the attack surface are enabled', 'no unneeded daemons enabled');
    },
    fix(facts, params) {
      const enabled = enabledUnits(facts);
      const units = params.units.filter((u) => !params.allowed.includes(u) && (enabled.has(u) || enabled.has(`${u}.service`))).map((u) => (u.includes('.') ? u : `${u}.service`));
      if (units.length === 0) return null;
      return {
        steps: units.map((unit) => ({ kind: 'disable-unit' as const, unit })),
        expect: units.map((unit) => ({ path: `services.units[name=${unit}].enabled`, op: 'equals' as const, value: false, description: `${unit} disabled` })),
      };
    },
  }),
  defineItem({
    id: 'SVC-03',
    title: 'High-risk ports are not exposed',
    severity: 'HIGH',
    category: 'services',
    standards: [cis('2.1.22'), mlps('8.1.4.4b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Bind the listed services to 127.0.0.1 / ::1, stop them, or filter the port in the host firewall.',
    params: {
      ports: { type: 'string-list', default: HIGH_RISK_PORTS.map(String), description: 'ports that must not listen on a public address' },
      allowed: { type: 'string-list', default: [], description: 'ports this host may expose' },
    },
    evaluate(facts, params) {
      if (facts.listeners.status === 'unavailable') return manual(`listeners not collected (${facts.listeners.reason}); check exposed ports on the running host`);
      const listeners = need(facts.listeners, 'listeners');
      const faults = listeners
        .filter((l) => params.ports.includes(String(l.port)) && !params.allowed.includes(String(l.port)) && !LOOPBACK.test(l.address))
        .map((l) => ({ subject: `${l.protocol}/${l.port}`, detail: `listening on ${l.address}${l.process === null ? '' : ` (${l.process})`}` }));
      return verdict(faults, 'high-risk services listen on public addresses', 'no high-risk port exposed');
    },
  }),
  defineItem({
    id: 'SVC-04',
    title: 'Cleartext remote login and legacy super-servers are absent',
    severity: 'HIGH',
    category: 'services',
    standards: [cis('2.1.10'), cis('2.1.16'), cis('2.1.19'), mlps('8.1.4.1c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'apt purge telnetd inetutils-telnetd rsh-server nis xinetd openbsd-inetd tftpd-hpa (use SSH instead).',
    params: { packages: { type: 'string-list', default: ['telnetd', 'inetutils-telnetd', 'telnetd-ssl', 'rsh-server', 'rsh-redone-server', 'nis', 'xinetd', 'openbsd-inetd', 'inetutils-inetd', 'tftpd', 'tftpd-hpa', 'atftpd'], description: 'server packages that must not be installed' } },
    evaluate(facts, params) {
      const installed = installedPackages(facts);
      return verdict(params.packages.filter((p) => installed.has(p)).map((p) => ({ subject: p, detail: 'installed' })), 'credentials could cross the network in clear text', 'no cleartext servers');
    },
  }),
  defineItem({
    id: 'SVC-05',
    title: 'No X window server on a server host',
    severity: 'LOW',
    category: 'services',
    standards: [cis('2.1.20'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'apt purge xserver-xorg* unless the host is a workstation.',
    params: {},
    evaluate(facts) {
      const faults = [...installedPackages(facts)].filter((p) => p.startsWith('xserver-xorg-core') || p === 'xserver-common' || p === 'xwayland').map((p) => ({ subject: p, detail: 'installed' }));
      return verdict(faults, 'a graphical server is installed', 'no X server');
    },
  }),
  defineItem({
    id: 'SVC-06',
    title: 'The mail transfer agent accepts local mail only',
    severity: 'MEDIUM',
    category: 'services',
    standards: [cis('2.1.21'), mlps('8.1.4.4b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Configure the MTA to listen on loopback only (exim4: dc_local_interfaces=127.0.0.1 ; ::1, postfix: inet_interfaces = loopback-only).',
    params: {},
    evaluate(facts) {
      if (facts.listeners.status === 'unavailable') return manual(`listeners not collected (${facts.listeners.reason})`);
      const faults = need(facts.listeners, 'listeners')
        .filter((l) => l.protocol.startsWith('tcp') && [25, 465, 587].includes(l.port) && !LOOPBACK.test(l.address))
        .map((l) => ({ subject: `tcp/${l.port}`, detail: `MTA listening on ${l.address}${l.process === null ? '' : ` (${l.process})`}` }));
      return verdict(faults, 'the MTA accepts mail from the network', 'no MTA listening beyond loopback');
    },
  }),
];
