import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenVnc = defineOpenPortCheck({
  id: 'ecs-sg-open-vnc',
  service: HIGH_RISK_SERVICES.vnc,
  severity: 'HIGH',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4c')],
  risk: 'VNC often has weak or no passwords and gives full desktop control.',
});
