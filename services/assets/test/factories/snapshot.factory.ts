import type { Asset } from '@rampart/asset-model';
import { normaliseSnapshot, type NormalisedInventory } from '../../src/inventory/normalise-snapshot';
import type { SnapshotCall } from '../../src/inventory/snapshot.schema';
import { validateSnapshot } from '../../src/inventory/validate-snapshot';

export const ACCOUNT = '1234567890123456';
export const HZ = 'cn-hangzhou';

/** A snapshot envelope around the given calls. */
export function snapshotOf(calls: readonly unknown[], accountId = ACCOUNT): Record<string, unknown> {
  return { format: 'alibaba-openapi-snapshot', version: 1, accountId, capturedAt: '2026-11-28T00:00:00Z', calls };
}

/** A call that answered. Global products (Ram, Ims, Sts) default to region null. */
export function ok(product: string, action: string, response: unknown, params: Record<string, unknown> = {}, region?: string | null): SnapshotCall {
  return { product, action, region: region === undefined ? defaultRegion(product) : region, params, response };
}

/** A call that recorded an API error. */
export function failed(product: string, action: string, code: string, params: Record<string, unknown> = {}, region?: string | null): SnapshotCall {
  return { product, action, region: region === undefined ? defaultRegion(product) : region, params, error: { code, message: `${code} (recorded)` } };
}

function defaultRegion(product: string): string | null {
  return ['Ram', 'Ims', 'Sts'].includes(product) ? null : HZ;
}

export function normalise(calls: readonly unknown[]): NormalisedInventory {
  return normaliseSnapshot(validateSnapshot(snapshotOf(calls)));
}

export function assetOf<C>(result: NormalisedInventory, id: string): Asset<C> {
  const asset = result.assets.find((a) => a.id === id);
  if (asset === undefined) throw new Error(`no asset ${id}; have ${result.assets.map((a) => a.id).join(', ')}`);
  return asset as unknown as Asset<C>;
}

/** `acs:<service>:<region>:<ACCOUNT>:<kind>/<id>` for tests. */
export function idOf(service: string, region: string | null, kind: string, resourceId: string): string {
  return `acs:${service}:${region ?? ''}:${ACCOUNT}:${kind}/${resourceId}`;
}
