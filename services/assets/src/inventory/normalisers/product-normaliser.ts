import type { NormaliseContext } from '../normalise-context';

/**
 * Turns the calls of one product family into assets. `actions` lists every "Product:Action" it reads, so that any
 * other recorded pair is reported as unknown instead of being dropped silently.
 */
export interface ProductNormaliser {
  readonly name: string;
  readonly actions: readonly string[];
  normalise(ctx: NormaliseContext): void;
}

export function actionsOf(product: string, actions: readonly string[]): string[] {
  return actions.map((action) => `${product}:${action}`);
}
