import type { EvaluationContext, MemoKey } from '../../model/evaluation-context.definition';

const TRAIL_BUCKETS: MemoKey<ReadonlyMap<string, readonly string[]>> = { name: 'actiontrail-target-buckets' };

/** Bucket name → names of the trails delivering into it, per account (computed once per scan). */
export function trailBuckets(ctx: EvaluationContext, accountId: string): ReadonlyMap<string, readonly string[]> {
  return ctx.perAccount(TRAIL_BUCKETS, accountId, () => {
    const map = new Map<string, string[]>();
    for (const trail of ctx.ofKind('trail', accountId)) {
      const bucket = trail.configuration.ossBucketName;
      if (bucket === null || bucket === '') continue;
      const list = map.get(bucket);
      if (list === undefined) map.set(bucket, [trail.configuration.name]);
      else list.push(trail.configuration.name);
    }
    return map;
  });
}
