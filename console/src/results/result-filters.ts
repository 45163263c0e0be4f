export interface ResultFilters {
  status: string;
  severity: string;
  product: string;
  standard: string;
  account: string;
  region: string;
  search: string;
}

export const NO_FILTERS: ResultFilters = { status: 'FAIL', severity: '', product: '', standard: '', account: '', region: '', search: '' };

/** The filters as the API's CheckResultFilter: every one is applied server-side, blanks are left out. */
export function serverFilter(filters: ResultFilters): Record<string, unknown> {
  const text = (value: string) => value.trim();
  return {
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.product ? { product: filters.product } : {}),
    ...(filters.standard ? { standard: filters.standard } : {}),
    ...(text(filters.account) ? { accountId: text(filters.account) } : {}),
    ...(text(filters.region) ? { region: text(filters.region) } : {}),
    ...(text(filters.search) ? { search: text(filters.search) } : {}),
  };
}

/** Filters in the URL fragment (`#/results?status=FAIL&product=OSS`) so a view can be shared and reloaded. */
export function filtersFromHash(hash: string): ResultFilters {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const filters = { ...NO_FILTERS };
  for (const key of Object.keys(NO_FILTERS) as Array<keyof ResultFilters>) {
    const value = params.get(key);
    if (value !== null) filters[key] = value;
  }
  return filters;
}

export function filtersToHash(filters: ResultFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== NO_FILTERS[key as keyof ResultFilters] || key === 'status') params.set(key, value);
  return `#/results?${params.toString()}`;
}
