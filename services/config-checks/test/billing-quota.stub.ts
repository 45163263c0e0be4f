import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  create, EntitlementsRequestSchema, EntitlementsSchema, fromBinary, REQUESTS, ReserveRequestSchema, ReserveResponseSchema, toBinary,
} from '@rampart/contracts';

export interface StubAccount {
  configCheckItems: 'ALL' | 'FREE_ONLY';
  /** Units left on a subscription; Infinity for pay-as-you-go. */
  remaining: number;
}

/**
 * Billing's request/reply contract with an exact counter, for config-checks specs: entitlements per tenant and
 * reservations granting min(requested, remaining), idempotent by reservation id.
 */
export class BillingQuotaStub {
  readonly accounts = new Map<string, StubAccount>();
  /** Granted units per tenant, counting each reservation id once. */
  readonly granted = new Map<string, number>();
  private readonly reservations = new Map<string, number>();
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly nats: NatsConnection) {}

  start(): this {
    const entitlements = this.nats.subscribe(REQUESTS.entitlements, {
      callback: (_error, message) => {
        const { tenantId } = fromBinary(EntitlementsRequestSchema, message.data);
        const account = this.account(tenantId);
        message.respond(
          toBinary(
            EntitlementsSchema,
            create(EntitlementsSchema, {
              tenantId,
              edition: account.configCheckItems === 'ALL' ? 'ENTERPRISE' : 'BASIC',
              configCheckItems: account.configCheckItems,
              configCheckOperations: account.configCheckItems === 'ALL' ? ['DETECT', 'VERIFY', 'FIX'] : ['DETECT', 'VERIFY'],
              quotaMetered: true,
            }),
          ),
        );
      },
    });
    const reserve = this.nats.subscribe(REQUESTS.quotaReserve, {
      callback: (_error, message) => {
        const request = fromBinary(ReserveRequestSchema, message.data);
        const account = this.account(request.tenantId);
        let granted = this.reservations.get(request.id);
        if (granted === undefined) {
          granted = Math.min(Number(request.units), account.remaining);
          account.remaining -= granted;
          this.reservations.set(request.id, granted);
          this.granted.set(request.tenantId, (this.granted.get(request.tenantId) ?? 0) + granted);
        }
        message.respond(
          toBinary(
            ReserveResponseSchema,
            create(ReserveResponseSchema, {
              reservationId: `r-${request.id}`,
              granted: BigInt(granted),
              remaining: BigInt(Number.isFinite(account.remaining) ? account.remaining : 0),
              model: Number.isFinite(account.remaining) ? 'SUBSCRIPTION' : 'PAY_AS_YOU_GO',
            }),
          ),
        );
      },
    });
    this.subscriptions.push(entitlements, reserve);
    return this;
  }

  account(tenantId: string): StubAccount {
    let account = this.accounts.get(tenantId);
    if (!account) {
      account = { configCheckItems: 'FREE_ONLY', remaining: 0 };
      this.accounts.set(tenantId, account);
    }
    return account;
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}
