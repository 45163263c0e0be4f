import { createHash } from 'node:crypto';
import type { Severity } from '../model/check-item.definition';
import type { JsonObject } from '../model/check-result.definition';
import { exportRows, standardLabel } from './export-rows.builder';
import { RAMPART_PRODUCT, type ExportInput, type ReportableResult } from './reportable-result.definition';

const LEVEL: Record<Severity, string> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note' };
/** GitHub code scanning reads `security-severity` (0-10) to rank findings. */
const SECURITY_SEVERITY: Record<Severity, string> = { HIGH: '8.0', MEDIUM: '5.0', LOW: '3.0' };

function kindOf(status: ReportableResult['status']): string {
  switch (status) {
    case 'FAIL': return 'fail';
    case 'PASS': return 'pass';
    case 'NOT_APPLICABLE': return 'notApplicable';
    case 'ERROR': return 'review';
    case 'WHITELISTED': return 'informational';
  }
}

function ruleName(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export interface SarifOptions {
  /** Include PASS / NOT_APPLICABLE / WHITELISTED results (CI gates usually want failures and errors only). */
  readonly includeAll?: boolean;
}

/** SARIF 2.1.0: one run, one rule per check item used, resources as logical locations (they have no file). */
export function toSarif(input: ExportInput, options: SarifOptions = {}): JsonObject {
  const rows = exportRows(input).filter(({ result }) => options.includeAll === true || result.status === 'FAIL' || result.status === 'ERROR');
  const ruleIndex = new Map<string, number>();
  const rules: JsonObject[] = [];
  for (const { item } of rows) {
    if (ruleIndex.has(item.id)) continue;
    ruleIndex.set(item.id, rules.length);
    rules.push({
      id: item.id,
      name: ruleName(item.id),
      shortDescription: { text: item.title },
      fullDescription: { text: item.description },
      help: { text: item.remediation },
      defaultConfiguration: { level: LEVEL[item.severity] },
      properties: {
        'security-severity': SECURITY_SEVERITY[item.severity],
        severity: item.severity,
        product: item.product,
        resourceType: item.resourceType,
        tags: ['security', `product/${item.product.toLowerCase()}`, ...item.standards.map(standardLabel)],
      },
    });
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: RAMPART_PRODUCT.name, semanticVersion: RAMPART_PRODUCT.version, informationUri: RAMPART_PRODUCT.informationUri, rules } },
      ...(input.scanId !== undefined ? { automationDetails: { id: `rampart/scan/${input.scanId}` } } : {}),
      invocations: [{ executionSuccessful: true, endTimeUtc: input.generatedAt }],
      results: rows.map(({ result, item, asset }) => {
        const kind = kindOf(result.status);
        return {
          ruleId: item.id,
          ruleIndex: ruleIndex.get(item.id) ?? 0,
          kind,
          level: kind === 'fail' ? LEVEL[item.severity] : 'none',
          message: { text: result.reason },
          locations: [{
            logicalLocations: [{ fullyQualifiedName: result.assetId, name: asset?.resourceId ?? result.assetId, kind: 'resource' }],
          }],
          partialFingerprints: { 'rampartFinding/v1': createHash('sha256').update(`${item.id}\u0000${result.assetId}`).digest('hex') },
          properties: { status: result.status, assetId: result.assetId, evidence: result.evidence, ...(asset?.region ? { region: asset.region } : {}) },
        };
      }),
    }],
  };
}
