import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenRedis = defineOpenPortCheck({
  id: 'ecs-sg-open-redis',
  service: HIGH_RISK_SERVICES.redis,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'Redis often runs without authentication; an exposed instance lets anyone write SSH keys or cron jobs and take over the host.',
});
