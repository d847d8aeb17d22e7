// Access control hardening and the admin screens, over HTTP (app.request on the real app, real
// Postgres and Redis): login throttling, log out everywhere, the admin pages (admin only, CSRF),
// the rules editor, test bench and rollback, the 401 walk over every /api route, the API docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { parseQuery } from '../src/analysis/index.js';
import { getCommuneProfile } from '../src/commune/profile.repository.js';
import { apiRoutes } from '../src/http/api/docs.routes.js';
import { createApp, type App } from '../src/http/app.js';
import { activeRulePack, saveRulePackVersion } from '../src/rules/rule-pack.repository.js';
import { upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';
import { signInForm, type FormSession } from './support/http-session.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
let firstVersion: string;

const ORIGIN = 'http://localhost';
const PASSWORD = 'mat-khau-dai-du';

const PACK_V1 = {
  version: 'thu-nghiem-1',
  rules: [{ id: 'tin-don', category: 'tin_sai_su_that', query: '"tin đồn"', requires_about: false }],
};

beforeAll(async () => {
  services = await createTestServices('admin_http');
  context = await openContext(services.config);
  app = createApp(context);
  for (const [username, role] of [
    ['quantri', 'admin'],
    ['quantri2', 'admin'],
    ['ctv', 'collaborator'],
    ['bi-khoa', 'collaborator'],
    ['ctv-throttle', 'collaborator'],
  ] as const) {
    await upsertUser(context.db, { username, displayName: `Người ${username}`, password: PASSWORD, role });
  }
  firstVersion = (await saveRulePackVersion(context.db, PACK_V1, { activate: true, note: 'v1' })).id;
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

async function login(username: string, password = PASSWORD, target: App = app) {
  return target.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: new URLSearchParams({ username, password, next: '/' }).toString(),
  });
}

type Session = FormSession;

function signIn(username: string): Promise<Session> {
  return signInForm(app, username, PASSWORD, '/sources');
}

function get(path: string, session?: Session) {
  return app.request(path, { headers: session ? { cookie: session.cookie } : {} });
}

function post(path: string, session: Session, fields: Record<string, string>, withCsrf = true) {
  return app.request(path, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, ...(withCsrf ? { _csrf: session.csrf } : {}) }).toString(),
  });
}

describe('login throttling', () => {
  it('refuses the 6th attempt after 5 wrong passwords, even with the right password, and says so', async () => {
    for (let i = 0; i < 5; i++) {
      const failed = await login('ctv-throttle', 'sai-mat-khau');
      expect(failed.headers.get('location')).toMatch(/^\/login\?failed=1/);
    }
    const refused = await login('ctv-throttle', PASSWORD);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const location = refused.headers.get('location') ?? '';
    expect(location).toMatch(/^\/login\?wait=\d+/);
    const page = await (await app.request(location)).text();
    expect(page).toContain('Đăng nhập sai quá nhiều lần');
    expect(page).toMatch(/đợi khoảng 15 phút/);
    // Another account is not locked by it.
    expect((await login('ctv')).headers.get('set-cookie')).toMatch(/langnghe_session=/);
  });

  it('marks the session cookie Secure when COOKIE_SECURE is set', async () => {
    const secureApp = createApp({ ...context, config: { ...context.config, COOKIE_SECURE: true } });
    const cookie = (await login('ctv', PASSWORD, secureApp)).headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });
});

