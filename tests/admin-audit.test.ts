// The configuration audit trail: admin screens, the SLA API and the CLI record who changed what;
// the trail is append-only in the database, readable by admins only (page and API).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';
import { SAME_ORIGIN, signInForm, type FormSession } from './support/http-session.js';

const run = promisify(execFile);
let services: TestServices;
let context: OpenedContext;
let app: App;
let admin: FormSession;
let adminToken: string;
let reviewerToken: string;
const PASSWORD = 'mat-khau-dai-du';

beforeAll(async () => {
  services = await createTestServices('admin_audit');
  context = await openContext(services.config);
  app = createApp(context);
  await upsertUser(context.db, { username: 'quantri', displayName: 'Quản trị', password: PASSWORD, role: 'admin' });
  admin = await signInForm(app, 'quantri', PASSWORD, '/admin/users');
  adminToken = (await createApiToken(context.db, { name: 'may-chu-admin', role: 'admin' })).token;
  reviewerToken = (await createApiToken(context.db, { name: 'xem-xet', role: 'reviewer' })).token;
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

function postForm(path: string, fields: Record<string, string>) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie, ...SAME_ORIGIN },
    body: new URLSearchParams({ _csrf: admin.csrf, ...fields }).toString(),
  });
}

async function events() {
  return context.db.selectFrom('admin_events').selectAll().orderBy('id').execute();
}

describe('admin audit trail', () => {
  it('records user, token and profile changes made in the dashboard, with the actor', async () => {
    expect((await postForm('/admin/users', { username: 'ctv-moi', display_name: 'Cộng tác viên mới', password: PASSWORD, role: 'collaborator' })).status).toBe(303);
    const created = await context.db.selectFrom('users').select('id').where('username', '=', 'ctv-moi').executeTakeFirstOrThrow();
    expect((await postForm(`/admin/users/${created.id}/role`, { role: 'reviewer' })).status).toBe(303);
    expect((await postForm(`/admin/users/${created.id}/disabled`, { disabled: 'true' })).status).toBe(303);
    expect((await postForm('/admin/tokens', { name: 'grafana', role: 'reviewer' })).status).toBe(201);
    expect((await postForm('/admin/profile', { commune: 'Phủ Thông', aliases: 'xa Phu Thong', places: 'thôn Nà Pài\nthôn Bản Cháo' })).status).toBe(303);

    const rows = await events();
    expect(rows.map((r) => r.action)).toEqual(['user.created', 'user.role_changed', 'user.disabled', 'token.created', 'profile.saved']);
    expect(rows.every((r) => r.actor === 'quantri' && r.actor_user_id !== null)).toBe(true);
    expect(rows[0]!.target_id).toBe(created.id);
    expect(rows[1]!.details).toEqual({ role: 'reviewer' });
    expect(rows[4]!.details).toEqual({ commune: 'Phủ Thông', aliases: 1, places: 2 });
    // Never a password or a token in the trail.
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(JSON.stringify(rows)).not.toMatch(/lng_[A-Za-z0-9_-]{20,}/);
  });

  it('records SLA changes made through the API with the token as actor', async () => {
    const before = (await events()).length;
    const response = await app.request('/api/sla/holidays', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ day: '2026-12-24', name: 'Nghỉ bù' }),
    });
    expect(response.status).toBe(201);
    const added = (await events()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'sla.holiday_saved', actor: 'token:may-chu-admin', target_id: '2026-12-24' });
  });

  it('records changes made on the command line as "cli"', async () => {
    const env = { ...process.env, DATABASE_URL: services.config.DATABASE_URL, REDIS_URL: services.config.REDIS_URL, QUEUE_PREFIX: services.config.QUEUE_PREFIX, LOG_LEVEL: 'silent', SECRET_KEY: services.config.SECRET_KEY };
    await run('node_modules/.bin/tsx', ['src/cli/main.ts', 'create-token', '--name', 'tu-dong', '--role', 'reviewer'], { env });
    const last = (await events()).at(-1)!;
    expect(last).toMatchObject({ action: 'token.created', actor: 'cli', actor_user_id: null, details: { name: 'tu-dong', role: 'reviewer' } });
  });

  it('cannot be edited or deleted, even with SQL', async () => {
    await expect(sql`UPDATE admin_events SET actor = 'ai-do'`.execute(context.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM admin_events`.execute(context.db)).rejects.toThrow(/append-only/);
  });

  it('is readable by admins on the page and through the API, and by no one else', async () => {
    const page = await app.request('/admin/audit', { headers: { cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Nhật ký quản trị');
    expect(html).toContain('Tạo người dùng');
    expect(html).toContain('Đổi vai trò');

    const api = await app.request('/api/admin/audit?limit=2', { headers: { authorization: `Bearer ${adminToken}` } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { items: { id: string; action: string }[]; next_before: string | null };
    expect(body.items).toHaveLength(2);
    expect(body.items[0]!.action).toBe('token.created');
    expect(body.next_before).toBe(body.items[1]!.id);
    const older = (await (await app.request(`/api/admin/audit?before=${body.next_before}&action=user.created`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { items: { action: string }[] };
    expect(older.items.map((i) => i.action)).toEqual(['user.created']);

    expect((await app.request('/api/admin/audit', { headers: { authorization: `Bearer ${reviewerToken}` } })).status).toBe(403);
    expect((await app.request('/api/admin/audit')).status).toBe(401);
    expect((await app.request('/api/admin/audit?action=drop', { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(400);
  });
});
