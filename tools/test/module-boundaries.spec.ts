import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { ESLint, Linter } from 'eslint';

// The lint rules that keep services apart (STYLE habit 5, DESIGN §1), checked on real files in a real service.
const root = join(__dirname, '..', '..');
const billingSrc = join(root, 'services', 'billing', 'src');

// ESLint loads eslint.config.mjs with import(), which jest's module sandbox refuses without
// --experimental-vm-modules, so its Node API runs in a plain node child and returns the results as JSON.
const LINT_FILES = `
import { ESLint } from 'eslint';
const eslint = new ESLint({ cwd: process.cwd() });
const results = await eslint.lintFiles(process.argv.slice(1));
process.stdout.write(JSON.stringify(results.map(({ filePath, messages }) => ({ filePath, messages }))));
`;

async function lintWithEslintApi(files: string[]): Promise<Map<string, Linter.LintMessage[]>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', LINT_FILES, ...files.map((file) => relative(root, file))],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  const results = JSON.parse(stdout) as Pick<ESLint.LintResult, 'filePath' | 'messages'>[];
  return new Map(results.map((result) => [result.filePath, result.messages]));
}

const PROBES = {
  otherServiceByPackage: `import * as assets from '@rampart/assets';\nexport const probe = assets;\n`,
  otherServiceByRelativePath: `import { bootstrap } from '../../assets/src/main';\nexport const probe = bootstrap;\n`,
  testingLibInProductionCode: `import { testPlatformConfig } from '@rampart/testing';\nexport const probe = testPlatformConfig;\n`,
  platformAndContracts: `import { runService } from '@rampart/platform';\nimport { EVENTS } from '@rampart/contracts';\nexport const probe = [runService, EVENTS];\n`,
};
type Probe = keyof typeof PROBES;

describe('module boundaries', () => {
  const messages = new Map<Probe, Linter.LintMessage[]>();

  beforeAll(async () => {
    // Unique names, so parallel runs and other people's files never collide; removed whatever happens.
    const run = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const files = Object.keys(PROBES).map((probe) => ({ probe: probe as Probe, file: join(billingSrc, `boundary-probe-${run}-${probe}.ts`) }));
    try {
      // @ts-nocheck keeps a typecheck that happens to run meanwhile from tripping over a probe.
      for (const { probe, file } of files) writeFileSync(file, `// @ts-nocheck\n${PROBES[probe]}`);
      const results = await lintWithEslintApi(files.map(({ file }) => file));
      for (const { probe, file } of files) messages.set(probe, results.get(file) ?? []);
    } finally {
      for (const { file } of files) rmSync(file, { force: true });
    }
  }, 180_000);

  const errors = (probe: Probe, ruleId: string) =>
    (messages.get(probe) ?? []).filter((message) => message.ruleId === ruleId && message.severity === 2);

  it('refuses a service importing another service by package name', () => {
    const [error, ...others] = errors('otherServiceByPackage', '@nx/enforce-module-boundaries');

    expect(others).toEqual([]);
    expect(error).toMatchObject({ line: 2 });
  });

  it('refuses a service reaching into another service by a relative path, twice over', () => {
    expect(errors('otherServiceByRelativePath', '@nx/enforce-module-boundaries')).toHaveLength(1);
    expect(errors('otherServiceByRelativePath', 'no-restricted-imports')).toHaveLength(1);
  });

  it('refuses production service code importing the testing lib', () => {
    const [error] = errors('testingLibInProductionCode', '@nx/enforce-module-boundaries');

    expect(error?.message).toContain('A project tagged with "type:service" can only depend on libs tagged with');
  });

  it('accepts a service importing the platform and the contracts', () => {
    expect(messages.get('platformAndContracts')).toEqual([]);
  });
});
