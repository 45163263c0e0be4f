import { factValue } from '@rampart/host-facts';
import { collectHostFacts } from './host-facts.collector';

// Runs the collector on the machine running the tests (a Debian 12 build host or CI machine).
describe('collecting facts from this machine', () => {
  it('returns structurally sane facts within the time budget, without any password hash', async () => {
    const started = Date.now();
    const facts = await collectHostFacts({ budgetMs: 15_000, passwordBudgetMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(90_000);
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
  }, 120_000);
});
