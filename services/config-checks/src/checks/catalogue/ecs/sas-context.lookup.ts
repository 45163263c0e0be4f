import type { Asset } from '@rampart/asset-model';
import { findUnknown } from '../../engine/unknown-data.matcher';
import { verdict } from '../../engine/verdict.factory';
import type { Verdict } from '../../model/check-result.definition';
import type { AssetOf, EvaluationContext } from '../../model/evaluation-context.definition';

/** The account's Security Center asset with the field a check needs, or the ERROR verdict saying why it is unknown. */
export function securityCenterFor(
  ctx: EvaluationContext,
  asset: Asset,
  field: 'agents' | 'unfixedVulnerabilities',
): { readonly ok: true; readonly sas: AssetOf<'securityCenter'> } | { readonly ok: false; readonly verdict: Verdict } {
  const sas = ctx.ofKind('securityCenter', asset.accountId)[0];
  if (sas === undefined) return { ok: false, verdict: verdict.error('Security Center data for the account is not in the inventory', { missing: 'ALIYUN::ThreatDetection::Instance' }) };
  const missing = findUnknown(sas, [field]);
  if (missing !== null) return { ok: false, verdict: verdict.unknown(missing, sas.id) };
  return { ok: true, sas };
}
