import { mkdtemp, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationsCurrent, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices('migrations');
});
afterAll(() => services.cleanup());

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: services.config.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('records every file once; running again applies nothing', async () => {
    const files = await readMigrations();
    const rows = await query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    expect(await migrate(services.config.DATABASE_URL)).toEqual({ applied: [], alreadyApplied: files.length });
    expect(await migrationsCurrent(services.config.DATABASE_URL)).toBe(true);
  });

  it('two processes migrating at once do not collide (advisory lock)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-mig-'));
    for (const file of await readMigrations()) await copyFile(path.join(MIGRATIONS_DIR, file.name), path.join(dir, file.name));
    await writeFile(path.join(dir, '29990101000000_slow.sql'), 'SELECT pg_sleep(0.3); CREATE TABLE slow_marker (id int);');
    const results = await Promise.all([migrate(services.config.DATABASE_URL, dir), migrate(services.config.DATABASE_URL, dir)]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 1]);
    expect(await migrationsCurrent(services.config.DATABASE_URL, dir)).toBe(true);
  });

  it('refuses a migration edited after it was applied', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-mig-'));
    const [first] = await readMigrations();
    await writeFile(path.join(dir, first!.name), `${first!.sql}\n-- edited`);
    await expect(migrate(services.config.DATABASE_URL, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it('rolls back a failing migration and names it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-mig-'));
    for (const file of await readMigrations()) await copyFile(path.join(MIGRATIONS_DIR, file.name), path.join(dir, file.name));
    await writeFile(path.join(dir, '29990101000000_slow.sql'), 'SELECT pg_sleep(0.3); CREATE TABLE slow_marker (id int);');
    await writeFile(path.join(dir, '29990102000000_broken.sql'), 'CREATE TABLE half_done (id int); SELECT no_such_function();');
    await expect(migrate(services.config.DATABASE_URL, dir)).rejects.toThrow(/29990102000000_broken\.sql failed/);
    expect(await query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toEqual([]);
  });

  it('the audit trail refuses UPDATE, DELETE and TRUNCATE', async () => {
    const [incident] = await query<{ id: string }>("INSERT INTO incidents (title, category, severity) VALUES ('t', 'tin_sai_su_that', 'high') RETURNING id");
    await query("INSERT INTO incident_events (incident_id, actor, type) VALUES ($1, 'system', 'created')", [incident!.id]);
    await expect(query("UPDATE incident_events SET actor = 'someone'")).rejects.toThrow(/append-only/);
    await expect(query('DELETE FROM incident_events')).rejects.toThrow(/append-only/);
    await expect(query('TRUNCATE incident_events CASCADE')).rejects.toThrow(/append-only/);
    expect(await query('SELECT actor FROM incident_events')).toEqual([{ actor: 'system' }]);
  });
});
