import { RESOURCE_TYPES } from '@rampart/asset-model';
import Ajv from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencePath } from '../testing/reference-path.resolver';
import { CHECK_CATALOGUE } from './check-catalogue.registry';

interface CisControl { id: string; apiCheckable: boolean; title: string }
const cis: CisControl[] = JSON.parse(readFileSync(referencePath('cis-alibaba-v2-controls.json'), 'utf8'));
const folder: Record<string, string> = {
  ECS: 'ecs', OSS: 'oss', RAM: 'ram', RDS: 'rds', VPC: 'vpc', SLB: 'slb', EIP: 'eip', ACK: 'ack', KVSTORE: 'kvstore',
  ACTIONTRAIL: 'actiontrail', KMS: 'kms', SLS: 'sls', SAS: 'sas',
};
const specs = readdirSync(__dirname).flatMap((dir) => {
  const path = join(__dirname, dir);
  return existsSync(path) && !dir.includes('.') ? readdirSync(path).filter((f) => f.endsWith('.spec.ts')).map((f) => readFileSync(join(path, f), 'utf8')) : [];
});

describe('the check catalogue', () => {
  it('has at least 90 items with unique kebab-case ids', () => {
    expect(CHECK_CATALOGUE.length).toBeGreaterThanOrEqual(90);
    const ids = CHECK_CATALOGUE.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it('keeps each item in catalogue/<product>/<check-id>.ts or a family beside it', () => {
    const sources = new Map(Object.values(folder).flatMap((dir) => readdirSync(join(__dirname, dir)).map((f) => [f, readFileSync(join(__dirname, dir, f), 'utf8')] as const)));
    for (const item of CHECK_CATALOGUE) {
      const own = existsSync(join(__dirname, folder[item.product], `${item.id}.ts`)) || [...sources.values()].some((s) => s.includes(`id: '${item.id}'`));
      expect({ id: item.id, own }).toEqual({ id: item.id, own: true });
    }
  });

  it('describes every item fully', () => {
    const resourceTypes = new Set<string>(Object.values(RESOURCE_TYPES));
    for (const item of CHECK_CATALOGUE) {
      expect({ id: item.id, ok: item.title.length > 10 && item.description.length > 20 && item.rationale.length > 20 && item.remediation.length > 20 }).toEqual({ id: item.id, ok: true });
      expect(['HIGH', 'MEDIUM', 'LOW']).toContain(item.severity);
      expect(Object.keys(folder)).toContain(item.product);
      expect(resourceTypes.has(item.resourceType)).toBe(true);
      for (const api of item.apis) expect(api).toMatch(/^[A-Z][A-Za-z-]+:[A-Z][A-Za-z0-9*]+$/);
      expect(item.apis.length).toBeGreaterThan(0);
    }
  });

  it('references every API-checkable CIS Alibaba Cloud Foundations v2.0.0 control, and only real ones', () => {
    const referenced = new Set(CHECK_CATALOGUE.flatMap((i) => i.standards.filter((s) => s.standard === 'CIS_ALIBABA_2_0').map((s) => s.controlId)));
    const missing = cis.filter((c) => c.apiCheckable && !referenced.has(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
    const known = new Set(cis.map((c) => c.id));
    expect([...referenced].filter((id) => !known.has(id))).toEqual([]);
  });

  it('uses GB/T 22239-2019 level-3 clause ids for MLPS references', () => {
    for (const item of CHECK_CATALOGUE) {
      for (const ref of item.standards.filter((s) => s.standard === 'MLPS_2_0_L3')) expect(ref.controlId).toMatch(/^8\.1\.[2-5]\.\d{1,2}[a-g]?$/);
    }
  });

  it('has at least 10 fixable items, each declaring its write, rollback and capture calls', () => {
    const fixable = CHECK_CATALOGUE.filter((i) => i.fixable);
    expect(fixable.length).toBeGreaterThanOrEqual(10);
    for (const item of fixable) {
      expect(item.fix?.writeActions.length).toBeGreaterThan(0);
      expect(item.fix?.rollbackActions.length).toBeGreaterThan(0);
      expect(item.fix?.captureActions.length).toBeGreaterThan(0);
      for (const action of [...(item.fix?.writeActions ?? []), ...(item.fix?.rollbackActions ?? [])]) expect(action).toMatch(/^[A-Z][A-Za-z-]+:[A-Z][A-Za-z]+$/);
    }
  });

  it('publishes parameter schemas that compile and accept their own defaults', () => {
    const ajv = new Ajv({ strict: true });
    for (const item of CHECK_CATALOGUE) {
      for (const [schema, defaults] of [[item.paramSchema, item.defaultParams], ...(item.fix ? [[item.fix.paramSchema, item.fix.defaultParams]] : [])]) {
        const validate = ajv.compile(schema);
        expect({ id: item.id, valid: validate(defaults), errors: validate.errors ?? null }).toEqual({ id: item.id, valid: true, errors: null });
      }
    }
  });

  it('registers every check item defined under catalogue/', () => {
    const defined = Object.values(folder).flatMap((dir) =>
      readdirSync(join(__dirname, dir))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
        .flatMap((f) => [...readFileSync(join(__dirname, dir, f), 'utf8').matchAll(/^ {2}id: '([a-z0-9-]+)',$/gm)].map((m) => m[1])),
    );
    expect(defined.sort()).toEqual(CHECK_CATALOGUE.map((i) => i.id).sort());
  });

  it('has pass, fail and error fixtures in a spec for every item', () => {
    const uncovered = CHECK_CATALOGUE.filter((i) => !specs.some((s) => s.includes(`'${i.id}'`) && s.includes('verifyCheckFixtures'))).map((i) => i.id);
    expect(uncovered).toEqual([]);
  });
});
