import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenMysql = defineOpenPortCheck({
  id: 'ecs-sg-open-mysql',
  service: HIGH_RISK_SERVICES.mysql,
  severity: 'HIGH',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  risk: 'Databases on the internet are scanned continuously for weak passwords and ransomed; they must only accept application tiers.',
});
