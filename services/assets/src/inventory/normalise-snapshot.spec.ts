import { ACCOUNT, HZ, assetOf, failed, idOf, normalise, ok, snapshotOf } from '../../test/factories/snapshot.factory';
import { normaliseSnapshot } from './normalise-snapshot';
import { SnapshotInvalidError } from './snapshot-invalid.error';
import { validateSnapshot } from './validate-snapshot';

const instances = (...ids: string[]): unknown => ({ Instances: { Instance: ids.map((InstanceId) => ({ InstanceId, Status: 'Running' })) } });

describe('normaliseSnapshot', () => {
  it('always lists the account, even from an empty snapshot', () => {
    const result = normalise([]);
    expect(result.assets.map((a) => a.id)).toEqual([idOf('ram', null, 'account', ACCOUNT)]);
    expect(result).toMatchObject({ accountId: ACCOUNT, capturedAt: '2026-11-28T00:00:00Z', unknownActions: [], incomplete: [] });
  });

  it('keeps and reports calls of actions and products it does not read, in snapshot order', () => {
    const result = normalise([
      ok('Ecd', 'DescribeDesktops', { Desktops: [] }),
      ok('Ecs', 'DescribeInstances', instances()),
      ok('Ecs', 'DescribeImages', { Images: { Image: [] } }),
      ok('Ecd', 'DescribeDesktops', { Desktops: [] }),
    ]);
    expect(result.unknownActions).toEqual([
      { index: 0, product: 'Ecd', action: 'DescribeDesktops' },
      { index: 2, product: 'Ecs', action: 'DescribeImages' },
      { index: 3, product: 'Ecd', action: 'DescribeDesktops' },
    ]);
  });

  it('matches product codes whatever their case', () => {
    const result = normalise([ok('ECS', 'DescribeInstances', instances('i-1'))]);
    expect(result.unknownActions).toEqual([]);
    expect(result.assets.map((a) => a.resourceId)).toContain('i-1');
  });

  it('lists a resource that two pages both return once', () => {
    const result = normalise([ok('Ecs', 'DescribeInstances', instances('i-1', 'i-2')), ok('Ecs', 'DescribeInstances', instances('i-2', 'i-3'))]);
    expect(result.assets.filter((a) => a.resourceType === 'ALIYUN::ECS::Instance').map((a) => a.resourceId)).toEqual(['i-1', 'i-2', 'i-3']);
  });

  it('reports every failed list page as incomplete inventory, with its region', () => {
    const result = normalise([
      ok('Ecs', 'DescribeInstances', instances('i-1')),
      failed('Ecs', 'DescribeInstances', 'Throttling', { PageNumber: 2 }),
      failed('Ram', 'ListUsers', 'Forbidden.RAM'),
      failed('Oss', 'ListBuckets', 'AccessDenied', {}, null),
    ]);
    expect(result.incomplete.map((g) => [g.source, g.region, g.error.code])).toEqual([
      ['Ram:ListUsers', null, 'Forbidden.RAM'],
      ['Ecs:DescribeInstances', HZ, 'Throttling'],
      ['Oss:ListBuckets', null, 'AccessDenied'],
    ]);
    const account = assetOf(result, idOf('ram', null, 'account', ACCOUNT));
    expect(account.unknown.filter((u) => u.fields.includes('inventoryIncomplete')).map((u) => u.source)).toEqual(['Ram:ListUsers', 'Ecs:DescribeInstances', 'Oss:ListBuckets']);
  });

  it('refuses a body of the wrong shape, naming the first bad call by index and returning nothing', () => {
    const snapshot = validateSnapshot(snapshotOf([
      ok('Ecs', 'DescribeInstances', instances('i-1')),
      ok('Ram', 'ListUsers', { Users: { User: [{ UserName: 'a' }] } }),
      ok('Ram', 'GetPasswordPolicy', { PasswordPolicy: { MinimumPasswordLength: 'long' } }),
      ok('Ecs', 'DescribeInstances', { Instances: { Instance: [{ InstanceId: ['i-2'] }] } }),
    ]));
    let error: unknown;
    try {
      normaliseSnapshot(snapshot);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SnapshotInvalidError);
    expect((error as SnapshotInvalidError).details).toEqual({
      path: 'calls[2].response.PasswordPolicy.MinimumPasswordLength', reason: 'expected a number, got string "long"',
    });
  });

  it('refuses a list entry without its id', () => {
    expect(() => normalise([ok('Ecs', 'DescribeInstances', { Instances: { Instance: [{ Status: 'Running' }] } })]))
      .toThrow(expect.objectContaining({ details: { path: 'calls[0].response.Instances.Instance[0].InstanceId', reason: 'missing' } }));
  });

  it('produces the same assets for the same snapshot', () => {
    const calls = [ok('Ecs', 'DescribeInstances', instances('i-1', 'i-2')), ok('Ram', 'ListUsers', { Users: { User: [{ UserName: 'u' }] } })];
    expect(normalise(calls)).toEqual(normalise(calls));
  });
});
