import { HIGH_RISK_SERVICES } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { defineOpenPortCheck } from './open-port-check.factory';

export const ecsSgOpenFtp = defineOpenPortCheck({
  id: 'ecs-sg-open-ftp',
  service: HIGH_RISK_SERVICES.ftp,
  severity: 'MEDIUM',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b'), standardRef.mlps('8.1.4.1c')],
  risk: 'FTP transfers credentials and data in clear text and anonymous or weak FTP logins are routinely harvested.',
});
