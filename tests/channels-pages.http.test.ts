// The commune's own channels on the dashboard, through the HTTP app: the sources form refuses a
// personal profile given as a page (Graph's metadata.type), saves a Page with its unit, changes a
// source's unit; the units admin page; the "Kênh của đơn vị" page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../dashboards/i18n.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { upsertUser } from '../src/users/user.repository.js';
import { startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { SAME_ORIGIN, signInForm, type FormSession } from './support/http-session.js';
import { createTestServices, type TestServices } from './support/services.js';

const PASSWORD = 'mat-khau-dai-du';
let services: TestServices;
let context: OpenedContext;
let app: App;
let graph: FakeGraph;

beforeAll(async () => {
  services = await createTestServices('channels_pages', { FETCH_ALLOW_HOSTS: '127.0.0.1' });
  context = await openContext(services.config);
  app = createApp(context);
  for (const [username, role] of [['qtv', 'admin'], ['ctv', 'collaborator']] as const) await upsertUser(context.db, { username, displayName: username.toUpperCase(), password: PASSWORD, role });
  graph = await startFakeGraph({
    pages: { '1122334455': [{ id: '1122334455_1', message: 'Thông báo lịch tiếp dân', created: new Date(Date.now() - 3_600_000) }] },
    tokens: { good: 'ok', old: 'expired' },
    pageNames: { '1122334455': 'Chi bộ thôn Cốc Lùng' },
    profiles: { '100004000000042': 'Nguyễn Văn Cá Nhân' },
  });
});
afterAll(async () => {
  await graph?.close();
  await context?.close();
  await services?.cleanup();
});

const postForm = (who: FormSession, url: string, fields: Record<string, string>) =>
  app.request(url, { method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, body: new URLSearchParams(fields).toString() });
const get = async (who: FormSession, url: string) => {
  const res = await app.request(url, { headers: { cookie: who.cookie } });
  return { status: res.status, html: await res.text() };
};

describe('units admin page', () => {
  it('admins add, rename and delete units and set the silent days; others get 403', async () => {
    const qtv = await signInForm(app, 'qtv', PASSWORD, '/admin/units');
    const ctv = await signInForm(app, 'ctv', PASSWORD, '/');
    expect((await get(ctv, '/admin/units')).status).toBe(403);
    expect((await postForm(ctv, '/admin/units', { _csrf: ctv.csrf, name: 'X', kind: 'agency' })).status).toBe(403);

    const added = await postForm(qtv, '/admin/units', { _csrf: qtv.csrf, name: 'Chi bộ thôn Cốc Lùng', kind: 'party_cell' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/admin/units?done=created#thong-bao');
    const duplicate = await postForm(qtv, '/admin/units', { _csrf: qtv.csrf, name: 'chi bộ thôn cốc lùng', kind: 'party_cell' });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toContain(vi.channels.units.errors.duplicate);
    expect((await postForm(qtv, '/admin/units', { _csrf: qtv.csrf, name: 'Đoàn thanh niên', kind: 'club' })).status).toBe(400);
    await postForm(qtv, '/admin/units', { _csrf: qtv.csrf, name: 'Trạm y tế', kind: 'agency' });
    const units = await context.db.selectFrom('units').select(['id', 'name']).orderBy('id').execute();
    expect(units.map((u) => u.name)).toEqual(['Chi bộ thôn Cốc Lùng', 'Trạm y tế']);

    expect((await postForm(qtv, `/admin/units/${units[1]!.id}`, { _csrf: qtv.csrf, name: 'Trạm Y tế xã', kind: 'agency' })).status).toBe(303);
    expect((await postForm(qtv, '/admin/units/settings', { _csrf: qtv.csrf, silent_days: '0' })).status).toBe(400);
    expect((await postForm(qtv, '/admin/units/settings', { _csrf: qtv.csrf, silent_days: '10' })).status).toBe(303);
    const page = await get(qtv, '/admin/units?done=settings');
    expect(page.html).toContain(vi.channels.units.settingsSaved);
    expect(page.html).toContain('value="Trạm Y tế xã"');
    expect(page.html).toContain('name="silent_days" type="number" inputmode="numeric" min="1" max="365" required="" value="10"');
    expect((await postForm(qtv, `/admin/units/${units[1]!.id}/delete`, { _csrf: qtv.csrf })).status).toBe(303);
    expect((await postForm(qtv, `/admin/units/${units[1]!.id}/delete`, { _csrf: qtv.csrf })).status).toBe(404);
  });
});

describe('sources page: units and organisational pages only', () => {
  it('refuses a personal profile given as a page, saves a Page with its unit, changes the unit', async () => {
    const qtv = await signInForm(app, 'qtv', PASSWORD, '/sources');
    const unit = (await context.db.selectFrom('units').select('id').where('name', '=', 'Chi bộ thôn Cốc Lùng').executeTakeFirstOrThrow()).id;
    const form = await get(qtv, '/sources');
    expect(form.html).toContain(vi.channels.source.orgOnly);
    expect(form.html).toContain(`<option value="${unit}">Chi bộ thôn Cốc Lùng</option>`);

    const base = { _csrf: qtv.csrf, name: 'Trang chi bộ Cốc Lùng', type: 'facebook_page', token: 'good', graph_url: graph.url, unit_id: unit };
    const profile = await postForm(qtv, '/sources/new', { ...base, page_id: '100004000000042', action: 'save' });
    expect(profile.status).toBe(400);
    expect(await profile.text()).toContain(vi.channels.source.notAPage('user'));
    const previewProfile = await postForm(qtv, '/sources/new', { ...base, page_id: '100004000000042', action: 'preview' });
    expect(await previewProfile.text()).toContain('không phải một Trang (fanpage) mà là tài khoản cá nhân');
    // Graph said the metadata request was made the real way.
    expect(graph.requests.find((r) => r.path === '/v21.0/100004000000042')?.query).toMatchObject({ metadata: '1' });
    const expired = await postForm(qtv, '/sources/new', { ...base, page_id: '1122334455', token: 'old', action: 'save' });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('Không kiểm tra được với Facebook rằng đây là một Trang');
    expect(await context.db.selectFrom('sources').select('id').where('type', '=', 'facebook_page').execute()).toEqual([]);

    const saved = await postForm(qtv, '/sources/new', { ...base, page_id: '1122334455', action: 'save' });
    expect(saved.status).toBe(303);
    const row = await context.db.selectFrom('sources').selectAll().where('name', '=', 'Trang chi bộ Cốc Lùng').executeTakeFirstOrThrow();
    expect(row.unit_id).toBe(unit);
    const listed = await get(qtv, '/sources');
    expect(listed.html).toContain('<span class="source-unit">Đơn vị: Chi bộ thôn Cốc Lùng</span>');

    expect((await postForm(qtv, `/sources/${row.id}/unit`, { _csrf: qtv.csrf, unit_id: '999999' })).status).toBe(400);
    const cleared = await postForm(qtv, `/sources/${row.id}/unit`, { _csrf: qtv.csrf, unit_id: '' });
    expect(cleared.headers.get('location')).toBe('/sources?done=unit#thong-bao');
    expect((await context.db.selectFrom('sources').select('unit_id').where('id', '=', row.id).executeTakeFirstOrThrow()).unit_id).toBeNull();
    await postForm(qtv, `/sources/${row.id}/unit`, { _csrf: qtv.csrf, unit_id: unit });
    const audit = await context.db.selectFrom('admin_events').select('action').where('target_type', '=', 'source').where('target_id', '=', row.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['source.created', 'source.unit_changed', 'source.unit_changed']);
  });
});

describe('Kênh của đơn vị', () => {
  it('every role reads the report of a period with its table, and a bad period is a 400', async () => {
    const ctv = await signInForm(app, 'ctv', PASSWORD, '/');
    const source = (await context.db.selectFrom('sources').select('id').where('name', '=', 'Trang chi bộ Cốc Lùng').executeTakeFirstOrThrow()).id;
    await context.db
      .insertInto('posts')
      .values({ source_id: source, external_id: 'cl-1', title: null, body: 'Họp chi bộ tháng 10', content_hash: 'cl1', published_at: new Date('2026-10-05T02:00:00Z'), raw: '{"kind":"post"}', engagement: 7 })
      .execute();
    const page = await get(ctv, '/reports/channels?from=2026-10-01&to=2026-10-31');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Kênh của đơn vị</h1>');
    expect(page.html).toContain(`<tr data-unit="Chi bộ thôn Cốc Lùng" data-source-id="${source}">`);
    expect(page.html).toMatch(/data-figure="posts">1<\/td>/);
    expect(page.html).toContain('0/1 đơn vị có trang hoạt động đều');
    expect(page.html).toContain('href="/reports/channels"');
    expect((await get(ctv, '/reports/channels?from=2026-10-31&to=2026-10-01')).status).toBe(400);
  });
});
