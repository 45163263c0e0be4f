import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertConsoleAuthFailures = defineSlsAlertCheck({
  id: 'sls-alert-console-auth-failures',
  subject: 'console authentication failures',
  severity: 'LOW',
  standards: [standardRef.cis('2.19'), standardRef.mlps('8.1.5.4f'), standardRef.mlps('8.1.4.1b')],
  allOf: ['ConsoleSignin', 'errorCode'],
  anyOf: [],
  rationale: 'Repeated failed sign-ins indicate password guessing against console users.',
});
