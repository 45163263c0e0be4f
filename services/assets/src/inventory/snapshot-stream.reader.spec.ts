import { snapshotOf } from '../../test/factories/snapshot.factory';
import { SnapshotInvalidError } from './snapshot-invalid.error';
import type { SnapshotLimits } from './snapshot.schema';
import { readSnapshotStream } from './snapshot-stream.reader';
import { parseSnapshot } from './validate-snapshot';

const calls = [
  { product: 'Ecs', action: 'DescribeInstances', region: 'cn-hangzhou', params: { PageNumber: 1 }, response: { Instances: { Instance: [{ InstanceId: 'i-1', InstanceName: 'web "01" {a}[b] \\ 杭州 🚀' }] } } },
  { product: 'Ecs', action: 'DescribeInstanceRamRole', region: 'cn-hangzhou', error: { code: 'Forbidden.RAM', message: 'no' } },
  { product: 'Oss', action: 'GetBucketAcl', region: 'cn-hangzhou', params: { bucket: 'logs' }, response: '<?xml version="1.0"?><AccessControlPolicy>}]</AccessControlPolicy>' },
  { product: 'Ram', action: 'ListUsers', region: null, response: { Users: { User: [] }, IsTruncated: false } },
];

/** The text cut into chunks of `size` bytes, as a file or a request body arrives. */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function refusal(text: string, limits?: Partial<SnapshotLimits>, size = 5): Promise<{ path: string; reason: string }> {
  try {
    await readSnapshotStream(chunks(text, size), limits);
  } catch (error) {
    if (error instanceof SnapshotInvalidError) return error.details;
    throw error;
  }
  throw new Error('expected the snapshot to be refused');
}

describe('readSnapshotStream', () => {
  it('reads the same snapshot as parseSnapshot, however the bytes are cut', async () => {
    const text = JSON.stringify(snapshotOf(calls), null, 2);
    const expected = parseSnapshot(text);
    for (const size of [1, 3, 7, 64, text.length]) {
      expect(await readSnapshotStream(chunks(text, size))).toEqual(expected);
    }
  });

  it('accepts the envelope in any order and an empty call list', async () => {
    const { calls: _calls, ...envelope } = snapshotOf([]);
    const text = `{"calls":[],${JSON.stringify(envelope).slice(1)}`;
    expect(await readSnapshotStream(chunks(text, 4))).toEqual(parseSnapshot(text));
  });

  it('names a call that is not valid JSON by its index', async () => {
    const text = JSON.stringify(snapshotOf(calls)).replace('"DescribeInstanceRamRole",', '"DescribeInstanceRamRole",,');
    expect(await refusal(text)).toMatchObject({ path: 'calls[1]', reason: expect.stringMatching(/^not valid JSON/) });
  });

  it('names a call cut off by the end of the input', async () => {
    const text = JSON.stringify(snapshotOf(calls));
    expect(await refusal(text.slice(0, text.indexOf('GetBucketAcl')))).toEqual({ path: 'calls[2]', reason: 'not valid JSON (unexpected end of input)' });
  });

  it('applies the same checks as parseSnapshot, at the first bad call', async () => {
    const noAction = snapshotOf([calls[0], { ...calls[3], action: undefined }, { product: 'Ecs' }]);
    expect(await refusal(JSON.stringify(noAction))).toEqual({ path: 'calls[1].action', reason: expect.any(String) });
    const wrongType = snapshotOf([calls[0], calls[1], { ...calls[2], response: { not: 'xml' } }]);
    expect(await refusal(JSON.stringify(wrongType))).toMatchObject({ path: 'calls[2].response' });
    expect(await refusal(JSON.stringify({ ...snapshotOf(calls), format: 'aws' }))).toMatchObject({ path: 'format' });
    expect(await refusal(JSON.stringify({ ...snapshotOf(calls), version: 2 }))).toMatchObject({ path: 'version' });
    expect(await refusal(JSON.stringify({ ...snapshotOf(calls), accountId: 'a:b' }))).toMatchObject({ path: 'accountId' });
    expect(await refusal(JSON.stringify({ ...snapshotOf(calls), calls: 'none' }))).toMatchObject({ path: 'calls' });
    expect(await refusal('[1, 2]')).toMatchObject({ path: '$' });
    expect(await refusal(`${JSON.stringify(snapshotOf(calls))} {}`)).toMatchObject({ path: '$' });
  });

  it('applies the configurable size limits while reading', async () => {
    const text = JSON.stringify(snapshotOf(calls));
    expect(await refusal(text, { maxBytes: 100 })).toMatchObject({ path: '$', reason: 'the snapshot is over the limit of 100 bytes' });
    expect(await refusal(text, { maxCalls: 3 })).toMatchObject({ path: 'calls' });
    const big = snapshotOf([calls[0], { ...calls[2], response: 'x'.repeat(3 * 1024 * 1024) }]);
    expect(await refusal(JSON.stringify(big), { maxResponseBytes: 1024 }, 65536)).toMatchObject({ path: 'calls[1].response' });
  });
});
