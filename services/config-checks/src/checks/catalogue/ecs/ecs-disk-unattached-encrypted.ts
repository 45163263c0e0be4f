import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ecsDiskUnattachedEncrypted = defineCheck({
  id: 'ecs-disk-unattached-encrypted',
  title: 'Unattached disk is encrypted',
  description: 'Fails for a disk in status Available (attached to nothing) that is not encrypted.',
  rationale: 'Detached disks are often left-overs holding old data; encryption keeps them unreadable if they are attached elsewhere or shared as snapshots.',
  severity: 'MEDIUM',
  product: 'ECS',
  kind: 'disk',
  free: false,
  standards: [standardRef.cis('4.1'), standardRef.mlps('8.1.4.8b')],
  remediation: 'Snapshot the disk, create an encrypted disk from the snapshot (KMS key), and delete the unencrypted one; or delete it if unused.',
  apis: ['Ecs:DescribeDisks'],
  reads: ['encrypted'],
  applicabilityReads: ['status'],
  notApplicable: (asset) => (asset.configuration.status === 'Available' ? null : `disk is ${asset.configuration.status} (attached)`),
  evaluate(asset) {
    const { encrypted, kmsKeyId } = asset.configuration;
    return encrypted
      ? verdict.pass(`Disk is encrypted${kmsKeyId ? ` with ${kmsKeyId}` : ''}`)
      : verdict.fail('Unattached disk is not encrypted', { field: 'encrypted', value: false });
  },
});
