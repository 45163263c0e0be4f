/** Injection tokens for what `startSubgraph` creates before Nest starts. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const TENANT_DATABASE = Symbol('TENANT_DATABASE');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const LOGGER = Symbol('LOGGER');
