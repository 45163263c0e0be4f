import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenSmb = defineOpenPortCheck({
  id: 'ecs-sg-open-smb',
  service: HIGH_RISK_SERVICES.smb,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'SMB exposed to the internet enabled WannaCry/NotPetya-class worms; file sharing belongs on private networks only.',
});
