import { messagingTablesMigration } from '@rampart/messaging';

export const provisionalBillingMigrations = [messagingTablesMigration(1764300000000)];
