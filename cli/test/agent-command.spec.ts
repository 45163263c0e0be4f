import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rampart } from './support/rampart.process';

// Each run starts the CLI and the agent from TypeScript: seconds apiece on a busy machine.
jest.setTimeout(120_000);
// Nothing listens here: every case below must stop before it would talk to a gateway (the real one: e2e/agent-cli.e2e.spec.ts).
const NO_GATEWAY = 'http://127.0.0.1:9/graphql';

describe('rampart agent (no gateway needed)', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rampart-agent-root-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('collect prints the host facts of --root as JSON', async () => {
    const run = await rampart(['agent', 'collect', '--root', root, '--no-password-test']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1, root, live: false });
  });

  it('report without a token says what is missing and exits 2', async () => {
    const run = await rampart(['--gateway', NO_GATEWAY, 'agent', 'report', '--root', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--token/);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['neither --task nor --script', []],
    ['both --task and --script', ['--task', 'task-9', '--script', '-']],
  ])('fix with %s exits 2 naming both options', async (_case, args) => {
    const run = await rampart(['--gateway', NO_GATEWAY, '--token', 'T0K', 'agent', 'fix', '--root', root, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--task ID or --script FILE/);
  });

  it('fix --task without a token says what is missing and exits 2, changing nothing', async () => {
    const run = await rampart(['--gateway', NO_GATEWAY, 'agent', 'fix', '--task', 'task-9', '--root', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--token/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('fix --script refuses a file that is not a remediation script with exit 1, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-agent-script-'));
    try {
      writeFileSync(join(dir, 'fix.json'), JSON.stringify({ format: 'something-else', steps: [] }));
      const run = await rampart(['agent', 'fix', '--script', join(dir, 'fix.json'), '--root', root]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/not a rampart-remediation\/v1 script/);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown agent option is refused by the agent with exit 2 and its usage', async () => {
    const run = await rampart(['agent', 'collect', '--root', root, '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: rampart-agent/);
  });
});
