/** @jest-environment jsdom */
import { readClaims, takeInitialToken } from './session';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJkZW1vIiwicm9sZXMiOlsiYWRtaW4iXSwic3ViIjoiZGV2ZWxvcGVyIiwiZXhwIjoxOTAwMDAwMDAwfQ.c2lnbmF0dXJl';

describe('session', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('takes a token handed over in the URL fragment, keeps it for the tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', `/#token=${TOKEN}`);

    expect(takeInitialToken(window.location, window.history, window.sessionStorage)).toBe(TOKEN);
    expect(window.location.hash).toBe('#/overview');
    expect(window.location.href).not.toContain(TOKEN);
    expect(takeInitialToken(window.location, window.history, window.sessionStorage)).toBe(TOKEN);
  });

  it('starts signed out without a fragment token or a kept one, and ignores a route fragment', () => {
    window.history.replaceState(null, '', '/#/results?status=FAIL');
    expect(takeInitialToken(window.location, window.history, window.sessionStorage)).toBeNull();
    expect(window.location.hash).toBe('#/results?status=FAIL');
  });

  it('reads tenant, subject, roles and expiry for display, and nothing from a malformed token', () => {
    expect(readClaims(TOKEN)).toEqual({ tenant: 'demo', subject: 'developer', roles: ['admin'], expiresAt: new Date(1_900_000_000_000) });
    expect(readClaims('not-a-jwt')).toBeNull();
    expect(readClaims('a.%%%.c')).toBeNull();
  });
});
