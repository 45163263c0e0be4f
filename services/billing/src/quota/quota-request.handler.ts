import { create, fromBinary, toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  EntitlementsRequestSchema,
  EntitlementsSchema,
  HEADERS,
  PostRequestSchema,
  PostResponseSchema,
  REQUESTS,
  ReserveRequestSchema,
  ReserveResponseSchema,
  VoidRequestSchema,
  VoidResponseSchema,
} from '@rampart/contracts';
import { BadUserInputError, RampartError, type ErrorCode, type Logger, type TenantDatabase } from '@rampart/platform';
import { EntitlementsService } from '../entitlements/entitlements.service';
import { QuotaService } from './quota.service';

export interface QuotaRequestHandlerOptions {
  clock?: () => Date;
  /** Queue group shared by every billing replica: each request reaches exactly one. */
  queue?: string;
  /** Prepended to every subject, to keep environments (or parallel test files) sharing one NATS apart. */
  subjectPrefix?: string;
  /** Requests handled at once by this replica; more wait in memory (NATS already buffers). */
  maxInFlight?: number;
  logger?: Pick<Logger, 'error'>;
  /** Test hook: runs after a request's transaction committed, before the reply is sent (subject without prefix). */
  beforeReply?: (subject: string) => void | Promise<void>;
}

interface Route<Q extends DescMessage, R extends DescMessage> {
  subject: string;
  request: Q;
  response: R;
  handle(request: MessageShape<Q>): Promise<MessageShape<R>>;
  refuse(code: ErrorCode, message: string, request: MessageShape<Q> | undefined): MessageShape<R>;
}

/**
 * Serves billing's NATS request/reply subjects (`billing.quota.reserve|post|void`,
 * `billing.entitlements.get`) with protobuf bodies. Refusals travel in the reply's
 * `error_code`/`error_message`; anything unexpected is answered INTERNAL_SERVER_ERROR without
 * internals. Every request is idempotent, so a caller that timed out retries with the same id.
 */
export class QuotaRequestHandler {
  private readonly quota: QuotaService;
  private readonly entitlements: EntitlementsService;
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiting: Array<() => void> = [];
  private readonly maxInFlight: number;

  constructor(
    private readonly nats: NatsConnection,
    database: TenantDatabase,
    private readonly options: QuotaRequestHandlerOptions = {},
  ) {
    this.quota = new QuotaService(database, { clock: options.clock });
    this.entitlements = new EntitlementsService(database, { clock: options.clock });
    this.maxInFlight = options.maxInFlight ?? 64;
  }

  start(): void {
    if (this.subscriptions.length > 0) return;
    for (const route of this.routes()) {
      this.subscriptions.push(
        this.nats.subscribe(`${this.options.subjectPrefix ?? ''}${route.subject}`, {
          queue: this.options.queue ?? 'billing',
          callback: (error, msg) => {
            if (!error) this.track(this.dispatch(route as Route<DescMessage, DescMessage>, msg));
          },
        }),
      );
    }
  }

