import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { ForbiddenError, hasPermission, type Identity } from '@rampart/platform';
import type { ProgressUpdate, ScanProgressHub } from './scan-progress.hub';

/** What a WebSocket operation runs with: the identity verified at `connectionInit` (and again per subscribe). */
export interface SubscriptionContext {
  identity: Identity;
  requestId: string;
}

const ScanTaskStatus = new GraphQLEnumType({
  name: 'ScanTaskStatus',
  values: Object.fromEntries(
    ['QUEUED', 'RUNNING', 'COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED'].map((status) => [status, { value: status }]),
  ),
});

const int = (description: string) => ({ type: new GraphQLNonNull(GraphQLInt), description });

const ScanProgress = new GraphQLObjectType<ProgressUpdate, SubscriptionContext>({
  name: 'ScanProgress',
  description: 'The last known state of a scan, verify, fix or baseline task',
  fields: {
    scanId: { type: new GraphQLNonNull(GraphQLID), resolve: (update) => update.progress.scanId },
    kind: { type: GraphQLString, description: 'SCAN, VERIFY, FIX, BASELINE_SCAN, …', resolve: (update) => update.progress.kind ?? null },
    status: { type: new GraphQLNonNull(ScanTaskStatus), resolve: (update) => update.progress.status },
    total: { ...int('Evaluations planned'), resolve: (update) => update.progress.total },
    completed: { ...int('Evaluations done'), resolve: (update) => update.progress.completed },
    failed: { ...int('Evaluations whose result is FAIL (a risk found)'), resolve: (update) => update.progress.failed },
    quotaConsumed: { ...int('Quota units charged so far'), resolve: (update) => update.progress.quotaConsumed },
    updatedAt: { type: GraphQLString, description: 'ISO-8601 time of this state', resolve: (update) => update.progress.updatedAt ?? null },
  },
});

/**
 * The gateway's own schema for graphql-transport-ws: @apollo/gateway cannot execute subscriptions, so
 * `Subscription.scanProgress` is served here from the NATS KV progress bucket. Queries and mutations go
 * over HTTP (the Query root exists only because GraphQL requires one).
 */
export function scanProgressSchema(hub: ScanProgressHub): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        _empty: { type: GraphQLBoolean, description: 'Queries and mutations are served over HTTP', resolve: () => null },
      },
    }),
    subscription: new GraphQLObjectType<unknown, SubscriptionContext>({
      name: 'Subscription',
      fields: {
        scanProgress: {
          type: new GraphQLNonNull(ScanProgress),
          description:
            'The current state of a task, then every change, completing after a terminal status (COMPLETED, ' +
            "STOPPED_QUOTA_EXHAUSTED, FAILED, CANCELLED). Another tenant's task is NOT_FOUND.",
          args: { scanId: { type: new GraphQLNonNull(GraphQLID) } },
          subscribe: (_root, args: { scanId: string }, context) => {
            if (!hasPermission(context.identity, 'read')) throw new ForbiddenError('Requires the read permission');
            return hub.follow(context.identity, args.scanId);
          },
          resolve: (update: unknown) => update,
        },
      },
    }),
  });
}
