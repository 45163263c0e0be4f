import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenKibana = defineOpenPortCheck({
  id: 'ecs-sg-open-kibana',
  service: HIGH_RISK_SERVICES.kibana,
  severity: 'MEDIUM',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'Kibana exposes the data of the cluster behind it and has had remote-code-execution bugs (e.g. CVE-2019-7609).',
});
