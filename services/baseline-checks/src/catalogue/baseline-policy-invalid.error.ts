/** A custom baseline policy that cannot be used; `details` name each offending field (for BAD_USER_INPUT). */
export class BaselinePolicyInvalidError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(readonly details: readonly { readonly path: string; readonly message: string }[]) {
    super(`invalid baseline policy: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
  }
}
