import { collected, unavailable } from './fact';
import { evaluateFactExpectation, resolveFactPath } from './fact-expectation.evaluator';

const facts = {
  accounts: collected({ users: [{ name: 'alice', shadow: { maxDays: 90 } }, { name: 'bob', shadow: null }] }),
  ssh: collected({ settings: { permitrootlogin: ['no'] } }),
  sysctl: collected({ configured: { 'net.ipv4.ip_forward': { value: '0' } } }),
  listeners: unavailable('offline'),
  pam: collected({ services: { 'common-password': [{ module: 'pam_pwhistory.so', args: ['remember=24'] }] } }),
};

describe('fact expectations on re-collected facts', () => {
  it('walks fact wrappers, selectors, indexes and dotted keys', () => {
    expect(resolveFactPath(facts, 'accounts.users[name=alice].shadow.maxDays')).toBe(90);
    expect(resolveFactPath(facts, 'ssh.settings.permitrootlogin[0]')).toBe('no');
    expect(resolveFactPath(facts, 'sysctl.configured["net.ipv4.ip_forward"].value')).toBe('0');
    expect(resolveFactPath(facts, 'pam.services.common-password[module=pam_pwhistory.so].args')).toEqual(['remember=24']);
    expect(resolveFactPath(facts, 'listeners[0]')).toBeUndefined();
    expect(resolveFactPath(facts, 'accounts.users[name=carol].shadow')).toBeUndefined();
  });

  it.each([
    [{ path: 'accounts.users[name=alice].shadow.maxDays', op: 'lte', value: 365 }, true],
    [{ path: 'accounts.users[name=alice].shadow.maxDays', op: 'gte', value: 365 }, false],
    [{ path: 'ssh.settings.permitrootlogin[0]', op: 'equals', value: 'no' }, true],
    [{ path: 'ssh.settings.permitrootlogin[0]', op: 'in', value: ['no', 'prohibit-password'] }, true],
    [{ path: 'ssh.settings.permitrootlogin', op: 'includes', value: 'yes' }, false],
    [{ path: 'ssh.settings.permitrootlogin', op: 'excludes', value: 'yes' }, true],
    [{ path: 'accounts.users[name=bob].shadow', op: 'absent' }, true],
    [{ path: 'listeners', op: 'present' }, false],
    [{ path: 'accounts.users[name=carol].shadow.maxDays', op: 'not-equals', value: 1 }, true],
  ] as const)('%j holds: %s', (expectation, holds) => {
    expect(evaluateFactExpectation(facts, { ...expectation, description: 'x' }).holds).toBe(holds);
  });
});
