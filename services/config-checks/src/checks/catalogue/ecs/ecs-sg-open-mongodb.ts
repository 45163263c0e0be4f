import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenMongodb = defineOpenPortCheck({
  id: 'ecs-sg-open-mongodb',
  service: HIGH_RISK_SERVICES.mongodb,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'Internet-facing MongoDB instances have been wiped and ransomed by the tens of thousands.',
});
