import type { BaselineCatalogueView } from './baseline-catalogue.token';

// Wired to the catalogue under src/catalogue/ once it lands.
export const baselineCatalogueView: BaselineCatalogueView = { items: () => [] };
