const DAY_MS = 86_400_000;

/** Dates as the importer writes them (ISO 8601); null when absent or unparseable. */
export const instant = {
  parse(value: string | null | undefined): number | null {
    if (value === null || value === undefined || value === '') return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  },
  /** Whole days between `iso` and `now` (0 when in the future); null when `iso` is absent or unparseable. */
  ageInDays(value: string | null | undefined, now: number): number | null {
    const ms = instant.parse(value);
    return ms === null ? null : Math.max(0, Math.floor((now - ms) / DAY_MS));
  },
};
