import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenSqlserver = defineOpenPortCheck({
  id: 'ecs-sg-open-sqlserver',
  service: HIGH_RISK_SERVICES.sqlserver,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'SQL Server on the internet is brute-forced for sa and abused via xp_cmdshell; the browser service (1434/udp) leaks instance details.',
});
