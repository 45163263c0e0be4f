import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, NotFoundError, TENANT_DATABASE, TenantDatabase } from '@rampart/platform';
import { validateBaselinePolicy, type BaselinePolicy } from '../catalogue/baseline-policy';
import { BaselinePolicyInvalidError } from '../catalogue/baseline-policy-invalid.error';
import type { BaselinePolicyModel } from './baseline-policy.model';
import type { CreateBaselinePolicyInput } from './create-baseline-policy.input';

interface PolicyRow {
  id: string;
  name: string;
  check_item_ids: string[];
  params: Record<string, Record<string, unknown>>;
  created_at: Date;
}

const toModel = (row: PolicyRow): BaselinePolicyModel => ({
  id: row.id,
  name: row.name,
  checkItemIds: row.check_item_ids,
  params: row.params,
  createdAt: new Date(row.created_at),
});

/** Runs the pure validator and maps its problems to BAD_USER_INPUT naming the first offending input path. */
export function resolvePolicy(input: { name?: string; checkItemIds: readonly unknown[]; params?: unknown }, prefix = 'input'): BaselinePolicy {
  try {
    return validateBaselinePolicy(input);
  } catch (error) {
    if (!(error instanceof BaselinePolicyInvalidError)) throw error;
    const first = error.details[0]!;
    throw new BadUserInputError(error.message, `${prefix}.${first.path}`, { problems: error.details.map((d) => ({ path: `${prefix}.${d.path}`, message: d.message })) });
  }
}

@Injectable()
export class BaselinePoliciesService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async create(tenantId: string, input: CreateBaselinePolicyInput): Promise<BaselinePolicyModel> {
    const policy = resolvePolicy({ name: input.name, checkItemIds: input.checkItemIds, params: input.params ?? undefined });
    // Stored resolved, so a later change of a default does not silently change a saved policy.
    const params = Object.fromEntries(policy.items.map(({ item, params: values }) => [item.id, values]));
    return this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO baseline_policies (tenant_id, id, name, check_item_ids, params)
         VALUES (current_setting('rampart.tenant_id', true), $1, $2, $3, $4) RETURNING id, name, check_item_ids, params, created_at`,
        [randomUUID(), policy.name, policy.items.map(({ item }) => item.id), JSON.stringify(params)],
      )) as PolicyRow[];
      return toModel(row!);
    });
  }

  async list(tenantId: string): Promise<BaselinePolicyModel[]> {
    return this.database.run(tenantId, async (manager) =>
      ((await manager.query('SELECT id, name, check_item_ids, params, created_at FROM baseline_policies ORDER BY created_at, id')) as PolicyRow[]).map(toModel),
    );
  }

  /** A stored policy, resolved against the catalogue; NOT_FOUND when it is not this tenant's. */
  async load(manager: EntityManager, id: string, path = 'input.policyId'): Promise<BaselinePolicy> {
    const rows = /^[0-9a-f-]{36}$/i.test(id)
      ? ((await manager.query('SELECT id, name, check_item_ids, params, created_at FROM baseline_policies WHERE id = $1', [id])) as PolicyRow[])
      : [];
    const row = rows[0];
    if (row === undefined) throw new NotFoundError(`Baseline policy ${id}`);
    return resolvePolicy({ name: row.name, checkItemIds: row.check_item_ids, params: row.params }, path);
  }
}
