import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity, provisionDatabase, TenantDatabase } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig } from '@rampart/testing';

class CreateNotes1764300000001 implements MigrationInterface {
  name = 'CreateNotes1764300000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE notes (tenant_id text NOT NULL, id serial PRIMARY KEY, body text NOT NULL)');
    await enableTenantRowLevelSecurity(queryRunner, 'notes');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notes');
  }
}

describe('tenant isolation by row-level security', () => {
  const config = testPlatformConfig('platform');
  let database: TenantDatabase;

  beforeAll(async () => {
    database = new TenantDatabase(await provisionDatabase(config, [CreateNotes1764300000001]));
    await database.run('tenant-a', (m) => m.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-a', 'a1'), ('tenant-a', 'a2')"));
    await database.run('tenant-b', (m) => m.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-b', 'b1')"));
  });
  afterAll(async () => {
    await database?.close();
    await dropTestDatabase(config);
  });

  it("returns only the caller's rows to a query that forgets its tenant filter", async () => {
    const rows = await database.run('tenant-a', (m) => m.query('SELECT tenant_id, body FROM notes ORDER BY body'));
    expect(rows).toEqual([
      { tenant_id: 'tenant-a', body: 'a1' },
      { tenant_id: 'tenant-a', body: 'a2' },
    ]);
  });

  it('returns nothing of another tenant even when asked for it by name', async () => {
    const rows = await database.run('tenant-a', (m) => m.query("SELECT * FROM notes WHERE tenant_id = 'tenant-b'"));
    expect(rows).toEqual([]);
  });

  it("refuses to write a row into another tenant's space", async () => {
    await expect(
      database.run('tenant-a', (m) => m.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-b', 'smuggled')")),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot update or delete rows of another tenant', async () => {
    const updated = await database.run('tenant-a', (m) => m.query("UPDATE notes SET body = 'x' WHERE tenant_id = 'tenant-b' RETURNING id"));
    const deleted = await database.run('tenant-a', (m) => m.query("DELETE FROM notes WHERE tenant_id = 'tenant-b' RETURNING id"));
    // TypeORM answers UPDATE/DELETE … RETURNING with [rows, affected].
    expect([updated, deleted]).toEqual([[[], 0], [[], 0]]);
    const rows = await database.run('tenant-b', (m) => m.query('SELECT body FROM notes'));
    expect(rows).toEqual([{ body: 'b1' }]);
  });

  it('shows no tenant rows to a transaction without a tenant', async () => {
    const rows = await database.runUnscoped((m) => m.query('SELECT * FROM notes'));
    expect(rows).toEqual([]);
  });

  it('connects as a role that owns no table and cannot bypass row-level security', async () => {
    const [role] = await database.runUnscoped((m) =>
      m.query(
        `SELECT current_user AS name, r.rolsuper AS super, r.rolbypassrls AS bypass,
                (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    );
    expect(role).toEqual({ name: config.databaseAppRole, super: false, bypass: false, owned: 0 });
  });
});
