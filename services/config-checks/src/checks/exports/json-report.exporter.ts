import type { JsonObject } from '../model/check-result.definition';
import { exportRows, standardLabel } from './export-rows.builder';
import type { ExportInput } from './reportable-result.definition';

/** Rampart's native JSON report: a summary plus every result joined with its item's metadata. */
export function toJsonReport(input: ExportInput): JsonObject {
  const rows = exportRows(input);
  const byStatus: Record<string, number> = { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, WHITELISTED: 0 };
  const failedBySeverity: Record<string, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const { result, item } of rows) {
    byStatus[result.status]++;
    if (result.status === 'FAIL') failedBySeverity[item.severity]++;
  }
  return {
    format: 'rampart-check-results',
    version: 1,
    generatedAt: input.generatedAt,
    ...(input.scanId !== undefined ? { scanId: input.scanId } : {}),
    summary: { total: rows.length, byStatus, failedBySeverity },
    results: rows.map(({ result, item, asset }) => ({
      ...(result.id !== undefined ? { id: result.id } : {}),
      checkItemId: item.id,
      title: item.title,
      severity: item.severity,
      product: item.product,
      resourceType: item.resourceType,
      free: item.free,
      standards: item.standards.map(standardLabel),
      assetId: result.assetId,
      accountId: asset?.accountId ?? null,
      region: asset?.region ?? null,
      resourceId: asset?.resourceId ?? null,
      assetName: asset?.name ?? null,
      status: result.status,
      reason: result.reason,
      evidence: result.evidence,
      remediation: item.remediation,
      ...(result.firstSeenAt !== undefined ? { firstSeenAt: result.firstSeenAt } : {}),
      ...(result.lastSeenAt !== undefined ? { lastSeenAt: result.lastSeenAt } : {}),
    })),
  };
}
