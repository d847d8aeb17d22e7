// The report-a-link form and the sources page through the HTTP app: roles, CSRF, uploads checked
// by magic bytes and stored under their sha256, Vietnamese errors, preview and save of a source.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { isSealed } from '../src/config/secrets.js';
import { createApp, type App } from '../src/http/app.js';
import { upsertUser } from '../src/users/user.repository.js';
import { startFakeGraph } from './support/fake-graph.js';
import { createTestServices, type TestServices } from './support/services.js';
import { SAME_ORIGIN, signInForm, type FormSession } from './support/http-session.js';

export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const FLAGGED_TEXT = 'Dân thôn Nà Pài, xã Phủ Thông bức xúc vì đã 2 năm chưa được bồi thường đất làm đường';
const PASSWORD = 'mat-khau-dai-du';
const ORIGIN = SAME_ORIGIN;

let services: TestServices;
let context: OpenedContext;
let app: App;
let dataDir: string;
let feed: http.Server;
let feedUrl: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-uploads-'));
  services = await createTestServices('pages', { DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: '127.0.0.1' });
  context = await openContext(services.config);
  app = createApp(context);
  await saveCommuneProfile(context.db, JSON.parse(await readFile(new URL('./fixtures/commune-profile.json', import.meta.url), 'utf8')));
  for (const [username, role] of [['ctv', 'collaborator'], ['bxd', 'reviewer'], ['qtv', 'admin']] as const) {
    await upsertUser(context.db, { username, displayName: username.toUpperCase(), password: PASSWORD, role });
  }
  feed = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin xã</title>' +
        '<item><guid>t1</guid><title>Họp dân thôn Nà Pài &lt;script&gt;</title><link>https://xa.example.vn/1</link><description>Bàn về làm đường</description><pubDate>Tue, 10 Nov 2026 08:00:00 +0700</pubDate></item>' +
        '</channel></rss>',
    );
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/rss`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (feed ? feed.close(() => resolve()) : resolve()));
  await context?.close();
  await services?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Signed = FormSession;

function signIn(username: string): Promise<Signed> {
  return signInForm(app, username, PASSWORD, '/sources');
}

function report(who: Signed, fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }, withCsrf = true) {
  const form = new FormData();
  if (withCsrf) form.set('_csrf', who.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('screenshot', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return app.request('/reports/new', { method: 'POST', headers: { cookie: who.cookie, ...ORIGIN }, body: form });
}

function postForm(who: Signed, url: string, fields: Record<string, string>) {
  return app.request(url, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...ORIGIN },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('report-a-link form', () => {
  it('sends the signed-out to /login, shows the form to a collaborator and a 403 page to a reviewer', async () => {
    const signedOut = await app.request('/reports/new');
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toBe('/login?next=%2Freports%2Fnew');

    const ctv = await signIn('ctv');
    const form = await app.request('/reports/new', { headers: { cookie: ctv.cookie } });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('href="/reports/new"'); // nav link for a collaborator

    const bxd = await signIn('bxd');
    const refused = await app.request('/reports/new', { headers: { cookie: bxd.cookie } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Tài khoản của bạn không được dùng trang này');
    expect(await (await app.request('/', { headers: { cookie: bxd.cookie } })).text()).not.toContain('href="/reports/new"');
    expect((await report(bxd, { text: FLAGGED_TEXT })).status).toBe(403);
  });

  it('refuses a post without the CSRF token (403) and stores nothing', async () => {
    const ctv = await signIn('ctv');
    const response = await report(ctv, { text: 'Tin không có mã CSRF ở thôn Nà Pài' }, undefined, false);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Biểu mẫu đã hết hạn hoặc không hợp lệ');
    const wrong = await report({ ...ctv, csrf: 'not-the-token' }, { text: 'Tin không có mã CSRF ở thôn Nà Pài' });
    expect(wrong.status).toBe(403);
    const rows = await context.db.selectFrom('posts').select('id').where('body', 'like', '%không có mã CSRF%').execute();
    expect(rows).toEqual([]);
  });

  it('explains bad input in Vietnamese and keeps what was typed', async () => {
    const ctv = await signIn('ctv');
    const empty = await report(ctv, { url: '', text: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Hãy nhập đường link hoặc nội dung (ít nhất một trong hai).');

    const typed = 'Ảnh chụp nhóm Zalo <b>thôn Nà Pài</b>';
    const badImage = await report(ctv, { text: typed }, { bytes: Buffer.from('GIF89a not really a png'), name: 'anh.png', type: 'image/png' });
    expect(badImage.status).toBe(400);
    const html = await badImage.text();
    expect(html).toContain('Ảnh không đúng định dạng: chỉ nhận ảnh PNG, JPEG hoặc WebP.');
    expect(html).toContain('Ảnh chụp nhóm Zalo &lt;b&gt;thôn Nà Pài&lt;/b&gt;</textarea>');

    const ssrf = await report(ctv, { url: 'http://10.0.0.1/admin', text: 'Xem link này' });
    expect(ssrf.status).toBe(400);
    const ssrfHtml = await ssrf.text();
    expect(ssrfHtml).toContain('Đường link bị từ chối vì trỏ tới địa chỉ nội bộ');
    expect(ssrfHtml).toContain('value="http://10.0.0.1/admin"');

    const badUrl = await report(ctv, { url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.text()).toContain('Đường link không hợp lệ');
  });

  it('refuses an oversized upload early with a Vietnamese message', async () => {
    const ctv = await signIn('ctv');
    const big = Buffer.alloc(6 * 1024 * 1024, 0);
    PNG_1X1.copy(big);
    const response = await report(ctv, { text: 'Ảnh quá lớn' }, { bytes: big, name: 'lon.png', type: 'image/png' });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Dữ liệu gửi lên quá lớn');
  });

  it('stores a good PNG under its sha256, keeps the hash on the post, and links the incident it opened', async () => {
    const ctv = await signIn('ctv');
    const response = await report(ctv, { text: FLAGGED_TEXT }, { bytes: PNG_1X1, name: 'chup-man-hinh.png', type: 'image/png' });
    expect(response.status).toBe(200);
    const html = await response.text();
    const sha256 = createHash('sha256').update(PNG_1X1).digest('hex');
    const stored = await readFile(path.join(dataDir, 'uploads', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
    expect(stored.equals(PNG_1X1)).toBe(true);
    expect(html).toContain(sha256);

    const postId = /data-post-id="(\d+)"/.exec(html)?.[1];
    expect(postId).toBeDefined();
    const post = await context.db.selectFrom('posts').selectAll().where('id', '=', postId!).executeTakeFirstOrThrow();
    expect(post.raw).toMatchObject({ kind: 'manual_report', reported_by: 'ctv', screenshot: { sha256, content_type: 'image/png', bytes: PNG_1X1.length } });

    expect(html).toContain('Kết quả phân tích');
    expect(html).toContain('Phản ánh, kiến nghị của Nhân dân');
    const incident = await context.db.selectFrom('incident_posts').select('incident_id').where('post_id', '=', postId!).executeTakeFirstOrThrow();
    expect(html).toContain(`href="/incidents/${incident.incident_id}"`);
    expect(html).toContain('Đã đưa vào vụ việc');
  });
});

describe('sources page', () => {
  it('lets every role read health, and only an admin change anything', async () => {
    const bxd = await signIn('bxd');
    const page = await app.request('/sources', { headers: { cookie: bxd.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Chỉ quản trị viên được thêm, bật hoặc tắt nguồn tin.');
    expect(html).not.toContain('action="/sources/new');
    const refused = await postForm(bxd, '/sources/new', { _csrf: bxd.csrf, name: 'x', type: 'rss', url: feedUrl, action: 'save' });
    expect(refused.status).toBe(403);
    const ctv = await signIn('ctv');
    expect((await postForm(ctv, '/sources/new', { _csrf: ctv.csrf, name: 'x', type: 'rss', url: feedUrl, action: 'save' })).status).toBe(403);
    expect(await context.db.selectFrom('sources').select('id').where('name', '=', 'x').execute()).toEqual([]);
  });

  it('previews an RSS feed as preview-source does, shows a refused address in one line, saves, lists and toggles', async () => {
    const qtv = await signIn('qtv');
    const noCsrf = await postForm(qtv, '/sources/new', { name: 'Tin xã', type: 'rss', url: feedUrl, action: 'preview' });
    expect(noCsrf.status).toBe(403);

    const preview = await postForm(qtv, '/sources/new', { _csrf: qtv.csrf, name: 'Tin xã', type: 'rss', url: feedUrl, interval_minutes: '30', action: 'preview' });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('Xem trước: 1 bài');
    expect(previewHtml).toContain('<div class="incident-title">Họp dân thôn Nà Pài</div>');
    expect(previewHtml).toContain('10/11/2026'); // published 08:00 +07:00, shown in Asia/Ho_Chi_Minh
    expect(previewHtml).toContain('&quot;external_id&quot;: &quot;t1&quot;');
    expect(previewHtml).toContain(`value="${feedUrl}"`); // the form keeps what was typed
    expect(await context.db.selectFrom('sources').select('id').where('name', '=', 'Tin xã').execute()).toEqual([]);

    const refused = await postForm(qtv, '/sources/new', { _csrf: qtv.csrf, name: 'Nội bộ', type: 'rss', url: 'http://169.254.169.254/latest', action: 'preview' });
    const refusedHtml = await refused.text();
    expect(refusedHtml).toMatch(/Không xem trước được: địa chỉ trỏ tới mạng nội bộ hoặc dành riêng nên bị từ chối \(refused: 169\.254\.169\.254/);

    const invalid = await postForm(qtv, '/sources/new', { _csrf: qtv.csrf, name: '', type: 'web_page', url: 'ftp://x', action: 'save' });
    expect(invalid.status).toBe(400);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain('Hãy đặt tên cho nguồn');
    expect(invalidHtml).toContain('Trang web cần bộ chọn CSS cho mỗi bài (item).');

    const saved = await postForm(qtv, '/sources/new', { _csrf: qtv.csrf, name: 'Tin xã', type: 'rss', url: feedUrl, interval_minutes: '30', action: 'save' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/sources?done=saved#thong-bao');
    const row = await context.db.selectFrom('sources').selectAll().where('name', '=', 'Tin xã').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ type: 'rss', enabled: true, interval_seconds: 1800, config: { url: feedUrl } });
    const listed = await (await app.request('/sources?done=saved', { headers: { cookie: qtv.cookie } })).text();
    expect(listed).toContain('Đã lưu nguồn tin.');
    expect(listed).toContain(`data-source-id="${row.id}"`);
    expect(listed).toContain('Chưa chạy');

    const duplicate = await postForm(qtv, '/sources/new', { _csrf: qtv.csrf, name: 'Tin xã', type: 'rss', url: feedUrl, action: 'save' });
    expect(await duplicate.text()).toContain('Đã có nguồn cùng loại với tên này.');

    expect((await postForm(qtv, `/sources/${row.id}/enabled`, { enabled: 'false' })).status).toBe(403);
    const toggled = await postForm(qtv, `/sources/${row.id}/enabled`, { _csrf: qtv.csrf, enabled: 'false' });
    expect(toggled.status).toBe(303);
    expect((await context.db.selectFrom('sources').select('enabled').where('id', '=', row.id).executeTakeFirstOrThrow()).enabled).toBe(false);
  });

  it('seals a Facebook page token when it saves the source', async () => {
    const qtv = await signIn('qtv');
    // Saving asks Graph whether the id is a Page (proportionality): a local stand-in answers.
    const graph = await startFakeGraph({ pages: { phuthong: [] }, tokens: { 'EAAB-secret': 'ok' } });
    const saved = await postForm(qtv, '/sources/new', { _csrf: qtv.csrf, name: 'Fanpage xã', type: 'facebook_page', page_id: 'phuthong', token: 'EAAB-secret', graph_url: graph.url, action: 'save' });
    await graph.close();
    expect(saved.status).toBe(303);
    const row = await context.db.selectFrom('sources').selectAll().where('name', '=', 'Fanpage xã').executeTakeFirstOrThrow();
    expect(isSealed(row.config.token)).toBe(true);
    const listed = await (await app.request('/sources', { headers: { cookie: qtv.cookie } })).text();
    expect(listed).not.toContain('EAAB-secret');
  });
});
