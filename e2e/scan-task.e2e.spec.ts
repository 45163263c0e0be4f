import { composeServices } from '@apollo/composition';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parse, type GraphQLEnumType } from 'graphql';
import {
  BaselineTaskRequestSchema, BaselineTaskResponseSchema, create, fromBinary, PROGRESS_BUCKET, REQUESTS, SCAN_TASK_KINDS, SCAN_TASK_STATUSES, toBinary,
} from '@rampart/contracts';
import { signInternalIdentity } from '@rampart/platform';
import { reportThisHost } from '../cli/test/support/rampart.process';
import { startE2EStack, type E2EStack } from './stack.fixture';

const TASK_FIELDS = 'id kind status total completed failed quotaConsumed startedAt finishedAt';
const SCAN_TASK = `query ($id: ID!) { scanTask(id: $id) { __typename ${TASK_FIELDS} checkItemIds } }`;
const TERMINAL = new Set(['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED']);

type Task = Record<string, unknown> & { id: string; status: string; total: number };


describe('ScanTask: one federated entity for config and baseline tasks', () => {
  let stack: E2EStack;
  let nats: NatsConnection;

  const gql = async (tenant: string, query: string, variables: Record<string, unknown> = {}, roles = ['admin']) =>
    (await stack.graphql(query, { token: await stack.token(tenant, roles), variables })).body;

  /** Resolves once the task's progress in the KV bucket reaches a terminal status (written by whichever service runs it). */
  async function settled(tenant: string, taskId: string): Promise<void> {
    const kv = await new Kvm(nats).open(PROGRESS_BUCKET);
    const watch = await kv.watch({ key: `${tenant}.${taskId}` });
    for await (const entry of watch) {
      if (entry.value.length > 0 && TERMINAL.has(entry.json<{ status: string }>().status)) break;
    }
    watch.stop();
  }

  async function sdlOf(name: 'config-checks' | 'baseline-checks'): Promise<string> {
    const identity = await signInternalIdentity(
      { subject: 'e2e', tenantId: 'e2e-sdl', roles: ['viewer'], permissions: ['read'], via: 'internal' },
      stack.internalSecret,
    );
    const { body } = await stack.graphql('{ _service { sdl } }', { url: stack.urls[name], headers: { 'x-rampart-identity': identity } });
    return (body.data as { _service: { sdl: string } })._service.sdl;
  }

  beforeAll(async () => {
    stack = await startE2EStack({ deployables: ['billing', 'config-checks', 'baseline-checks', 'gateway'] });
    nats = await connect({ servers: stack.natsUrl });
  }, 180_000);
  afterAll(async () => {
    await nats?.drain();
    await stack?.stop();
  });

  it('composes the ScanTask both subgraphs serve into one entity, with identical enums, resolved by each for its own tasks', async () => {
    const composition = composeServices(
      await Promise.all(
        (['config-checks', 'baseline-checks'] as const).map(async (name) => ({ name, typeDefs: parse(await sdlOf(name)), url: stack.urls[name] })),
      ),
    );
    expect(composition.errors).toBeUndefined();
    const supergraph = Supergraph.build(composition.supergraphSdl!);
    const api = supergraph.apiSchema().toGraphQLJSSchema();
    const enumValues = (name: string) => (api.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);
    expect(enumValues('ScanTaskKind')).toEqual([...SCAN_TASK_KINDS]);
    expect(enumValues('ScanTaskStatus')).toEqual([...SCAN_TASK_STATUSES]);
    expect(composition.supergraphSdl).toMatch(/type ScanTask\s+@join__type\(graph: BASELINE_CHECKS, key: "id"\)\s+@join__type\(graph: CONFIG_CHECKS, key: "id"\)/);
    for (const field of ['startBaselineScan', 'verifyBaselineResults', 'fixBaselineResult', 'startScan', 'verifyCheckResults']) {
      expect({ field, type: String(api.getMutationType()!.getFields()[field]!.type) }).toEqual({ field, type: 'ScanTask!' });
    }
    expect(api.getType('BaselineScanTask')).toBeUndefined();

    // The shared fields come from the subgraph that returned the task; only checkItemIds is fetched from baseline-checks.
    const planner = new QueryPlanner(supergraph);
    const plan = (query: string) => prettyFormatQueryPlan(planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))));
    expect(plan(`mutation { startBaselineScan { ... on ScanTask { ${TASK_FIELDS} } } }`)).not.toContain('config-checks');
    const lookup = plan(`{ scanTask(id: "t") { ${TASK_FIELDS} checkItemIds } }`);
    expect(lookup).toContain('Fetch(service: "config-checks")');
    expect(lookup).toMatch(/Flatten\(path: "scanTask"\) \{\s+Fetch\(service: "baseline-checks"\)[^=]*=>\s*\{\s*\.\.\. on ScanTask \{\s*checkItemIds\s*\}/);
  });

  it('finds a BASELINE_SCAN task with scanTask(id) through the gateway, for its tenant only', async () => {
    const owner = 'scan-task-owner';
    expect((await gql(owner, 'mutation { purchaseSubscription(input: { edition: "ENTERPRISE", months: 1 }) { edition } }')).errors).toBeUndefined();
    await reportThisHost(stack.urls.gateway, await stack.token(owner));
    const started = await gql(owner, `mutation { startBaselineScan { __typename ... on ScanTask { ${TASK_FIELDS} } } }`);
    expect(started.errors).toBeUndefined();
    const task = (started.data as { startBaselineScan: Task }).startBaselineScan;
    expect(task).toMatchObject({ __typename: 'ScanTask', kind: 'BASELINE_SCAN', quotaConsumed: 0 });
    expect(task.total).toBeGreaterThan(0);

    await settled(owner, task.id);
    const found = await gql(owner, SCAN_TASK, { id: task.id }, ['viewer']);
    expect(found.errors).toBeUndefined();
    const read = (found.data as { scanTask: Task & { checkItemIds: string[] } }).scanTask;
    expect(read).toMatchObject({
      __typename: 'ScanTask',
      id: task.id,
      kind: 'BASELINE_SCAN',
      status: 'COMPLETED',
      total: task.total,
      completed: task.total,
      startedAt: task.startedAt,
      finishedAt: expect.any(String),
    });
    expect(read.checkItemIds.length).toBeGreaterThan(0);

    const other = await gql('scan-task-intruder', SCAN_TASK, { id: task.id }, ['admin']);
    expect(other).toEqual({ data: { scanTask: null } });
  }, 300_000);

  it('still finds config-check tasks, which have no baseline check items', async () => {
    const tenant = 'scan-task-config';
    expect((await gql(tenant, 'mutation { purchaseSubscription(input: { edition: "ENTERPRISE", cspmQuota: 100, months: 1 }) { edition } }')).errors).toBeUndefined();
    const started = await gql(tenant, `mutation { startScan(input: {}) { ${TASK_FIELDS} } }`);
    expect(started.errors).toBeUndefined();
    const task = (started.data as { startScan: Task }).startScan;
    expect(task).toMatchObject({ kind: 'SCAN', status: 'COMPLETED', total: 0 });
    const found = await gql(tenant, SCAN_TASK, { id: task.id }, ['viewer']);
    expect(found).toEqual({ data: { scanTask: { __typename: 'ScanTask', ...task, checkItemIds: null } } });
    expect(await gql(tenant, SCAN_TASK, { id: '00000000-0000-4000-8000-000000000000' }, ['viewer'])).toEqual({ data: { scanTask: null } });
  });

  it('has baseline-checks answer task requests and resolve the entity for its tenant only, and refuse a malformed tenant id', async () => {
    const ask = async (tenantId: string, taskId: string) => {
      const request = toBinary(BaselineTaskRequestSchema, create(BaselineTaskRequestSchema, { tenantId, taskId }));
      return fromBinary(BaselineTaskResponseSchema, (await nats.request(REQUESTS.baselineTask, request, { timeout: 10_000 })).data);
    };
    const owner = 'scan-task-direct';
    expect((await gql(owner, 'mutation { purchaseSubscription(input: { edition: "ENTERPRISE", months: 1 }) { edition } }')).errors).toBeUndefined();
    // No host reported: the task has nothing to evaluate and completes at once.
    const started = await gql(owner, 'mutation { startBaselineScan { id } }');
    expect(started.errors).toBeUndefined();
    const { id } = (started.data as { startBaselineScan: { id: string } }).startBaselineScan;
    expect((await ask(owner, id)).task).toMatchObject({ id, kind: 'BASELINE_SCAN', status: 'COMPLETED', total: 0 });
    expect((await ask('scan-task-intruder', id)).task).toBeUndefined();
    const entity = async (tenantId: string) => {
      const identity = await signInternalIdentity({ subject: 'e2e', tenantId, roles: ['viewer'], permissions: ['read'], via: 'jwt' }, stack.internalSecret);
      const { body } = await stack.graphql('query ($r: [_Any!]!) { _entities(representations: $r) { ... on ScanTask { id kind } } }', {
        url: stack.urls['baseline-checks'],
        headers: { 'x-rampart-identity': identity },
        variables: { r: [{ __typename: 'ScanTask', id }] },
      });
      return body;
    };
    expect(await entity(owner)).toEqual({ data: { _entities: [{ id, kind: 'BASELINE_SCAN' }] } });
    expect(await entity('scan-task-intruder')).toEqual({ data: { _entities: [null] } });
    const refused = await ask('bad tenant!', id);
    expect({ task: refused.task, errorCode: refused.errorCode }).toEqual({ task: undefined, errorCode: 'BAD_USER_INPUT' });
  });
});
