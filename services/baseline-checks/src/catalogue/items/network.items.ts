import type { HostFacts } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type Evidence, type RemediationPlan } from '../baseline-check-item';
import { kernelParameterFaults, need, unitEnabled, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const SYSCTL_FILE = '/etc/sysctl.d/60-rampart-baseline.conf';

/** Persist and apply kernel parameters, then expect the persisted values. */
export function sysctlPlan(wanted: Readonly<Record<string, string>>): RemediationPlan {
  return {
    steps: Object.entries(wanted).map(([key, value]) => ({ kind: 'sysctl-set' as const, key, value, file: SYSCTL_FILE })),
    expect: Object.entries(wanted).map(([key, value]) => ({ path: `sysctl.configured["${key}"].value`, op: 'equals' as const, value, description: `${key} = ${value}` })),
  };
}

const forwardingParametersOf = (allowForwarding: boolean): Readonly<Record<string, string>> => ({
  ...(allowForwarding ? {} : { 'net.ipv4.ip_forward': '0', 'net.ipv6.conf.all.forwarding': '0' }),
  'net.ipv4.conf.all.send_redirects': '0',
  'net.ipv4.conf.default.send_redirects': '0',
  'net.ipv4.conf.all.accept_redirects': '0',
  'net.ipv4.conf.default.accept_redirects': '0',
  'net.ipv4.conf.all.secure_redirects': '0',
  'net.ipv4.conf.default.secure_redirects': '0',
  'net.ipv6.conf.all.accept_redirects': '0',
  'net.ipv6.conf.default.accept_redirects': '0',
});
const FORWARDING = { routing: forwardingParametersOf(true), host: forwardingParametersOf(false) };
const forwardingParameters = (allowForwarding: boolean): Readonly<Record<string, string>> => (allowForwarding ? FORWARDING.routing : FORWARDING.host);

const SPOOFING_PARAMETERS: Readonly<Record<string, string>> = {
  'net.ipv4.icmp_ignore_bogus_error_responses': '1',
  'net.ipv4.icmp_echo_ignore_broadcasts': '1',
  'net.ipv4.conf.all.rp_filter': '1',
  'net.ipv4.conf.default.rp_filter': '1',
  'net.ipv4.conf.all.accept_source_route': '0',
  'net.ipv4.conf.default.accept_source_route': '0',
  'net.ipv6.conf.all.accept_source_route': '0',
  'net.ipv6.conf.default.accept_source_route': '0',
  'net.ipv4.conf.all.log_martians': '1',
  'net.ipv4.conf.default.log_martians': '1',
  'net.ipv4.tcp_syncookies': '1',
};

const RA_PARAMETERS: Readonly<Record<string, string>> = { 'net.ipv6.conf.all.accept_ra': '0', 'net.ipv6.conf.default.accept_ra': '0' };

const KERNEL_HARDENING: Readonly<Record<string, string>> = { 'kernel.randomize_va_space': '2', 'kernel.yama.ptrace_scope': '1', 'fs.suid_dumpable': '0' };

/** Modules that must not load: `install <module> /bin/false` (or /bin/true) and blacklisted. */
function moduleFaults(facts: HostFacts, modules: readonly string[]): Evidence[] {
  const modprobe = need(facts.modprobe, 'modprobe');
  const faults: Evidence[] = [];
  for (const module of modules) {
    const name = module.replace(/-/g, '_');
    const install = modprobe.install[name];
    const disabled = install !== undefined && /(^|\/)(false|true)\s*$/.test(install);
    if (!disabled || !modprobe.blacklist.includes(name)) faults.push({ subject: module, detail: `${disabled ? '' : 'no `install ' + module + ' /bin/false`'}${!disabled && !modprobe.blacklist.includes(name) ? ' and ' : ''}${modprobe.blacklist.includes(name) ? '' : 'not blacklisted'}`, source: '/etc/modprobe.d' });
  }
  return faults;
}

const modulePlan = (facts: HostFacts, modules: readonly string[]): RemediationPlan | null => {
  const faulty = moduleFaults(facts, modules).map((f) => f.subject);
  if (faulty.length === 0) return null;
  return {
    steps: faulty.map((module) => ({ kind: 'write-file' as const, path: `/etc/modprobe.d/rampart-${module}.conf`, content: `install ${module} /bin/false\nblacklist ${module}\n`, mode: 0o644 })),
    expect: faulty.map((module) => ({ path: 'modprobe.blacklist', op: 'includes' as const, value: module.replace(/-/g, '_'), description: `${module} blacklisted` })),
  };
};

export const networkItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'NET-01',
    title: 'A host firewall with a default-deny input policy is active',
    severity: 'HIGH',
    category: 'network',
    standards: [cis('4.1.1'), cis('4.2.7'), cis('4.3.8'), mlps('8.1.4.4c')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Use exactly one of nftables (input chain policy drop, nftables.service enabled) or ufw (enabled, default deny incoming); allow only required ports.',
    params: {},
    evaluate(facts) {
      const fw = need(facts.firewall, 'firewall');
      const evidence: Evidence[] = [];
      const nft = fw.nftablesInstalled && fw.nftablesConfigHasDropInput && unitEnabled(facts, 'nftables');
      const ufw = fw.ufwInstalled && fw.ufwEnabled && /^(DROP|REJECT)$/i.test(fw.ufwDefaultInputPolicy ?? '');
      const ipt = fw.iptablesPersistentInstalled && fw.iptablesRulesDropInput && unitEnabled(facts, 'netfilter-persistent');
      const active = [nft && 'nftables', ufw && 'ufw', ipt && 'iptables-persistent'].filter((x): x is string => typeof x === 'string');
      if (active.length === 0) {
        evidence.push({ subject: 'nftables', detail: fw.nftablesInstalled ? `installed; input drop policy ${fw.nftablesConfigHasDropInput ? 'set' : 'missing'}; service ${unitEnabled(facts, 'nftables') ? 'enabled' : 'not enabled'}` : 'not installed', source: '/etc/nftables.conf' });
        evidence.push({ subject: 'ufw', detail: fw.ufwInstalled ? `installed; ${fw.ufwEnabled ? 'enabled' : 'disabled'}; default input ${fw.ufwDefaultInputPolicy ?? 'unset'}` : 'not installed', source: '/etc/ufw/ufw.conf' });
        return { status: 'FAIL', reason: 'no host firewall drops unsolicited traffic', evidence };
      }
      return verdict(active.length > 1 ? [{ subject: active.join(' + '), detail: 'more than one firewall utility is active' }] : [], 'firewall utilities conflict', `${active[0]} with default deny`);
    },
  }),
  defineItem({
    id: 'NET-02',
    title: 'IP forwarding and ICMP redirects are disabled',
    severity: 'MEDIUM',
    category: 'network',
    standards: [cis('3.3.1'), cis('3.3.2'), cis('3.3.5'), cis('3.3.6'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Persist net.ipv4.ip_forward=0, send/accept/secure redirects 0 in /etc/sysctl.d/60-rampart-baseline.conf and apply them.',
    params: { allowForwarding: { type: 'boolean', default: false, description: 'the host routes (router, container host)' } },
    evaluate: (facts, params) => verdict(kernelParameterFaults(facts, forwardingParameters(params.allowForwarding)), 'the host forwards or accepts redirected traffic', 'forwarding and redirects disabled'),
    fix: (_facts, params) => sysctlPlan(forwardingParameters(params.allowForwarding)),
  }),
  defineItem({
    id: 'NET-03',
    title: 'Spoofing and flooding protections are enabled',
    severity: 'MEDIUM',
    category: 'network',
    standards: [cis('3.3.3'), cis('3.3.4'), cis('3.3.7'), cis('3.3.8'), cis('3.3.9'), cis('3.3.10'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Persist rp_filter=1, accept_source_route=0, log_martians=1, icmp_* ignore=1, tcp_syncookies=1 via sysctl.d.',
    params: {},
    evaluate: (facts) => verdict(kernelParameterFaults(facts, SPOOFING_PARAMETERS), 'spoofed or flooding traffic is not filtered', 'anti-spoofing parameters set'),
    fix: () => sysctlPlan(SPOOFING_PARAMETERS),
  }),
  defineItem({
    id: 'NET-04',
    title: 'IPv6 router advertisements are not accepted',
    severity: 'LOW',
    category: 'network',
    standards: [cis('3.3.11'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Persist net.ipv6.conf.{all,default}.accept_ra=0 via sysctl.d.',
    params: {},
    evaluate: (facts) => verdict(kernelParameterFaults(facts, RA_PARAMETERS), 'rogue router advertisements can reroute traffic', 'accept_ra disabled'),
    fix: () => sysctlPlan(RA_PARAMETERS),
  }),
  defineItem({
    id: 'NET-05',
    title: 'Uncommon network protocol modules cannot load',
    severity: 'LOW',
    category: 'network',
    standards: [cis('3.2.1'), cis('3.2.2'), cis('3.2.3'), cis('3.2.4'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'For dccp, tipc, rds, sctp: `install MOD /bin/false` and `blacklist MOD` in /etc/modprobe.d/.',
    params: { modules: { type: 'string-list', default: ['dccp', 'tipc', 'rds', 'sctp'], description: 'modules that must be disabled' } },
    evaluate: (facts, params) => verdict(moduleFaults(facts, params.modules), 'rarely used protocol stacks can be loaded', 'protocol modules disabled'),
    fix: (facts, params) => modulePlan(facts, params.modules),
  }),
  defineItem({
    id: 'KRN-01',
    title: 'ASLR, ptrace restriction and core dump restriction',
    severity: 'MEDIUM',
    category: 'kernel',
    standards: [cis('1.5.1'), cis('1.5.2'), cis('1.5.3'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Persist kernel.randomize_va_space=2, kernel.yama.ptrace_scope=1, fs.suid_dumpable=0 and add `* hard core 0` to /etc/security/limits.d/.',
    params: {},
    evaluate(facts) {
      const faults = kernelParameterFaults(facts, KERNEL_HARDENING);
      const limits = need(facts.limits, 'limits');
      if (!limits.some((l) => l.domain === '*' && l.type === 'hard' && l.item === 'core' && l.value === '0')) faults.push({ subject: '* hard core 0', detail: 'core dumps not limited', source: '/etc/security/limits.conf' });
      return verdict(faults, 'memory of processes can be exposed or predicted', 'process hardening enabled');
    },
    fix() {
      const plan = sysctlPlan(KERNEL_HARDENING);
      return { steps: [...plan.steps, { kind: 'write-file', path: '/etc/security/limits.d/60-rampart-core.conf', content: '* hard core 0\n', mode: 0o644 }], expect: plan.expect };
    },
  }),
  defineItem({
    id: 'KRN-02',
    title: 'Unused file system modules cannot load',
    severity: 'LOW',
    category: 'kernel',
    standards: [cis('1.1.1.1'), cis('1.1.1.2'), cis('1.1.1.3'), cis('1.1.1.4'), cis('1.1.1.5'), cis('1.1.1.8'), cis('1.1.1.9'), mlps('8.1.4.4a')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'For cramfs, freevxfs, hfs, hfsplus, jffs2, udf, usb-storage: `install MOD /bin/false` and `blacklist MOD` in /etc/modprobe.d/.',
    params: { modules: { type: 'string-list', default: ['cramfs', 'freevxfs', 'hfs', 'hfsplus', 'jffs2', 'udf', 'usb-storage'], description: 'modules that must be disabled' } },
    evaluate: (facts, params) => verdict(moduleFaults(facts, params.modules), 'rare file systems or USB storage can be mounted', 'file system modules disabled'),
    fix: (facts, params) => modulePlan(facts, params.modules),
  }),
];
