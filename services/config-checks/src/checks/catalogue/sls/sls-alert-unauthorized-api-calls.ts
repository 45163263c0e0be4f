import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertUnauthorizedApiCalls = defineSlsAlertCheck({
  id: 'sls-alert-unauthorized-api-calls',
  subject: 'unauthorized API calls',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.16'), standardRef.mlps('8.1.5.4f'), standardRef.mlps('8.1.4.4f')],
  allOf: ['ApiCall'],
  anyOf: ['NoPermission*', 'Forbidden*', 'Forbbiden', 'InvalidAccessKeyId*', 'InvalidSecurityToken*', 'SignatureDoesNotMatch', 'InvalidAuthorization', 'AccessForbidden', 'NotAuthorized'],
  rationale: 'Bursts of permission errors are an early sign of a stolen credential being probed.',
});
