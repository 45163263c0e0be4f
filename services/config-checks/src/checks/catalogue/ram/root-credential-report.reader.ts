import type { CredentialReportRow } from '@rampart/asset-model';
import { verdict } from '../../engine/verdict.factory';
import type { Verdict } from '../../model/check-result.definition';
import type { AssetOf } from '../../model/evaluation-context.definition';

/** The `<root>` row of the IMS credential report, or the ERROR verdict when the report did not include it. */
export function rootRow(account: AssetOf<'account'>): { readonly ok: true; readonly root: CredentialReportRow } | { readonly ok: false; readonly verdict: Verdict } {
  const report = account.configuration.credentialReport;
  if (report === null) return { ok: false, verdict: verdict.error('No IMS credential report is available for the account', { field: 'credentialReport', value: null }) };
  if (report.root === null) return { ok: false, verdict: verdict.error('The credential report has no <root> row', { field: 'credentialReport.root', value: null }) };
  return { ok: true, root: report.root };
}
