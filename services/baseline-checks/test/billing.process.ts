import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';

const ROOT = join(__dirname, '..', '..', '..');

export interface BillingProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real billing service as its own process (services never import each other), on a throwaway database and the
 * given NATS: quota reservations and entitlements are answered exactly as in production.
 */
export async function startBillingProcess(natsUrl: string): Promise<BillingProcess> {
  const config = testPlatformConfig('billing', { natsUrl });
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'services/billing/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: config.databaseUrl,
      DATABASE_NAME: config.databaseName,
      NATS_URL: natsUrl,
      INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const ready = line.includes('billing subgraph ready') ? /http:\/\/127\.0\.0\.1:\d+\/graphql/.exec(line) : null;
        if (ready) resolve(ready[0]);
      });
    }
    child.once('exit', (code) => reject(new Error(`billing exited (${code}) before it was ready:\n${output.join('\n')}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await dropTestDatabase(config);
    },
  };
}
