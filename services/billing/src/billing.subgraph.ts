import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { BillingAccountModule } from './billing-account/billing-account.module';
import type { BillingConfig } from './config';
import { provisionalBillingMigrations } from './database/migrations/provisional';

/** Starts the billing subgraph: editions, subscriptions, the quota ledger and its NATS handlers. */
export async function startBillingSubgraph(config: BillingConfig): Promise<RunningSubgraph> {
  return startSubgraph({ config, migrations: provisionalBillingMigrations, imports: [BillingAccountModule] });
}
