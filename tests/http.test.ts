import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;

beforeAll(async () => {
  services = await createTestServices('http');
  context = await openContext(services.config);
  app = createApp(context);
  await upsertUser(context.db, { username: 'ctv1', displayName: 'Cộng tác viên 1', password: 'mat-khau-dai-du', role: 'collaborator' });
  const [incident] = await context.db
    .insertInto('incidents')
    .values({ title: '<script>alert("x")</script> Tin đồn ở thôn Nà Pài', category: 'tin_sai_su_that', severity: 'high', resolve_due_at: new Date('2026-11-22T10:00:00Z') })
    .returning('id')
    .execute();
  expect(incident).toBeDefined();
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

async function login(password: string) {
  return app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams({ username: 'ctv1', password, next: '/' }).toString(),
  });
}

describe('http', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: true, redis: true, migrations: true } });
  });

  it('sends security headers with a CSP that forbids inline script', async () => {
    const response = await app.request('/login');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Đăng nhập');
  });

  it('redirects the signed-out queue to /login and rejects a wrong password', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login');
    const failed = await login('sai-mat-khau');
    expect(failed.status).toBe(303);
    expect(failed.headers.get('location')).toMatch(/^\/login\?failed=1/);
    expect(failed.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a cross-site login form post', async () => {
    const response = await app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'username=ctv1&password=mat-khau-dai-du',
    });
    expect(response.status).toBe(403);
  });

  it('signs in with an HttpOnly, SameSite=Lax cookie and shows the queue with collected text escaped', async () => {
    const response = await login('mat-khau-dai-du');
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const page = await app.request('/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Hàng chờ xử lý');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tin đồn ở thôn Nà Pài');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('22/11/2026'); // 10:00 UTC shown as 17:00 in Asia/Ho_Chi_Minh
    expect(html).toContain('17:00');
  });

  it('answers 401 on /api/* without credentials, and 400 naming a bad filter', async () => {
    expect((await app.request('/api/incidents')).status).toBe(401);
    expect((await app.request('/api/nothing-here')).status).toBe(401);
    const { token } = await (await import('../src/users/user.repository.js')).createApiToken(context.db, { name: 't', role: 'reviewer' });
    const bad = await app.request('/api/incidents?status=open', { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('status');
  });
});
