import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ramUserMultipleActiveKeys = defineCheck({
  id: 'ram-user-multiple-active-keys',
  title: 'RAM user has at most one active AccessKey',
  description: 'Fails for a user with more than one Active AccessKey (a second key is only expected briefly during rotation).',
  rationale: 'Two long-lived active keys double the exposure and usually mean a rotation was never finished.',
  severity: 'LOW',
  product: 'RAM',
  kind: 'ramUser',
  free: false,
  standards: [standardRef.mlps('8.1.4.2c')],
  remediation: 'Finish the rotation: move applications to one key and disable the other.',
  apis: ['Ram:ListAccessKeys'],
  reads: ['accessKeys'],
  evaluate(asset) {
    const active = asset.configuration.accessKeys.filter((k) => k.status === 'Active');
    return active.length <= 1
      ? verdict.pass(`${active.length} active AccessKey(s)`)
      : verdict.fail(`${active.length} active AccessKeys`, { field: 'accessKeys', activeKeys: active.map((k) => k.accessKeyId) });
  },
});
