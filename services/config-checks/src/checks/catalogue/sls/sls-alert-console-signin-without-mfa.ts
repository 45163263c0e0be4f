import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertConsoleSigninWithoutMfa = defineSlsAlertCheck({
  id: 'sls-alert-console-signin-without-mfa',
  subject: 'console sign-in without MFA',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.17'), standardRef.mlps('8.1.5.4f'), standardRef.mlps('8.1.4.1d')],
  allOf: ['ConsoleSignin'],
  anyOf: ['MFA*'],
  rationale: 'Sign-ins without MFA point to users or policies that escaped the MFA requirement.',
});
