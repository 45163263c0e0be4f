import type { AccountConfiguration, CredentialReportRow } from '@rampart/asset-model';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const base = f.account().configuration;
const root = base.credentialReport?.root as CredentialReportRow;
const withRoot = (o: Partial<CredentialReportRow>) => f.account({ credentialReport: { generatedAt: '2026-11-27T00:00:00Z', root: { ...root, ...o }, users: [] } });
const pref = base.securityPreference as NonNullable<AccountConfiguration['securityPreference']>;
const withPref = (o: Partial<typeof pref>) => f.account({ securityPreference: { ...pref, ...o } });
const noReport = { name: 'the credential report could not be generated', asset: f.withUnknown(f.account(), ['credentialReport'], 'Ims:GetCredentialReport') };

verifyCheckFixtures(catalogueItem('ram-root-recent-use'), {
  pass: [
    { name: 'root last logged on two years ago', asset: withRoot({ userLastLogon: '2024-11-01T00:00:00Z' }) },
    { name: 'root never logged on', asset: withRoot({ userLastLogon: 'N/A' }) },
  ],
  fail: [{ name: 'root logged on last week', asset: withRoot({ userLastLogon: '2026-11-20T00:00:00Z' }), evidence: { ageDays: 8 } }],
  error: [noReport, { name: 'the report has no root row', asset: f.account({ credentialReport: { generatedAt: null, root: null, users: [] } }) }],
});

verifyCheckFixtures(catalogueItem('ram-root-access-key'), {
  pass: [{ name: 'root has only an inactive key', asset: withRoot({ accessKeys: [{ active: false, lastRotated: '2020-01-01T00:00:00Z', lastUsed: null }] }) }],
  fail: [{ name: 'root has an active key in slot 2', asset: withRoot({ accessKeys: [{ active: false, lastRotated: null, lastUsed: null }, { active: true, lastRotated: '2021-01-01T00:00:00Z', lastUsed: '2026-11-01T00:00:00Z' }] }), evidence: { activeKeys: [{ slot: 2 }] } }],
  error: [noReport],
});

verifyCheckFixtures(catalogueItem('ram-root-mfa'), {
  pass: [{ name: 'root MFA is active', asset: f.account() }],
  fail: [{ name: 'root MFA is not active', asset: withRoot({ mfaActive: false }) }],
  error: [noReport, { name: 'the report does not say', asset: withRoot({ mfaActive: null }) }],
});

verifyCheckFixtures(catalogueItem('ram-account-mfa-login-enforced'), {
  pass: [{ name: 'MFA is enforced at logon', asset: f.account() }],
  fail: [{ name: 'MFA is not enforced', asset: withPref({ enforceMfaForLogin: false }), evidence: { value: false } }],
  error: [
    { name: 'the preference was not collected', asset: f.withUnknown(f.account(), ['securityPreference'], 'Ram:GetSecurityPreference') },
    { name: 'the preference omits the setting', asset: withPref({ enforceMfaForLogin: null }) },
  ],
});

verifyCheckFixtures(catalogueItem('ram-account-login-network-mask'), {
  pass: [{ name: 'logon is limited to 10.0.0.0/8', asset: f.account() }],
  fail: [
    { name: 'no mask is set', asset: withPref({ loginNetworkMasks: null }) },
    { name: 'the mask is 0.0.0.0/0', asset: withPref({ loginNetworkMasks: '10.0.0.0/8;0.0.0.0/0' }), evidence: { world: ['0.0.0.0/0'] } },
  ],
  error: [{ name: 'the preference was not collected', asset: f.withUnknown(f.account(), ['securityPreference'], 'Ram:GetSecurityPreference') }],
});

verifyCheckFixtures(catalogueItem('ram-account-session-duration'), {
  pass: [{ name: 'sessions last 6 hours', asset: f.account() }],
  fail: [{ name: 'sessions last 24 hours', asset: withPref({ loginSessionDuration: 24 }), evidence: { value: 24 } }],
  error: [{ name: 'the duration is not reported', asset: withPref({ loginSessionDuration: null }) }],
});
