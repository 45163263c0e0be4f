import type { NatsConnection } from '@nats-io/transport-node';
import { REQUESTS, type RemediationApiCall, type RemediationReply, type RemediationRequest } from '@rampart/contracts';
import type { ApiCall, FixPlan } from '../checks';

/** Live calls wait on the cloud API (with retries on throttling): far longer than a billing request. */
const REQUEST_TIMEOUT_MS = 120_000;

const toCall = (call: ApiCall): RemediationApiCall => ({ product: call.product, action: call.action, region: call.region, params: { ...call.params } });

/** The assets service's live-account connector over NATS request/reply (JSON bodies). */
export class RemediationClient {
  constructor(private readonly nats: NatsConnection) {}

  async request(request: RemediationRequest): Promise<RemediationReply> {
    const reply = await this.nats.request(REQUESTS.remediationExecute, JSON.stringify(request), { timeout: REQUEST_TIMEOUT_MS });
    return reply.json<RemediationReply>();
  }

  /** One step of a plan: a ROLLBACK runs the plan's rollback calls as its writes, last first, with the fix's write answers. */
  static step(id: string, tenantId: string, mode: RemediationRequest['mode'], plan: FixPlan, outputs: unknown[] = []): RemediationRequest {
    return {
      id,
      tenantId,
      assetId: plan.assetId,
      mode,
      capture: plan.capture.map((c) => ({ call: toCall(c.call), fields: [...c.fields] })),
      writes: (mode === 'ROLLBACK' ? [...plan.rollback].reverse() : plan.writes).map(toCall),
      rollback: mode === 'ROLLBACK' ? [] : plan.rollback.map(toCall),
      ...(mode === 'ROLLBACK' ? { outputs } : {}),
    };
  }
}
