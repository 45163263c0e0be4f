import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ProgressStore } from '@rampart/messaging';
import { startE2EStack, type E2EStack } from './stack.fixture';
import { metricSum } from './metrics.reader';
import { OtlpSink, type ReceivedSpan } from './otlp.sink';
import { SubscriptionProbe } from './subscription.probe';

const EMPTY_ACCOUNT = { format: 'alibaba-openapi-snapshot', version: 1, accountId: '1234567890123456', capturedAt: '2026-11-28T00:00:00Z', calls: [] };
const IMPORT = 'mutation ImportAccount($snapshot: JSON!) { importInventory(snapshot: $snapshot) { id assetsCreated } }';

describe('observability', () => {
  let sink: OtlpSink;
  let stack: E2EStack;
  let nats: NatsConnection;

  beforeAll(async () => {
    sink = await OtlpSink.start();
    stack = await startE2EStack({
      deployables: ['assets', 'config-checks', 'gateway'],
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, LOG_LEVEL: 'info' },
    });
    nats = await connect({ servers: stack.natsUrl });
  }, 180_000);
  afterAll(async () => {
    await nats?.drain();
    await stack?.stop();
    await sink?.stop();
  });

  it('follows one trace from the gateway through a subgraph and across NATS to an event consumer', async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');

    const response = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await stack.token('tenant-traced')}`,
        traceparent: `00-${traceId}-${clientSpanId}-01`,
      },
      body: JSON.stringify({ query: IMPORT, variables: { snapshot: EMPTY_ACCOUNT } }),
    });
    const body = (await response.json()) as { data?: { importInventory: { assetsCreated: number } } };
    expect(body.data?.importInventory.assetsCreated).toBeGreaterThan(0);

    const inTrace = (spans: ReceivedSpan[]) => spans.filter((span) => span.traceId === traceId);
    const spans = inTrace(
      await sink.waitFor((all) => {
        const services = new Set(inTrace(all).map((span) => span.service));
        return services.has('gateway') && services.has('assets') && services.has('config-checks');
      }),
    );
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const gatewayRequest = spans.find((span) => span.service === 'gateway' && span.parentSpanId === clientSpanId);
    const assetsRequest = spans.find((span) => span.service === 'assets' && span.kind === 2);
    const consumer = spans.find((span) => span.service === 'config-checks' && span.name === 'assets.asset.changed.v1 process');

    expect(gatewayRequest?.name).toBe('graphql mutation ImportAccount');
    expect(byId.get(assetsRequest?.parentSpanId ?? '')?.service).toBe('gateway');
    expect(consumer).toBeDefined();
    expect(byId.get(consumer?.parentSpanId ?? '')).toMatchObject({ service: 'assets', spanId: assetsRequest?.spanId });
    const lag = metricSum(await (await fetch(stack.urls['config-checks'].replace(/\/graphql$/, '/metrics'))).text(), 'rampart_event_lag_seconds_count');
    expect(lag).toBeGreaterThan(0);
  });

  it('writes JSON log lines that carry the request id and the trace id', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await stack.token('tenant-logged', ['viewer'])}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify({ query: 'query CountAssets { assets { totalCount } }' }),
    });
    const requestId = response.headers.get('x-request-id');
    await response.json();

    const line = await stack.logged((entry) => entry.startsWith('[gateway] ') && entry.includes(`"requestId":"${requestId}"`));

    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(line.slice('[gateway] '.length))).toMatchObject({
      service: 'gateway',
      msg: 'graphql request',
      operation: 'CountAssets',
      tenantId: 'tenant-logged',
      requestId,
      traceId,
    });
  });

  it('counts requests, errors and latency per operation name', async () => {
    const token = await stack.token('tenant-metered', ['viewer']);
    await stack.graphql('query MeteredAssets { assets { totalCount } }', { token });
    await stack.graphql('mutation MeteredRefusal { createApiKey(name: "x", scopes: ["read"]) { id } }', { token });

    const metrics = await stack.metrics();

    expect(metricSum(metrics, 'rampart_graphql_requests_total', { service: 'gateway', operation: 'MeteredAssets', outcome: 'ok' })).toBe(1);
    expect(metricSum(metrics, 'rampart_graphql_request_duration_seconds_count', { service: 'gateway', operation: 'MeteredAssets' })).toBe(1);
    expect(metricSum(metrics, 'rampart_graphql_errors_total', { service: 'gateway', operation: 'MeteredRefusal', code: 'FORBIDDEN' })).toBe(1);
    expect(metricSum(metrics, 'rampart_gateway_subgraph_requests_total', { subgraph: 'assets', outcome: 'ok' })).toBeGreaterThan(0);
  });

  it('counts active subscriptions', async () => {
    const scanId = randomUUID();
    const progress = await ProgressStore.open(nats);
    const state = { scanId, tenantId: 'tenant-gauge', kind: 'SCAN', total: 2, failed: 0, quotaConsumed: 0, updatedAt: new Date().toISOString() };
    await progress.put({ ...state, status: 'RUNNING', completed: 1 });
    const probe = new SubscriptionProbe(stack.wsUrl, { authorization: `Bearer ${await stack.token('tenant-gauge')}` }, 'subscription { scanProgress(scanId: "' + scanId + '") { status } }');
    await probe.received(1);

    const whileOpen = metricSum(await stack.metrics(), 'rampart_gateway_active_subscriptions');
    await progress.put({ ...state, status: 'COMPLETED', completed: 2 });
    await probe.ended;
    const afterwards = metricSum(await stack.metrics(), 'rampart_gateway_active_subscriptions');
    await probe.dispose();

    expect(whileOpen).toBe(1);
    expect(afterwards).toBe(0);
  });

  it('answers /health, and /ready naming each dependency and the subgraphs that do not answer', async () => {
    const base = stack.urls.gateway.replace(/\/graphql$/, '');

    const health = await fetch(`${base}/health`);
    const ready = await fetch(`${base}/ready`);

    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not_ready',
      checks: expect.objectContaining({ assets: 'up', 'config-checks': 'up', access: 'up', postgres: 'up', nats: 'up', billing: 'down' }),
    });
  });
});
