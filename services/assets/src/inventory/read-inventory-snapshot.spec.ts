import { snapshotOf } from '../../test/factories/snapshot.factory';
import { readInventorySnapshot } from './read-inventory-snapshot';
import { SnapshotInvalidError } from './snapshot-invalid.error';

const calls = [{ product: 'Ecs', action: 'DescribeInstances', region: 'cn-hangzhou', response: { Instances: { Instance: [{ InstanceId: 'i-1' }] } } }];

describe('readInventorySnapshot', () => {
  it('reads a parsed object, JSON text and bytes alike', () => {
    const fromObject = readInventorySnapshot(snapshotOf(calls));
    expect(readInventorySnapshot(JSON.stringify(snapshotOf(calls)))).toEqual(fromObject);
    expect(readInventorySnapshot(Buffer.from(JSON.stringify(snapshotOf(calls))))).toEqual(fromObject);
    expect(fromObject.assets.map((a) => a.resourceId)).toEqual(['1234567890123456', 'i-1']);
  });

  it('refuses bad input with SnapshotInvalidError only', () => {
    expect(() => readInventorySnapshot(null)).toThrow(SnapshotInvalidError);
    expect(() => readInventorySnapshot('[')).toThrow(SnapshotInvalidError);
    expect(() => readInventorySnapshot(snapshotOf([{ ...calls[0], response: { Instances: 7 } }]))).toThrow(SnapshotInvalidError);
  });
});
