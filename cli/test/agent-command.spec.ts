import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
// Each run starts the CLI and the agent from TypeScript: seconds apiece on a busy machine.
jest.setTimeout(120_000);

/** Runs `rampart …` from the TypeScript sources (cli/dist may be a stale build). */
function rampart(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'cli', 'src', 'main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), RAMPART_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('rampart agent', () => {
  let root: string;
  let gateway: Server;
  let gatewayUrl: string;
  const received: Array<{ headers: IncomingHttpHeaders; body: { query: string; variables: Record<string, any> } }> = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rampart-agent-root-'));
    // A stand-in gateway: records what the CLI sends and answers like the baseline-checks subgraph would.
    gateway = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as { query: string; variables: Record<string, any> };
        received.push({ headers: req.headers, body });
        const data = body.query.includes('reportHostFacts')
          ? { reportHostFacts: { id: 'host-1' } }
          : {
              baselineRemediation: {
                script: {
                  format: 'rampart-remediation/v1',
                  taskId: body.variables.taskId,
                  itemId: 'SSH-01',
                  title: 'SSH root login is disabled',
                  steps: [{ kind: 'set-key-in-file', path: '/etc/ssh/sshd_config', key: 'PermitRootLogin', value: 'no', separator: ' ' }],
                  expect: [],
                },
              },
            };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => gateway.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('collect prints the host facts of --root as JSON', async () => {
    const run = await rampart(['agent', 'collect', '--root', root, '--no-password-test']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1, root, live: false });
  });

  it('report submits the facts with reportHostFacts using --gateway and --token', async () => {
    const run = await rampart(['agent', 'report', '--root', root, '--no-password-test', '--instance-id', 'i-bp1abc', '--gateway', gatewayUrl, '--token', 'T0K']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ hostId: 'host-1' });
    const call = received.find((r) => r.body.query.includes('reportHostFacts'))!;
    expect(call.headers.authorization).toBe('Bearer T0K');
    expect(call.body.variables).toMatchObject({ instanceId: 'i-bp1abc', facts: { schemaVersion: 1, root } });
  });

  it('report without a token says what is missing', async () => {
    const run = await rampart(['agent', 'report', '--root', root, '--gateway', gatewayUrl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--token/);
  });

  it('fix --task fetches the task\'s remediation from the gateway and hands it to the agent', async () => {
    const run = await rampart(['agent', 'fix', '--task', 'task-9', '--root', root, '--dry-run', '--gateway', gatewayUrl, '--token', 'T0K']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PermitRootLogin/);
    expect(received.find((r) => r.body.query.includes('baselineRemediation'))!.body.variables).toEqual({ taskId: 'task-9' });
  });
});
