const { existsSync } = require('node:fs');
const { join } = require('node:path');

// One jest run for the whole workspace. @swc/jest compiles TypeScript (with decorator metadata for
// Nest) and the ESM-only @nestjs packages to CommonJS.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
// The console's React components: TSX with the automatic runtime (no `import React`).
const swcTsx = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['e2e', 'libs', 'services', 'gateway', 'proto', 'cli', 'tools', 'agent', 'console'].filter((dir) => existsSync(join(__dirname, dir))).map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  transform: { '^.+\\.ts$': swc, '^.+\\.tsx$': swcTsx, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@nats-io|jose|graphql-ws|file-type|strtok3|token-types|uint8array-extras|@tokenizer)/)'],
  moduleNameMapper: {
    '^@rampart/(platform|messaging|testing|asset-model)$': '<rootDir>/libs/$1/src/index.ts',
    '^@rampart/contracts$': '<rootDir>/proto/src/index.ts',
    '^@rampart/host-facts$': '<rootDir>/libs/host-facts/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.rampart/'],
  testTimeout: 60000,
};
