import { Inject, Injectable } from '@nestjs/common';
import { TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import type { InventoryImportModel } from './inventory-import.model';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class InventoryImportsService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async findById(tenantId: string, id: string): Promise<InventoryImportModel | null> {
    if (!UUID.test(id)) return null;
    const rows = (await this.database.run(tenantId, (m) => m.query('SELECT * FROM inventory_imports WHERE id = $1', [id]))) as Array<{
      id: string; account_id: string; status: string; assets_created: number; assets_updated: number; assets_removed: number;
      assets_unchanged: number; unknown_actions: unknown; incomplete: unknown; created_at: Date;
    }>;
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      accountId: row.account_id,
      status: row.status,
      assetsCreated: row.assets_created,
      assetsUpdated: row.assets_updated,
      assetsRemoved: row.assets_removed,
      assetsUnchanged: row.assets_unchanged,
      unknownActions: row.unknown_actions,
      incomplete: row.incomplete,
      createdAt: row.created_at,
    };
  }
}
