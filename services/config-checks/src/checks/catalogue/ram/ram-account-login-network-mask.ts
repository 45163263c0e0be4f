import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { cidrMatcher } from '../../network/cidr.matcher';
import { standardRef } from '../standard-ref.factory';

export const ramAccountLoginNetworkMask = defineCheck({
  id: 'ram-account-login-network-mask',
  title: 'RAM user console logon is restricted to known networks',
  description: 'Fails when LoginNetworkMasks is empty or contains a world-wide mask (0.0.0.0/0).',
  rationale: 'Restricting console logon to office or VPN egress addresses makes stolen passwords useless elsewhere.',
  severity: 'LOW',
  product: 'RAM',
  kind: 'account',
  free: false,
  standards: [standardRef.mlps('8.1.4.4c')],
  remediation: 'RAM console → Settings → Security settings → "Logon mask": list the egress CIDRs of your offices/VPN.',
  apis: ['Ram:GetSecurityPreference'],
  reads: ['securityPreference'],
  evaluate(asset) {
    const pref = asset.configuration.securityPreference;
    if (pref === null) return verdict.error('Security preference was not reported', { field: 'securityPreference', value: null });
    const masks = (pref.loginNetworkMasks ?? '').split(/[;,\s]+/).filter((m) => m !== '');
    if (masks.length === 0) return verdict.fail('Console logon is allowed from any network', { field: 'securityPreference.loginNetworkMasks', value: pref.loginNetworkMasks });
    const world = masks.filter((m) => cidrMatcher.isWorld(m));
    return world.length > 0
      ? verdict.fail(`Logon mask ${world[0]} admits every network`, { field: 'securityPreference.loginNetworkMasks', value: pref.loginNetworkMasks, world })
      : verdict.pass(`Console logon restricted to ${masks.join(', ')}`);
  },
});
