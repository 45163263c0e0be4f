import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const kmsKeyPendingDeletion = defineCheck({
  id: 'kms-key-pending-deletion',
  title: 'No customer KMS key is scheduled for deletion',
  description: 'Fails for a customer-created key in state PendingDeletion, so the deletion can be confirmed or cancelled before data becomes unreadable.',
  rationale: 'Scheduled deletions are irreversible once the window ends and are a known sabotage technique.',
  severity: 'MEDIUM',
  product: 'KMS',
  kind: 'kmsKey',
  free: true,
  standards: [standardRef.mlps('8.1.4.9a')],
  remediation: 'Confirm that nothing still uses the key; otherwise cancel the deletion (CancelKeyDeletion).',
  apis: ['Kms:DescribeKey'],
  reads: ['keyState'],
  applicabilityReads: ['creator'],
  notApplicable: (asset) => (asset.configuration.creator !== null && asset.configuration.creator !== asset.accountId ? 'service-managed key' : null),
  evaluate(asset) {
    const state = asset.configuration.keyState;
    return state === 'PendingDeletion'
      ? verdict.fail(`Key ${asset.configuration.keyId} is pending deletion`, { field: 'keyState', value: state })
      : verdict.pass(`Key is ${state}`);
  },
});
