import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { importSnapshotFile } from '../cli/src/commands/import.command';
import { startE2EStack, type E2EStack } from './stack.fixture';

const FIXTURE = join(__dirname, '..', 'services', 'assets', 'test', 'fixtures', 'recorded-account.snapshot.json');

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function runImport(file: string, gateway: string, token: string, upload: boolean) {
  const out = capture();
  const err = capture();
  const code = await importSnapshotFile(file, gateway, token, out.stream, err.stream, { upload });
  return { code, out: out.text(), err: err.text() };
}

describe('rampart import through the gateway', () => {
  let stack: E2EStack;
  let dir: string;

  beforeAll(async () => {
    stack = await startE2EStack({ deployables: ['assets', 'gateway'] });
    dir = mkdtempSync(join(tmpdir(), 'rampart-import-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stack?.stop();
  });

  const assetCount = async (token: string) => {
    const { body } = await stack.graphql('{ assets { totalCount } }', { token });
    return (body.data?.assets as { totalCount: number }).totalCount;
  };

  it('imports through importInventory, then re-uploads the same file as a stream and changes nothing', async () => {
    const token = await stack.token('tenant-cli-import', ['analyst']);
    const first = await runImport(FIXTURE, stack.urls.gateway, token, false);
    expect(first).toMatchObject({ code: 0, err: '' });
    const [, status, created] = /\((\w+)\): (\d+) created/.exec(first.out) ?? [];
    // The recording holds API errors on purpose: the import completes and says what it could not see.
    expect(status).toBe('COMPLETED_WITH_GAPS');
    expect(Number(created)).toBeGreaterThan(0);
    expect(await assetCount(token)).toBe(Number(created));

    const again = await runImport(FIXTURE, stack.urls.gateway, token, true);
    expect(again.err).toBe('');
    expect(again.out).toBe(`Imported account 1234567890123456 (COMPLETED_WITH_GAPS): 0 created, 0 updated, 0 removed, ${created} unchanged\n`);
  });

  it('refuses a streamed snapshot with a malformed call by its index and writes nothing', async () => {
    const token = await stack.token('tenant-cli-bad', ['analyst']);
    const snapshot = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { calls: Array<Record<string, unknown>> };
    delete snapshot.calls[1].product;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const result = await runImport(file, stack.urls.gateway, token, true);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^rampart import: BAD_USER_INPUT at snapshot\.calls\[1\]/);
    expect(await assetCount(token)).toBe(0);
  });

  it('authenticates the upload at the gateway and requires the scan permission', async () => {
    const unsigned = await runImport(FIXTURE, stack.urls.gateway, 'not-a-token', true);
    expect(unsigned).toMatchObject({ code: 1, err: expect.stringMatching(/^rampart import: UNAUTHENTICATED/) });
    const viewer = await stack.token('tenant-cli-viewer', ['viewer']);
    const refused = await runImport(FIXTURE, stack.urls.gateway, viewer, true);
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/^rampart import: FORBIDDEN/) });
    expect(await assetCount(viewer)).toBe(0);
  });
});
