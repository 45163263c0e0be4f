import { factValue, type HostFacts } from '@rampart/host-facts';
import { collectHostFacts } from './host-facts.collector';

// Runs the collector on the machine running the tests (a Debian 12 build host or CI machine).
describe('collecting facts from this machine', () => {
  let facts: HostFacts;
  beforeAll(async () => {
    facts = await collectHostFacts({ budgetMs: 15_000, passwordBudgetMs: 60_000 });
  }, 120_000);

  it('returns structurally sane facts within the time budget, without any password hash', () => {
    expect(facts).toEqual(expect.objectContaining({ schemaVersion: 1, live: true, root: '/' }));
    const os = factValue(facts.os);
    expect(os?.id).toBe('debian');
    expect(os?.versionId).toMatch(/^1[2-9]/);
    const accounts = factValue(facts.accounts);
    expect(accounts?.users.find((u) => u.name === 'root')).toEqual(expect.objectContaining({ uid: 0, gid: 0 }));
    expect(accounts?.groups.length).toBeGreaterThan(5);
    const packages = factValue(facts.packages) ?? [];
    expect(packages.length).toBeGreaterThan(50);
    expect(packages.find((p) => p.name === 'base-files')?.version).toMatch(/^1[2-9]/);
    expect(packages.every((p) => p.sourceName !== '' && p.sourceVersion !== '')).toBe(true);
    const listeners = factValue(facts.listeners) ?? [];
    expect(listeners.every((l) => l.port > 0 && l.port < 65536 && l.address !== '')).toBe(true);
    expect(factValue(facts.processes)?.length).toBeGreaterThan(0);
    expect(factValue(facts.sysctlRuntime)?.['kernel.randomize_va_space']).toMatch(/^[0-2]$/);
    expect(factValue(facts.kernel)?.release).toMatch(/^\d+\.\d+/);
    expect(factValue(facts.pam)?.services['common-auth']?.some((l) => l.module === 'pam_unix.so')).toBe(true);
    expect(factValue(facts.loginDefs)?.UID_MIN?.value).toBe('1000');
    expect(factValue(facts.services)?.units.length).toBeGreaterThan(10);
    expect(factValue(facts.worldWritable)?.scannedRoots).toContain('/etc');
    expect(factValue(facts.files)?.['/etc/passwd']).toEqual(expect.objectContaining({ owner: 'root', type: 'file' }));
    expect(facts.weakPasswords.status).toBe('collected');
    for (const [key, fact] of Object.entries(facts)) if (typeof fact === 'object' && fact !== null && 'status' in fact) expect([key, fact.status]).not.toEqual([key, 'error']);
    expect(JSON.stringify(facts)).not.toMatch(/\$(y|gy|6|5|2[aby]?|1)\$[./A-Za-z0-9]{2,}\$/);
  });

  it('logs in to the database servers running here and reports those that need no password', () => {
    const listeners = factValue(facts.listeners) ?? [];
    const live = (factValue(facts.weakPasswords)?.services ?? []).filter((v) => v.source.startsWith('tcp://'));
    const running = (process: RegExp) => listeners.some((l) => process.test(l.process ?? ''));
    // This machine runs MariaDB (root, empty password) and Redis (no requirepass) on loopback: genuinely present.
    expect(running(/^(mariadbd|mysqld)$/)).toBe(true);
    expect(running(/^redis-server$/)).toBe(true);
    expect(live).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: 'mysql', account: 'root', weak: true, reason: 'empty', source: expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:3306$/) }),
        expect.objectContaining({ service: 'redis', account: 'default', weak: true, reason: 'no-password', source: expect.stringMatching(/:6379$/) }),
      ]),
    );
    // The test database answers its superuser over TCP without a password here too (trust): reported, not hidden.
    if (running(/^postgres$/)) expect(live).toEqual(expect.arrayContaining([expect.objectContaining({ service: 'postgresql', account: 'postgres' })]));
  });
});
