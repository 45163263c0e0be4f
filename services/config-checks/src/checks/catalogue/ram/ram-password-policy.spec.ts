import type { PasswordPolicy } from '@rampart/asset-model';
import { ScanIndex } from '../../engine/scan-index.context';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures, type CheckFixture } from '../../testing/check-fixtures.verifier';

const strong = f.account().configuration.passwordPolicy as PasswordPolicy;
const policy = (o: Partial<PasswordPolicy>) => f.account({ passwordPolicy: { ...strong, ...o } });
const unknownPolicy = { name: 'the password policy could not be read', asset: f.withUnknown(f.account(), ['passwordPolicy'], 'Ram:GetPasswordPolicy') };
const noPolicy = { name: 'the account reported no policy', asset: f.account({ passwordPolicy: null }) };

// Fixtures table for the GetPasswordPolicy family: one row per item.
const TABLE: Record<string, { pass: CheckFixture[]; fail: CheckFixture[] }> = {
  'ram-password-policy-uppercase': {
    pass: [{ name: 'uppercase is required', asset: policy({}) }],
    fail: [{ name: 'uppercase is not required', asset: policy({ requireUppercaseCharacters: false }), evidence: { field: 'passwordPolicy.requireUppercaseCharacters', value: false } }],
  },
  'ram-password-policy-lowercase': {
    pass: [{ name: 'lowercase is required', asset: policy({}) }],
    fail: [{ name: 'lowercase is not required', asset: policy({ requireLowercaseCharacters: false }) }],
  },
  'ram-password-policy-symbols': {
    pass: [{ name: 'symbols are required', asset: policy({}) }],
    fail: [{ name: 'symbols are not required', asset: policy({ requireSymbols: false }) }],
  },
  'ram-password-policy-numbers': {
    pass: [{ name: 'numbers are required', asset: policy({}) }],
    fail: [{ name: 'numbers are not required', asset: policy({ requireNumbers: false }) }],
  },
  'ram-password-policy-min-length': {
    pass: [
      { name: 'the minimum is 14', asset: policy({ minimumPasswordLength: 14 }) },
      { name: 'the minimum is 10 and the threshold is lowered to 10', asset: policy({ minimumPasswordLength: 10 }), params: { minLength: 10 } },
    ],
    fail: [{ name: 'the minimum is the RAM default of 8', asset: policy({ minimumPasswordLength: 8 }), evidence: { value: 8, expected: 14 } }],
  },
  'ram-password-policy-reuse-prevention': {
    pass: [{ name: 'the last 5 passwords are remembered', asset: policy({ passwordReusePrevention: 5 }) }, { name: '24 are remembered', asset: policy({ passwordReusePrevention: 24 }) }],
    fail: [{ name: 'reuse is allowed (0)', asset: policy({ passwordReusePrevention: 0 }), reason: /reuse is allowed/ }, { name: 'only 3 are remembered', asset: policy({ passwordReusePrevention: 3 }) }],
  },
  'ram-password-policy-max-age': {
    pass: [
      { name: 'passwords never expire (v2.0.0 semantics)', asset: policy({ maxPasswordAge: 0 }) },
      { name: 'passwords expire after 365 days', asset: policy({ maxPasswordAge: 365 }) },
    ],
    fail: [{ name: 'passwords expire after 90 days (the v1.0.0 rule, now too short)', asset: policy({ maxPasswordAge: 90 }) }],
  },
  'ram-password-policy-periodic-change': {
    pass: [{ name: 'passwords expire after 90 days', asset: policy({ maxPasswordAge: 90 }) }],
    fail: [
      { name: 'passwords never expire', asset: policy({ maxPasswordAge: 0 }), reason: /never expire/ },
      { name: 'passwords expire after 365 days', asset: policy({ maxPasswordAge: 365 }) },
    ],
  },
  'ram-password-policy-max-login-attempts': {
    pass: [{ name: 'lockout after 5 attempts', asset: policy({ maxLoginAttempts: 5 }) }, { name: 'lockout after 1 attempt', asset: policy({ maxLoginAttempts: 1 }) }],
    fail: [
      { name: 'MaxLoginAttemps is 0, i.e. lockout is off (peers pass this)', asset: policy({ maxLoginAttempts: 0 }), reason: /disabled/, evidence: { value: 0 } },
      { name: 'lockout only after 10 attempts', asset: policy({ maxLoginAttempts: 10 }) },
    ],
  },
};

for (const [id, rows] of Object.entries(TABLE)) verifyCheckFixtures(catalogueItem(id), { ...rows, error: [unknownPolicy, noPolicy] });

describe('password policy fixes', () => {
  it('sets only the failing field and restores the whole prior policy on rollback', () => {
    const item = catalogueItem('ram-password-policy-max-login-attempts');
    const fix = item.fix;
    if (fix === null) throw new Error('not fixable');
    const asset = policy({ maxLoginAttempts: 0, minimumPasswordLength: 9 });
    const outcome = fix.plan(asset, new ScanIndex([asset], 0), item.defaultParams, fix.defaultParams);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan.writes[0].params).toMatchObject({ MaxLoginAttemps: 5, MinimumPasswordLength: 9 });
    expect(outcome.plan.rollback[0].params).toMatchObject({ MaxLoginAttemps: 0, MinimumPasswordLength: 9 });
  });
});
