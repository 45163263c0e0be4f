export * from './messaging-tables.migration';
export * from './outbox';
export * from './outbox-relay';
export * from './durable-consumer';
export * from './streams';
export * from './progress-store';
export * from './asset-replica';
