import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const slbDeleteProtection = defineCheck({
  id: 'slb-delete-protection',
  title: 'SLB instance has deletion protection',
  description: 'Fails when deletion protection is off.',
  rationale: 'A deleted load balancer takes its address with it; protection prevents accidental or malicious outages.',
  severity: 'LOW',
  product: 'SLB',
  kind: 'loadBalancer',
  free: false,
  standards: [standardRef.mlps('8.1.4.9c')],
  remediation: 'Enable deletion protection (SetLoadBalancerDeleteProtection DeleteProtection=on).',
  apis: ['Slb:DescribeLoadBalancerAttribute'],
  reads: ['deleteProtection'],
  evaluate(asset) {
    const value = asset.configuration.deleteProtection;
    if (value === null) return verdict.error('Deletion protection was not reported', { field: 'deleteProtection', value: null });
    return value ? verdict.pass('Deletion protection is on') : verdict.fail('Deletion protection is off', { field: 'deleteProtection', value });
  },
  fix: {
    description: 'SetLoadBalancerDeleteProtection on; the rollback turns it off.',
    writeActions: ['Slb:SetLoadBalancerDeleteProtection'],
    rollbackActions: ['Slb:SetLoadBalancerDeleteProtection'],
    captureActions: ['Slb:DescribeLoadBalancerAttribute'],
    plan(asset) {
      const id = asset.configuration.loadBalancerId;
      const call = (DeleteProtection: string) => ({ product: 'Slb' as const, action: 'SetLoadBalancerDeleteProtection', region: asset.region, params: { RegionId: asset.region, LoadBalancerId: id, DeleteProtection } });
      return {
        ok: true,
        plan: {
          summary: `Protect ${id} from deletion`,
          capture: [{ call: { product: 'Slb', action: 'DescribeLoadBalancerAttribute', region: asset.region, params: { LoadBalancerId: id } }, fields: ['deleteProtection'] }],
          priorState: { deleteProtection: asset.configuration.deleteProtection },
          writes: [call('on')],
          rollback: [call('off')],
        },
      };
    },
  },
});
