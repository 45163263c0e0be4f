/** A scan or fix named a check item the catalogue does not have; maps to BAD_USER_INPUT. */
export class UnknownCheckItemError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly checkItemId: string,
    readonly details: { readonly path: string } = { path: 'checkItemIds' },
  ) {
    super(`unknown check item ${checkItemId}`);
    this.name = 'UnknownCheckItemError';
  }
}
