import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { importSnapshotFile } from '../src/commands/import.command';

const FIXTURE = join(__dirname, '..', '..', 'services', 'assets', 'test', 'fixtures', 'recorded-account.snapshot.json');

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('rampart import', () => {
  let gateway: Server;
  let url: string;
  let answer: (variables: { snapshot: { accountId: string; calls: unknown[] } }) => unknown;
  const seen: Array<{ authorization?: string; chunked: boolean }> = [];

  beforeAll(async () => {
    // A stand-in gateway that parses the streamed GraphQL request and answers like the assets subgraph.
    gateway = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        seen.push({ authorization: req.headers.authorization, chunked: req.headers['transfer-encoding'] === 'chunked' });
        const body = JSON.parse(text) as { query: string; variables: { snapshot: { accountId: string; calls: unknown[] } } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer(body.variables)));
      });
    });
    await new Promise<void>((ready) => gateway.listen(0, '127.0.0.1', ready));
    url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((done) => gateway.close(() => done())));

  it('streams the file to importInventory and prints the counts', async () => {
    answer = ({ snapshot }) => ({
      data: { importInventory: { id: 'i1', accountId: snapshot.accountId, status: 'COMPLETED', assetsCreated: snapshot.calls.length, assetsUpdated: 0, assetsRemoved: 1, assetsUnchanged: 2 } },
    });
    const out = capture();
    const err = capture();
    const code = await importSnapshotFile(FIXTURE, url, 'tok', out.stream, err.stream);
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^Imported account 1234567890123456 \(COMPLETED\): \d+ created, 0 updated, 1 removed, 2 unchanged\n$/);
    expect(seen.at(-1)).toEqual({ authorization: 'Bearer tok', chunked: true });
  });

  it('exits non-zero with the error code and the offending path', async () => {
    answer = () => ({ data: null, errors: [{ message: 'Invalid inventory snapshot', extensions: { code: 'BAD_USER_INPUT', details: { path: 'snapshot.calls[3].product' } } }] });
    const out = capture();
    const err = capture();
    expect(await importSnapshotFile(FIXTURE, url, 'tok', out.stream, err.stream)).toBe(1);
    expect(err.text()).toBe('rampart import: BAD_USER_INPUT at snapshot.calls[3].product: Invalid inventory snapshot\n');
    expect(await importSnapshotFile('/nonexistent/snapshot.json', url, 'tok', out.stream, err.stream)).toBe(2);
  });
});
