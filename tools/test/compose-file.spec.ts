import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { DCLinter } from 'dclint';
import { load } from 'js-yaml';

// docker-compose.yml and the Dockerfiles it builds, checked without a Docker engine: the Compose specification
// (dclint), what each deployable needs to start, and that each image carries the libs its code imports.
const root = join(__dirname, '..', '..');
const composeFile = join(root, 'docker-compose.yml');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test: string[] | string; disable?: boolean };
}
const compose = load(readFileSync(composeFile, 'utf8')) as { services: Record<string, ComposeService> };

// The deployables and the port each listens on (CONTRACT §1); every services/* package must be one of them.
const PORTS: Record<string, number> = {
  assets: 4001,
  'config-checks': 4002,
  'baseline-checks': 4003,
  'attack-paths': 4004,
  billing: 4005,
  gateway: 4000,
};
const serviceDirs = readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'package.json')));
const deployables = [...serviceDirs.map((name) => ({ name, dir: `services/${name}` })), { name: 'gateway', dir: 'gateway' }];
const SECRETS = ['POSTGRES_PASSWORD', 'DATABASE_APP_PASSWORD', 'INTERNAL_AUTH_SECRET', 'AUTH_JWT_SECRET', 'API_KEY_PEPPER'];
const REQUIRED = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);

const dockerfileOf = (service: ComposeService) => join(root, service.build!.context, service.build!.dockerfile ?? 'Dockerfile');

describe('docker-compose.yml', () => {
  it('follows the Compose specification and the dclint rules', () => {
    const linter = new DCLinter({ rules: {}, quiet: false, debug: false, exclude: [] });

    const [result] = linter.lintFiles([composeFile], false);

    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.rule}: ${m.message}`)).toEqual([]);
  });

  it('builds every deployable from its own Dockerfile, with the repository root as context', () => {
    for (const { name, dir } of deployables) {
      const service = compose.services[name];
      expect({ name, build: service?.build }).toEqual({ name, build: { context: '.', dockerfile: `${dir}/Dockerfile` } });
      expect(existsSync(dockerfileOf(service))).toBe(true);
    }
  });

  it('gives every built service an existing Dockerfile and every service a healthcheck', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) expect({ name, dockerfile: existsSync(dockerfileOf(service)) }).toEqual({ name, dockerfile: true });
      expect({ name, healthcheck: Boolean(service.healthcheck?.test) && !service.healthcheck?.disable }).toEqual({ name, healthcheck: true });
    }
  });

  it('probes /health on the port each deployable listens on', () => {
    for (const { name } of deployables) {
      const service = compose.services[name];
      expect({ name, port: service.environment?.PORT }).toEqual({ name, port: String(PORTS[name]) });
      expect([name, JSON.stringify(service.healthcheck?.test)]).toEqual([name, expect.stringContaining(`127.0.0.1:${PORTS[name]}/health`)]);
    }
  });

  it('starts a service only once what it depends on is healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect([name, dependency, condition]).toEqual([name, dependency, 'service_healthy']);
      }
    }
    for (const name of serviceDirs) expect(Object.keys(compose.services[name].depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'nats']));
    expect(Object.keys(compose.services['attack-paths'].depends_on ?? {})).toContain('memgraph');
    // The gateway also hosts the access subgraph (Postgres) and streams progress from NATS KV.
    expect(Object.keys(compose.services.gateway.depends_on ?? {}).sort()).toEqual([...serviceDirs, 'nats', 'postgres'].sort());
  });

  it('configures each deployable for production, secrets only from the environment and required', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (SECRETS.includes(key)) expect([name, key, value]).toEqual([name, key, expect.stringMatching(REQUIRED(key))]);
      }
    }
    for (const name of serviceDirs) {
      const env = compose.services[name].environment ?? {};
      expect(env).toMatchObject({ NODE_ENV: 'production', NATS_URL: 'nats://nats:4222' });
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/postgres:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/postgres$/);
      expect(env.INTERNAL_AUTH_SECRET).toMatch(REQUIRED('INTERNAL_AUTH_SECRET'));
    }
    expect(compose.services['attack-paths'].environment).toMatchObject({ GRAPH_BACKEND: 'memgraph', MEMGRAPH_URL: 'bolt://memgraph:7687' });
    const gateway = compose.services.gateway.environment ?? {};
    expect(gateway).toMatchObject({ NODE_ENV: 'production' });
    expect(gateway.AUTH_JWT_SECRET).toMatch(REQUIRED('AUTH_JWT_SECRET'));
    expect(gateway.API_KEY_PEPPER).toMatch(REQUIRED('API_KEY_PEPPER'));
    expect(gateway).toMatchObject({ NATS_URL: 'nats://nats:4222' });
    for (const name of serviceDirs) {
      expect(gateway[`${name.replace(/-/g, '_').toUpperCase()}_URL`]).toBe(`http://${name}:${PORTS[name]}/graphql`);
    }
  });
});

