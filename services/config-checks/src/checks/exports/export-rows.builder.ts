import type { Asset } from '@rampart/asset-model';
import type { CheckItem } from '../model/check-item.definition';
import type { ExportInput, ReportableResult } from './reportable-result.definition';

export interface ExportRow {
  readonly result: ReportableResult;
  readonly item: CheckItem;
  readonly asset: Asset | undefined;
}

/** Joins each result with its check item and asset; a result naming an unknown item is a programming error. */
export function exportRows(input: ExportInput): ExportRow[] {
  const items = new Map(input.catalogue.map((i) => [i.id, i]));
  const assets = new Map((input.assets ?? []).map((a) => [a.id, a]));
  return input.results.map((result) => {
    const item = items.get(result.checkItemId);
    if (item === undefined) throw new Error(`result names unknown check item ${result.checkItemId}`);
    return { result, item, asset: assets.get(result.assetId) };
  });
}

export function standardLabel(ref: { readonly standard: string; readonly controlId: string }): string {
  return `${ref.standard}:${ref.controlId}`;
}