describe('log out everywhere', () => {
  it('ends every session of the user: the other cookie stops working', async () => {
    const phone = await signIn('quantri2');
    const desktop = await signIn('quantri2');
    expect((await get('/', desktop)).status).toBe(200);
    expect((await post('/logout/everywhere', phone, {}, false)).status).toBe(403);
    const out = await post('/logout/everywhere', phone, {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect((await get('/', desktop)).headers.get('location')).toBe('/login');
    expect((await get('/', phone)).headers.get('location')).toBe('/login');
  });
});

describe('admin pages', () => {
  const PAGES = ['/admin/users', '/admin/tokens', '/admin/profile', '/admin/rules'];
  const POSTS: [string, Record<string, string>][] = [
    ['/admin/users', { username: 'moi', display_name: 'Mới', password: PASSWORD, role: 'reviewer' }],
    ['/admin/users/1/role', { role: 'reviewer' }],
    ['/admin/users/1/disabled', { disabled: 'true' }],
    ['/admin/tokens', { name: 'x', role: 'reviewer' }],
    ['/admin/tokens/1/revoke', {}],
    ['/admin/profile', { commune: 'Phủ Thông', aliases: '', places: '' }],
    ['/admin/rules/pack', { pack: JSON.stringify(PACK_V1), action: 'activate' }],
    ['/admin/rules/check', { query: 'a' }],
    ['/admin/rules/test', { text: 'a' }],
    [`/admin/rules/versions/1/activate`, {}],
  ];

  it('are open to an admin, refused (403 page) to a collaborator, and signed-out users go to /login', async () => {
    const admin = await signIn('quantri');
    const ctv = await signIn('ctv');
    for (const path of PAGES) {
      const ok = await get(path, admin);
      expect(ok.status, path).toBe(200);
      const html = await ok.text();
      expect(html).toContain('href="/admin/users"'); // admin navigation
      expect(html).not.toMatch(/style=/);
      const refused = await get(path, ctv);
      expect(refused.status, path).toBe(403);
      expect(await refused.text()).toContain('Không có quyền');
      expect((await get(path)).headers.get('location')).toMatch(/^\/login/);
    }
    expect(await (await get('/', ctv)).text()).not.toContain('href="/admin/users"');
    for (const [path, fields] of POSTS) {
      expect((await post(path, ctv, fields)).status, path).toBe(403);
      const noCsrf = await post(path, admin, fields, false);
      expect(noCsrf.status, path).toBe(403);
      expect(await noCsrf.text()).toContain('Biểu mẫu đã hết hạn');
    }
  });

  it('users: create with a password, change role, disable (signed out at once)', async () => {
    const admin = await signIn('quantri');
    const weak = await post('/admin/users', admin, { username: 'nguoi-moi', display_name: 'Người mới', password: 'ngan', role: 'reviewer' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('ít nhất 10 ký tự');
    const created = await post('/admin/users', admin, { username: 'nguoi-moi', display_name: 'Người <b>mới</b>', password: PASSWORD, role: 'reviewer' });
    expect(created.status).toBe(303);
    const list = await (await get('/admin/users', admin)).text();
    expect(list).toContain('Người &lt;b&gt;mới&lt;/b&gt;');
    const dup = await post('/admin/users', admin, { username: 'nguoi-moi', display_name: 'x', password: PASSWORD, role: 'reviewer' });
    expect(dup.status).toBe(400);

    const user = await context.db.selectFrom('users').select(['id', 'role']).where('username', '=', 'nguoi-moi').executeTakeFirstOrThrow();
    expect(user.role).toBe('reviewer');
    expect((await post(`/admin/users/${user.id}/role`, admin, { role: 'collaborator' })).status).toBe(303);
    expect((await context.db.selectFrom('users').select('role').where('id', '=', user.id).executeTakeFirstOrThrow()).role).toBe('collaborator');

    const victim = await signIn('bi-khoa');
    const victimId = (await context.db.selectFrom('users').select('id').where('username', '=', 'bi-khoa').executeTakeFirstOrThrow()).id;
    expect((await post(`/admin/users/${victimId}/disabled`, admin, { disabled: 'true' })).status).toBe(303);
    expect((await get('/', victim)).headers.get('location')).toBe('/login');
    expect((await login('bi-khoa')).headers.get('location')).toMatch(/failed=1/);

    // An admin cannot demote or lock themself out.
    const selfId = (await context.db.selectFrom('users').select('id').where('username', '=', 'quantri').executeTakeFirstOrThrow()).id;
    expect((await post(`/admin/users/${selfId}/role`, admin, { role: 'reviewer' })).status).toBe(400);
  });

  it('API tokens: created and shown once, listed with last use, revoked', async () => {
    const admin = await signIn('quantri');
    const created = await post('/admin/tokens', admin, { name: 'Grafana <x>', role: 'reviewer' });
    expect(created.status).toBe(201);
    const html = await created.text();
    const token = /(lng_[A-Za-z0-9_-]+)/.exec(html)?.[1];
    expect(token).toBeDefined();
    expect(html).toContain('Grafana &lt;x&gt;');
    expect((await app.request('/api/incidents', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const list = await (await get('/admin/tokens', admin)).text();
    expect(list).not.toContain(token!);
    expect(list).toContain('Dùng gần nhất');
    const row = await context.db.selectFrom('api_tokens').select(['id', 'last_used_at']).where('name', '=', 'Grafana <x>').executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect((await post(`/admin/tokens/${row.id}/revoke`, admin, {})).status).toBe(303);
    expect((await app.request('/api/incidents', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('commune profile: saved one per line through saveCommuneProfile', async () => {
    const admin = await signIn('quantri');
    const bad = await post('/admin/profile', admin, { commune: '', aliases: '', places: '' });
    expect(bad.status).toBe(400);
    const saved = await post('/admin/profile', admin, { commune: 'Phủ Thông', aliases: 'xã Phủ Thông\r\nPhu Thong\n\n', places: 'thôn Nà Pài\nTrường THCS Phủ Thông\n' });
    expect(saved.status).toBe(303);
    const profile = await getCommuneProfile(context.db);
    expect(profile?.commune).toBe('Phủ Thông');
    expect(profile?.aliases).toEqual(['xã Phủ Thông', 'Phu Thong']);
    expect(profile?.places).toEqual(['thôn Nà Pài', 'Trường THCS Phủ Thông']);
    expect(await (await get('/admin/profile', admin)).text()).toContain('thôn Nà Pài\nTrường THCS Phủ Thông');
  });
});

describe('rules screen', () => {
  it('lists the active pack with hits and precision', async () => {
    const admin = await signIn('quantri');
    const html = await (await get('/admin/rules', admin)).text();
    expect(html).toContain('thu-nghiem-1');
    expect(html).toContain('data-rule="tin-don"');
    expect(html).toContain('Độ chính xác');
  });

  it('shows a syntax error in place with its position and what was expected', async () => {
    const admin = await signIn('quantri');
    const query = '"tin đồn" AND (bịa đặt';
    const parsed = parseQuery(query);
    expect(parsed.ok).toBe(false);
    const position = parsed.ok ? -1 : parsed.error.position;
    const pack = JSON.stringify({ version: 'loi', rules: [{ id: 'hong', category: 'tin_sai_su_that', query }] });
    const response = await post('/admin/rules/pack', admin, { pack, action: 'activate' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`Vị trí ${position}`);
    expect(html).toContain('«hong»');
    expect(html).toContain('class="error-at"');
    expect((await activeRulePack(context.db)).pack.version).toBe('thu-nghiem-1'); // nothing stored

    const broken = await post('/admin/rules/pack', admin, { pack: '{"version": "x", "rules": [}' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('JSON không hợp lệ');

    const one = await post('/admin/rules/check', admin, { query });
    expect(one.status).toBe(400);
    expect(await one.text()).toContain(`Vị trí ${position}`);
  });

  it('test bench: highlights matched terms and escapes the pasted text', async () => {
    const admin = await signIn('quantri');
    const response = await post('/admin/rules/test', admin, { text: '<script>alert(1)</script> Có tin đồn <b>lạ</b>' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Có <mark>tin đồn</mark> &lt;b&gt;lạ&lt;/b&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('saves a new version, and "activate" rolls back to the previous one', async () => {
    const admin = await signIn('quantri');
    const v2 = { version: 'thu-nghiem-2', rules: [{ id: 'bia-dat', category: 'tin_sai_su_that', query: '"bịa đặt"', requires_about: false }] };
    const saved = await post('/admin/rules/pack', admin, { pack: JSON.stringify(v2), note: 'bản 2', action: 'activate' });
    expect(saved.status).toBe(303);
    expect((await activeRulePack(context.db)).pack.version).toBe('thu-nghiem-2');
    const history = await (await get('/admin/rules', admin)).text();
    expect(history).toContain(`data-version-id="${firstVersion}"`);
    expect(history).toContain('bản 2');
    const back = await post(`/admin/rules/versions/${firstVersion}/activate`, admin, {});
    expect(back.status).toBe(303);
    const active = await activeRulePack(context.db);
    expect(active.id).toBe(firstVersion);
    expect(active.pack.version).toBe('thu-nghiem-1');
    expect((await post('/admin/rules/versions/999999/activate', admin, {})).status).toBe(404);
  });
});

describe('API access and docs', () => {
  it('every registered /api route answers 401 without credentials, the docs included', async () => {
    const routes = apiRoutes(app.routes);
    expect(routes.some((r) => r.path.startsWith('/api/docs'))).toBe(true);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.some((r) => r.method === 'GET' && r.path === '/api/incidents')).toBe(true);
    for (const route of routes) {
      const path = route.path.replace(/:sha256\b/, 'a'.repeat(64)).replace(/:day\b/, '2026-09-02').replace(/:[A-Za-z0-9_]+/g, '1');
      const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
      const response = await app.request(path, {
        method: route.method,
        ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
    // A reviewer token is refused (403) where only collaborators and admins may act.
    const { createApiToken } = await import('../src/users/user.repository.js');
    const { token } = await createApiToken(context.db, { name: 'reviewer', role: 'reviewer' });
    const forbidden = await app.request('/api/sla/holidays', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ day: '2026-09-02', name: 'Quốc khánh' }),
    });
    expect(forbidden.status).toBe(403);
  });

  it('serves OpenAPI 3.1 JSON and a browsable page to a signed-in caller', async () => {
    const { createApiToken } = await import('../src/users/user.repository.js');
    const { token } = await createApiToken(context.db, { name: 'docs-reader', role: 'reviewer' });
    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect((await app.request('/api/docs/openapi.json')).status).toBe(401);
    expect((await app.request('/api/docs')).status).toBe(401);
    const response = await app.request('/api/docs/openapi.json', auth);
    expect(response.status).toBe(200);
    const doc = JSON.parse(await response.text()) as { openapi: string; paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown; 'x-roles'?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/incidents']?.get).toBeDefined();
    expect(doc.paths['/api/incidents']?.get?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'status', in: 'query' })]));
    expect(doc.paths['/api/incidents/{id}/status']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/sla/policy']?.put?.['x-roles']).toEqual(['admin']);
    const page = await app.request('/api/docs', auth);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/incidents');
    expect(html).toContain('Tài liệu API');
    expect(html).not.toMatch(/<script>|style=/);
  });
});
