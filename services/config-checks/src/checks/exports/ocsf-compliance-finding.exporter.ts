import { createHash } from 'node:crypto';
import type { Severity, StandardId } from '../model/check-item.definition';
import type { JsonObject } from '../model/check-result.definition';
import { exportRows } from './export-rows.builder';
import { RAMPART_PRODUCT, type ExportInput, type ReportableResult } from './reportable-result.definition';

export const OCSF_VERSION = '1.8.0';
const CLASS_UID = 2003;
const ACTIVITY_CREATE = 1;

const SEVERITY: Record<Severity, { id: number; name: string }> = {
  HIGH: { id: 4, name: 'High' }, MEDIUM: { id: 3, name: 'Medium' }, LOW: { id: 2, name: 'Low' },
};
const STANDARD_NAME: Record<StandardId, string> = {
  CIS_ALIBABA_2_0: 'CIS Alibaba Cloud Foundations Benchmark v2.0.0',
  MLPS_2_0_L3: 'GB/T 22239-2019 (MLPS 2.0) Level 3',
};

/** compliance.status_id: 1 Pass, 2 Warning (no result for lack of information), 3 Fail, 99 Other. */
function complianceStatus(status: ReportableResult['status']): { id: number; name: string } {
  switch (status) {
    case 'PASS': return { id: 1, name: 'Pass' };
    case 'FAIL': return { id: 3, name: 'Fail' };
    case 'ERROR': return { id: 2, name: 'Warning' };
    case 'NOT_APPLICABLE': return { id: 99, name: 'Not Applicable' };
    case 'WHITELISTED': return { id: 99, name: 'Whitelisted' };
  }
}

/** OCSF 1.8.0 Compliance Finding (class_uid 2003) events, one per result, with the cloud profile applied. */
export function toOcsf(input: ExportInput): JsonObject[] {
  const time = Date.parse(input.generatedAt);
  return exportRows(input).map(({ result, item, asset }) => {
    const severity = SEVERITY[item.severity];
    const compliance = complianceStatus(result.status);
    const standards = [...new Set(item.standards.map((s) => STANDARD_NAME[s.standard]))];
    return {
      activity_id: ACTIVITY_CREATE,
      activity_name: 'Create',
      category_uid: 2,
      category_name: 'Findings',
      class_uid: CLASS_UID,
      class_name: 'Compliance Finding',
      type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
      type_name: 'Compliance Finding: Create',
      severity_id: severity.id,
      severity: severity.name,
      time,
      message: result.reason,
      status_id: result.status === 'WHITELISTED' ? 3 : 1,
      status: result.status === 'WHITELISTED' ? 'Suppressed' : 'New',
      status_code: result.status,
      status_detail: result.reason,
      metadata: {
        version: OCSF_VERSION,
        product: { name: RAMPART_PRODUCT.name, vendor_name: RAMPART_PRODUCT.vendor, version: RAMPART_PRODUCT.version },
        profiles: ['cloud'],
        event_code: item.id,
        ...(input.tenantId !== undefined ? { tenant_uid: input.tenantId } : {}),
        ...(result.id !== undefined ? { uid: result.id } : {}),
      },
      finding_info: {
        uid: createHash('sha256').update(`${item.id}\u0000${result.assetId}`).digest('hex'),
        title: item.title,
        desc: item.description,
        created_time: time,
        ...(result.firstSeenAt !== undefined ? { first_seen_time: Date.parse(result.firstSeenAt) } : {}),
        ...(result.lastSeenAt !== undefined ? { last_seen_time: Date.parse(result.lastSeenAt) } : {}),
        types: [item.product],
      },
      compliance: {
        control: item.id,
        standards,
        requirements: item.standards.map((s) => `${STANDARD_NAME[s.standard]} ${s.controlId}`),
        status_id: compliance.id,
        status: compliance.name,
        status_details: [result.reason],
        checks: [{
          uid: item.id, name: item.title, severity: severity.name, severity_id: severity.id, standards,
          status: compliance.name, status_id: compliance.id,
        }],
      },
      remediation: { desc: item.remediation },
      resources: [{
        uid: result.assetId,
        name: asset?.name ?? result.assetId,
        type: item.resourceType,
        ...(asset?.region ? { region: asset.region } : {}),
        data: result.evidence,
      }],
      cloud: {
        provider: 'Alibaba Cloud',
        ...(asset?.region ? { region: asset.region } : {}),
        ...(asset !== undefined ? { account: { uid: asset.accountId, type: 'Alibaba Cloud Account' } } : {}),
      },
      evidences: [{ data: result.evidence }],
    };
  });
}
