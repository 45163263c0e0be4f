import type { Asset } from '@rampart/asset-model';
import { resolveCheckParams } from '../engine/check-params.resolver';
import { ScanIndex } from '../engine/scan-index.context';
import type { CheckItem } from '../model/check-item.definition';
import type { CheckStatus, JsonObject, Verdict } from '../model/check-result.definition';
import type { ApiCall } from '../model/fix-plan.definition';
import { FIXTURE_NOW } from './asset.fixtures';

export interface CheckFixture {
  /** What the fixture shows, as the test name. */
  readonly name: string;
  readonly asset: Asset;
  /** Other assets of the inventory the check may look at. */
  readonly context?: readonly Asset[];
  readonly params?: Readonly<Record<string, unknown>>;
  readonly now?: string;
  /** The reason must match. */
  readonly reason?: RegExp;
  /** The evidence must contain these values (deep partial match). */
  readonly evidence?: JsonObject;
  /** FAIL fixtures of fixable items: fix parameters to plan with, or 'refused' when no safe plan exists. */
  readonly fixParams?: Readonly<Record<string, unknown>>;
  readonly fix?: 'planned' | 'refused';
}
export interface CheckFixtures {
  readonly pass: readonly CheckFixture[];
  readonly fail: readonly CheckFixture[];
  readonly error: readonly CheckFixture[];
  readonly notApplicable?: readonly CheckFixture[];
}

export function evaluateFixture(item: CheckItem, fixture: CheckFixture): Verdict {
  const ctx = new ScanIndex([fixture.asset, ...(fixture.context ?? [])], Date.parse(fixture.now ?? FIXTURE_NOW));
  const params = resolveCheckParams(item.params, item.defaultParams, fixture.params);
  return item.evaluate(fixture.asset, ctx, params);
}

function expectFixture(item: CheckItem, fixture: CheckFixture, status: CheckStatus): void {
  const v = evaluateFixture(item, fixture);
  expect({ status: v.status, reason: v.reason }).toEqual({ status, reason: expect.any(String) });
  expect(v.reason.length).toBeGreaterThan(0);
  if (fixture.reason !== undefined) expect(v.reason).toMatch(fixture.reason);
  if (fixture.evidence !== undefined) expect(v.evidence).toMatchObject(fixture.evidence);
  if (status === 'FAIL') expect(Object.keys(v.evidence).length).toBeGreaterThan(0);
}

function actionOf(call: ApiCall): string {
  return `${call.product}:${call.action}`;
}

/** The fix contract: only declared calls, a capture before writing, and a rollback for every plan. */
function expectFixPlan(item: CheckItem, fixture: CheckFixture): void {
  const fix = item.fix;
  if (fix === null) throw new Error(`${item.id} is not fixable`);
  const ctx = new ScanIndex([fixture.asset, ...(fixture.context ?? [])], Date.parse(fixture.now ?? FIXTURE_NOW));
  const params = resolveCheckParams(item.params, item.defaultParams, fixture.params);
  const fixParams = resolveCheckParams(fix.params, fix.defaultParams, fixture.fixParams);
  const outcome = fix.plan(fixture.asset, ctx, params, fixParams);
  if (fixture.fix === 'refused') {
    expect(outcome.ok).toBe(false);
    return;
  }
  if (!outcome.ok) throw new Error(`fix refused: ${outcome.reason}`);
  const plan = outcome.plan;
  expect(plan.checkItemId).toBe(item.id);
  expect(plan.assetId).toBe(fixture.asset.id);
  expect(plan.writes.length).toBeGreaterThan(0);
  expect(plan.rollback.length).toBeGreaterThan(0);
  expect(plan.capture.length).toBeGreaterThan(0);
  for (const w of plan.writes) expect(fix.writeActions).toContain(actionOf(w));
  for (const w of plan.rollback) expect(fix.rollbackActions).toContain(actionOf(w));
  for (const c of plan.capture) {
    expect(fix.captureActions).toContain(actionOf(c.call));
    for (const field of c.fields) expect(Object.keys(plan.priorState).some((k) => k === field || field.startsWith(k + '.') || k.startsWith(field + '.'))).toBe(true);
  }
  expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
}

/** One describe block per item: every pass, fail, error (and not-applicable) fixture must give its status. */
export function verifyCheckFixtures(item: CheckItem, fixtures: CheckFixtures): void {
  describe(item.id, () => {
    it('has at least one passing, one failing and one error fixture', () => {
      expect(fixtures.pass.length).toBeGreaterThan(0);
      expect(fixtures.fail.length).toBeGreaterThan(0);
      expect(fixtures.error.length).toBeGreaterThan(0);
    });
    for (const f of fixtures.pass) it(`passes when ${f.name}`, () => expectFixture(item, f, 'PASS'));
    for (const f of fixtures.fail) it(`fails when ${f.name}`, () => expectFixture(item, f, 'FAIL'));
    for (const f of fixtures.error) it(`reports ERROR when ${f.name}`, () => expectFixture(item, f, 'ERROR'));
    for (const f of fixtures.notApplicable ?? []) it(`is not applicable when ${f.name}`, () => expectFixture(item, f, 'NOT_APPLICABLE'));
    if (item.fix !== null) {
      for (const f of fixtures.fail) {
        it(`${f.fix === 'refused' ? 'refuses to plan' : 'plans a reversible fix'} when ${f.name}`, () => expectFixPlan(item, f));
      }
    }
  });
}
