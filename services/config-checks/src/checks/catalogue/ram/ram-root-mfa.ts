import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { rootRow } from './root-credential-report.reader';

export const ramRootMfa = defineCheck({
  id: 'ram-root-mfa',
  title: 'MFA is enabled for the root account',
  description: 'Fails when the credential report shows no active MFA device for the root account.',
  rationale: 'The root account can do everything, including closing the account; a password alone is not enough to protect it.',
  severity: 'HIGH',
  product: 'RAM',
  kind: 'account',
  free: true,
  standards: [standardRef.cis('1.3'), standardRef.mlps('8.1.4.1d')],
  remediation: 'Log on as root → Security settings → bind a virtual MFA device or a U2F key.',
  apis: ['Ims:GenerateCredentialReport', 'Ims:GetCredentialReport'],
  reads: ['credentialReport'],
  evaluate(asset) {
    const row = rootRow(asset);
    if (!row.ok) return row.verdict;
    const { mfaActive } = row.root;
    if (mfaActive === null) return verdict.error('The credential report does not say whether root MFA is active', { field: 'credentialReport.root.mfaActive', value: null });
    return mfaActive
      ? verdict.pass('Root MFA is active')
      : verdict.fail('The root account has no MFA device', { field: 'credentialReport.root.mfaActive', value: false });
  },
});
