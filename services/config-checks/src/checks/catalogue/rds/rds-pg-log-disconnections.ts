import { definePostgresParameterCheck } from './postgres-parameter-check.factory';

export const rdsPgLogDisconnections = definePostgresParameterCheck({
  id: 'rds-pg-log-disconnections',
  parameter: 'log_disconnections',
  cis: '6.8',
  rationale: 'Session ends with their duration complete the connection record needed to reconstruct activity.',
});
