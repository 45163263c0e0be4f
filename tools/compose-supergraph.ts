/**
 * Composes the supergraph from each subgraph's own `_service { sdl }`: starts the five service subgraphs
 * and the gateway-hosted `access` subgraph alone (on throwaway databases and a private NATS), reads their
 * SDL, composes with @apollo/composition, and writes `services/<name>/schema.graphql`,
 * `gateway/access.schema.graphql` and `gateway/supergraph.graphql`. With `--check` it writes
 * nothing and exits 1 when a committed file differs or composition fails (run by `npm test`).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { signInternalIdentity } from '@rampart/platform';
import { COMPOSED_SUBGRAPHS, ROOT, defaultPortOf, freePorts, schemaFileOf, startPrivateNats, startStack, type ComposedSubgraph } from './stack';

const INTERNAL_SECRET = `compose-${randomBytes(16).toString('hex')}`;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const suffix = randomBytes(4).toString('hex');
  const databaseOf = (name: string) => `rampart_${name.replace(/-/g, '_')}_compose_${suffix}`;
  const ports = await freePorts(COMPOSED_SUBGRAPHS.length);
  const portOf = new Map<string, number>(COMPOSED_SUBGRAPHS.map((name, index) => [name, ports[index]]));
  const lines: string[] = [];
  const nats = await startPrivateNats();
  const stack = await startStack({
    deployables: [...COMPOSED_SUBGRAPHS],
    env: { DATABASE_URL, NATS_URL: nats.url, INTERNAL_AUTH_SECRET: INTERNAL_SECRET, LOG_LEVEL: 'warn' },
    envFor: (name) => ({ DATABASE_NAME: databaseOf(name) }),
    portFor: (name) => portOf.get(name) ?? 0,
    log: (name, line) => lines.push(`[${name}] ${line}`),
  }).catch(async (error: unknown) => {
    process.stderr.write(lines.join('\n') + '\n');
    await nats.stop();
    throw error;
  });
  let failed = false;
  try {
    const token = await signInternalIdentity(
      { subject: 'compose', tenantId: 'compose', roles: ['viewer'], permissions: ['read'], via: 'internal' },
      INTERNAL_SECRET,
    );
    const sdls = await Promise.all(
      COMPOSED_SUBGRAPHS.map(async (name: ComposedSubgraph) => {
        const response = await fetch(stack.urls[name], {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
          body: JSON.stringify({ query: '{ _service { sdl } }' }),
        });
        const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
        if (!body.data) throw new Error(`${name}: no SDL: ${JSON.stringify(body.errors)}`);
        return { name, sdl: body.data._service.sdl.trim() + '\n' };
      }),
    );
    const composition = composeServices(
      sdls.map(({ name, sdl }) => ({ name, typeDefs: parse(sdl), url: `http://127.0.0.1:${defaultPortOf(name)}/graphql` })),
    );
    if (composition.errors) {
      for (const error of composition.errors) process.stderr.write(`composition error: ${error.message}\n`);
      failed = true;
      return;
    }
    const artifacts = [
      ...sdls.map(({ name, sdl }) => ({ path: schemaFileOf(name), content: sdl })),
      { path: join(ROOT, 'gateway', 'supergraph.graphql'), content: composition.supergraphSdl.trim() + '\n' },
    ];
    for (const artifact of artifacts) {
      const current = existsSync(artifact.path) ? readFileSync(artifact.path, 'utf8') : '';
      const relative = artifact.path.slice(ROOT.length + 1);
      if (current === artifact.content) continue;
      if (check) {
        process.stderr.write(`schema drift: ${relative} differs from what the subgraphs serve; run npm run compose:supergraph\n`);
        failed = true;
      } else {
        writeFileSync(artifact.path, artifact.content);
        process.stdout.write(`wrote ${relative}\n`);
      }
    }
    if (!failed) process.stdout.write(check ? 'schemas and supergraph match the subgraphs\n' : 'supergraph composed\n');
  } finally {
    await stack.stop();
    await nats.stop();
    const admin = new Client({ connectionString: DATABASE_URL });
    await admin.connect();
    for (const name of COMPOSED_SUBGRAPHS) await admin.query(`DROP DATABASE IF EXISTS "${databaseOf(name)}" WITH (FORCE)`);
    await admin.end();
    if (failed) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