// The non-test Nx dependencies of every project (imports from its src/ and gen/), from a plain node child:
// building the project graph starts Nx plugin workers, which do not belong inside jest's sandbox. Per-file
// dependencies are only in the file-map cache that building the graph writes (the same one
// @nx/enforce-module-boundaries reads).
const PRODUCTION_DEPENDENCIES = `
const { createProjectGraphAsync } = require('@nx/devkit');
const { readFileMapCache } = require('@nx/devkit/internal');
(async () => {
  process.env.NX_DAEMON = 'false';
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const fileMap = readFileMapCache().fileMap.projectFileMap;
  const projects = {};
  for (const [name, node] of Object.entries(graph.nodes)) {
    const root = node.data.root;
    const deps = new Set();
    for (const { file, deps: fileDeps = [] } of fileMap[name] ?? []) {
      // module-boundaries.spec plants short-lived boundary-probe-* files (forbidden imports) in a service's src/.
      if (!/^(src|gen)\\//.test(file.slice(root.length + 1)) || file.endsWith('.spec.ts') || /\\/boundary-probe-[^/]*$/.test(file)) continue;
      for (const dep of fileDeps) {
        const target = Array.isArray(dep) ? dep[0] : dep;
        if (graph.nodes[target] && target !== name) deps.add(target);
      }
    }
    projects[name] = { root, deps: [...deps] };
  }
  process.stdout.write(JSON.stringify(projects));
})();
`;

describe('deployable Dockerfiles', () => {
  let projects: Record<string, { root: string; deps: string[] }>;

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', PRODUCTION_DEPENDENCIES], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    projects = JSON.parse(stdout);
  }, 120_000);

  const rootsNeededBy = (dir: string): string[] => {
    const byRoot = new Map(Object.entries(projects).map(([name, project]) => [project.root, name]));
    const seen = new Set<string>();
    const stack = [byRoot.get(dir)!];
    while (stack.length > 0) {
      for (const dep of projects[stack.pop()!].deps) {
        if (!seen.has(dep)) {
          seen.add(dep);
          stack.push(dep);
        }
      }
    }
    return [...seen].map((name) => projects[name].root).sort();
  };

  it.each(deployables.map(({ name, dir }) => [name, dir]))('%s: builds in node:20-bookworm-slim and runs as a non-root user', (_name, dir) => {
    const dockerfile = readFileSync(join(root, dir, 'Dockerfile'), 'utf8');

    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM \$\{NODE_IMAGE\} AS \w+$/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN .*npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run build\b/m);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER (?!root\b|0\b)\S+$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
  });

  it.each(deployables.map(({ name, dir }) => [name, dir]))('%s: starts its package main and carries exactly the libs its code imports', (_name, dir) => {
    const dockerfile = readFileSync(join(root, dir, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const { main } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { main: string };

    expect(runtime).toContain(`CMD ["node", "--enable-source-maps", "${posix.join(dir, main)}"]`);
    const copied = [...runtime.matchAll(/^COPY --from=build \/app\/(\S+)\/dist \1\/dist$/gm)].map((match) => match[1]);
    expect(copied.filter((copy) => copy !== dir).sort()).toEqual(rootsNeededBy(dir));
    expect(copied).toContain(dir);
    for (const copy of copied) expect(runtime).toContain(`COPY --from=build /app/${copy}/package.json ${copy}/`);
  });
});
