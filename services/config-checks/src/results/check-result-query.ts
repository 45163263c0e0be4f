import { BadUserInputError } from '@rampart/platform';
import { CHECK_CATALOGUE } from '../checks';
import type { CheckResultFilterInput } from './check-result-filter.input';

/** Results' region filter value for assets without a region. */
export const GLOBAL_REGION = 'global';
const MAX_SEARCH = 200;

export interface CheckResultQuery {
  assetId?: string;
  statuses?: string[];
  severity?: string;
  checkItemId?: string;
  scanId?: string;
  /** Only these check items (product and standard, resolved from the catalogue). */
  checkItemIds?: string[];
  accountId?: string;
  region?: string;
  search?: { text: string; checkItemIds: string[] };
}

const given = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value.trim() === '' ? undefined : value.trim());

/** The API filter as the service queries it; product, standard and title search become check item ids. */
export function resultQueryOf(filter: CheckResultFilterInput | null | undefined): CheckResultQuery {
  const product = given(filter?.product);
  const standard = given(filter?.standard);
  const text = given(filter?.search)?.toLowerCase();
  if (text !== undefined && text.length > MAX_SEARCH) throw new BadUserInputError(`search must be at most ${MAX_SEARCH} characters`, 'filter.search');
  const byItem = product !== undefined || standard !== undefined;
  return {
    statuses: filter?.status?.length ? filter.status : undefined,
    severity: given(filter?.severity),
    checkItemId: given(filter?.checkItemId),
    assetId: given(filter?.assetId),
    scanId: given(filter?.scanId),
    checkItemIds: byItem
      ? CHECK_CATALOGUE.filter(
          (item) => (product === undefined || item.product === product) && (standard === undefined || item.standards.some((s) => s.standard === standard)),
        ).map((item) => item.id)
      : undefined,
    accountId: given(filter?.accountId),
    region: given(filter?.region),
    search:
      text === undefined
        ? undefined
        : { text, checkItemIds: CHECK_CATALOGUE.filter((item) => item.id.includes(text) || item.title.toLowerCase().includes(text)).map((item) => item.id) },
  };
}
