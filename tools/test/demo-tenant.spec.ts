import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoTenantOnce } from '../demo-tenant';
import { GENERATED_ACCOUNT } from '../generate-inventory/generate-inventory';

describe('the demo tenant', () => {
  let gateway: Server;
  let url: string;
  let stateDir: string;
  const imports: Array<{ accountId: string; calls: number }> = [];

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'rampart-demo-'));
    gateway = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const { variables } = JSON.parse(text) as { variables: { snapshot: { accountId: string; calls: unknown[] } } };
        imports.push({ accountId: variables.snapshot.accountId, calls: variables.snapshot.calls.length });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { importInventory: { id: 'i', accountId: variables.snapshot.accountId, status: 'COMPLETED_WITH_GAPS', assetsCreated: 2000, assetsUpdated: 0, assetsRemoved: 0, assetsUnchanged: 0 } } }));
      });
    });
    await new Promise<void>((ready) => gateway.listen(0, '127.0.0.1', ready));
    url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => gateway.close(() => done()));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('generates a 2,000-asset snapshot, imports it through the gateway once, and records it', async () => {
    const lines: string[] = [];
    await loadDemoTenantOnce({ gatewayUrl: url, token: 't', stateDir, log: (line) => lines.push(line) });
    await loadDemoTenantOnce({ gatewayUrl: url, token: 't', stateDir, log: (line) => lines.push(line) });
    expect(imports).toHaveLength(1);
    expect(imports[0]!.accountId).toBe(GENERATED_ACCOUNT);
    expect(imports[0]!.calls).toBeGreaterThan(100);
    expect(lines).toEqual([expect.stringMatching(/^demo tenant loaded: Imported account \d+ \(COMPLETED_WITH_GAPS\): 2000 created/)]);
    expect(readFileSync(join(stateDir, 'demo-tenant-loaded'), 'utf8')).toContain('2000 created');
  });
});
