import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const redisSslEnabled = defineCheck({
  id: 'redis-ssl-enabled',
  title: 'Redis (KVStore) instance encrypts connections with TLS',
  description: 'Fails when SSL is disabled; instances whose edition does not report SSL support are not applicable.',
  rationale: 'Redis AUTH passwords and cached data (sessions, tokens) otherwise cross the network in clear text.',
  severity: 'MEDIUM',
  product: 'KVSTORE',
  kind: 'redisInstance',
  free: false,
  standards: [standardRef.mlps('8.1.4.8a'), standardRef.mlps('8.1.2.2b')],
  remediation: 'Enable TLS on the instance (ModifyInstanceSSL SSLEnabled=Enable) and switch clients to TLS.',
  apis: ['R-kvstore:DescribeInstanceSSL'],
  reads: ['sslEnabled'],
  applicabilityReads: ['sslEnabled'],
  notApplicable: (asset) => (asset.configuration.sslEnabled === null ? 'SSL is not supported or not reported for this instance edition' : null),
  evaluate(asset) {
    return asset.configuration.sslEnabled === true
      ? verdict.pass('TLS is enabled')
      : verdict.fail('TLS is disabled', { field: 'sslEnabled', value: false });
  },
  fix: {
    description: 'ModifyInstanceSSL SSLEnabled=Enable; the rollback disables it. Clients must use TLS afterwards.',
    writeActions: ['R-kvstore:ModifyInstanceSSL'],
    rollbackActions: ['R-kvstore:ModifyInstanceSSL'],
    captureActions: ['R-kvstore:DescribeInstanceSSL'],
    plan(asset) {
      const id = asset.configuration.instanceId;
      const call = (SSLEnabled: string) => ({ product: 'R-kvstore' as const, action: 'ModifyInstanceSSL', region: asset.region, params: { InstanceId: id, SSLEnabled } });
      return {
        ok: true,
        plan: {
          summary: `Enable TLS on ${id}`,
          capture: [{ call: { product: 'R-kvstore', action: 'DescribeInstanceSSL', region: asset.region, params: { InstanceId: id } }, fields: ['sslEnabled'] }],
          priorState: { sslEnabled: asset.configuration.sslEnabled },
          writes: [call('Enable')],
          rollback: [call('Disable')],
        },
      };
    },
  },
});
