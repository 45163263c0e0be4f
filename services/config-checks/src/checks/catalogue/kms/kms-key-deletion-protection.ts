import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notCustomerKey } from './kms-key-applicability.guard';

export const kmsKeyDeletionProtection = defineCheck({
  id: 'kms-key-deletion-protection',
  title: 'Customer-managed KMS key has deletion protection',
  description: 'Fails for a customer key without deletion protection; service keys and keys already pending deletion are not applicable.',
  rationale: 'Deleting a key destroys every piece of data encrypted under it; protection forces a deliberate extra step.',
  severity: 'LOW',
  product: 'KMS',
  kind: 'kmsKey',
  free: false,
  standards: [standardRef.mlps('8.1.4.9a')],
  remediation: 'Enable deletion protection on the key (SetDeletionProtection).',
  apis: ['Kms:DescribeKey'],
  reads: ['deletionProtection'],
  applicabilityReads: ['creator', 'keyState'],
  notApplicable: notCustomerKey,
  evaluate(asset) {
    const value = asset.configuration.deletionProtection;
    if (value === null) return verdict.error('Deletion protection was not reported', { field: 'deletionProtection', value: null });
    return value ? verdict.pass('Deletion protection is on') : verdict.fail('Deletion protection is off', { field: 'deletionProtection', value });
  },
  fix: {
    description: 'SetDeletionProtection EnableDeletionProtection=true; the rollback turns it off.',
    writeActions: ['Kms:SetDeletionProtection'],
    rollbackActions: ['Kms:SetDeletionProtection'],
    captureActions: ['Kms:DescribeKey'],
    plan(asset) {
      const arn = `acs:kms:${asset.region ?? ''}:${asset.accountId}:key/${asset.configuration.keyId}`;
      const call = (on: boolean) => ({ product: 'Kms' as const, action: 'SetDeletionProtection', region: asset.region, params: { ProtectedResourceArn: arn, EnableDeletionProtection: on } });
      return {
        ok: true,
        plan: {
          summary: `Protect ${asset.configuration.keyId} from deletion`,
          capture: [{ call: { product: 'Kms', action: 'DescribeKey', region: asset.region, params: { KeyId: asset.configuration.keyId } }, fields: ['deletionProtection'] }],
          priorState: { deletionProtection: asset.configuration.deletionProtection },
          writes: [call(true)],
          rollback: [call(false)],
        },
      };
    },
  },
});
