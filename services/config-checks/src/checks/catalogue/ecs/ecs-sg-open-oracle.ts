import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenOracle = defineOpenPortCheck({
  id: 'ecs-sg-open-oracle',
  service: HIGH_RISK_SERVICES.oracle,
  severity: 'HIGH',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'The Oracle listener exposed to the internet allows TNS poisoning and credential attacks against the database.',
});
