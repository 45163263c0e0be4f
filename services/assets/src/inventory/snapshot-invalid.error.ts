/**
 * A snapshot that cannot be imported: not JSON, wrong format or version, a call without product or action, a
 * response of the wrong type, too big. `path` names the first offending place, e.g. `calls[17].response`;
 * the import layer maps this error to BAD_USER_INPUT with `extensions.details = { path, reason }`.
 */
export class SnapshotInvalidError extends Error {
  readonly code = 'SNAPSHOT_INVALID';
  readonly details: { path: string; reason: string };

  constructor(path: string, reason: string) {
    super(`Invalid inventory snapshot at ${path}: ${reason}`);
    this.name = 'SnapshotInvalidError';
    this.details = { path, reason };
  }
}
