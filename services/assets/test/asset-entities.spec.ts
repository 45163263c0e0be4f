import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startAssetsSubgraph } from '../src/assets.subgraph';
import type { AssetsConfig } from '../src/config';

/** A recorded account: RAM password policy, security preference and credential report (account-level data) among the rest. */
const SNAPSHOT = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'recorded-account.snapshot.json'), 'utf8')) as { accountId: string };
const ACCOUNT = SNAPSHOT.accountId;
const ACCOUNT_ASSET = `acs:ram::${ACCOUNT}:account/${ACCOUNT}`;
const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Asset { id name product region } } }';

/** The gateway resolves every `CheckResult.asset` (and other services' asset references) through `_entities`. */
describe('Asset references (_entities) after importing an account', () => {
  const config: AssetsConfig = { ...testPlatformConfig('assets'), importMaxBytes: 50_000_000, importMaxCalls: 100_000 };
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    subgraph = await startAssetsSubgraph(config);
  }, 60_000);
  afterAll(async () => {
    await subgraph?.close();
    await dropTestDatabase(config);
  });

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}) {
    const token = await signInternalIdentity(
      { subject: 'tester', tenantId: tenant, roles: ['analyst'], permissions: ['read', 'scan'], via: 'jwt' },
      TEST_INTERNAL_SECRET,
    );
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  it('resolves the account-level asset and every other imported asset, in the order asked, and nothing of another tenant', async () => {
    const imported = await gql('ent-demo', 'mutation ($s: JSON!) { importInventory(snapshot: $s) { status accountId } }', {
      s: SNAPSHOT,
    });
    expect(imported.errors).toBeUndefined();
    const listed = await gql('ent-demo', '{ assets(first: 500) { edges { node { id } } } }');
    const ids = (listed.data!.assets.edges as Array<{ node: { id: string } }>).map((edge) => edge.node.id);
    expect(ids).toContain(ACCOUNT_ASSET);

    const representations = [...ids].reverse().map((id) => ({ __typename: 'Asset', id }));
    const { data, errors } = await gql('ent-demo', ENTITIES, { representations });
    expect(errors).toBeUndefined();
    expect((data!._entities as Array<{ id: string } | null>).map((entity) => entity?.id)).toEqual([...ids].reverse());
    expect(data!._entities.find((entity: { id: string }) => entity.id === ACCOUNT_ASSET)).toEqual({
      id: ACCOUNT_ASSET, name: ACCOUNT, product: 'RAM', region: null,
    });

    const elsewhere = await gql('ent-other', ENTITIES, { representations: [{ __typename: 'Asset', id: ACCOUNT_ASSET }] });
    expect(elsewhere).toEqual({ data: { _entities: [null] } });
  }, 120_000);
});
