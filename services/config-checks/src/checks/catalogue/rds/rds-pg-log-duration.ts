import { definePostgresParameterCheck } from './postgres-parameter-check.factory';

export const rdsPgLogDuration = definePostgresParameterCheck({
  id: 'rds-pg-log-duration',
  parameter: 'log_duration',
  cis: '6.9',
  rationale: 'Statement durations expose abnormal, long-running queries such as bulk extraction.',
});
