import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { OperationGuard } from '../../../gateway/src/limits/operation-limits';
import { scanProgressSchema } from '../../../gateway/src/subscriptions/scan-progress.schema';
import type { ScanProgressHub } from '../../../gateway/src/subscriptions/scan-progress.hub';
import * as documents from './documents';

// The console's operations against the API the gateway serves: the committed supergraph (HTTP) and the
// gateway's own subscription schema (WebSocket). A renamed field fails here, not in a user's browser.
const api: GraphQLSchema = Supergraph.build(readFileSync(join(__dirname, '..', '..', '..', 'gateway', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const subscriptions = scanProgressSchema(undefined as unknown as ScanProgressHub);

// The gateway's default limits (depth 12, cost 5,000, 15 aliases, 2,000 tokens), as production applies them.
const guard = new OperationGuard({ enabled: true, maxDepth: 12, maxCost: 5000, maxAliases: 15, maxTokens: 2000, maxDirectives: 20 }, true);

const errorsOf = (schema: GraphQLSchema, text: string) =>
  validate(schema, guard.parse(text), [...specifiedRules, ...guard.validationRules]).map((error) => error.message);

/** The cost limit's verdict on a document sent with `first` as a variable, as the gateway checks it. */
const costErrorOf = (text: string, first: number) => guard.checkCost(guard.parse(text), undefined, { first })?.message ?? null;

describe('GraphQL documents of the console', () => {
  const { SCAN_PROGRESS, FIX_RESULT, PAGE_SIZES, ...queriesAndMutations } = documents;

  it.each([
    ['ATTACK_PATHS', documents.ATTACK_PATHS, PAGE_SIZES.attackPaths],
    ['ATTACK_PATH_TOPOLOGY', documents.ATTACK_PATH_TOPOLOGY, PAGE_SIZES.topology],
    ['HOST_FAILED_ITEMS', documents.HOST_FAILED_ITEMS, PAGE_SIZES.hostFailedItems],
    ['CHECK_RESULTS', documents.CHECK_RESULTS, PAGE_SIZES.checkResults],
    ['SCAN_TASKS', documents.SCAN_TASKS, PAGE_SIZES.scanTasks],
  ])('%s stays within the cost limit at its largest page', (_name, text, first) => {
    expect(text).toContain('first: $first');
    expect(costErrorOf(text, first)).toBeNull();
    expect(costErrorOf(text, first * 100)).toMatch(/Query Cost limit of 5000 exceeded/);
  });

  it.each(Object.entries(queriesAndMutations))('%s is valid against the supergraph and within the gateway limits', (_name, text) => {
    expect(errorsOf(api, text)).toEqual([]);
  });

  it('subscribes to scanProgress as the gateway serves it', () => {
    expect(errorsOf(subscriptions, SCAN_PROGRESS)).toEqual([]);
  });

  it('calls fixCheckResult by its contract name, valid once the supergraph has it', () => {
    const errors = errorsOf(api, FIX_RESULT);
    if (api.getMutationType()?.getFields().fixCheckResult) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringMatching(/^Cannot query field "fixCheckResult" on type "Mutation"\./)]);
  });
});
