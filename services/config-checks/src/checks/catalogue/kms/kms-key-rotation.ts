import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notCustomerKey } from './kms-key-applicability.guard';

export const kmsKeyRotation = defineCheck({
  id: 'kms-key-rotation',
  title: 'Automatic rotation is enabled for customer-managed KMS keys',
  description:
    'Fails for an Enabled, customer-created symmetric key of KMS origin without automatic rotation. Service keys, keys with external (BYOK-imported) ' +
    'material and asymmetric keys are not applicable (they cannot rotate automatically).',
  rationale: 'Rotation limits how much data any one key version protects and how long a compromised version stays useful.',
  severity: 'MEDIUM',
  product: 'KMS',
  kind: 'kmsKey',
  free: false,
  standards: [standardRef.mlps('8.1.4.8b')],
  remediation: 'Enable automatic rotation with a period of at most 365 days (UpdateRotationPolicy).',
  apis: ['Kms:ListKeys', 'Kms:DescribeKey'],
  reads: ['automaticRotation', 'rotationInterval'],
  applicabilityReads: ['creator', 'keyState', 'origin', 'keySpec'],
  notApplicable(asset) {
    const reason = notCustomerKey(asset);
    if (reason !== null) return reason;
    const { origin, keySpec, keyState } = asset.configuration;
    if (keyState !== 'Enabled') return `key is ${keyState}`;
    if (origin === 'EXTERNAL') return 'key material is imported (no automatic rotation)';
    if (keySpec !== null && !/^(Aliyun_AES_256|Aliyun_AES_128|Aliyun_SM4)$/i.test(keySpec)) return `asymmetric key ${keySpec}`;
    return null;
  },
  evaluate(asset) {
    const { automaticRotation, rotationInterval } = asset.configuration;
    return automaticRotation === 'Enabled'
      ? verdict.pass(`Rotation every ${rotationInterval ?? 'configured interval'}`)
      : verdict.fail(`Automatic rotation is ${automaticRotation ?? 'off'}`, { field: 'automaticRotation', value: automaticRotation, expected: 'Enabled' });
  },
  fix: {
    description: 'UpdateRotationPolicy EnableAutomaticRotation=true with the chosen interval; the rollback turns rotation off.',
    writeActions: ['Kms:UpdateRotationPolicy'],
    rollbackActions: ['Kms:UpdateRotationPolicy'],
    captureActions: ['Kms:DescribeKey'],
    params: { intervalDays: { type: 'integer', default: 365, minimum: 7, maximum: 365, description: 'Rotation period in days.' } },
    plan(asset, _ctx, _params, fixParams) {
      const { keyId } = asset.configuration;
      return {
        ok: true,
        plan: {
          summary: `Rotate ${keyId} every ${fixParams.intervalDays} days`,
          capture: [{ call: { product: 'Kms', action: 'DescribeKey', region: asset.region, params: { KeyId: keyId } }, fields: ['automaticRotation', 'rotationInterval'] }],
          priorState: { automaticRotation: asset.configuration.automaticRotation, rotationInterval: asset.configuration.rotationInterval },
          writes: [{ product: 'Kms', action: 'UpdateRotationPolicy', region: asset.region, params: { KeyId: keyId, EnableAutomaticRotation: true, RotationInterval: `${fixParams.intervalDays * 86400}s` } }],
          rollback: [{ product: 'Kms', action: 'UpdateRotationPolicy', region: asset.region, params: { KeyId: keyId, EnableAutomaticRotation: false } }],
        },
      };
    },
  },
});
