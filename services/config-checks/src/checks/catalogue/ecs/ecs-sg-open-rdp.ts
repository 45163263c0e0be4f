import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenRdp = defineOpenPortCheck({
  id: 'ecs-sg-open-rdp',
  service: HIGH_RISK_SERVICES.rdp,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.cis('4.4'), standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4c')],
  risk: 'RDP is a prime ransomware entry point (credential stuffing, BlueKeep-class bugs); Windows management must not face the internet.',
});
