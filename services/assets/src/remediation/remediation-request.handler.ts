import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { REQUESTS, type RemediationReply, type RemediationRequest } from '@rampart/contracts';
import type { Logger } from '@rampart/platform';
import type { RemediationService } from './remediation.service';

const MODES: ReadonlySet<string> = new Set(['CHECK', 'CAPTURE', 'FIX', 'ROLLBACK']);

function parse(msg: Msg): RemediationRequest | string {
  let body: Partial<RemediationRequest>;
  try {
    body = msg.json<Partial<RemediationRequest>>();
  } catch {
    return 'the body is not JSON';
  }
  if (typeof body.id !== 'string' || body.id === '') return 'id is required';
  if (typeof body.tenantId !== 'string' || body.tenantId === '') return 'tenantId is required';
  if (typeof body.assetId !== 'string' || body.assetId === '') return 'assetId is required';
  if (typeof body.mode !== 'string' || !MODES.has(body.mode)) return 'mode must be CHECK, CAPTURE, FIX or ROLLBACK';
  if (!Array.isArray(body.capture) || !Array.isArray(body.writes) || !Array.isArray(body.rollback)) return 'capture, writes and rollback must be lists';
  return body as RemediationRequest;
}

/** Answers `assets.remediation.execute` (queue group `assets`, so one replica runs each request). */
export class RemediationRequestHandler {
  private subscription?: Subscription;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly nats: NatsConnection, private readonly service: RemediationService, private readonly logger: Logger) {}

  start(): void {
    this.subscription = this.nats.subscribe(REQUESTS.remediationExecute, {
      queue: 'assets',
      callback: (error, msg) => {
        if (error) return;
        const done = this.answer(msg).finally(() => this.inFlight.delete(done));
        this.inFlight.add(done);
      },
    });
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.all(this.inFlight);
  }

  private async answer(msg: Msg): Promise<void> {
    const request = parse(msg);
    let reply: RemediationReply;
    if (typeof request === 'string') {
      reply = { id: '', outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT', errorMessage: request, executed: [], outputs: [] };
    } else {
      try {
        reply = await this.service.execute(request);
      } catch (error) {
        this.logger.error({ err: error, id: request.id }, 'remediation failed');
        reply = { id: request.id, outcome: 'REFUSED', errorCode: 'INTERNAL_SERVER_ERROR', errorMessage: 'The remediation could not run', executed: [], outputs: [] };
      }
    }
    msg.respond(JSON.stringify(reply));
  }
}
