import { RampartError } from '@rampart/platform';
import { hardenedHostFacts } from '../catalogue/hardened-host.fixture';
import { validateHostFacts } from './host-facts.validator';

const pathOf = (facts: unknown): string | undefined => {
  try {
    validateHostFacts(facts);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RampartError);
    expect((error as RampartError).code).toBe('BAD_USER_INPUT');
    return (error as RampartError).details?.path;
  }
};

const withFacts = (change: (facts: Record<string, any>) => void): unknown => {
  const facts = structuredClone(hardenedHostFacts()) as unknown as Record<string, any>;
  change(facts);
  return facts;
};

describe('validateHostFacts', () => {
  it('accepts what the agent reports, including unavailable and failed facts', () => {
    expect(pathOf(hardenedHostFacts())).toBeUndefined();
    expect(pathOf(withFacts((f) => (f.processes = { status: 'unavailable', reason: 'offline root' })))).toBeUndefined();
    expect(pathOf(withFacts((f) => (f.accounts = { status: 'error', message: '/etc/shadow unreadable' })))).toBeUndefined();
  });

  it('names the offending field', () => {
    expect(pathOf('facts')).toBe('input.facts');
    expect(pathOf(withFacts((f) => (f.schemaVersion = 2)))).toBe('input.facts.schemaVersion');
    expect(pathOf(withFacts((f) => (f.collectedAt = 'yesterday')))).toBe('input.facts.collectedAt');
    expect(pathOf(withFacts((f) => delete f.sudo))).toBe('input.facts.sudo');
    expect(pathOf(withFacts((f) => (f.ssh.status = 'maybe')))).toBe('input.facts.ssh.status');
    expect(pathOf(withFacts((f) => (f.packages.value = {})))).toBe('input.facts.packages.value');
    expect(pathOf(withFacts((f) => (f.kernel = { status: 'unavailable' })))).toBe('input.facts.kernel.reason');
    expect(pathOf(withFacts((f) => (f.accounts.value.users = null)))).toBe('input.facts.accounts.value.users');
  });
});
