import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `rampart …` from the TypeScript sources, as an operator runs it on a host (RAMPART_* from this shell do not leak in). */
export function rampart(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'cli', 'src', 'main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), RAMPART_TOKEN: '', RAMPART_GATEWAY: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `rampart agent report` on this machine's own root; rejects with the output when it fails. */
export async function reportThisHost(gatewayUrl: string, token: string): Promise<string> {
  const run = await rampart(['agent', 'report', '--no-password-test', '--gateway', gatewayUrl, '--token', token]);
  if (run.code !== 0) throw new Error(`agent report exited ${run.code}: ${run.stdout}${run.stderr}`);
  return run.stdout + run.stderr;
}
