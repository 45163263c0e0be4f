import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { referencePath } from '../testing/reference-path.resolver';
import { exportFixture } from '../testing/export-input.fixtures';
import { toSarif } from './sarif-report.exporter';

// The published schema is draft-04: ajv 8 reads it once the draft-04 "id" becomes "$id".
const published = JSON.parse(readFileSync(referencePath('schemas/sarif-2.1.0/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const { id, $schema: _draft, ...rest } = published;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile({ ...rest, $id: String(id) });

interface SarifResult { ruleId: string; ruleIndex: number; kind: string; level: string; properties: { status: string } }
interface SarifRun { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[] }
function run(log: unknown): SarifRun {
  return (log as { runs: SarifRun[] }).runs[0];
}

describe('SARIF 2.1.0 export', () => {
  it('validates against the OASIS SARIF 2.1.0 schema, with and without passing results', () => {
    for (const log of [toSarif(exportFixture()), toSarif(exportFixture(), { includeAll: true })]) {
      if (!validate(log)) throw new Error(JSON.stringify(validate.errors, null, 2));
    }
  });

  it('reports only failures and errors by default, errors as kind "review"', () => {
    const results = run(toSarif(exportFixture())).results;
    expect(new Set(results.map((r) => r.properties.status))).toEqual(new Set(['FAIL', 'ERROR']));
    expect(results.find((r) => r.properties.status === 'ERROR')).toMatchObject({ kind: 'review', level: 'none' });
  });

  it('maps severity to level for failures and points each result at its rule', () => {
    const sarif = run(toSarif(exportFixture()));
    const ssh = sarif.results.find((r) => r.ruleId === 'ecs-sg-open-ssh');
    expect(ssh).toMatchObject({ kind: 'fail', level: 'error' });
    for (const r of sarif.results) expect(sarif.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('rejects a log without runs (the validator is not vacuous)', () => {
    expect(validate({ version: '2.1.0' })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });
});
