import type { BaselineCheckItemModel } from './baseline-check-item.model';

/** The baseline check items the service evaluates; provided by the catalogue module. */
export const BASELINE_CATALOGUE = Symbol('BASELINE_CATALOGUE');

export interface BaselineCatalogueView {
  items(): BaselineCheckItemModel[];
  item(id: string): BaselineCheckItemModel | undefined;
}
