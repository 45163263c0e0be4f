import { definePostgresParameterCheck } from './postgres-parameter-check.factory';

export const rdsPgLogConnections = definePostgresParameterCheck({
  id: 'rds-pg-log-connections',
  parameter: 'log_connections',
  cis: '6.7',
  rationale: 'Logging each connection attempt shows who connected from where and reveals brute-force attempts.',
});
