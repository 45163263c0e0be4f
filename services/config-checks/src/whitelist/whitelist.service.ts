import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import { CheckCatalogueService } from '../catalogue/check-catalogue.service';
import type { AddWhitelistRuleInput } from './add-whitelist-rule.input';
import type { WhitelistRuleModel } from './whitelist-rule.model';

interface WhitelistRuleRow {
  id: string;
  check_item_id: string;
  asset_ids: string[] | null;
  reason: string;
  expires_at: Date | null;
  created_at: Date;
}

const toModel = (row: WhitelistRuleRow): WhitelistRuleModel => ({
  id: row.id,
  checkItemId: row.check_item_id,
  assetIds: row.asset_ids,
  reason: row.reason,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
});

/** Whitelist rules; results read as WHITELISTED while a live rule covers them (see CheckResultsService). */
@Injectable()
export class WhitelistService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    private readonly catalogue: CheckCatalogueService,
  ) {}

  async add(tenantId: string, input: AddWhitelistRuleInput): Promise<WhitelistRuleModel> {
    if (!this.catalogue.item(input.checkItemId)) throw new BadUserInputError(`unknown check item ${input.checkItemId}`, 'input.checkItemId');
    if (!input.reason.trim()) throw new BadUserInputError('A reason is required', 'input.reason');
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new BadUserInputError('expiresAt must be in the future', 'input.expiresAt');
    const rows = (await this.database.run(tenantId, (m) =>
      m.query(
        `INSERT INTO whitelist_rules (tenant_id, id, check_item_id, asset_ids, reason, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, check_item_id, asset_ids, reason, expires_at, created_at`,
        [tenantId, randomUUID(), input.checkItemId, input.assetIds?.length ? input.assetIds : null, input.reason, input.expiresAt ?? null],
      ),
    )) as WhitelistRuleRow[];
    return toModel(rows[0]);
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    const rows = (await this.database.run(tenantId, (m) => m.query('DELETE FROM whitelist_rules WHERE id = $1 RETURNING id', [id]))) as unknown[];
    // DELETE … RETURNING comes back as [rows, count] from the pg driver.
    const deleted = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
    if (deleted === 0) throw new NotFoundError('Whitelist rule');
    return true;
  }
}
