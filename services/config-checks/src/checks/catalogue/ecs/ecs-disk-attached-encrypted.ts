import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ecsDiskAttachedEncrypted = defineCheck({
  id: 'ecs-disk-attached-encrypted',
  title: 'Disk attached to an instance is encrypted',
  description: 'Fails for an attached disk (any status but Available) that is not encrypted; set dataDisksOnly to follow the CIS text, which targets data disks.',
  rationale: 'Disk encryption protects data in snapshots, images and against storage-layer access.',
  severity: 'MEDIUM',
  product: 'ECS',
  kind: 'disk',
  free: false,
  standards: [standardRef.cis('4.2'), standardRef.mlps('8.1.4.8b')],
  remediation: 'Create an encrypted copy (snapshot → encrypted disk) and swap it in during a maintenance window; enable account-level default disk encryption.',
  apis: ['Ecs:DescribeDisks'],
  reads: ['encrypted'],
  applicabilityReads: ['status', 'type'],
  params: { dataDisksOnly: { type: 'boolean', default: false, description: 'Only evaluate data disks (system disks are not applicable).' } },
  notApplicable(asset, _ctx, params) {
    if (asset.configuration.status === 'Available') return 'disk is not attached';
    if (params.dataDisksOnly && asset.configuration.type === 'system') return 'system disk (dataDisksOnly)';
    return null;
  },
  evaluate(asset) {
    const { encrypted, type, instanceId } = asset.configuration;
    return encrypted
      ? verdict.pass('Disk is encrypted')
      : verdict.fail(`${type} disk attached to ${instanceId ?? 'an instance'} is not encrypted`, { field: 'encrypted', value: false, diskType: type, instanceId });
  },
});
