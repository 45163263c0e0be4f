import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenMemcached = defineOpenPortCheck({
  id: 'ecs-sg-open-memcached',
  service: HIGH_RISK_SERVICES.memcached,
  severity: 'HIGH',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'Memcached has no authentication by default and its UDP port is a 50,000x DDoS amplifier.',
});
