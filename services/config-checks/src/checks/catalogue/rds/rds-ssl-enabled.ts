import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const rdsSslEnabled = defineCheck({
  id: 'rds-ssl-enabled',
  title: 'RDS instance requires SSL for incoming connections',
  description: 'Fails when SSL is not enabled on the instance; with requireForceEncryption (CIS wording) SSL must also be enforced for every connection.',
  rationale: 'Without TLS, credentials and query results cross the network in clear text.',
  severity: 'MEDIUM',
  product: 'RDS',
  kind: 'rdsInstance',
  free: true,
  standards: [standardRef.cis('6.1'), standardRef.mlps('8.1.4.8a'), standardRef.mlps('8.1.2.2b')],
  remediation: 'Enable SSL on the instance (ModifyDBInstanceSSL) and configure clients to verify the server certificate; enforce encryption where the engine supports it.',
  apis: ['Rds:DescribeDBInstanceSSL'],
  reads: ['ssl'],
  params: { requireForceEncryption: { type: 'boolean', default: false, description: 'Also require that unencrypted connections are refused (ForceEncryption).' } },
  evaluate(asset, _ctx, params) {
    const { ssl } = asset.configuration;
    if (!ssl.enabled) return verdict.fail('SSL is disabled', { field: 'ssl.enabled', value: false });
    if (params.requireForceEncryption && !ssl.forceEncryption) return verdict.fail('SSL is enabled but not enforced', { field: 'ssl.forceEncryption', value: false });
    return verdict.pass(ssl.forceEncryption ? 'SSL is enforced' : 'SSL is enabled', { expireTime: ssl.expireTime });
  },
  fix: {
    description: 'Enables SSL on the first connection string (ModifyDBInstanceSSL SSLEnabled=1); the rollback disables it. The instance restarts.',
    writeActions: ['Rds:ModifyDBInstanceSSL'],
    rollbackActions: ['Rds:ModifyDBInstanceSSL'],
    captureActions: ['Rds:DescribeDBInstanceSSL'],
    params: { connectionString: { type: 'string', default: '', description: 'Endpoint to protect; empty = the first private endpoint.' } },
    plan(asset, _ctx, _params, fixParams) {
      const cfg = asset.configuration;
      if (cfg.ssl.enabled) return { ok: false, reason: 'SSL is already enabled; enforcing it is an engine parameter change' };
      const endpoint = fixParams.connectionString || (cfg.netInfo.find((n) => n.ipType !== 'Public') ?? cfg.netInfo[0])?.connectionString;
      if (endpoint === undefined) return { ok: false, reason: 'the instance has no connection string' };
      const call = (SSLEnabled: number) => ({ product: 'Rds' as const, action: 'ModifyDBInstanceSSL', region: asset.region, params: { DBInstanceId: cfg.dbInstanceId, ConnectionString: endpoint, SSLEnabled } });
      return {
        ok: true,
        plan: {
          summary: `Enable SSL on ${endpoint}`,
          capture: [{ call: { product: 'Rds', action: 'DescribeDBInstanceSSL', region: asset.region, params: { DBInstanceId: cfg.dbInstanceId } }, fields: ['ssl'] }],
          priorState: { ssl: { enabled: false, forceEncryption: cfg.ssl.forceEncryption, expireTime: cfg.ssl.expireTime } },
          writes: [call(1)],
          rollback: [call(0)],
        },
      };
    },
  },
});
