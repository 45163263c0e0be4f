import { defineCheck } from '../../engine/define-check.factory';
import { instant } from '../../engine/instant.parser';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ramUserConsoleUnused = defineCheck({
  id: 'ram-user-console-unused',
  title: 'RAM users idle for 90 days or more have console logon disabled',
  description:
    'Fails for a user with a console logon profile whose last logon (or creation, if never logged on) is older than the threshold. ' +
    'Users without console access are not applicable (peers alarm on them too).',
  rationale: 'Dormant console accounts are unmonitored entry points; removing their logon profile removes the risk without deleting the user.',
  severity: 'MEDIUM',
  product: 'RAM',
  kind: 'ramUser',
  free: true,
  standards: [standardRef.cis('1.5'), standardRef.mlps('8.1.4.2c')],
  remediation: 'Delete the logon profile of the idle user (RAM console → user → Console logon → Disable), or delete the user.',
  apis: ['Ram:ListUsers', 'Ram:GetUser', 'Ram:GetLoginProfile'],
  reads: ['lastLoginDate', 'createDate'],
  applicabilityReads: ['loginProfile'],
  params: { days: { type: 'integer', default: 90, minimum: 1, maximum: 3650, description: 'Idle days after which console logon must be disabled.' } },
  notApplicable: (asset) => (asset.configuration.loginProfile === null ? 'user has no console password' : null),
  evaluate(asset, ctx, params) {
    const { lastLoginDate, createDate } = asset.configuration;
    const field = lastLoginDate !== null ? 'lastLoginDate' : 'createDate';
    const value = lastLoginDate ?? createDate;
    const age = instant.ageInDays(value, ctx.now);
    if (age === null) return verdict.error('Neither a last logon nor a creation date is known', { field, value });
    return age >= params.days
      ? verdict.fail(`Console logon enabled but ${lastLoginDate === null ? 'never used since creation' : 'unused'} for ${age} days`, { field, value, idleDays: age, thresholdDays: params.days })
      : verdict.pass(`Last activity ${age} day(s) ago`, { field, value });
  },
});
