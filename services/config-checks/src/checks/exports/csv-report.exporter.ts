import { exportRows, standardLabel } from './export-rows.builder';
import type { ExportInput } from './reportable-result.definition';

export const CSV_COLUMNS = [
  'check_item_id', 'title', 'severity', 'product', 'resource_type', 'status', 'asset_id', 'account_id', 'region', 'resource_id',
  'reason', 'standards', 'remediation', 'evidence',
] as const;

function cell(value: string): string {
  // A leading = + - @ (or tab/CR) would run as a formula in spreadsheet apps (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV, one row per result, CRLF line ends, header first. */
export function toCsv(input: ExportInput): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { result, item, asset } of exportRows(input)) {
    lines.push([
      item.id, item.title, item.severity, item.product, item.resourceType, result.status, result.assetId,
      asset?.accountId ?? '', asset?.region ?? '', asset?.resourceId ?? '', result.reason,
      item.standards.map(standardLabel).join(' '), item.remediation, JSON.stringify(result.evidence),
    ].map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
