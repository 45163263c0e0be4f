import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { buildSchema, parse, validate } from 'graphql';
import type { OperationLimits } from '../src/config';
import { OperationGuard } from '../src/limits/operation-limits';
import { operationCost } from '../src/limits/operation-cost';

const LIMITS: OperationLimits = { enabled: true, maxDepth: 12, maxCost: 5000, maxAliases: 15, maxTokens: 2000, maxDirectives: 20 };
const SCHEMA = buildSchema(`
  type Item { id: ID! name: String! tags: [String!]! }
  type Query { items(first: Int, last: Int): [Item!]! }
`);
const BY_VARIABLE = 'query Page($n: Int) { items(first: $n) { id name tags } }';
const BY_DEFAULT = 'query Page($n: Int = 1000) { items(first: $n) { id name tags } }';

/** armor's own figure for a document, to show the variable-aware cost agrees with it on literals. */
function armorCost(query: string): number {
  let found = 0;
  validate(SCHEMA, parse(query), [costLimitRule({ maxCost: 0, onReject: [(_c, error) => (found = Number(/found (\d+(?:\.\d+)?)/.exec(error.message)![1]))], propagateOnRejection: false })]);
  return found;
}

describe('operation cost', () => {
  it.each([
    '{ items(first: 40) { id name } }',
    'query { items(last: 7) { ...F } } fragment F on Item { id tags }',
    '{ items { ... on Item { id } } }',
  ])('costs a literal page as graphql-armor does: %s', (query) => {
    expect(operationCost(parse(query), undefined, {})).toBeCloseTo(armorCost(query));
  });

  it('multiplies by `first` given as a variable, or by its default when the variable is unset', () => {
    const literal = operationCost(parse('{ items(first: 1000) { id name tags } }'), undefined, {});
    expect(operationCost(parse(BY_VARIABLE), 'Page', { n: 1000 })).toBe(literal);
    expect(operationCost(parse(BY_DEFAULT), 'Page', {})).toBe(literal);
    expect(operationCost(parse(BY_DEFAULT), 'Page', { n: 10 })).toBe(literal / 100);
  });

  it('refuses an over-costly page only when its variables make it one, and not when limits are off', () => {
    const guard = new OperationGuard(LIMITS, true);
    expect(guard.checkCost(parse(BY_VARIABLE), 'Page', { n: 10 })).toBeNull();
    expect(guard.checkCost(parse(BY_VARIABLE), 'Page', { n: 5000 })).toMatchObject({
      message: expect.stringMatching(/Query Cost limit of 5000 exceeded/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(new OperationGuard({ ...LIMITS, enabled: false }, true).checkCost(parse(BY_VARIABLE), 'Page', { n: 5000 })).toBeNull();
  });

  describe('over HTTP', () => {
    let server: ApolloServer;
    let url: string;

    beforeAll(async () => {
      const guard = new OperationGuard(LIMITS, true);
      server = new ApolloServer({
        schema: SCHEMA,
        rootValue: { items: ({ first }: { first?: number }) => Array.from({ length: first ?? 1 }, (_, i) => ({ id: String(i), name: 'x', tags: [] })) },
        validationRules: guard.validationRules,
        plugins: guard.apolloPlugins,
      });
      ({ url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }));
    });
    afterAll(async () => {
      await server?.stop();
    });

    const post = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
    };

    it.each([
      ['a variable', BY_VARIABLE, { n: 1000 }],
      ['a variable default', BY_DEFAULT, {}],
    ])('answers 400 BAD_USER_INPUT to a page too large through %s, without running it', async (_name, query, variables) => {
      const { status, body } = await post(query, variables);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Query Cost limit of 5000 exceeded/), extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('runs the same operation with a small page', async () => {
      const { status, body } = await post(BY_VARIABLE, { n: 3 });
      expect(status).toBe(200);
      expect(body).toEqual({ data: { items: [0, 1, 2].map((i) => ({ id: String(i), name: 'x', tags: [] })) } });
    });
  });
});
