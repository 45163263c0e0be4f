import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { DurableConsumer, ensureStreams, OutboxRelay } from '@rampart/messaging';
import { BillingAccountModule } from './billing-account/billing-account.module';
import type { BillingConfig } from './config';
import { billingMigrations } from './database/migrations';
import { postBatchWhenCompletedHandler } from './quota/post-batch-when-completed.handler';
import { QuotaRequestHandler } from './quota/quota-request.handler';
import { ReservationSweeper } from './quota/reservation-sweeper';

/**
 * Starts the billing subgraph: the account API, the quota request/reply handlers, the sweeper that
 * expires abandoned reservations, the consumer that posts completed scan batches, and the relay of
 * billing events.
 */
export async function startBillingSubgraph(config: BillingConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: billingMigrations,
    imports: [BillingAccountModule],
    onStarted: async ({ database, nats, logger }) => {
      await ensureStreams(nats, ['BILLING', 'CONFIG_CHECKS']);
      const relay = new OutboxRelay(database, nats, logger);
      await relay.start();
      const requests = new QuotaRequestHandler(nats, database, { logger });
      requests.start();
      const sweeper = new ReservationSweeper(database, { logger });
      sweeper.start();
      const batches = new DurableConsumer(database, nats, logger, {
        durable: 'billing-batches',
        stream: 'CONFIG_CHECKS',
        handlers: [postBatchWhenCompletedHandler],
      });
      await batches.start();
      return async () => {
        await batches.stop();
        await requests.stop();
        await sweeper.stop();
        await relay.stop();
      };
    },
  });
}
