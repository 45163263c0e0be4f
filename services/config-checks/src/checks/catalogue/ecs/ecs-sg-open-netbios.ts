import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenNetbios = defineOpenPortCheck({
  id: 'ecs-sg-open-netbios',
  service: HIGH_RISK_SERVICES.netbios,
  severity: 'MEDIUM',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'NetBIOS leaks host and domain names and is used for reflection and lateral movement; it has no place on the internet.',
});
