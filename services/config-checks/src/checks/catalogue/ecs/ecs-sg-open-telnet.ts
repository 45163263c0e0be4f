import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenTelnet = defineOpenPortCheck({
  id: 'ecs-sg-open-telnet',
  service: HIGH_RISK_SERVICES.telnet,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b'), standardRef.mlps('8.1.4.1c')],
  risk: 'Telnet sends credentials in clear text and is a favourite of IoT botnets; it should not be reachable at all, least of all from the internet.',
});
