import { spawn } from 'node:child_process';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A private `nats-server -js` on a free port with its own store, so a test or composition stack
 * shares no streams, durable consumers or queue groups with anything else on this machine.
 */
export async function startPrivateNats(): Promise<{ url: string; stop(): Promise<void> }> {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { connect } = await import('node:net');
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'rampart-nats-'));
  const binary = process.env.NATS_SERVER_BIN ?? 'nats-server';
  const configFile = join(storeDir, 'nats.conf');
  // As in production (docker-compose.yml): an account asset's event can exceed the 1 MB default.
  writeFileSync(configFile, `max_payload: 8MB\nmax_pending: 64MB\n`);
  const child = spawn(binary, ['-c', configFile, '-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `nats://127.0.0.1:${port}`;
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  const deadline = Date.now() + 10_000;
  while (!(await answers())) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`could not start ${binary} (is it on PATH?)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
