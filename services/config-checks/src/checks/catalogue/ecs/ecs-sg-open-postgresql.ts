import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenPostgresql = defineOpenPortCheck({
  id: 'ecs-sg-open-postgresql',
  service: HIGH_RISK_SERVICES.postgresql,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'PostgreSQL reachable from the internet invites password guessing and COPY ... PROGRAM abuse once an account falls.',
});
