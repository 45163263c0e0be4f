import { snapshotOf } from '../../test/factories/snapshot.factory';
import { SnapshotInvalidError } from './snapshot-invalid.error';
import { estimateJsonSize, parseSnapshot, validateSnapshot } from './validate-snapshot';

const goodCall = { product: 'Ecs', action: 'DescribeInstances', region: 'cn-hangzhou', params: {}, response: { Instances: { Instance: [] } } };

function refusal(run: () => unknown): { path: string; reason: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotInvalidError) return error.details;
    throw error;
  }
  throw new Error('expected the snapshot to be refused');
}

describe('validateSnapshot', () => {
  it('accepts the contract envelope and defaults region and params', () => {
    const snapshot = validateSnapshot(snapshotOf([
      { product: 'Ram', action: 'ListUsers', response: { Users: { User: [] } } },
      { product: 'Oss', action: 'GetBucketAcl', region: 'cn-hangzhou', params: { bucket: 'logs' }, response: '<AccessControlPolicy/>' },
      { product: 'Ecs', action: 'DescribeInstances', region: 'cn-shanghai', error: { code: 'Forbidden.RAM', message: 'denied' } },
    ]));
    expect(snapshot.accountId).toBe('1234567890123456');
    expect(snapshot.calls[0]).toEqual({ product: 'Ram', action: 'ListUsers', region: null, params: {}, response: { Users: { User: [] } } });
    expect(snapshot.calls[2].error).toEqual({ code: 'Forbidden.RAM', message: 'denied' });
  });

  it('refuses text that is not JSON, naming the whole document', () => {
    expect(refusal(() => parseSnapshot('{"format": "alibaba-openapi-snapshot", '))).toEqual({ path: '$', reason: expect.stringContaining('not valid JSON') });
  });

  it('refuses a wrong format or version', () => {
    expect(refusal(() => validateSnapshot({ ...snapshotOf([]), format: 'aws-config' })).path).toBe('format');
    expect(refusal(() => validateSnapshot({ ...snapshotOf([]), version: 2 })).path).toBe('version');
    expect(refusal(() => validateSnapshot({ ...snapshotOf([]), accountId: 'acct:1' })).path).toBe('accountId');
    expect(refusal(() => validateSnapshot({ ...snapshotOf([]), calls: {} })).path).toBe('calls');
    expect(refusal(() => validateSnapshot([])).path).toBe('$');
  });

  it('names the first call without a product or an action by its index', () => {
    const calls = [goodCall, goodCall, { ...goodCall, product: undefined }, { ...goodCall, action: '' }];
    expect(refusal(() => validateSnapshot(snapshotOf(calls)))).toEqual({ path: 'calls[2].product', reason: expect.any(String) });
    expect(refusal(() => validateSnapshot(snapshotOf([goodCall, { ...goodCall, action: 'Describe Instances' }]))).path).toBe('calls[1].action');
  });

  it('refuses a response of the wrong type for its product', () => {
    expect(refusal(() => validateSnapshot(snapshotOf([goodCall, { ...goodCall, response: '<xml/>' }])))).toEqual({
      path: 'calls[1].response', reason: 'Ecs answers JSON objects; got a string',
    });
    expect(refusal(() => validateSnapshot(snapshotOf([{ product: 'Oss', action: 'ListBuckets', response: { Buckets: [] } }]))).path).toBe('calls[0].response');
    expect(refusal(() => validateSnapshot(snapshotOf([{ ...goodCall, response: [1, 2] }]))).path).toBe('calls[0].response');
  });

  it('refuses a call with neither response nor error, or with both', () => {
    expect(refusal(() => validateSnapshot(snapshotOf([{ product: 'Ecs', action: 'DescribeDisks' }]))).path).toBe('calls[0].response');
    expect(refusal(() => validateSnapshot(snapshotOf([{ ...goodCall, error: { code: 'X', message: '' } }]))).path).toBe('calls[0]');
    expect(refusal(() => validateSnapshot(snapshotOf([{ ...goodCall, response: undefined, error: { message: 'no code' } }]))).path).toBe('calls[0].error.code');
  });

  it('refuses a bad region or params', () => {
    expect(refusal(() => validateSnapshot(snapshotOf([{ ...goodCall, region: 'CN HANGZHOU' }]))).path).toBe('calls[0].region');
    expect(refusal(() => validateSnapshot(snapshotOf([{ ...goodCall, params: ['x'] }]))).path).toBe('calls[0].params');
  });

  it('applies the configurable size limits', () => {
    const big = { ...goodCall, response: { Instances: { Instance: Array.from({ length: 200 }, (_, i) => ({ InstanceId: `i-${i}` })) } } };
    expect(refusal(() => validateSnapshot(snapshotOf([goodCall, big]), { maxResponseBytes: 1000 }))).toEqual({
      path: 'calls[1].response', reason: 'the body is over the limit of 1000 bytes',
    });
    expect(refusal(() => validateSnapshot(snapshotOf([goodCall, goodCall, goodCall]), { maxCalls: 2 })).path).toBe('calls');
    expect(refusal(() => parseSnapshot(JSON.stringify(snapshotOf([big])), { maxBytes: 2000 })).path).toBe('$');
    expect(refusal(() => validateSnapshot(snapshotOf([big, big]), { maxBytes: 6000 })).reason).toContain('exceeded at calls[1]');
    expect(() => validateSnapshot(snapshotOf([big]))).not.toThrow();
  });

  it('parses bytes as well as text', () => {
    const snapshot = parseSnapshot(Buffer.from(JSON.stringify(snapshotOf([goodCall]))));
    expect(snapshot.calls).toHaveLength(1);
  });

  it('estimates JSON size close to the serialised length and stops early past the budget', () => {
    const value = { a: [1, 'two', { three: true }], b: 'x'.repeat(100) };
    const estimate = estimateJsonSize(value, Number.MAX_SAFE_INTEGER);
    expect(Math.abs(estimate - JSON.stringify(value).length)).toBeLessThan(30);
    expect(estimateJsonSize({ big: 'y'.repeat(10_000), more: 'z'.repeat(10_000) }, 100)).toBeLessThan(20_000);
  });
});
