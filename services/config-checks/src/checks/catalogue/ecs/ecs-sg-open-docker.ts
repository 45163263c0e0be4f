import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenDocker = defineOpenPortCheck({
  id: 'ecs-sg-open-docker',
  service: HIGH_RISK_SERVICES.docker,
  severity: 'HIGH',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'The Docker API gives root on the host to anyone who can reach it; exposed daemons are mined within hours.',
});
