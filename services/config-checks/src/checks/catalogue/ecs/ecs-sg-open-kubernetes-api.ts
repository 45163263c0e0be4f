import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenKubernetesApi = defineOpenPortCheck({
  id: 'ecs-sg-open-kubernetes-api',
  service: HIGH_RISK_SERVICES.kubernetes,
  severity: 'HIGH',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'A Kubernetes API server open to the internet is one leaked token or anonymous-auth mistake away from cluster takeover.',
});
