import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenHadoop = defineOpenPortCheck({
  id: 'ecs-sg-open-hadoop',
  service: HIGH_RISK_SERVICES.hadoop,
  severity: 'MEDIUM',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'Hadoop NameNode/YARN endpoints without Kerberos allow unauthenticated data access and job submission (used by cryptominers).',
});
