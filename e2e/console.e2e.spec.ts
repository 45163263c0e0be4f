import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadDemoTenantOnce } from '../tools/demo-tenant';
import { ROOT } from '../tools/stack';
import { reportThisHost } from '../cli/test/support/rampart.process';
import { startE2EStack, type E2EStack } from './stack.fixture';

// The built console in Debian's chromium against the whole stack, on the demo tenant: what a user does, end to end.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const DEMO_ASSETS = 300;
// Long waits are for a busy two-core machine; none of them is an assertion about speed.
const SLOW = 240_000;

jest.setTimeout(SLOW);

/** Asks until `ready` says yes: the work behind these (path recompute, a baseline scan) runs in other processes. */
async function until<T>(ask: () => Promise<T>, ready: (answer: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + SLOW;
  for (;;) {
    const answer = await ask();
    if (ready(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}


/** WCAG contrast ratio of an element's text against its own background (badges and buttons set both). */
function contrastOf(page: Page, selector: string): Promise<Array<{ text: string; ratio: number }>> {
  return page.$$eval(selector, (elements) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    return elements.map((element) => {
      const style = (globalThis as unknown as { getComputedStyle(target: unknown): { color: string; backgroundColor: string } }).getComputedStyle(element);
      const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
      return { text: element.textContent ?? '', ratio: (a + 0.05) / (b + 0.05) };
    });
  });
}

describe('the web console in a real browser', () => {
  let stack: E2EStack;
  let token: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let stateDir: string;
  const browserErrors: string[] = [];

  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const { body } = await stack.graphql(query, { token, variables });
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(ROOT, 'tools', 'build-console.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`console build failed: ${built.stderr}`);
    mkdirSync(SCREENSHOTS, { recursive: true });

    stack = await startE2EStack();
    token = await stack.token('demo', ['admin']);
    // The CSPM service (quota and attack paths) and the Enterprise edition (baseline checks) for the demo tenant.
    await graphql('mutation { purchaseSubscription(input: { edition: "ENTERPRISE", cspmQuota: 1000000, months: 12 }) { edition } }');
    stateDir = mkdtempSync(join(tmpdir(), 'rampart-console-demo-'));
    const loaded: string[] = [];
    await loadDemoTenantOnce({ gatewayUrl: stack.urls.gateway, token, stateDir, assets: DEMO_ASSETS, log: (line) => loaded.push(line) });
    expect(loaded).toEqual([expect.stringMatching(/^demo tenant loaded/)]);
    await reportThisHost(stack.urls.gateway, token);
    const { hosts } = await graphql<{ hosts: Array<{ id: string }> }>('{ hosts { id } }');
    const { startBaselineScan } = await graphql<{ startBaselineScan: { id: string } }>(
      'mutation ($hostIds: [ID!]) { startBaselineScan(input: { hostIds: $hostIds }) { id } }',
      { hostIds: hosts.map((host) => host.id) },
    );
    await until(
      () => graphql<{ scanTask: { status: string } }>('query ($id: ID!) { scanTask(id: $id) { status } }', { id: startBaselineScan.id }),
      (answer) => answer.scanTask.status === 'COMPLETED',
      'baseline scan',
    );
    await until(() => graphql<{ attackPaths: { totalCount: number } }>('{ attackPaths(first: 1) { totalCount } }'), (answer) => answer.attackPaths.totalCount > 0, 'attack paths');

    profile = mkdtempSync(join(tmpdir(), 'rampart-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => browserErrors.push(`page: ${error.message}`));
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('refuses a bad token, then signs in with a good one', async () => {
    const served = await page.goto(stack.urls.gateway.replace(/\/graphql$/, '/'));
    expect(served?.headers()).toMatchObject({ 'cache-control': 'no-cache', 'content-security-policy': expect.stringContaining("connect-src 'self'") });
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await shoot('sign-in');

    await page.getByLabel('Access token').fill(`${token}x`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token is not valid or has expired.').waitFor();
    browserErrors.length = 0; // the browser logs the refused request's 401 itself

    await page.getByLabel('Access token').fill(token);
    await page.getByLabel('Access token').press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Check results',
      'Scans',
      'Attack paths',
      'Baseline',
    ]);
  });

  it('starts a scan of a standard from the keyboard and follows it live to 100 %', async () => {
    await page.getByRole('link', { name: 'Scans' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Start a scan' }).waitFor();
    await page.getByLabel('Standard', { exact: true }).selectOption('CIS_ALIBABA_2_0');
    await page.getByRole('button', { name: 'Start scan' }).focus();
    await page.keyboard.press('Enter');

    const bar = page.getByRole('progressbar', { name: 'Scan progress' });
    await bar.waitFor();
    await page.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: SLOW });
    await page.locator('section[data-status="COMPLETED"]').waitFor();
    expect(await page.locator('.progress-percent').textContent()).toBe('100 %');
    expect(Number(await page.getByTestId('quota-consumed').textContent())).toBeGreaterThan(0);
    await page.getByRole('table').getByText('Completed').waitFor();
    await shoot('scans');
  });

  it('shows the overview: risks by severity, product and standard, the plan and the last scans', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Risks by product' }).waitFor();
    await page.getByTestId('quota-remaining').getByText(/units left/).waitFor();
    await page.getByRole('heading', { name: 'Last scans' }).waitFor();
    await page.getByRole('table').getByText('Completed').waitFor();
    expect(await page.locator('.bars').first().locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByText('Enterprise').count()).toBeGreaterThan(0);
    await shoot('overview');
  });

  it('filters check results and opens one with its evidence and remediation', async () => {
    await page.getByRole('link', { name: 'Check results' }).click();
    await page.getByRole('heading', { name: /^\d[\d,]* results$/ }).waitFor();
    await page.getByLabel('Severity').selectOption('HIGH');
    await page.getByRole('heading', { name: /^\d[\d,]* results$/ }).waitFor();
    const rows = page.locator('table.table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.locator('.badge.sev-high').count()).toBe(await rows.count());
    await page.getByLabel('Search').fill('no result mentions this');
    await page.getByText('No results match these filters.').waitFor();
    await page.getByLabel('Search').fill('');
    await rows.first().waitFor();

    await rows.first().getByRole('button').click();
    const detail = page.getByRole('complementary').filter({ has: page.getByRole('heading', { name: 'Evidence' }) });
    await detail.getByRole('heading', { name: 'Remediation' }).waitFor();
    expect(await detail.getByRole('button', { name: 'Verify again' }).isEnabled()).toBe(true);
    for (const { text, ratio } of await contrastOf(page, '.badge, .button.primary')) expect({ text, ok: ratio >= 4.5 }).toEqual({ text, ok: true });
    await shoot('check-results');
  });

  it('draws attack paths left to right and explains an edge when picked', async () => {
    await page.getByRole('link', { name: 'Attack paths' }).click();
    await page.getByRole('heading', { name: /attack paths, ranked by score$/ }).waitFor({ timeout: SLOW });
    const first = page.locator('table.table tbody tr').first().getByRole('button');
    await first.click();
    await page.getByText('1 selected path').waitFor();
    const canvas = page.locator('.topology-canvas');
    await canvas.locator('canvas').first().waitFor();
    expect(Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(1);
    expect(Number(await canvas.getAttribute('data-edges'))).toBeGreaterThan(0);

    await page.locator('.steps button').first().click();
    const edge = page.getByTestId('edge-detail');
    await edge.getByRole('heading', { name: 'Reason' }).waitFor();
    await edge.getByLabel('Edge evidence').waitFor();
    await shoot('attack-paths');
  });

  it('lists hosts with their score per standard and the failed items of one', async () => {
    await page.getByRole('link', { name: 'Baseline' }).click();
    await page.getByRole('heading', { name: /^1 host$/ }).waitFor();
    await page.locator('table.table tbody tr').first().getByRole('button').click();
    await page.getByRole('heading', { name: /^Failed items on / }).waitFor();
    await page.locator('.failed-items, .empty').first().waitFor();
    await shoot('baseline');
  });

  it('says plainly when a scan stops because the quota ran out', async () => {
    const tenant = 'demo-small-quota';
    const small = await stack.token(tenant, ['admin']);
    const { body } = await stack.graphql('mutation { purchaseSubscription(input: { edition: "ENTERPRISE", cspmQuota: 5, months: 12 }) { edition } }', { token: small });
    expect(body.errors).toBeUndefined();
    const smallState = mkdtempSync(join(tmpdir(), 'rampart-console-quota-'));
    try {
      await loadDemoTenantOnce({ gatewayUrl: stack.urls.gateway, token: small, stateDir: smallState, assets: DEMO_ASSETS, log: () => undefined });
    } finally {
      rmSync(smallState, { recursive: true, force: true });
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').fill(small);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Scans' }).click();
    await page.getByLabel('Standard', { exact: true }).selectOption('CIS_ALIBABA_2_0');
    await page.getByRole('button', { name: 'Start scan' }).click();

    await page.locator('section[data-status="STOPPED_QUOTA_EXHAUSTED"]').waitFor({ timeout: SLOW });
    expect(await page.getByRole('alert').textContent()).toContain('The quota ran out: the scan stopped.');
    expect(await page.getByTestId('quota-consumed').textContent()).toBe('5');
    await page.getByText('0 units left').first().waitFor();
    await shoot('scan-quota-exhausted');
  });

  it('wrote nothing to the browser console', () => {
    expect(browserErrors).toEqual([]);
  });
});
