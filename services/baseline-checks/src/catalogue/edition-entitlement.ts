import type { BaselineCheckItem } from './baseline-check-item';
import { BASELINE_CATALOGUE } from './baseline-catalogue';

export type Edition = 'BASIC' | 'ANTI_VIRUS' | 'ADVANCED' | 'ENTERPRISE' | 'ULTIMATE' | 'VALUE_ADDED';

/**
 * Baseline items an edition may run (seed: Advanced → weak-password items only; Enterprise → all but container items;
 * Ultimate, and the CSPM value-added / pay-as-you-go service → all). Basic and Anti-virus have no baseline check.
 */
export function baselineItemsForEdition(edition: Edition, options: { cspmService?: boolean } = {}): readonly BaselineCheckItem[] {
  if (options.cspmService === true && (edition === 'ANTI_VIRUS' || edition === 'VALUE_ADDED' || edition === 'BASIC')) return BASELINE_CATALOGUE;
  switch (edition) {
    case 'ADVANCED':
      return BASELINE_CATALOGUE.filter((item) => item.category === 'weak-password');
    case 'ENTERPRISE':
      return BASELINE_CATALOGUE.filter((item) => !item.containerSpecific);
    case 'ULTIMATE':
      return BASELINE_CATALOGUE;
    default:
      return [];
  }
}
