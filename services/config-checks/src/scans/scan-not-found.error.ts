import { NotFoundError } from '@rampart/platform';

export class ScanNotFoundError extends NotFoundError {
  constructor() {
    super('Scan task');
  }
}
