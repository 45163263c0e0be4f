import { CallIndex, compositeKey, paramValue, paramValues } from './call-index';

describe('call index', () => {
  it('reads a parameter however the connector spelled it', () => {
    expect(paramValues({ SecurityGroupId: 'sg-1' }, 'SecurityGroupId')).toEqual(['sg-1']);
    expect(paramValues({ securitygroupid: 'sg-1' }, 'SecurityGroupId')).toEqual(['sg-1']);
    expect(paramValues({ InstanceIds: '["i-1", "i-2"]' }, 'InstanceIds')).toEqual(['i-1', 'i-2']);
    expect(paramValues({ LoadBalancerId: ['lb-1', 'lb-2'] }, 'LoadBalancerId')).toEqual(['lb-1', 'lb-2']);
    expect(paramValues({ 'LoadBalancerId.1': 'lb-1', 'LoadBalancerId.2': 'lb-2', 'LoadBalancerIdX': 'no' }, 'LoadBalancerId')).toEqual(['lb-1', 'lb-2']);
    expect(paramValues({ PageNumber: 3 }, 'PageNumber')).toEqual(['3']);
    expect(paramValues({ Name: '[not json' }, 'Name')).toEqual(['[not json']);
    expect(paramValues({ RegionId: 'cn-hangzhou' }, 'InstanceIds')).toBeNull();
    expect(paramValue({ InstanceIds: '[]' }, 'InstanceIds')).toBeNull();
  });

  it('joins detail calls to resources by parameter, alone or together', () => {
    const index = new CallIndex([
      { product: 'Sls', action: 'GetLogStore', region: 'cn-hangzhou', params: { project: 'a', logstore: 'x' }, response: {} },
      { product: 'SLS', action: 'GetLogStore', region: 'cn-hangzhou', params: { projectName: 'b', logstore: 'x' }, response: {} },
    ]);
    expect(index.byParam('Sls', 'GetLogStore', 'logstore').get('x')?.map((c) => c.index)).toEqual([0, 1]);
    const both = index.byParams('Sls', 'GetLogStore', [['project', 'projectName'], ['logstore']]);
    expect(both.get(compositeKey(['b', 'x']))?.map((c) => c.index)).toEqual([1]);
    expect(index.of('sls', 'getlogstore')).toHaveLength(2);
  });
});