  /** Stops taking requests and waits for the ones in flight to be answered. */
  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((subscription) => subscription.drain().catch(() => undefined)));
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private routes(): Array<Route<DescMessage, DescMessage>> {
    const reserve: Route<typeof ReserveRequestSchema, typeof ReserveResponseSchema> = {
      subject: REQUESTS.quotaReserve,
      request: ReserveRequestSchema,
      response: ReserveResponseSchema,
      handle: async (request) => {
        const outcome = await this.quota.reserve({
          id: request.id,
          tenantId: request.tenantId,
          units: Number(request.units),
          operation: request.operation,
          taskId: request.taskId || undefined,
          timeoutSeconds: request.timeoutSeconds || undefined,
        });
        return create(ReserveResponseSchema, {
          reservationId: outcome.reservationId,
          granted: BigInt(outcome.granted),
          remaining: BigInt(outcome.remaining),
          model: outcome.model,
        });
      },
      refuse: (errorCode, errorMessage, request) =>
        create(ReserveResponseSchema, { reservationId: request?.id ?? '', errorCode, errorMessage }),
    };
    const post: Route<typeof PostRequestSchema, typeof PostResponseSchema> = {
      subject: REQUESTS.quotaPost,
      request: PostRequestSchema,
      response: PostResponseSchema,
      handle: async (request) => {
        const outcome = await this.quota.post({
          reservationId: request.reservationId,
          tenantId: request.tenantId,
          units: Number(request.units),
          usage: request.usage.map((line) => ({
            checkItemId: line.checkItemId,
            assetId: line.assetId,
            operation: line.operation || undefined,
            taskId: line.taskId || undefined,
          })),
        });
        return create(PostResponseSchema, {
          reservationId: outcome.reservationId,
          posted: BigInt(outcome.posted),
          released: BigInt(outcome.released),
        });
      },
      refuse: (errorCode, errorMessage, request) =>
        create(PostResponseSchema, { reservationId: request?.reservationId ?? '', errorCode, errorMessage }),
    };
    const voidRoute: Route<typeof VoidRequestSchema, typeof VoidResponseSchema> = {
      subject: REQUESTS.quotaVoid,
      request: VoidRequestSchema,
      response: VoidResponseSchema,
      handle: async (request) => {
        const outcome = await this.quota.void({ reservationId: request.reservationId, tenantId: request.tenantId });
        return create(VoidResponseSchema, { reservationId: outcome.reservationId, released: BigInt(outcome.released) });
      },
      refuse: (errorCode, errorMessage, request) =>
        create(VoidResponseSchema, { reservationId: request?.reservationId ?? '', errorCode, errorMessage }),
    };
    const entitlements: Route<typeof EntitlementsRequestSchema, typeof EntitlementsSchema> = {
      subject: REQUESTS.entitlements,
      request: EntitlementsRequestSchema,
      response: EntitlementsSchema,
      handle: async (request) => {
        const answer = await this.entitlements.entitlements(request.tenantId);
        return create(EntitlementsSchema, {
          tenantId: answer.tenantId,
          edition: answer.edition,
          model: answer.model,
          configCheckItems: answer.configCheckItems,
          configCheckOperations: answer.configCheckOperations,
          baselineItems: answer.baselineItems,
          baselineOperations: answer.baselineOperations,
          attackPaths: answer.attackPaths,
          ksmpCheckItems: answer.ksmpCheckItems,
          legacyFreeItemCount: answer.legacyFreeItemCount,
          quotaMetered: answer.quotaMetered,
          baselineQuotaMetered: answer.baselineQuotaMetered,
          subscriptionEndsAt: answer.subscriptionEndsAt ? timestampFromDate(answer.subscriptionEndsAt) : undefined,
          trialEndsAt: answer.trialEndsAt ? timestampFromDate(answer.trialEndsAt) : undefined,
        });
      },
      refuse: (errorCode, errorMessage, request) =>
        create(EntitlementsSchema, { tenantId: request?.tenantId ?? '', errorCode, errorMessage }),
    };
    return [reserve, post, voidRoute, entitlements] as Array<Route<DescMessage, DescMessage>>;
  }

  private async dispatch(route: Route<DescMessage, DescMessage>, msg: Msg): Promise<void> {
    await this.acquire();
    let request: MessageShape<DescMessage> | undefined;
    let response: MessageShape<DescMessage>;
    try {
      request = fromBinary(route.request, msg.data);
      const headerTenant = msg.headers?.get(HEADERS.tenant);
      const bodyTenant = (request as { tenantId?: string }).tenantId;
      if (headerTenant && headerTenant !== bodyTenant) throw new BadUserInputError('Tenant header and body disagree', 'tenantId');
      response = await route.handle(request);
    } catch (error) {
      response = this.refusal(route, error, request);
    } finally {
      this.release();
    }
    try {
      await this.options.beforeReply?.(route.subject);
      if (msg.reply) msg.respond(toBinary(route.response, response));
    } catch (error) {
      this.options.logger?.error({ err: error, subject: route.subject }, 'billing reply failed');
    }
  }

  private refusal(route: Route<DescMessage, DescMessage>, error: unknown, request: MessageShape<DescMessage> | undefined) {
    if (error instanceof RampartError) return route.refuse(error.code, error.message, request);
    if (request === undefined) return route.refuse('BAD_USER_INPUT', 'The request is not a valid protobuf message', undefined);
    this.options.logger?.error({ err: error, subject: route.subject }, 'billing request failed');
    return route.refuse('INTERNAL_SERVER_ERROR', 'Internal server error', request);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private running = 0;

  private async acquire(): Promise<void> {
    if (this.running < this.maxInFlight) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // hands the slot over without decrementing
    else this.running--;
  }
}
