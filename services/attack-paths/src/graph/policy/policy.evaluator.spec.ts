import type { PolicyStatement } from '@rampart/asset-model';
import { adminGrants, evaluate, type HeldStatement } from './policy.evaluator';
import { arnMatchesPrefix, globMatches, globMatchesPrefix } from './glob.matcher';

const held = (...statements: PolicyStatement[]): HeldStatement[] =>
  statements.map((statement, i) => ({ statement, evidence: { assetId: 'p', field: `document.Statement[${i}]`, value: '' }, via: [] }));

describe('RAM policy evaluation', () => {
  it('matches actions case-insensitively with * and ?', () => {
    expect(globMatches('ram:AttachPolicyTo*', 'ram:attachpolicytorole', true)).toBe(true);
    expect(globMatches('ecs:?unCommand', 'ecs:RunCommand', true)).toBe(true);
    expect(globMatches('ecs:?unCommand', 'ecs:RRunCommand', true)).toBe(false);
  });

  it('lets a Deny win over any Allow', () => {
    const policy = held({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'oss:Get*', Resource: 'acs:oss:*:*:finance/*' });
    expect(evaluate(policy, 'oss:GetObject', { prefix: 'acs:oss:*:1:finance/' }).allowed).toBe(false);
    expect(evaluate(policy, 'oss:GetObject', { prefix: 'acs:oss:*:1:logs/' }).allowed).toBe(true);
  });

  it('grants every action outside NotAction', () => {
    const policy = held({ Effect: 'Allow', NotAction: 'ram:*', Resource: '*' });
    expect(evaluate(policy, 'oss:PutObject', { arn: 'x' }).allowed).toBe(true);
    expect(evaluate(policy, 'ram:CreateAccessKey', { arn: 'x' }).allowed).toBe(false);
  });

  it('grants every resource outside NotResource', () => {
    const policy = held({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'acs:ram:*:*:role/admin*' });
    expect(evaluate(policy, 'sts:AssumeRole', { arn: 'acs:ram::1:role/reader' }).allowed).toBe(true);
    expect(evaluate(policy, 'sts:AssumeRole', { arn: 'acs:ram::1:role/admin-ops' }).allowed).toBe(false);
  });

  it('treats a conditional Deny as not certain to apply, and a conditional Allow as a grant', () => {
    const policy = held({ Effect: 'Allow', Action: 'oss:GetObject', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'false' } } });
    expect(evaluate(policy, 'oss:GetObject', { prefix: 'acs:oss:*:1:b/' }).allowed).toBe(true);
  });

  it('reads open-ended object prefixes: some objects, or all of them', () => {
    expect(globMatchesPrefix('acs:oss:*:*:logs/public/*', 'acs:oss:*:1:logs/', 'some')).toBe(true);
    expect(globMatchesPrefix('acs:oss:*:*:logs/public/*', 'acs:oss:*:1:logs/', 'all')).toBe(false);
    expect(globMatchesPrefix('acs:oss:*:*:logs/*', 'acs:oss:*:1:logs/', 'all')).toBe(true);
    expect(globMatchesPrefix('acs:oss:*:*:logs*', 'acs:oss:*:1:logs-archive/', 'all')).toBe(true);
    expect(arnMatchesPrefix('acs:oss:*:*:other/*', 'acs:oss:*:1:logs/', 'some')).toBe(false);
    // a bare glob would let the account's * swallow `1:logs/`: ARNs are matched segment by segment
    expect(globMatchesPrefix('acs:oss:*:*:other/*', 'acs:oss:*:1:logs/', 'some')).toBe(true);
  });

  it('recognises account admin only for Action * on Resource *', () => {
    expect(adminGrants(held({ Effect: 'Allow', Action: '*', Resource: '*' }))).toHaveLength(1);
    expect(adminGrants(held({ Effect: 'Allow', Action: 'oss:*', Resource: '*' }))).toHaveLength(0);
    expect(adminGrants(held({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }))).toHaveLength(0);
  });
});
