import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { PROGRESS_BUCKET } from '@rampart/contracts';
import { PlantedRoot } from '../agent/src/collect/planted-root.fixture';
import { rampart, type CliRun } from '../cli/test/support/rampart.process';
import { startE2EStack, type E2EStack } from './stack.fixture';

const TERMINAL = new Set(['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED']);
const SCAN_TASK = 'query ($id: ID!) { scanTask(id: $id) { id kind status total completed failed } }';
const SSH_01 = 'query ($hostId: ID!) { baselineResults(filter: { hostId: $hostId, checkItemId: "SSH-01" }) { edges { node { id status reason } } } }';



/** A Debian-like root whose sshd lets root log in (SSH-01 FAIL), named so each test's host is its own. */
const weakRoot = (hostname: string): PlantedRoot =>
  PlantedRoot.debianBase()
    .write('/etc/hostname', `${hostname}\n`)
    .write('/etc/ssh/sshd_config', 'PermitRootLogin yes\nPasswordAuthentication no\nMatch User backup\n  X11Forwarding yes\n', 0o600);

describe('rampart agent report / fix through the gateway', () => {
  let stack: E2EStack;
  let nats: NatsConnection;
  const roots: PlantedRoot[] = [];
  const owner = 'agent-cli-owner';

  const gql = async <T>(tenant: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const { body } = await stack.graphql(query, { token: await stack.token(tenant), variables });
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };
  const agent = async (tenant: string, args: string[]): Promise<CliRun> => rampart(['--gateway', stack.urls.gateway, '--token', await stack.token(tenant), 'agent', ...args]);

  /** Resolves with the task's progress once the KV bucket holds a terminal status for it. */
  async function settled(tenant: string, taskId: string): Promise<{ status: string }> {
    const kv = await new Kvm(nats).open(PROGRESS_BUCKET);
    const watch = await kv.watch({ key: `${tenant}.${taskId}` });
    try {
      for await (const entry of watch) {
        if (entry.value.length > 0 && TERMINAL.has(entry.json<{ status: string }>().status)) return entry.json<{ status: string }>();
      }
      throw new Error(`progress watch of ${taskId} ended`);
    } finally {
      watch.stop();
    }
  }

  const ssh01 = async (hostId: string) =>
    (await gql<{ baselineResults: { edges: Array<{ node: { id: string; status: string; reason: string } }> } }>(owner, SSH_01, { hostId })).baselineResults.edges.map((e) => e.node);

  /** Reports the root with `rampart agent report`, scans the host and returns its id and its SSH-01 result. */
  async function reportAndScan(root: PlantedRoot, options: string[] = ['--no-password-test']): Promise<{ hostId: string; resultId: string; status: string }> {
    const report = await agent(owner, ['report', '--root', root.path, ...options]);
    expect({ code: report.code, stderr: report.stderr }).toEqual({ code: 0, stderr: '' });
    const { hostId } = JSON.parse(report.stdout) as { hostId: string };
    const { startBaselineScan } = await gql<{ startBaselineScan: { id: string } }>(owner, 'mutation ($h: [ID!]) { startBaselineScan(input: { hostIds: $h }) { id } }', { h: [hostId] });
    expect(await settled(owner, startBaselineScan.id)).toMatchObject({ status: 'COMPLETED' });
    const [result] = await ssh01(hostId);
    return { hostId, resultId: result!.id, status: result!.status };
  }

  const fixTask = async (resultId: string) =>
    (await gql<{ fixBaselineResult: { id: string; kind: string; status: string } }>(owner, 'mutation ($id: ID!) { fixBaselineResult(id: $id) { id kind status } }', { id: resultId })).fixBaselineResult;
  const scanTask = async (tenant: string, id: string) => (await gql<{ scanTask: Record<string, unknown> | null }>(tenant, SCAN_TASK, { id })).scanTask;

  beforeAll(async () => {
    stack = await startE2EStack({ deployables: ['billing', 'config-checks', 'baseline-checks', 'gateway'] });
    nats = await connect({ servers: stack.natsUrl });
    // Ultimate includes fixing baseline items (and is not metered).
    await gql(owner, 'mutation { purchaseSubscription(input: { edition: "ULTIMATE", months: 1 }) { edition } }');
  }, 180_000);
  afterAll(async () => {
    for (const root of roots) root.remove();
    await nats?.drain();
    await stack?.stop();
  });

  it('reports a planted root as a host whose scan finds the planted SSH-01 failure', async () => {
    const root = weakRoot('agent-cli-report');
    roots.push(root);
    // With the dictionary test, which fetches the tenant's custom words through the gateway first.
    const { hostId, status } = await reportAndScan(root, ['--instance-id', 'i-bp1agentcli0001']);
    const { hosts } = await gql<{ hosts: Array<{ id: string; hostname: string; instanceId: string; os: string }> }>(owner, '{ hosts { id hostname instanceId os } }');
    expect(hosts).toContainEqual({ id: hostId, hostname: 'agent-cli-report', instanceId: 'i-bp1agentcli0001', os: 'Debian GNU/Linux 12 (bookworm)' });
    expect(status).toBe('FAIL');
  }, 300_000);

  it('fixes the result with `agent fix --task`: a dry run changes nothing, the real run edits the root with a backup and the task completes PASS', async () => {
    const root = weakRoot('agent-cli-fix');
    roots.push(root);
    const before = root.read('/etc/ssh/sshd_config');
    const { hostId, resultId } = await reportAndScan(root);
    const task = await fixTask(resultId);
    expect(task).toMatchObject({ kind: 'BASELINE_FIX', status: 'QUEUED' });

    const dryRun = await agent(owner, ['fix', '--task', task.id, '--root', root.path, '--dry-run']);
    expect({ code: dryRun.code, stderr: dryRun.stderr }).toEqual({ code: 0, stderr: '' });
    expect(dryRun.stdout).toMatch(/PermitRootLogin/);
    expect(root.read('/etc/ssh/sshd_config')).toBe(before);
    expect(root.exists(`/var/backups/rampart/${task.id}`)).toBe(false);
    expect(await scanTask(owner, task.id)).toMatchObject({ status: 'QUEUED' });

    const applied = await agent(owner, ['fix', '--task', task.id, '--root', root.path, '--no-password-test']);
    expect({ code: applied.code, stderr: applied.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(applied.stdout)).toMatchObject({ status: 'APPLIED', taskId: task.id, itemId: 'SSH-01', reportedHostId: hostId, restored: [] });
    expect(root.read('/etc/ssh/sshd_config')).toMatch(/^PermitRootLogin no$/m);
    expect(root.read('/etc/ssh/sshd_config')).not.toMatch(/^PermitRootLogin yes$/m);
    expect(root.read(`/var/backups/rampart/${task.id}/files/etc/ssh/sshd_config`)).toBe(before);

    expect(await settled(owner, task.id)).toMatchObject({ status: 'COMPLETED' });
    expect(await scanTask(owner, task.id)).toMatchObject({ id: task.id, kind: 'BASELINE_FIX', status: 'COMPLETED', completed: 1, failed: 0 });
    expect(await ssh01(hostId)).toEqual([expect.objectContaining({ id: resultId, status: 'PASS' })]);
  }, 300_000);

  // A fix that fails (a step or the re-collected verification) restores the backup: agent/src/fix/remediation.runner.spec.ts
  // and services/baseline-checks/test/debian-root.e2e.spec.ts run that on real files.

  it('refuses a bad token with UNAUTHENTICATED and another tenant\'s task with NOT_FOUND, changing nothing', async () => {
    const root = weakRoot('agent-cli-refused');
    roots.push(root);
    const before = root.read('/etc/ssh/sshd_config');
    const { resultId } = await reportAndScan(root);
    const task = await fixTask(resultId);

    const badToken = await rampart(['--gateway', stack.urls.gateway, '--token', 'not-a-jwt', 'agent', 'report', '--root', root.path, '--no-password-test']);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/UNAUTHENTICATED/);
    const badTokenFix = await rampart(['--gateway', stack.urls.gateway, '--token', 'not-a-jwt', 'agent', 'fix', '--task', task.id, '--root', root.path]);
    expect(badTokenFix.code).toBe(1);
    expect(badTokenFix.stderr).toMatch(/UNAUTHENTICATED/);

    const intruder = await agent('agent-cli-intruder', ['fix', '--task', task.id, '--root', root.path, '--no-password-test']);
    expect(intruder.code).toBe(1);
    expect(intruder.stderr).toMatch(/NOT_FOUND/);
    expect(intruder.stdout).toBe('');
    expect(await scanTask('agent-cli-intruder', task.id)).toBeNull();

    expect(root.read('/etc/ssh/sshd_config')).toBe(before);
    expect(root.exists(`/var/backups/rampart/${task.id}`)).toBe(false);
    expect(await scanTask(owner, task.id)).toMatchObject({ status: 'QUEUED' });
  }, 300_000);
});
