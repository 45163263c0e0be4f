import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ecsInstanceMetadataTokens = defineCheck({
  id: 'ecs-instance-metadata-tokens',
  title: 'ECS instance requires tokens for the metadata service (hardened mode)',
  description: 'Fails when the instance metadata service accepts requests without a session token (HttpTokens is not "required").',
  rationale: 'Token-less metadata access lets an SSRF bug read the instance role\'s STS credentials.',
  severity: 'MEDIUM',
  product: 'ECS',
  kind: 'ecsInstance',
  free: false,
  standards: [standardRef.mlps('8.1.4.4a')],
  remediation: 'Set the metadata access mode to "security hardening" (ModifyInstanceMetadataOptions HttpTokens=required) after checking the guest tools support it.',
  apis: ['Ecs:DescribeInstances'],
  reads: ['metadataHttpTokens'],
  evaluate(asset) {
    const tokens = asset.configuration.metadataHttpTokens;
    return tokens === 'required'
      ? verdict.pass('Metadata service requires tokens')
      : verdict.fail(`Metadata service HttpTokens is ${tokens ?? 'optional (default)'}`, { field: 'metadataHttpTokens', value: tokens, expected: 'required' });
  },
  fix: {
    description: 'Sets HttpTokens=required on the instance metadata options.',
    writeActions: ['Ecs:ModifyInstanceMetadataOptions'],
    rollbackActions: ['Ecs:ModifyInstanceMetadataOptions'],
    captureActions: ['Ecs:DescribeInstances'],
    plan(asset) {
      const { instanceId } = asset.configuration;
      const prior = asset.configuration.metadataHttpTokens ?? 'optional';
      const call = (HttpTokens: string) => ({ product: 'Ecs' as const, action: 'ModifyInstanceMetadataOptions', region: asset.region, params: { RegionId: asset.region, InstanceId: instanceId, HttpTokens } });
      return {
        ok: true,
        plan: {
          summary: `Require metadata tokens on ${instanceId}`,
          capture: [{ call: { product: 'Ecs', action: 'DescribeInstances', region: asset.region, params: { RegionId: asset.region, InstanceIds: JSON.stringify([instanceId]) } }, fields: ['metadataHttpTokens'] }],
          priorState: { metadataHttpTokens: asset.configuration.metadataHttpTokens },
          writes: [call('required')],
          rollback: [call(prior)],
        },
      };
    },
  },
});
