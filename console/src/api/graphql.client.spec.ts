import { GraphQLRequestError, isUnknownField } from './graphql.client';

describe('an operation the server does not have yet', () => {
  it('is recognised from the validation error that names the field, in development and production wording', () => {
    expect(isUnknownField(new GraphQLRequestError('Cannot query field "fixCheckResult" on type "Mutation".', 'GRAPHQL_VALIDATION_FAILED', 400), 'fixCheckResult')).toBe(true);
    expect(
      isUnknownField(new GraphQLRequestError('Cannot query field "fixCheckResult" on type "Mutation". [Suggestion hidden]', 'BAD_USER_INPUT', 400), 'fixCheckResult'),
    ).toBe(true);
  });

  it('is not confused with a refusal or another field', () => {
    expect(isUnknownField(new GraphQLRequestError('Your edition does not include fixes', 'EDITION_NOT_ENTITLED', 200), 'fixCheckResult')).toBe(false);
    expect(isUnknownField(new GraphQLRequestError('Cannot query field "rollbackFix" on type "Mutation".', 'GRAPHQL_VALIDATION_FAILED', 400), 'fixCheckResult')).toBe(false);
    expect(isUnknownField(new Error('Cannot query field "fixCheckResult"'), 'fixCheckResult')).toBe(false);
  });
});
