import { BASELINE_CATALOGUE } from '../catalogue/baseline-catalogue';
import type { BaselineCheckItem } from '../catalogue/baseline-check-item';
import type { BaselineCatalogueView } from './baseline-catalogue.token';
import type { BaselineCheckItemModel } from './baseline-check-item.model';

export const toBaselineCheckItemModel = (item: BaselineCheckItem): BaselineCheckItemModel => ({
  id: item.id,
  title: item.title,
  severity: item.severity,
  category: item.category,
  standards: item.standards.map((ref) => ({ standard: ref.standard, controlId: ref.controlId })),
  remediation: item.remediation,
});

const models = BASELINE_CATALOGUE.map(toBaselineCheckItemModel);
const byId = new Map(models.map((model) => [model.id, model]));

/** The GraphQL view of the pure catalogue under src/catalogue/. */
export const baselineCatalogueView: BaselineCatalogueView = { items: () => models, item: (id) => byId.get(id) };
