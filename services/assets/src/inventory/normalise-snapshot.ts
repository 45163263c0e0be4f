import { type AccountConfiguration, type Asset, type InventoryGap } from '@rampart/asset-model';
import { CallIndex, actionKey } from './call-index';
import { NormaliseContext, addUnknown } from './normalise-context';
import { actiontrailNormaliser } from './normalisers/actiontrail.normaliser';
import { csNormaliser } from './normalisers/cs.normaliser';
import { ecsNormaliser } from './normalisers/ecs.normaliser';
import { kmsNormaliser } from './normalisers/kms.normaliser';
import { kvstoreNormaliser } from './normalisers/kvstore.normaliser';
import { ossNormaliser } from './normalisers/oss.normaliser';
import type { ProductNormaliser } from './normalisers/product-normaliser';
import { ramNormaliser } from './normalisers/ram.normaliser';
import { rdsNormaliser } from './normalisers/rds.normaliser';
import { sasNormaliser } from './normalisers/sas.normaliser';
import { slbNormaliser } from './normalisers/slb.normaliser';
import { slsNormaliser } from './normalisers/sls.normaliser';
import { vpcNormaliser } from './normalisers/vpc.normaliser';
import { SnapshotInvalidError } from './snapshot-invalid.error';
import type { AlibabaSnapshot } from './snapshot.schema';

/**
 * In dependency order: ECS before VPC (flow logs on ENIs, DNAT entries resolve to instance IPs; EIPs annotate
 * instances and load balancers), everything before SAS (agent status lands on instances).
 */
export const NORMALISERS: readonly ProductNormaliser[] = [
  ramNormaliser, ecsNormaliser, slbNormaliser, vpcNormaliser, ossNormaliser, rdsNormaliser, kvstoreNormaliser,
  kmsNormaliser, slsNormaliser, actiontrailNormaliser, csNormaliser, sasNormaliser,
];

export interface UnknownAction {
  index: number;
  product: string;
  action: string;
}

export interface NormalisedInventory {
  accountId: string;
  capturedAt: string | null;
  assets: Asset[];
  /** Calls of a (product, action) this importer does not read: kept in the snapshot, reported, not dropped silently. */
  unknownActions: UnknownAction[];
  /** Inventory list calls that recorded an API error: that product's assets in that region are missing. */
  incomplete: InventoryGap[];
}

const HANDLED: ReadonlySet<string> = new Set(
  NORMALISERS.flatMap((n) => n.actions.map((pair) => {
    const [product, action] = pair.split(':');
    return actionKey(product, action);
  })),
);

/**
 * Normalises a validated snapshot into assets with relationships. Pure: no I/O. A response whose content is not
 * the shape the API returns (a list that is a number, a policy document that is not JSON, malformed XML) refuses
 * the whole snapshot with a SnapshotInvalidError naming the first such call.
 */
export function normaliseSnapshot(snapshot: AlibabaSnapshot): NormalisedInventory {
  const index = new CallIndex(snapshot.calls);
  const ctx = new NormaliseContext(snapshot.accountId, index);
  for (const normaliser of NORMALISERS) normaliser.normalise(ctx);

  const problem = ctx.problems.firstProblem;
  if (problem !== null) throw new SnapshotInvalidError(problem.path, problem.reason);

  const unknownActions: UnknownAction[] = [];
  for (const key of index.actionKeys()) {
    if (HANDLED.has(key)) continue;
    const calls = index.byActionKey(key);
    for (const { index: i, call } of calls) unknownActions.push({ index: i, product: call.product, action: call.action });
  }
  unknownActions.sort((a, b) => a.index - b.index);

  const account = ctx.assets.get(ctx.id('account', null, snapshot.accountId));
  if (account !== undefined) {
    (account.configuration as AccountConfiguration).inventoryIncomplete = [...ctx.incomplete];
    // Account-wide checks ("a trail exists", "no user lacks MFA") must not pass on a partial inventory.
    for (const gap of ctx.incomplete) addUnknown(account, ['inventoryIncomplete'], gap.source, gap.error);
  }

  return {
    accountId: snapshot.accountId,
    capturedAt: snapshot.capturedAt,
    assets: [...ctx.assets.values()],
    unknownActions,
    incomplete: ctx.incomplete,
  };
}
