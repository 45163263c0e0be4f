import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenElasticsearch = defineOpenPortCheck({
  id: 'ecs-sg-open-elasticsearch',
  service: HIGH_RISK_SERVICES.elasticsearch,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'Open Elasticsearch clusters are the single largest source of leaked records; the transport port also allows cluster joins.',
});
