import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertRootAccountUsage = defineSlsAlertCheck({
  id: 'sls-alert-root-account-usage',
  subject: 'use of the root account',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.18'), standardRef.mlps('8.1.5.4f'), standardRef.mlps('8.1.4.2d')],
  allOf: ['ConsoleSignin', 'root-account'],
  anyOf: [],
  rationale: 'Root sign-ins should be rare and always deliberate; each one deserves a look.',
});
