import { defineCheck } from '../../engine/define-check.factory';
import { instant } from '../../engine/instant.parser';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { rootRow } from './root-credential-report.reader';

export const ramRootRecentUse = defineCheck({
  id: 'ram-root-recent-use',
  title: 'The root (Alibaba Cloud) account has not been used to log on recently',
  description: 'Fails when the credential report shows a console logon of the root account within the window (default 90 days).',
  rationale: 'The root account cannot be restricted by policies; daily work should use RAM identities so actions are attributable and least-privileged.',
  severity: 'MEDIUM',
  product: 'RAM',
  kind: 'account',
  free: true,
  standards: [standardRef.cis('1.1'), standardRef.mlps('8.1.4.2d')],
  remediation: 'Create RAM users or roles with the permissions needed, stop using the root account, and lock its credentials away with MFA.',
  apis: ['Ims:GenerateCredentialReport', 'Ims:GetCredentialReport'],
  reads: ['credentialReport'],
  params: { days: { type: 'integer', default: 90, minimum: 1, maximum: 3650, description: 'A root logon within this many days fails.' } },
  evaluate(asset, ctx, params) {
    const row = rootRow(asset);
    if (!row.ok) return row.verdict;
    const last = row.root.userLastLogon;
    if (last === null || last === '' || last === 'N/A' || last === 'no_information') return verdict.pass('The root account has no recorded logon');
    const age = instant.ageInDays(last, ctx.now);
    if (age === null) return verdict.error(`Unreadable root last-logon date ${last}`, { field: 'credentialReport.root.userLastLogon', value: last });
    return age < params.days
      ? verdict.fail(`The root account logged on ${age} day(s) ago`, { field: 'credentialReport.root.userLastLogon', value: last, ageDays: age, windowDays: params.days })
      : verdict.pass(`Last root logon was ${age} days ago`, { field: 'credentialReport.root.userLastLogon', value: last });
  },
});
