import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, TENANT_DATABASE, toConnection, type Connection, type TenantDatabase } from '@rampart/platform';
import type { ScanTaskModel } from './scan-task.model';
import { TASK_COLUMNS, toScanTaskModel, type ScanTaskRow } from './scan-task.row';

type ListedTask = ScanTaskRow & { created_key: string };

/** The tenant's config-checks tasks, newest first, a keyset page at a time (created_at, id). */
@Injectable()
export class ScanTaskListService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async list(tenantId: string, first?: number | null, after?: string | null): Promise<Connection<ScanTaskModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    return this.database.run(tenantId, async (manager) => {
      const [{ count }] = (await manager.query('SELECT count(*)::int AS count FROM scan_tasks')) as Array<{ count: number }>;
      const params: unknown[] = cursor ? [cursor[0], cursor[1], limit + 1] : [limit + 1];
      const rows = (await manager.query(
        `SELECT ${TASK_COLUMNS}, created_at::text AS created_key FROM scan_tasks
         ${cursor ? 'WHERE (created_at, id) < ($1::timestamptz, $2)' : ''}
         ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      )) as ListedTask[];
      return toConnection(rows, limit, count, (row) => [row.created_key, row.id], toScanTaskModel, cursor !== null);
    });
  }
}
