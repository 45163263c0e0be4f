import { builtInPolicy, validateBaselinePolicy } from './baseline-policy';
import { BaselinePolicyInvalidError } from './baseline-policy-invalid.error';

const problems = (input: Parameters<typeof validateBaselinePolicy>[0]): { path: string; message: string }[] => {
  try {
    validateBaselinePolicy(input);
  } catch (error) {
    if (error instanceof BaselinePolicyInvalidError) return [...error.details];
    throw error;
  }
  return [];
};

describe('custom baseline policies', () => {
  it('resolves selected items with defaults, overrides and a base profile', () => {
    const policy = validateBaselinePolicy({ name: 'web tier', checkItemIds: ['PWD-08', 'SSH-01', 'LCK-01'], params: { 'PWD-08': { maxDays: 60 } }, profile: 'MLPS_2_0_L3' });
    expect(policy.name).toBe('web tier');
    expect(policy.items.map((i) => [i.item.id, i.params])).toEqual([
      ['PWD-08', { maxDays: 60 }],
      ['SSH-01', { allowed: ['no'] }],
      ['LCK-01', { maxDeny: 5, minUnlockTime: 600 }],
    ]);
  });

  it('names an unknown check item by its position', () => {
    expect(problems({ checkItemIds: ['SSH-01', 'NOPE-1'] })).toEqual([{ path: 'checkItemIds[1]', message: 'unknown check item "NOPE-1"' }]);
  });

  it('names a bad parameter value by item and parameter', () => {
    expect(problems({ checkItemIds: ['PWD-08', 'SSH-02'], params: { 'PWD-08': { maxDays: 0 } } })).toEqual([{ path: 'params.PWD-08.maxDays', message: 'must be an integer between 1 and 99999' }]);
    expect(problems({ checkItemIds: ['PWD-08'], params: { 'PWD-08': { maxDays: '90' } } })[0].path).toBe('params.PWD-08.maxDays');
    expect(problems({ checkItemIds: ['SVC-02'], params: { 'SVC-02': { allowed: ['nginx', 3] } } })).toEqual([{ path: 'params.SVC-02.allowed', message: 'must be a list of strings' }]);
    expect(problems({ checkItemIds: ['LCK-02'], params: { 'LCK-02': { maxSeconds: 600, colour: 'red' } } })).toEqual([{ path: 'params.LCK-02.colour', message: 'unknown parameter (known: maxSeconds)' }]);
  });

  it('refuses parameters for items it does not select, duplicates and an empty selection', () => {
    expect(problems({ checkItemIds: ['SSH-01'], params: { 'PWD-08': { maxDays: 90 } } })).toEqual([{ path: 'params.PWD-08', message: 'item is not selected in checkItemIds' }]);
    expect(problems({ checkItemIds: ['SSH-01', 'SSH-01'] })).toEqual([{ path: 'checkItemIds[1]', message: 'SSH-01 is listed twice' }]);
    expect(problems({ checkItemIds: [] })).toEqual([{ path: 'checkItemIds', message: 'must list at least one check item' }]);
    expect(problems({ checkItemIds: ['SSH-01'], params: [] })).toEqual([{ path: 'params', message: 'must be an object keyed by check item id' }]);
  });

  it('reports every problem at once', () => {
    const error = (() => {
      try {
        validateBaselinePolicy({ checkItemIds: ['X'], params: { Y: {} } });
      } catch (e) {
        return e as BaselinePolicyInvalidError;
      }
      throw new Error('accepted');
    })();
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details.map((d) => d.path)).toEqual(['checkItemIds[0]', 'params.Y']);
  });

  it('builds the built-in standard policies from the catalogue', () => {
    expect(builtInPolicy('WEAK_PASSWORD').items.map((i) => i.item.id)).toEqual(['PWD-01', 'WPD-01', 'WPD-02', 'WPD-03']);
    expect(builtInPolicy('MLPS_2_0_L3').items.find((i) => i.item.id === 'PWD-04')?.params).toEqual({ minLength: 8 });
    expect(builtInPolicy('CIS_DEBIAN_12').items.find((i) => i.item.id === 'PWD-04')?.params).toEqual({ minLength: 14 });
  });
});
