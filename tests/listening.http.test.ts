// Issue 14 through the HTTP app: the Tìm kiếm page (roles, escaping, highlights, a bad query),
// "Tạo vụ việc" from a search result — by plain form (CSRF, roles, 303 back with a notice) and by
// POST /api/posts/:id/incident — with the audit trail naming who did it and the evidence capture
// queued; the Dư luận page; the OpenAPI description of the new routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { jobIds } from '../src/queue/jobs.js';
import { indexPendingPosts } from '../src/search/search-index.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { SAME_ORIGIN, signInForm, type FormSession } from './support/http-session.js';
import { createTestServices, type TestServices } from './support/services.js';

const PASSWORD = 'mat-khau-dai-du';
let services: TestServices;
let context: OpenedContext;
let app: App;
let collaboratorToken: string;
let reviewerToken: string;
let ctvId: string;
const posts: Record<string, string> = {};

async function addPost(key: string, body: string, hoursAgo: number, title: string | null = null) {
  const source = (await upsertSource(context.db, { name: 'Nhóm cư dân', type: 'facebook_page', config: {} })).id;
  const row = await context.db
    .insertInto('posts')
    .values({
      source_id: source,
      external_id: key,
      url: `https://facebook.example.vn/${key}`,
      canonical_url: `https://facebook.example.vn/${key}`,
      title,
      body,
      content_hash: key,
      raw: '{}',
      published_at: new Date(Date.now() - hoursAgo * 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  posts[key] = row.id;
  return row.id;
}

beforeAll(async () => {
  services = await createTestServices('listening_http');
  context = await openContext(services.config);
  app = createApp(context);
  ctvId = (await upsertUser(context.db, { username: 'ctv1', displayName: 'Chị Mai', password: PASSWORD, role: 'collaborator' })).id;
  await upsertUser(context.db, { username: 'xemxet', displayName: 'Anh Tuấn', password: PASSWORD, role: 'reviewer' });
  collaboratorToken = (await createApiToken(context.db, { name: 'ctv-script', role: 'collaborator', userId: ctvId })).token;
  reviewerToken = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  await addPost('missed', 'Nghe nói đập Khuổi Thốc sắp vỡ, ai ở hạ du sơ tán ngay <script>alert(1)</script>', 2, 'Tin đồn <b>vỡ đập</b>');
  await addPost('repost', 'dap Khuoi Thoc sap vo, mn so tan gap', 1);
  await addPost('other', 'Chợ phiên Nà Pài sáng chủ nhật đông vui', 3);
  await addPost('api', 'Tin đồn cắt điện cả tuần ở thôn Phiêng Lầu', 4);
  await addPost('api2', 'lai tin don cat dien o Phieng Lau', 5);
  await indexPendingPosts(context.db);
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

const page = async (who: FormSession, url: string) => {
  const response = await app.request(url, { headers: { cookie: who.cookie } });
  return { status: response.status, html: await response.text() };
};
const postForm = (who: FormSession, url: string, fields: Record<string, string>) =>
  app.request(url, { method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, body: new URLSearchParams(fields).toString() });
const api = (token: string, method: string, path: string, body?: unknown) =>
  app.request(path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

describe('the Tìm kiếm page', () => {
  it('needs a session, and shows escaped results with the matched syllables marked', async () => {
    expect((await app.request('/search?q=dap')).status).toBe(302);
    const reviewer = await signInForm(app, 'xemxet', PASSWORD);
    const { status, html } = await page(reviewer, '/search?q=dap+vo');
    expect(status).toBe(200);
    expect(html).toContain('Tìm kiếm bài viết');
    expect(html).toContain('<mark>đập</mark>');
    expect(html).toContain('<mark>vỡ</mark>');
    expect(html).toContain('<mark>dap</mark>');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Tin đồn &lt;b&gt;vỡ đập&lt;/b&gt;');
    expect(html).not.toContain('Chợ phiên');
    // A reviewer reads; only collaborators and admins get "Tạo vụ việc".
    expect(html).not.toContain('/incident"');
  });

  it('says where a query is wrong', async () => {
    const reviewer = await signInForm(app, 'xemxet', PASSWORD);
    const { status, html } = await page(reviewer, `/search?q=${encodeURIComponent('"đập vỡ')}`);
    expect(status).toBe(400);
    expect(html).toContain('Truy vấn chưa đúng ở vị trí 7');
    expect(html).toContain('class="error-at"');
  });
});

describe('Tạo vụ việc', () => {
  let incidentId: string;

  it('opens an incident from a missed post, in the category and severity chosen, naming who did it', async () => {
    const ctv = await signInForm(app, 'ctv1', PASSWORD);
    const { html } = await page(ctv, '/search?q=dap');
    expect(html).toContain(`action="/search/posts/${posts.missed}/incident"`);
    const response = await postForm(ctv, `/search/posts/${posts.missed}/incident`, { _csrf: ctv.csrf, back: 'q=dap', category: 'tin_sai_su_that', severity: 'critical' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/search\\?q=dap&filed=(\\d+)&created=1#bai-${posts.missed}$`));
    incidentId = /filed=(\d+)/.exec(location)![1]!;

    const incident = await context.db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(incident).toMatchObject({ category: 'tin_sai_su_that', severity: 'critical', status: 'new', title: 'Tin đồn <b>vỡ đập</b>' });
    expect(incident.resolve_due_at!.getTime() - incident.detected_at.getTime()).toBe(24 * 3_600_000);
    const member = await context.db.selectFrom('incident_posts').selectAll().where('post_id', '=', posts.missed!).executeTakeFirstOrThrow();
    expect(member).toMatchObject({ incident_id: incidentId, reason: 'manual' });
    const events = await context.db.selectFrom('incident_events').selectAll().where('incident_id', '=', incidentId).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'created', actor: 'ctv1', actor_user_id: ctvId, after: expect.objectContaining({ reason: 'manual', category: 'tin_sai_su_that', severity: 'critical' }) });
    // Its evidence is captured like that of any filed post.
    expect(await context.queues.queue('evidence').getJob(jobIds.captureEvidence(incidentId, posts.missed!))).toBeDefined();
    // The analyzer missed it: it becomes a flagged training example of the category chosen.
    const example = await context.db.selectFrom('training_examples').selectAll().where('post_id', '=', posts.missed!).executeTakeFirstOrThrow();
    expect(example).toMatchObject({ origin: 'manual_incident', flag: true, categories: ['tin_sai_su_that'], about: true, incident_id: incidentId, decided_by: 'ctv1' });

    const back = await page(ctv, location);
    expect(back.html).toContain(`Đã tạo vụ việc #${incidentId} từ bài viết.`);
    expect(back.html).toContain(`href="/incidents/${incidentId}"`);
    const timeline = (await page(ctv, `/incidents/${incidentId}`)).html;
    expect(timeline).toContain('Mở vụ việc · do người dùng thêm từ trang Tìm kiếm');
  });

  it('adds another post to an open incident chosen from the list', async () => {
    const ctv = await signInForm(app, 'ctv1', PASSWORD);
    const { html } = await page(ctv, '/search?q=dap');
    expect(html).toContain(`<option value="${incidentId}">#${incidentId} · Tin đồn &lt;b&gt;vỡ đập&lt;/b&gt;</option>`);
    const response = await postForm(ctv, `/search/posts/${posts.repost}/incident`, { _csrf: ctv.csrf, back: 'q=dap', incident_id: incidentId });
    expect(response.headers.get('location')).toBe(`/search?q=dap&filed=${incidentId}&created=0#bai-${posts.repost}`);
    const event = await context.db.selectFrom('incident_events').selectAll().where('incident_id', '=', incidentId).where('type', '=', 'post_added').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor: 'ctv1', actor_user_id: ctvId, after: { post_id: posts.repost, reason: 'manual' } });
    // Only the post filed becomes an example, with the category of the incident it joined.
    const examples = await context.db.selectFrom('training_examples').select(['post_id', 'categories']).where('incident_id', '=', incidentId).orderBy('post_id').execute();
    expect(examples).toEqual([
      { post_id: posts.missed, categories: ['tin_sai_su_that'] },
      { post_id: posts.repost, categories: ['tin_sai_su_that'] },
    ].sort((a, b) => Number(a.post_id) - Number(b.post_id)));
    expect((await page(ctv, `/search?q=dap&filed=${incidentId}&created=0`)).html).toContain(`Đã thêm bài viết vào vụ việc #${incidentId}.`);
  });

  it('refuses a post already in an incident, a closed incident, a missing CSRF token and a reviewer', async () => {
    const ctv = await signInForm(app, 'ctv1', PASSWORD);
    const again = await postForm(ctv, `/search/posts/${posts.missed}/incident`, { _csrf: ctv.csrf, back: 'q=dap', category: 'xuyen_tac', severity: 'high' });
    expect(again.headers.get('location')).toBe(`/search?q=dap&error=already_filed#thong-bao`);
    expect((await page(ctv, '/search?q=dap&error=already_filed')).html).toContain('Bài viết này đã thuộc một vụ việc.');

    const closed = await context.db.insertInto('incidents').values({ title: 'Đã xong', category: 'xuyen_tac', severity: 'high', status: 'resolved' }).returning('id').executeTakeFirstOrThrow();
    const refused = await postForm(ctv, `/search/posts/${posts.other}/incident`, { _csrf: ctv.csrf, incident_id: closed.id });
    expect(refused.headers.get('location')).toBe('/search?error=incident_closed#thong-bao');
    const goodNews = await postForm(ctv, `/search/posts/${posts.other}/incident`, { _csrf: ctv.csrf, category: 'tich_cuc', severity: 'low' });
    expect(goodNews.headers.get('location')).toBe('/search?error=invalid#thong-bao');

    expect((await postForm(ctv, `/search/posts/${posts.other}/incident`, { category: 'xuyen_tac', severity: 'high' })).status).toBe(403);
    const reviewer = await signInForm(app, 'xemxet', PASSWORD);
    expect((await postForm(reviewer, `/search/posts/${posts.other}/incident`, { _csrf: reviewer.csrf, category: 'xuyen_tac', severity: 'high' })).status).toBe(403);
    expect(await context.db.selectFrom('incident_posts').select('post_id').where('post_id', '=', posts.other!).executeTakeFirst()).toBeUndefined();
  });

  it('is POST /api/posts/:id/incident for scripts', async () => {
    const created = await api(collaboratorToken, 'POST', `/api/posts/${posts.api}/incident`, { category: 'tin_sai_su_that', severity: 'high' });
    expect(created.status).toBe(201);
    const { incident_id } = (await created.json()) as { incident_id: string; created: boolean };
    const joined = await api(collaboratorToken, 'POST', `/api/posts/${posts.api2}/incident`, { incident_id });
    expect(joined.status).toBe(200);
    expect(await joined.json()).toEqual({ incident_id, created: false });
    const events = await context.db.selectFrom('incident_events').select(['type', 'actor']).where('incident_id', '=', incident_id).orderBy('id').execute();
    expect(events).toEqual([
      { type: 'created', actor: 'token:ctv-script' },
      { type: 'post_added', actor: 'token:ctv-script' },
    ]);
    const twice = await api(collaboratorToken, 'POST', `/api/posts/${posts.api}/incident`, { category: 'xuyen_tac', severity: 'high' });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: 'already_filed', incident_id });
    expect((await api(reviewerToken, 'POST', `/api/posts/${posts.other}/incident`, { category: 'xuyen_tac', severity: 'high' })).status).toBe(403);
    expect((await api(collaboratorToken, 'POST', `/api/posts/${posts.other}/incident`, { category: 'tich_cuc', severity: 'low' })).status).toBe(400);
    expect((await api(collaboratorToken, 'POST', `/api/posts/${posts.other}/incident`, { category: 'xuyen_tac' })).status).toBe(400);
    expect((await api(collaboratorToken, 'POST', '/api/posts/999999/incident', { category: 'xuyen_tac', severity: 'high' })).status).toBe(404);
    expect((await api(collaboratorToken, 'POST', `/api/posts/${posts.other}/incident`, { incident_id: '999999' })).status).toBe(404);
    // The search shows where each post went.
    const found = (await (await api(reviewerToken, 'GET', '/api/posts?q=cat+dien')).json()) as { items: { id: string; incident_id: string | null }[] };
    expect(found.items.map((i) => i.incident_id)).toEqual([incident_id, incident_id]);
  });
});

describe('the Dư luận page and the API description', () => {
  it('draws the trends as SVG with a table beneath each chart, for every role', async () => {
    const reviewer = await signInForm(app, 'xemxet', PASSWORD);
    const { status, html } = await page(reviewer, '/trends?bucket=week');
    expect(status).toBe(200);
    expect(html).toContain('Dư luận xã hội');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    for (const group of ['by_category', 'by_source_type', 'sentiment', 'positive_share', 'top_stories']) expect(html).toContain(`data-group="${group}"`);
    expect(html).toContain('/reports/public-opinion.pdf?from=');
    expect(html).not.toMatch(/<script>|style=/);
    expect((await page(reviewer, '/trends?from=2026-11-09&to=2026-11-01')).status).toBe(400);
  });

  it('describes the new routes in OpenAPI', async () => {
    const doc = (await (await api(reviewerToken, 'GET', '/api/docs/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: unknown; responses: Record<string, unknown> }>> };
    expect(doc.paths['/api/posts']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'category', 'source', 'flagged', 'about', 'from', 'to', 'limit', 'cursor']));
    expect(doc.paths['/api/posts/{id}/incident']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/trends']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'bucket']));
    expect(doc.paths['/api/reports/public-opinion']?.get?.responses['200']).toBeDefined();
  });
});
