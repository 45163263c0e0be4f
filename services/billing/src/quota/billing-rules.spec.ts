import { unitsCharged, unitsGranted } from './billing-rules';

const metered = { quotaMetered: true };

describe('billing rules', () => {
  it('charges nothing to scan or verify a free item and one unit per successful fix', () => {
    expect(unitsCharged({ free: true, operation: 'SCAN', succeeded: true }, metered)).toBe(0);
    expect(unitsCharged({ free: true, operation: 'VERIFY', succeeded: true }, metered)).toBe(0);
    expect(unitsCharged({ free: true, operation: 'FIX', succeeded: true }, metered)).toBe(1);
    expect(unitsCharged({ free: true, operation: 'FIX', succeeded: false }, metered)).toBe(0);
  });

  it('charges one unit per scan, verify and successful fix of a paid item', () => {
    expect(unitsCharged({ free: false, operation: 'SCAN', succeeded: true }, metered)).toBe(1);
    expect(unitsCharged({ free: false, operation: 'VERIFY', succeeded: false }, metered)).toBe(1);
    expect(unitsCharged({ free: false, operation: 'FIX', succeeded: true }, metered)).toBe(1);
    expect(unitsCharged({ free: false, operation: 'FIX', succeeded: false }, metered)).toBe(0);
  });

  it('charges nothing when the plan does not meter config checks', () => {
    expect(unitsCharged({ free: false, operation: 'SCAN', succeeded: true }, { quotaMetered: false })).toBe(0);
  });

  it('grants what is left on a subscription, everything on pay-as-you-go, nothing without CSPM', () => {
    expect(unitsGranted('SUBSCRIPTION', 50, 1000)).toBe(50);
    expect(unitsGranted('SUBSCRIPTION', 50, 20)).toBe(20);
    expect(unitsGranted('SUBSCRIPTION', 50, 0)).toBe(0);
    expect(unitsGranted('PAY_AS_YOU_GO', 5000, 0)).toBe(5000);
    expect(unitsGranted('NONE', 50, 1000)).toBe(0);
  });
});
