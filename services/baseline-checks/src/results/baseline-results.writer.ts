import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { ListValueSchema, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BaselineResultChange, BaselineResultChangedSchema, create, EVENTS } from '@rampart/contracts';
import { publishManyInTransaction } from '@rampart/messaging';
import { baselineCheckItem } from '../catalogue/baseline-catalogue';
import type { BaselineStatus, Params } from '../catalogue/baseline-check-item';
import type { BaselineItemResult } from '../catalogue/baseline-evaluator';
import { fullCataloguePolicy } from '../catalogue/baseline-policy';
import { scoreHost } from '../catalogue/baseline-score';

/** Scores are over every stored result of a host, whatever subset the last task ran. */
const SCORING_POLICY = fullCataloguePolicy();

export interface StoredEvaluation extends BaselineItemResult {
  readonly params: Params;
}

function changeOf(previous: { status: string; reason: string } | undefined, status: string, reason: string): BaselineResultChange | null {
  if (previous === undefined) return BaselineResultChange.NEW;
  if (previous.status === 'FAIL' && status !== 'FAIL' && status !== 'ERROR') return BaselineResultChange.RESOLVED;
  if (previous.status !== 'FAIL' && status === 'FAIL') return BaselineResultChange.REGRESSED;
  if (previous.status !== status || previous.reason !== reason) return BaselineResultChange.UPDATED;
  return null;
}

/**
 * Stores a host's evaluations in the caller's transaction: one stable row per (item, host) whose lastSeenAt moves,
 * a `baseline-checks.result.changed.v1` event through the outbox for each new or changed result, and the host's
 * scores over all its stored results.
 */
export async function storeBaselineResults(
  manager: EntityManager,
  tenantId: string,
  taskId: string,
  hostId: string,
  evaluations: readonly StoredEvaluation[],
): Promise<void> {
  if (evaluations.length === 0) return;
  const previous = (await manager.query(
    'SELECT id, check_item_id, status, reason FROM baseline_results WHERE host_id = $1 AND check_item_id = ANY($2::text[])',
    [hostId, evaluations.map((e) => e.itemId)],
  )) as Array<{ id: string; check_item_id: string; status: string; reason: string }>;
  const before = new Map(previous.map((row) => [row.check_item_id, row]));
  const ids = evaluations.map((e) => before.get(e.itemId)?.id ?? randomUUID());
  await manager.query(
    `INSERT INTO baseline_results (tenant_id, id, host_id, check_item_id, status, reason, evidence, params, task_id)
     SELECT current_setting('rampart.tenant_id', true), t.id, $1, t.item, t.status, t.reason, t.evidence::jsonb, t.params::jsonb, $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(id, item, status, reason, evidence, params)
     ON CONFLICT (tenant_id, check_item_id, host_id) DO UPDATE
       SET status = EXCLUDED.status, reason = EXCLUDED.reason, evidence = EXCLUDED.evidence, params = EXCLUDED.params,
           task_id = EXCLUDED.task_id, last_seen_at = now()`,
    [
      hostId,
      taskId,
      ids,
      evaluations.map((e) => e.itemId),
      evaluations.map((e) => e.status),
      evaluations.map((e) => e.reason),
      evaluations.map((e) => JSON.stringify(e.evidence)),
      evaluations.map((e) => JSON.stringify(e.params)),
    ],
  );
  const [host] = (await manager.query('SELECT instance_id FROM hosts WHERE id = $1', [hostId])) as Array<{ instance_id: string | null }>;
  const occurredAt = timestampFromDate(new Date());
  const events = evaluations.flatMap((e, index) => {
    const was = before.get(e.itemId);
    const change = changeOf(was, e.status, e.reason);
    if (change === null) return [];
    return [
      create(BaselineResultChangedSchema, {
        tenantId,
        resultId: ids[index],
        checkItemId: e.itemId,
        hostId,
        instanceId: host?.instance_id ?? '',
        status: e.status,
        previousStatus: was?.status ?? '',
        severity: baselineCheckItem(e.itemId)?.severity ?? 'LOW',
        change,
        taskId,
        reason: e.reason,
        evidence: fromJson(ListValueSchema, e.evidence as unknown as JsonValue),
        occurredAt,
      }),
    ];
  });
  await publishManyInTransaction(manager, EVENTS.baselineResultChanged, tenantId, events);
  const stored = (await manager.query('SELECT check_item_id AS "itemId", status FROM baseline_results WHERE host_id = $1', [hostId])) as Array<{
    itemId: string;
    status: BaselineStatus;
  }>;
  await manager.query('UPDATE hosts SET scores = $2 WHERE id = $1', [hostId, JSON.stringify(scoreHost(stored, SCORING_POLICY))]);
}
