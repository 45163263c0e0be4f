import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ramUserConsoleMfa = defineCheck({
  id: 'ram-user-console-mfa',
  title: 'RAM user with a console password has MFA',
  description: 'Fails for a RAM user that has a console logon profile but no bound MFA device. Users without console access are not applicable.',
  rationale: 'Console passwords are phished and reused; MFA stops a stolen password from being enough.',
  severity: 'HIGH',
  product: 'RAM',
  kind: 'ramUser',
  free: true,
  standards: [standardRef.cis('1.4'), standardRef.mlps('8.1.4.1d')],
  remediation: 'Bind a virtual MFA device to the user (RAM console → user → Authentication → MFA) and require MFA at logon.',
  apis: ['Ram:ListUsers', 'Ram:GetLoginProfile', 'Ram:ListVirtualMFADevices'],
  reads: ['mfaDevice'],
  applicabilityReads: ['loginProfile'],
  notApplicable: (asset) => (asset.configuration.loginProfile === null ? 'user has no console password' : null),
  evaluate(asset) {
    const { mfaDevice, userName } = asset.configuration;
    return mfaDevice !== null
      ? verdict.pass(`MFA device ${mfaDevice.serialNumber} is bound`)
      : verdict.fail(`Console user ${userName} has no MFA device`, { field: 'mfaDevice', value: null, loginProfile: true });
  },
});
