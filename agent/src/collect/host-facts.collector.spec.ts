import { factValue } from '@rampart/host-facts';
import { Libcrypt } from '../weak-password/libcrypt.binding';
import { collectHostFacts } from './host-facts.collector';
import { PlantedRoot } from './planted-root.fixture';

describe('collecting facts from a mounted root', () => {
  let root: PlantedRoot;
  const libcrypt = Libcrypt.load();

  beforeAll(() => {
    root = PlantedRoot.debianBase()
      .write('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\nold:x:1002:1002::/home/old:/bin/bash\n')
      .write('/etc/shadow', `root:!${libcrypt.hash('root-strong-Secret-9', '$6$')}:19000:0:99999:7:::\ndaemon:*:19000::::::\nalice:${libcrypt.hash('qwerty', '$y$')}:20000:1:90:7:30::\nbob:${libcrypt.hash('bob123', '$6$')}:20000:1:90:7:30::\nold:${libcrypt.hash('a-long-unguessable-phrase', '$1$')}:20000:1:90:7:30::\n`, 0o640)
      .write('/etc/ssh/sshd_config', 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nMaxAuthTries 3\nPort 22\nPort 2222\nMatch User backup\n  PermitRootLogin no\n  X11Forwarding yes\n', 0o600)
      .write('/etc/ssh/sshd_config.d/10-site.conf', 'maxauthtries 5\nAllowGroups ssh-users admins\n', 0o644)
      .write('/etc/ssh/ssh_host_ed25519_key', 'KEY', 0o640)
      .write('/etc/ssh/ssh_host_ed25519_key.pub', 'PUB', 0o644)
      .write('/etc/sudoers', 'Defaults\tuse_pty\nroot ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n', 0o440)
      .write('/etc/sudoers.d/deploy', 'deploy ALL=(ALL) NOPASSWD: \\\n  /usr/bin/systemctl\n', 0o440)
      .write('/etc/sudoers.d/ignored.bak', 'evil ALL=(ALL) NOPASSWD: ALL\n', 0o440)
      .write('/lib/systemd/system/ssh.service', '[Unit]\n')
      .write('/lib/systemd/system/avahi-daemon.service', '[Unit]\n')
      .link('/etc/systemd/system/multi-user.target.wants/ssh.service', '/lib/systemd/system/ssh.service')
      .link('/etc/systemd/system/avahi-daemon.service', '/dev/null')
      .write('/usr/lib/sysctl.d/50-default.conf', 'net.ipv4.conf.all.rp_filter = 2\nkernel.yama.ptrace_scope = 1\n')
      .write('/etc/sysctl.d/50-default.conf', 'net.ipv4.conf.all.rp_filter = 1\n')
      .write('/etc/sysctl.d/99-local.conf', 'net/ipv4/ip_forward=1\n')
      .write('/etc/audit/rules.d/audit.rules', '-w /etc/passwd -p wa -k identity\n\n# comment\n-e 2\n')
      .write('/etc/audit/auditd.conf', 'max_log_file = 8\nmax_log_file_action = ROTATE\n')
      .write('/etc/rsyslog.conf', '*.* @@logs.example.internal:514\n$FileCreateMode 0640\n')
      .write('/etc/security/pwquality.conf', 'minlen = 8\n')
      .write('/etc/security/pwquality.conf.d/50-site.conf', 'minlen = 12\nenforce_for_root\n')
      .write('/etc/security/faillock.conf', '# deny = 3\ndeny = 4\nunlock_time = 900\n')
      .write('/etc/profile.d/tmout.sh', 'TMOUT=600\nreadonly TMOUT\nexport TMOUT\n')
      .write('/etc/world.conf', 'x', 0o666)
      .mkdir('/var/shared', 0o777)
      .mkdir('/var/sticky', 0o1777)
      .link('/etc/mysql/my.cnf', '/etc/alternatives/my.cnf') // absolute links resolve inside the root, not on this machine
      .link('/etc/alternatives/my.cnf', '/etc/mysql/mariadb.cnf')
      .write('/etc/mysql/mariadb.cnf', '[mysqld]\nbind-address = 0.0.0.0\n!includedir /etc/mysql/conf.d/\n')
      .write('/etc/mysql/conf.d/client.cnf', '[client]\nuser = app\npassword = 123456\n')
      .write('/etc/redis/redis.conf', 'bind 0.0.0.0\nprotected-mode no\nport 6379\n')
      .write('/etc/postgresql/15/main/postgresql.conf', "listen_addresses = '*'\n")
      .write('/etc/postgresql/15/main/pg_hba.conf', 'local all postgres peer\nhost all all 127.0.0.1/32 trust\nhost all all 0.0.0.0/0 trust\n')
      .write('/root/.pgpass', 'db.internal:5432:*:reporting:reporting\n', 0o600);
  });

  afterAll(() => root.remove());

  it('reads accounts and tests hashes on the host, keeping only verdicts', async () => {
    const facts = await collectHostFacts({ root: root.path, customWords: ['qwerty'] });
    expect(facts.live).toBe(false);
    const accounts = factValue(facts.accounts);
    expect(accounts?.users.map((u) => [u.name, u.shadow?.passwordStatus, u.shadow?.algorithm])).toEqual([
      ['root', 'locked', 'sha512crypt'],
      ['daemon', 'no-password', null],
      ['alice', 'hashed', 'yescrypt'],
      ['bob', 'hashed', 'sha512crypt'],
      ['old', 'hashed', 'md5crypt'],
    ]);
    const verdicts = factValue(facts.weakPasswords)?.accounts ?? [];
    expect(verdicts).toEqual([
      expect.objectContaining({ account: 'alice', weak: true, reason: 'dictionary', algorithm: 'yescrypt' }),
      expect.objectContaining({ account: 'bob', weak: true, reason: 'username', algorithm: 'sha512crypt' }),
      expect.objectContaining({ account: 'old', weak: false, complete: true, algorithm: 'md5crypt' }),
    ]);
    expect(JSON.stringify(facts)).not.toMatch(/\$(y|6|1)\$/);
    expect(JSON.stringify(facts)).not.toContain('123456"');
  }, 120_000);

  it('reads effective sshd settings: first value wins, drop-ins included, Match blocks set aside', async () => {
    const facts = await collectHostFacts({ root: root.path, skipPasswordTest: true });
    const ssh = factValue(facts.ssh);
    expect(ssh?.method).toBe('parsed');
    expect(ssh?.settings.maxauthtries).toEqual(['5']);
    expect(ssh?.sources.maxauthtries).toBe('/etc/ssh/sshd_config.d/10-site.conf:1');
    expect(ssh?.settings.permitrootlogin).toEqual(['yes']);
    expect(ssh?.settings.port).toEqual(['22', '2222']);
    expect(ssh?.settings.allowgroups).toEqual(['ssh-users', 'admins']);
    expect(ssh?.settings.x11forwarding).toEqual(['no']);
    expect(ssh?.sources.usepam).toBe('default');
    expect(ssh?.matchBlocks).toBe(1);
    expect(ssh?.includesDropIns).toBe(true);
    expect(ssh?.privateHostKeys.map((k) => [k.path, k.mode])).toEqual([['/etc/ssh/ssh_host_ed25519_key', 0o640]]);
  });

  it('reads sudoers with continuation lines and drop-ins sudo would read', async () => {
    const sudo = factValue((await collectHostFacts({ root: root.path, skipPasswordTest: true })).sudo);
    expect(sudo?.rules.filter((r) => r.nopasswd).map((r) => [r.file, r.line])).toEqual([['/etc/sudoers.d/deploy', 1]]);
    expect(sudo?.defaults.map((d) => d.text)).toEqual(['Defaults\tuse_pty']);
    expect(sudo?.files.map((f) => f.path)).not.toContain('/etc/sudoers.d/ignored.bak');
  });

  it('derives unit enablement, sysctl precedence, PAM, audit, logging and password settings', async () => {
    const facts = await collectHostFacts({ root: root.path, skipPasswordTest: true });
    const units = factValue(facts.services)?.units ?? [];
    expect(units.find((u) => u.name === 'ssh.service')).toEqual(expect.objectContaining({ enabled: true, wantedBy: ['multi-user.target'] }));
    expect(units.find((u) => u.name === 'avahi-daemon.service')).toEqual(expect.objectContaining({ enabled: false, masked: true }));
    const sysctl = factValue(facts.sysctl);
    expect(sysctl?.configured['net.ipv4.conf.all.rp_filter']).toEqual(expect.objectContaining({ value: '1', source: '/etc/sysctl.d/50-default.conf:1' }));
    expect(sysctl?.configured['net.ipv4.ip_forward']?.value).toBe('1');
    // systemd-sysctl: /etc/sysctl.d/50-default.conf masks the vendor file of the same name entirely
    expect(sysctl?.configured['kernel.yama.ptrace_scope']).toBeUndefined();
    expect(factValue(facts.pam)?.services.su.map((l) => `${l.type} ${l.control} ${l.module}`)).toEqual(['auth sufficient pam_rootok.so', 'include common-auth ']);
    expect(factValue(facts.audit)?.rules).toEqual(['-w /etc/passwd -p wa -k identity', '-e 2']);
    expect(factValue(facts.audit)?.auditdConf.max_log_file_action?.value).toBe('ROTATE');
    expect(factValue(facts.logging)?.rsyslogRemoteTargets).toEqual(['logs.example.internal']);
    expect(factValue(facts.pwquality)?.settings.minlen).toEqual(expect.objectContaining({ value: '12', source: '/etc/security/pwquality.conf.d/50-site.conf:1' }));
    expect(factValue(facts.faillock)?.settings.deny?.value).toBe('4');
    expect(factValue(facts.shellEnvironment)?.tmout).toEqual([expect.objectContaining({ value: 600, readonly: true, exported: true })]);
    expect(factValue(facts.loginDefs)?.PASS_MAX_DAYS?.value).toBe('99999');
  });

  it('lists world-writable files and unsticky directories, and installed packages by source', async () => {
    const facts = await collectHostFacts({ root: root.path, skipPasswordTest: true });
    expect(factValue(facts.worldWritable)?.worldWritable.map((w) => w.path).sort()).toEqual(['/etc/world.conf', '/var/shared']);
    expect(factValue(facts.packages)?.map((p) => `${p.name} ${p.sourceName} ${p.sourceVersion}`)).toEqual(['base-files base-files 12.4+deb12u5', 'libssl3 openssl 3.0.11-1~deb12u2', 'bash bash 5.2.15-2']);
    expect(factValue(facts.os)).toEqual(expect.objectContaining({ id: 'debian', versionId: '12', versionCodename: 'bookworm' }));
    expect(facts.hostname).toBe('planted');
  });

  it('records live-only facts as unavailable under --root instead of reading this machine', async () => {
    const facts = await collectHostFacts({ root: root.path, skipPasswordTest: true });
    for (const key of ['listeners', 'processes', 'sysctlRuntime', 'kernel', 'container', 'auditLoadedRules'] as const) expect([key, facts[key].status]).toEqual([key, 'unavailable']);
  });

  it('judges database credentials from their configuration without exporting them', async () => {
    const facts = await collectHostFacts({ root: root.path, passwordBudgetMs: 30_000, only: ['databases', 'weak-passwords'] });
    const services = factValue(facts.weakPasswords)?.services ?? [];
    expect(services).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: 'mysql', account: 'app', weak: true, reason: 'dictionary', source: '/etc/mysql/conf.d/client.cnf:3' }),
        expect.objectContaining({ service: 'postgresql', account: 'all', weak: true, reason: 'trust-authentication', source: '/etc/postgresql/15/main/pg_hba.conf:3' }),
        expect.objectContaining({ service: 'postgresql', account: 'reporting', weak: true, reason: 'username', source: '/root/.pgpass:1' }),
        expect.objectContaining({ service: 'redis', account: 'default', weak: true, reason: 'unprotected-exposure' }),
      ]),
    );
    expect(services.filter((s) => s.source.endsWith('pg_hba.conf:2'))).toEqual([]);
    expect(factValue(facts.mysql)?.server['bind-address']?.value).toBe('0.0.0.0');
  }, 60_000);
});
