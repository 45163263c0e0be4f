import type { Asset } from '@rampart/asset-model';
import type { CheckItem } from '../model/check-item.definition';
import type { CheckStatus, Evidence } from '../model/check-result.definition';

/** A stored result as the service hands it to an exporter (whitelisting is an overlay the service adds). */
export interface ReportableResult {
  readonly id?: string;
  readonly checkItemId: string;
  readonly assetId: string;
  readonly status: CheckStatus | 'WHITELISTED';
  readonly reason: string;
  readonly evidence: Evidence;
  readonly firstSeenAt?: string;
  readonly lastSeenAt?: string;
}

export interface ExportInput {
  readonly results: readonly ReportableResult[];
  readonly catalogue: readonly CheckItem[];
  /** Assets named by the results, for account, region and names; optional. */
  readonly assets?: readonly Asset[];
  /** ISO time of the scan the results come from. */
  readonly generatedAt: string;
  readonly scanId?: string;
  readonly tenantId?: string;
}

export const RAMPART_PRODUCT = { name: 'Rampart', vendor: 'Rampart', version: '0.1.0', informationUri: 'https://github.com/rampart-cspm/rampart' } as const;
