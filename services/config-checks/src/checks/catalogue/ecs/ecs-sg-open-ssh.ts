import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenSsh = defineOpenPortCheck({
  id: 'ecs-sg-open-ssh',
  service: HIGH_RISK_SERVICES.ssh,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.cis('4.3'), standardRef.cis('3.2'), standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4c')],
  risk: 'SSH from the whole internet is brute-forced within minutes of an address going live and is the most common initial-access path to Linux hosts; management access must come only from known addresses.',
});
