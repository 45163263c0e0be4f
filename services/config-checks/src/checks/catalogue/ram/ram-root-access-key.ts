import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { rootRow } from './root-credential-report.reader';

export const ramRootAccessKey = defineCheck({
  id: 'ram-root-access-key',
  title: 'The root account has no active AccessKey',
  description: 'Fails when the credential report shows an active AccessKey for the root account (works from a RAM identity, unlike ListAccessKeys).',
  rationale: 'A root AccessKey is an unrestrictable, long-lived credential for the whole account; a leak is a full takeover.',
  severity: 'HIGH',
  product: 'RAM',
  kind: 'account',
  free: true,
  standards: [standardRef.cis('1.2'), standardRef.mlps('8.1.4.2d')],
  remediation: 'Log on as root, move any automation to RAM users or roles, then disable and delete the root AccessKeys (AccessKey management).',
  apis: ['Ims:GenerateCredentialReport', 'Ims:GetCredentialReport'],
  reads: ['credentialReport'],
  evaluate(asset) {
    const row = rootRow(asset);
    if (!row.ok) return row.verdict;
    const active = row.root.accessKeys.map((k, i) => ({ slot: i + 1, ...k })).filter((k) => k.active);
    if (active.length === 0) return verdict.pass('The root account has no active AccessKey');
    return verdict.fail(`The root account has ${active.length} active AccessKey(s)`, {
      field: 'credentialReport.root.accessKeys',
      activeKeys: active.map((k) => ({ slot: k.slot, lastRotated: k.lastRotated, lastUsed: k.lastUsed })),
    });
  },
});
