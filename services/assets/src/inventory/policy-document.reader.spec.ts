import { readPolicyDocument } from './policy-document.reader';

function read(raw: unknown): { document: ReturnType<typeof readPolicyDocument>; problems: string[] } {
  const problems: string[] = [];
  return { document: readPolicyDocument(raw, (reason) => problems.push(reason)), problems };
}

describe('readPolicyDocument', () => {
  it('wraps a single statement, normalises Effect case and numeric conditions', () => {
    expect(read('{"Version":1,"Statement":{"Effect":"allow","Action":"ecs:*","Resource":"*","Condition":{"NumericLessThan":{"acs:MFAAge":3600}}}}')).toEqual({
      document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { NumericLessThan: { 'acs:MFAAge': '3600' } } }] },
      problems: [],
    });
  });

  it('turns OSS principal lists into "*" or RAM principals', () => {
    expect(read({ Statement: [{ Effect: 'Allow', Principal: ['*', '1234'] }] }).document?.Statement[0].Principal).toBe('*');
    expect(read({ Statement: [{ Effect: 'Allow', Principal: ['1234'] }] }).document?.Statement[0].Principal).toEqual({ RAM: ['1234'] });
  });

  it('decodes the URL-encoded documents older RAM answers carry', () => {
    const encoded = encodeURIComponent('{"Statement":[{"Effect":"Deny","NotAction":["ram:*"],"Resource":"*"}],"Version":"1"}');
    expect(read(encoded).document).toEqual({ Version: '1', Statement: [{ Effect: 'Deny', NotAction: ['ram:*'], Resource: '*' }] });
  });

  it('reports what is wrong with a document that is not a policy', () => {
    expect(read('{"Statement": [').problems[0]).toContain('not JSON');
    expect(read('[1]').problems).toEqual(['policy document must be an object, got a list']);
    expect(read({ Statement: [{ Effect: 'Allow', Action: 5 }] }).problems).toEqual(['Statement[0]: Action must be text or a list of text']);
    expect(read('').document).toBeNull();
  });
});
