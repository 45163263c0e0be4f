// Lint is about boundaries (STYLE habit 5, DESIGN §1), not style: the Nx boundary rule, a relative-path
// backstop, and no `any` in domain code. Add rules here only with a reason.
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';
import tseslint from 'typescript-eslint';

// CI has no Nx daemon; nx.json says so too, this covers a shell that exported NX_DAEMON=true.
process.env.NX_DAEMON = 'false';
// @nx/enforce-module-boundaries silently skips itself when no cached project graph exists (fresh clone, CI),
// so build or refresh it here: a lint run without boundaries must not pass as green.
await createProjectGraphAsync({ exitOnError: false });

const SOURCES = ['**/*.ts', '**/*.mts', '**/*.cts'];
const TESTS = ['**/*.spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts'];
const DOMAIN = [
  'libs/platform/**/*.ts',
  'libs/messaging/**/*.ts',
  'services/*/src/checks/**/*.ts',
  'services/*/src/graph/**/*.ts',
  'services/*/src/catalogue/**/*.ts',
];

const boundaries = (withTesting) => {
  // Tests of services, the gateway and the platform libs may use @rampart/testing; production code may not.
  const t = withTesting ? ['type:testing'] : [];
  return {
    allow: [],
    // A platform integration test uses @rampart/testing, which itself builds on @rampart/platform: that cycle
    // only exists through test files (the depConstraints below still forbid platform code importing testing).
    ignoredCircularDependencies: [['@rampart/platform', '@rampart/testing']],
    // An integration test may import its own lib by package name to test the public entry point.
    allowCircularSelfDependency: withTesting,
    // "Lazy-loaded library" is a bundler concern; a test's `await import('@rampart/x')` must not turn every
    // static import of that lib into an error in a Node service.
    checkDynamicDependenciesExceptions: ['@rampart/**'],
    depConstraints: [
      { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', ...t] },
      { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', ...t] },
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', ...t] },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing'] },
      { sourceTag: 'type:agent', onlyDependOnLibsWithTags: ['type:contracts'] },
    ],
  };
};

// Backstop for services/: a relative import may not climb out of its own service folder (another service is
// reached only through the supergraph, NATS subjects and @rampart/contracts; libs only by package name).
// no-restricted-imports cannot resolve paths, so one block per directory depth: a file k folders below
// services/<name>/ leaves it with k+1 "../".
const MAX_DEPTH = 12;
const serviceEscapeBlocks = Array.from({ length: MAX_DEPTH + 1 }, (_, k) => ({
  name: `rampart/services-relative-escape-depth-${k}`,
  files: [`services/*/${'*/'.repeat(k)}*.{ts,mts,cts,js,mjs,cjs}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\./)?(\\.\\./){${k + 1},}`,
            message:
              'Relative imports may not leave this service: other services are reached through the supergraph, NATS subjects and @rampart/contracts; libs by their package name.',
          },
        ],
      },
    ],
  },
}));
// Deeper than MAX_DEPTH: forbid any climb of MAX_DEPTH+2 or more (cannot tell exact depth; nothing lives there today).
serviceEscapeBlocks.push({
  name: 'rampart/services-relative-escape-deeper',
  files: [`services/*/${'*/'.repeat(MAX_DEPTH + 1)}**/*.{ts,mts,cts,js,mjs,cjs}`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: `^(\\./)?(\\.\\./){${MAX_DEPTH + 2},}`, message: 'Relative imports may not leave this service.' }] },
    ],
  },
});

export default [
  {
    name: 'rampart/ignores',
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'proto/gen/**',
      '**/.rampart/**',
      'console/dist/**',
      '.nx/**',
      'coverage/**',
      'bench/out/**',
      '**/*.generated.ts',
      '**/*.d.ts',
    ],
  },
  {
    // The rule set is deliberately small, so a directive for a rule we do not run is not a mistake worth a warning.
    name: 'rampart/linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    name: 'rampart/typescript',
    files: SOURCES,
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@nx': nx, '@typescript-eslint': tseslint.plugin },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    name: 'rampart/typescript-tests',
    files: TESTS,
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  {
    name: 'rampart/domain-no-any',
    files: DOMAIN,
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // The console is a browser app on the public GraphQL API only (issue: console): no server package, no
    // relative import out of console/.
    name: 'rampart/console',
    files: ['console/**/*.ts', 'console/**/*.tsx', 'console/**/*.mts'],
    // Specs may check the console's documents against the gateway's real schema and limits.
    ignores: ['console/**/*.spec.ts', 'console/**/*.spec.tsx'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@nx/enforce-module-boundaries': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@rampart/*'], message: 'The console talks to Rampart only through the public GraphQL API.' },
            { regex: '^(\\.\\./)+(gateway|services|libs|proto|cli|agent|tools)/', message: 'The console may not import server code.' },
          ],
        },
      ],
    },
  },
  ...serviceEscapeBlocks,
];
