import { CHECK_CATALOGUE } from '../catalogue/check-catalogue.registry';
import type { CheckItem } from '../model/check-item.definition';

/** The catalogue item with that id (specs refer to items by id so the coverage spec can find them). */
export function catalogueItem(id: string): CheckItem {
  const item = CHECK_CATALOGUE.find((i) => i.id === id);
  if (item === undefined) throw new Error(`no check item ${id}`);
  return item;
}
