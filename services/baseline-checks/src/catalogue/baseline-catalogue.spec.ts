import { renderRemediationScript, type Fact, type HostFacts } from '@rampart/host-facts';
import { BASELINE_CATALOGUE, baselineCheckItem, itemsOfStandard } from './baseline-catalogue';
import { evaluateHost } from './baseline-evaluator';
import { defaultParams, fullCataloguePolicy, paramProblem } from './baseline-policy';
import { baselineItemsForEdition } from './edition-entitlement';
import { hardenedHostFacts, meta } from './hardened-host.fixture';
import { buildRemediationScript } from './remediation-script.builder';

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
const v = <T>(fact: Fact<T>): Mutable<T> => {
  if (fact.status !== 'collected') throw new Error('fixture fact not collected');
  return fact.value as Mutable<T>;
};
const statusOf = (facts: HostFacts, id: string) => evaluateHost(facts, fullCataloguePolicy()).results.find((r) => r.itemId === id);

describe('the baseline catalogue', () => {
  it('has at least 45 items with unique ids, references in the right format and valid default parameters', () => {
    expect(BASELINE_CATALOGUE.length).toBeGreaterThanOrEqual(45);
    expect(new Set(BASELINE_CATALOGUE.map((i) => i.id)).size).toBe(BASELINE_CATALOGUE.length);
    for (const item of BASELINE_CATALOGUE) {
      expect(item.standards.length).toBeGreaterThan(0);
      for (const ref of item.standards) {
        if (ref.standard === 'CIS_DEBIAN_12') expect(ref.controlId).toMatch(/^[1-7](\.\d+){1,4}$/);
        if (ref.standard === 'MLPS_2_0_L3') expect(ref.controlId).toMatch(/^8\.1\.4\.\d+[a-g]?$/);
      }
      for (const [name, spec] of Object.entries(item.params)) expect([name, paramProblem(spec, spec.default)]).toEqual([name, null]);
      expect(item.remediation.length).toBeGreaterThan(10);
    }
    expect(itemsOfStandard('CIS_DEBIAN_12').length).toBeGreaterThanOrEqual(45);
    expect(itemsOfStandard('MLPS_2_0_L3').length).toBeGreaterThanOrEqual(45);
    expect(itemsOfStandard('WEAK_PASSWORD').map((i) => i.id)).toEqual(['PWD-01', 'WPD-01', 'WPD-02', 'WPD-03']);
  });

  it('lets Advanced run weak-password items only and Enterprise everything but container items', () => {
    expect(baselineItemsForEdition('ADVANCED').every((i) => i.category === 'weak-password')).toBe(true);
    expect(baselineItemsForEdition('ENTERPRISE').some((i) => i.containerSpecific)).toBe(false);
    expect(baselineItemsForEdition('ENTERPRISE').length).toBe(BASELINE_CATALOGUE.length - BASELINE_CATALOGUE.filter((i) => i.containerSpecific).length);
    expect(baselineItemsForEdition('ULTIMATE')).toHaveLength(BASELINE_CATALOGUE.length);
    expect(baselineItemsForEdition('BASIC')).toHaveLength(0);
  });

  it('passes every item on a hardened host (role separation always needs an attestation)', () => {
    const evaluation = evaluateHost(hardenedHostFacts(), fullCataloguePolicy());
    const notPassing = evaluation.results.filter((r) => r.status !== 'PASS' && r.status !== 'NOT_APPLICABLE');
    expect(notPassing.map((r) => `${r.itemId} ${r.status} ${r.reason} ${JSON.stringify(r.evidence)}`)).toEqual([expect.stringMatching(/^ACC-07 MANUAL/), expect.stringMatching(/^INT-01 MANUAL no vulnerability feed/)]);
    expect(evaluation.results.filter((r) => r.status === 'NOT_APPLICABLE').map((r) => r.itemId)).toEqual(['WPD-01', 'WPD-02', 'WPD-03']);
  });

  // [item, what the host gets wrong, the subject the evidence must name]
  const weaknesses: readonly [string, (f: HostFacts) => void, string][] = [
    ['ACC-01', (f) => ((v(f.accounts).users[2].shadow as { passwordStatus: string }).passwordStatus = 'empty'), 'alice'],
    ['ACC-02', (f) => (v(f.accounts).users[2].passwdField = 'other'), 'alice'],
    ['ACC-03', (f) => v(f.accounts).users.push({ ...v(f.accounts).users[2], name: 'toor', uid: 0 }), 'toor'],
    ['ACC-04', (f) => v(f.accounts).users.push({ ...v(f.accounts).users[2], name: 'alice2' }), 'alice, alice2'],
    ['ACC-05', (f) => (v(f.accounts).users[1].shell = '/bin/sh'), 'daemon'],
    ['ACC-06', (f) => (v(f.accounts).useraddDefaults.INACTIVE = '-1'), 'INACTIVE'],
    ['ACC-08', (f) => v(f.accounts).groups.push({ name: 'wheel0', gid: 0, members: [] }), 'wheel0'],
    ['ACC-09', (f) => ((v(f.accounts).users[1].shadow as { passwordStatus: string }).passwordStatus = 'hashed'), 'daemon'],
    ['ACC-10', (f) => ((v(f.accounts).users[2].shadow as { lastChangeDays: number }).lastChangeDays = 99999), 'alice'],
    ['ACC-11', (f) => v(f.accounts).groups[2].members.push('alice'), 'alice'],
    ['PWD-01', (f) => (v(f.weakPasswords).accounts[1] = { account: 'alice', weak: true, reason: 'dictionary', algorithm: 'yescrypt', complete: true, candidatesTried: 17 }), 'alice'],
    ['WPD-01', (f) => v(f.weakPasswords).services.push({ service: 'mysql', account: 'root@localhost', weak: true, reason: 'empty', source: '/var/lib/mysql/mysql/global_priv.MAD' }), 'MySQL/MariaDB root@localhost'],
    ['WPD-02', (f) => v(f.weakPasswords).services.push({ service: 'postgresql', account: 'all', weak: true, reason: 'trust-authentication', source: '/etc/postgresql/15/main/pg_hba.conf:12' }), 'PostgreSQL all'],
    ['WPD-03', (f) => v(f.weakPasswords).services.push({ service: 'redis', account: 'default', weak: true, reason: 'no-password', source: '/etc/redis/redis.conf' }), 'Redis default'],
    ['PWD-02', (f) => (v(f.loginDefs).ENCRYPT_METHOD.value = 'MD5'), 'ENCRYPT_METHOD'],
    ['PWD-03', (f) => v(f.pam).services['common-password'].shift(), 'pam_pwquality.so'],
    ['PWD-04', (f) => (v(f.pwquality).settings.minlen.value = '8'), 'minlen'],
    ['PWD-05', (f) => (v(f.pwquality).settings.minclass.value = '2'), 'minclass'],
    ['PWD-06', (f) => delete v(f.pwquality).settings.enforce_for_root, 'enforce_for_root'],
    ['PWD-07', (f) => (v(f.pam).services['common-password'][1].args = ['remember=5']), 'remember'],
    ['PWD-08', (f) => (v(f.loginDefs).PASS_MAX_DAYS.value = '99999'), 'PASS_MAX_DAYS'],
    ['PWD-09', (f) => (v(f.loginDefs).PASS_MIN_DAYS.value = '0'), 'PASS_MIN_DAYS'],
    ['PWD-10', (f) => (v(f.pam).services['common-auth'][1].args = ['nullok']), 'pam_unix.so nullok'],
    ['PWD-11', (f) => (v(f.pwquality).settings.maxrepeat.value = '0'), 'maxrepeat'],
    ['LCK-01', (f) => (v(f.faillock).settings.deny.value = '0'), 'deny'],
    ['LCK-02', (f) => (v(f.shellEnvironment).tmout = []), 'TMOUT'],
    ['LCK-03', (f) => ['even_deny_root', 'root_unlock_time'].forEach((k) => delete v(f.faillock).settings[k]), 'even_deny_root'],
    ['SSH-01', (f) => (v(f.ssh).settings.permitrootlogin = ['yes']), 'PermitRootLogin'],
    ['SSH-02', (f) => (v(f.ssh).settings.permitemptypasswords = ['yes']), 'PermitEmptyPasswords'],
    ['SSH-03', (f) => (v(f.ssh).settings.maxauthtries = ['6']), 'MaxAuthTries'],
    ['SSH-04', (f) => (v(f.ssh).settings.clientaliveinterval = ['0']), 'ClientAliveInterval'],
    ['SSH-05', (f) => (v(f.ssh).settings.ciphers = ['aes128-cbc,aes256-ctr']), 'Ciphers'],
    ['SSH-06', (f) => delete v(f.ssh).settings.allowgroups, 'AllowUsers/AllowGroups'],
    ['SSH-07', (f) => (v(f.ssh).settings.loglevel = ['QUIET']), 'LogLevel'],
    ['SSH-08', (f) => (v(f.ssh).privateHostKeys = [meta('/etc/ssh/ssh_host_ed25519_key', 0o644)]), '/etc/ssh/ssh_host_ed25519_key'],
    ['SSH-09', (f) => (v(f.ssh).settings.permituserenvironment = ['yes']), 'PermitUserEnvironment'],
    ['SSH-10', (f) => (v(f.ssh).settings.maxstartups = ['10:30:100']), 'MaxStartups'],
    ['PRV-01', (f) => v(f.pam).services.su.splice(1, 1), 'pam_wheel.so'],
    ['PRV-02', (f) => v(f.sudo).defaults.splice(1, 1), 'Defaults logfile'],
    ['PRV-03', (f) => (v(f.loginDefs).UMASK.value = '022'), 'UMASK'],
    ['PRV-04', (f) => v(f.sudo).rules.push({ file: '/etc/sudoers.d/deploy', line: 1, text: 'deploy ALL=(ALL) NOPASSWD: ALL', nopasswd: true, noAuthenticate: false }), 'deploy ALL=(ALL) NOPASSWD: ALL'],
    ['PRV-05', (f) => (v(f.sudo).defaults[2].text = 'Defaults timestamp_timeout=-1'), 'timestamp_timeout'],
    ['FIL-01', (f) => (v(f.files)['/etc/shadow'] = meta('/etc/shadow', 0o644, 'root', 'shadow')), '/etc/shadow'],
    ['FIL-02', (f) => v(f.worldWritable).worldWritable.push({ path: '/etc/app.conf', mode: 0o666, type: 'file' }), '/etc/app.conf'],
    ['FIL-03', (f) => v(f.worldWritable).unowned.push({ path: '/opt/leftover', uid: 4242, gid: 4242 }), '/opt/leftover'],
    ['FIL-04', (f) => (v(f.cron).cronAllow = false), '/etc/cron.allow'],
    ['FIL-05', (f) => (v(f.boot).grubPasswordSet = false), 'GRUB password'],
    ['SVC-01', (f) => v(f.packages).push({ name: 'telnet', version: '1', architecture: 'amd64', sourceName: 'netkit-telnet', sourceVersion: '1', status: 'install ok installed' }), 'telnet'],
    ['SVC-02', (f) => v(f.services).units.push({ name: 'avahi-daemon.service', unitFile: null, enabled: true, masked: false, wantedBy: ['multi-user.target'] }), 'avahi-daemon'],
    ['SVC-03', (f) => v(f.listeners).push({ protocol: 'tcp', address: '0.0.0.0', port: 6379, process: 'redis-server' }), 'tcp/6379'],
    ['SVC-04', (f) => v(f.packages).push({ name: 'telnetd', version: '1', architecture: 'amd64', sourceName: 'netkit-telnet', sourceVersion: '1', status: 'install ok installed' }), 'telnetd'],
    ['SVC-05', (f) => v(f.packages).push({ name: 'xserver-xorg-core', version: '1', architecture: 'amd64', sourceName: 'xorg-server', sourceVersion: '1', status: 'install ok installed' }), 'xserver-xorg-core'],
    ['SVC-06', (f) => v(f.listeners).push({ protocol: 'tcp', address: '0.0.0.0', port: 25, process: 'exim4' }), 'tcp/25'],
    ['NET-01', (f) => (v(f.firewall).nftablesConfigHasDropInput = false), 'nftables'],
    ['NET-02', (f) => (v(f.sysctlRuntime)['net.ipv4.ip_forward'] = '1'), 'net.ipv4.ip_forward'],
    ['NET-03', (f) => (v(f.sysctl).configured['net.ipv4.conf.all.rp_filter'].value = '0'), 'net.ipv4.conf.all.rp_filter'],
    ['NET-04', (f) => (v(f.sysctlRuntime)['net.ipv6.conf.all.accept_ra'] = '1'), 'net.ipv6.conf.all.accept_ra'],
    ['NET-05', (f) => (v(f.modprobe).blacklist = v(f.modprobe).blacklist.filter((m) => m !== 'sctp')), 'sctp'],
    ['KRN-01', (f) => (v(f.limits).length = 0), '* hard core 0'],
    ['KRN-02', (f) => delete v(f.modprobe).install.udf, 'udf'],
    ['AUD-01', (f) => (v(f.processes).length = 0), 'auditd'],
    ['AUD-02', (f) => v(f.auditLoadedRules).pop(), 'immutable'],
    ['AUD-03', (f) => (v(f.audit).auditdConf.max_log_file_action.value = 'rotate'), 'max_log_file_action'],
    ['AUD-04', (f) => (v(f.boot).grubCmdline = 'quiet'), 'audit=1'],
    ['LOG-01', (f) => (v(f.logging).rsyslogRemoteTargets = []), 'remote logging'],
    ['LOG-02', (f) => v(f.services).units.push({ name: 'systemd-timesyncd.service', unitFile: null, enabled: true, masked: false, wantedBy: ['sysinit.target'] }), 'systemd-timesyncd'],
    ['LOG-03', (f) => (v(f.logging).journald.Storage.value = 'volatile'), 'Storage'],
    ['LOG-04', (f) => (v(f.logging).rsyslogFileCreateMode = '0644'), '$FileCreateMode'],
    ['INT-02', (f) => (v(f.os).versionId = '10'), 'Debian GNU/Linux 12 (bookworm)'],
    ['INT-03', (f) => (v(f.services).units = v(f.services).units.filter((u) => u.name !== 'dailyaidecheck.timer')), 'dailyaidecheck.timer'],
    ['MAL-01', (f) => (v(f.antivirus).signaturesUpdatedAt = '2026-01-01T00:00:00.000Z'), 'ClamAV signatures'],
    ['MAC-01', (f) => (v(f.boot).grubCmdline = 'quiet audit=1 audit_backlog_limit=8192 apparmor=0'), 'apparmor=0'],
    ['CTR-01', (f) => v(f.docker).groupMembers.push('alice'), 'alice'],
    ['CTR-02', (f) => ((v(f.docker).daemonConfig as Record<string, unknown>).icc = true), 'icc'],
    ['CTR-03', (f) => ((v(f.docker).daemonConfig as Record<string, unknown>).hosts = ['unix:///run/docker.sock', 'tcp://0.0.0.0:2375']), 'tcp://0.0.0.0:2375'],
  ];

  it.each(weaknesses)('%s fails and names what is at fault', (id, weaken, subject) => {
    const facts = hardenedHostFacts();
    weaken(facts);
    const result = statusOf(facts, id);
    expect(result?.status).toBe('FAIL');
    expect(result?.evidence.map((e) => e.subject)).toContain(subject);
  });

  it('covers every automated item with a weakness above', () => {
    const tested = new Set(weaknesses.map(([id]) => id));
    expect(BASELINE_CATALOGUE.map((i) => i.id).filter((id) => !tested.has(id))).toEqual(['ACC-07', 'INT-01', 'BAK-01']);
  });

  it('asks for an attestation when no backup tooling is found', () => {
    const facts = hardenedHostFacts();
    v(facts.packages).splice(0, v(facts.packages).length);
    v(facts.cron).commands = [];
    expect(statusOf(facts, 'BAK-01')?.status).toBe('MANUAL');
  });

  it.each(weaknesses.filter(([id]) => baselineCheckItem(id)?.fix !== undefined))('%s generates a reviewable remediation for the failing host', (id, weaken) => {
    const facts = hardenedHostFacts();
    weaken(facts);
    const item = baselineCheckItem(id);
    if (item === undefined) throw new Error(id);
    const script = buildRemediationScript(item, facts, { taskId: `t-${id}` });
    if (script === null) return; // nothing this item can change automatically on this host (e.g. faillock not in the stack)
    expect(script.steps.length).toBeGreaterThan(0);
    for (const step of script.steps) {
      const target = 'path' in step ? step.path : 'file' in step ? step.file : '/';
      expect(target.startsWith('/')).toBe(true);
    }
    expect(renderRemediationScript(script)).toContain(`# Rampart remediation ${id}`);
  });

  it('uses the MLPS profile thresholds where they differ', () => {
    const item = baselineCheckItem('PWD-08');
    if (item === undefined) throw new Error('PWD-08');
    expect(defaultParams(item)).toEqual({ maxDays: 365 });
    expect(defaultParams(item, 'MLPS_2_0_L3')).toEqual({ maxDays: 90 });
  });
});
