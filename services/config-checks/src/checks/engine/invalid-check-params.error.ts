/** Parameters that do not match a check item's (or fix's) schema; maps to BAD_USER_INPUT naming the path. */
export class InvalidCheckParamsError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly details: { readonly path: string },
  ) {
    super(message);
    this.name = 'InvalidCheckParamsError';
  }
}
