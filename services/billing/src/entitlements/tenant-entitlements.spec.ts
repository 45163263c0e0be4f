import type { BillingModel, Edition } from './edition';
import { entitlementsOf, permitsConfigCheckOperation, type LegacyFreeItemAllowance, type TenantPlan } from './tenant-entitlements';
import legacyFile from './legacy-free-item-allowances.json';

const now = new Date('2026-11-28T00:00:00Z');
const later = new Date('2027-01-01T00:00:00Z');
const allowances: LegacyFreeItemAllowance[] = legacyFile.allowances.map((allowance) => ({
  edition: allowance.edition as Edition,
  freeItemCount: allowance.freeItemCount,
  authorizedBefore: new Date(legacyFile.authorizedBefore),
}));

function plan(edition: Edition, model: BillingModel, extra: Partial<TenantPlan> = {}): TenantPlan {
  return {
    edition,
    model,
    subscriptionEndsAt: edition === 'BASIC' && model !== 'SUBSCRIPTION' ? null : later,
    trialEndsAt: null,
    cspmAuthorizedAt: new Date('2025-01-01T00:00:00Z'),
    ...extra,
  };
}

describe('tenant entitlements', () => {
  it('lets a Basic tenant detect and verify free config-check items only, unmetered, with no baseline or attack paths', () => {
    expect(entitlementsOf('t', plan('BASIC', 'NONE'), now, allowances)).toEqual({
      tenantId: 't',
      edition: 'BASIC',
      model: 'NONE',
      configCheckItems: 'FREE_ONLY',
      configCheckOperations: ['DETECT', 'VERIFY'],
      baselineItems: 'NONE',
      baselineOperations: [],
      attackPaths: false,
      ksmpCheckItems: false,
      legacyFreeItemCount: 0,
      quotaMetered: false,
      baselineQuotaMetered: false,
      subscriptionEndsAt: null,
      trialEndsAt: null,
    });
  });

  it.each([
    ['ANTI_VIRUS', 'NONE'],
    ['VALUE_ADDED', 'NONE'],
  ] as const)('gives %s without the CSPM service free items, detect and verify, nothing else', (edition, baseline) => {
    const answer = entitlementsOf('t', plan(edition, 'NONE'), now);
    expect(answer).toMatchObject({
      configCheckItems: 'FREE_ONLY',
      configCheckOperations: ['DETECT', 'VERIFY'],
      baselineItems: baseline,
      attackPaths: false,
      quotaMetered: false,
    });
  });

  it.each([
    ['ADVANCED', 'WEAK_PASSWORD_ONLY'],
    ['ENTERPRISE', 'ALL_BUT_CONTAINER'],
    ['ULTIMATE', 'ALL'],
  ] as const)('includes %s baseline items (%s) in the edition fee, without quota', (edition, baselineItems) => {
    for (const model of ['NONE', 'SUBSCRIPTION', 'PAY_AS_YOU_GO'] as const) {
      const answer = entitlementsOf('t', plan(edition, model), now);
      expect(answer).toMatchObject({ baselineItems, baselineOperations: ['DETECT', 'VERIFY', 'FIX'], baselineQuotaMetered: false });
    }
    expect(entitlementsOf('t', plan(edition, 'NONE'), now)).toMatchObject({
      configCheckItems: 'FREE_ONLY',
      configCheckOperations: ['DETECT', 'VERIFY'],
      attackPaths: false,
    });
  });

  it.each(['SUBSCRIPTION', 'PAY_AS_YOU_GO'] as const)(
    'unlocks all config-check items, fixes and attack paths with the CSPM service on %s, metered by quota',
    (model) => {
      expect(entitlementsOf('t', plan('ANTI_VIRUS', model), now)).toMatchObject({
        configCheckItems: 'ALL',
        configCheckOperations: ['DETECT', 'VERIFY', 'FIX'],
        baselineItems: 'ALL',
        baselineQuotaMetered: true,
        attackPaths: true,
        quotaMetered: true,
      });
      expect(entitlementsOf('t', plan('BASIC', model), now)).toMatchObject({ baselineItems: 'ALL', baselineQuotaMetered: true });
    },
  );

  it('gives the trial the Enterprise edition with the CSPM service until it ends', () => {
    const trial = plan('ENTERPRISE', 'SUBSCRIPTION', { trialEndsAt: later });
    expect(entitlementsOf('t', trial, now)).toMatchObject({
      edition: 'ENTERPRISE',
      configCheckItems: 'ALL',
      baselineItems: 'ALL_BUT_CONTAINER',
      attackPaths: true,
      trialEndsAt: later,
    });
    expect(entitlementsOf('t', trial, later)).toMatchObject({ edition: 'BASIC', model: 'NONE', configCheckItems: 'FREE_ONLY', trialEndsAt: null });
  });

  it('falls back to Basic when the subscription ends, but keeps pay-as-you-go running', () => {
    expect(entitlementsOf('t', plan('ULTIMATE', 'SUBSCRIPTION'), later)).toMatchObject({ edition: 'BASIC', model: 'NONE', quotaMetered: false });
    expect(entitlementsOf('t', plan('ULTIMATE', 'PAY_AS_YOU_GO'), later)).toMatchObject({ edition: 'BASIC', model: 'PAY_AS_YOU_GO', quotaMetered: true });
  });

  it.each([
    ['ANTI_VIRUS', 80],
    ['ADVANCED', 90],
    ['ENTERPRISE', 250],
    ['ULTIMATE', 250],
    ['BASIC', 0],
  ] as const)('keeps the legacy free item count of %s (%i) for tenants that authorized CSPM before 2023-07-07', (edition, count) => {
    const legacy = plan(edition, 'NONE', { cspmAuthorizedAt: new Date('2023-07-01T00:00:00Z') });
    expect(entitlementsOf('t', legacy, now, allowances).legacyFreeItemCount).toBe(count);
    const recent = plan(edition, 'NONE', { cspmAuthorizedAt: new Date('2023-07-08T00:00:00Z') });
    expect(entitlementsOf('t', recent, now, allowances).legacyFreeItemCount).toBe(0);
  });

  it('adds the KSMP config-check items to the Ultimate edition only', () => {
    expect(entitlementsOf('t', plan('ULTIMATE', 'NONE'), now).ksmpCheckItems).toBe(true);
    expect(entitlementsOf('t', plan('ENTERPRISE', 'SUBSCRIPTION'), now).ksmpCheckItems).toBe(false);
  });

  it('permits FIX only with the CSPM service', () => {
    expect(permitsConfigCheckOperation(entitlementsOf('t', plan('BASIC', 'NONE'), now), 'FIX')).toBe(false);
    expect(permitsConfigCheckOperation(entitlementsOf('t', plan('BASIC', 'NONE'), now), 'SCAN')).toBe(true);
    expect(permitsConfigCheckOperation(entitlementsOf('t', plan('ADVANCED', 'SUBSCRIPTION'), now), 'FIX')).toBe(true);
  });
});
