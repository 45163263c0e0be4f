import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

describe('service configuration parsed once at boot', () => {
  it('stops a service with one line naming the bad variable', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'services/billing/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), PORT: 'eighty', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr.trim()).toBe('billing: configuration error: PORT must be an integer, got "eighty"');
  });

  it('refuses to start the gateway in production without its secrets', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'gateway/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), NODE_ENV: 'production', AUTH_JWT_SECRET: 'z'.repeat(40), INTERNAL_AUTH_SECRET: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr.trim()).toBe('gateway: configuration error: INTERNAL_AUTH_SECRET is required');
  });
});
