// Every source type through the real pipeline (real Postgres, Redis, Chromium): a fanpage on a
// fake Graph API and a page rendered by JavaScript, collected on their own queues, stored,
// analysed; source health and backoff; manual reports through POST /api/reports.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createApp } from '../src/http/app.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { syncSourceSchedules } from '../src/sources/schedule.js';
import { createApiToken } from '../src/users/user.repository.js';
import { collectSource } from '../src/collectors/collect-source.js';
import { startWorkerPool, type RunningWorkerPool } from '../workers/workers.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';
import { startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { CHROMIUM_PATH } from './support/browser.js';

const PAGE = '5550001';
const TOKEN = 'EAAB-real-looking-page-token-123';
const COMPLAINT = 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì hơn một năm chưa được bồi thường giải phóng mặt bằng, đề nghị xã giải quyết';

let services: TestServices;
let context: OpenedContext;
let pool: RunningWorkerPool | undefined;
let graph: FakeGraph;
let site: http.Server;
let siteUrl: string;
let collaborator: string;
let reviewer: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const now = Date.now();
  graph = await startFakeGraph({
    pages: {
      [PAGE]: [
        { id: `${PAGE}_1`, message: 'UBND xã Phủ Thông thông báo lịch tiếp công dân tháng 11', created: new Date(now - 3_600_000), reactions: 12, comments: [{ id: 'c1', message: COMPLAINT, created: new Date(now - 1_800_000), from: { id: '9001', name: 'Nguyễn Văn A' } }] },
        { id: `${PAGE}_2`, message: 'Gương người tốt việc tốt ở thôn Bản Cháo, xã Phủ Thông', created: new Date(now - 7_200_000), shares: 3 },
      ],
    },
    tokens: { [TOKEN]: 'ok', expired: 'expired', busy: 'throttled' },
  });
  site = http.createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (req.url === '/tin') {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><meta charset="utf-8"><title>Tin</title><body><main></main><script>
        setTimeout(() => { document.querySelector('main').innerHTML = '<div class="tin"><h3>Phản ánh</h3><p>${COMPLAINT}</p><a href="/tin/9">x</a></div>'; }, 200);
      </script></body>`);
    }
    if (req.url?.startsWith('/bai-bao')) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>Tin đồn cắt điện cả tuần ở thôn Nà Pài</title></head><body><nav>menu</nav><p>Trên mạng lan truyền thông tin xã Phủ Thông cắt điện cả tuần.</p></body></html>`);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  services = await createTestServices('collectors_e2e', { FETCH_ALLOW_HOSTS: '127.0.0.1', GRAPH_API_URL: graph.url, WEB_POLITENESS_MS: '0', CHROMIUM_PATH });
  context = await openContext(services.config);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài', 'thôn Bản Cháo'] });
  const key = { secretKey: services.config.SECRET_KEY };
  ids.facebook = (await upsertSource(context.db, { name: 'Fanpage xã', type: 'facebook_page', config: { pageId: PAGE, token: TOKEN }, intervalSeconds: 3600, isCommuneChannel: true }, key)).id;
  ids.web = (await upsertSource(context.db, { name: 'Diễn đàn', type: 'web_page', config: { url: `${siteUrl}/tin`, selectors: { item: '.tin', title: 'h3', text: 'p', link: 'a' } }, intervalSeconds: 3600 })).id;
  collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
  reviewer = (await createApiToken(context.db, { name: 'rv', role: 'reviewer' })).token;
});

afterAll(async () => {
  await pool?.close();
  await context?.close();
  await graph?.close();
  site?.closeAllConnections();
  await new Promise<void>((resolve) => site.close(() => resolve()));
  await services?.cleanup();
});

const countPosts = async (sourceId: string) =>
  Number((await context.db.selectFrom('posts').select((eb) => eb.fn.countAll<string>().as('n')).where('source_id', '=', sourceId).executeTakeFirstOrThrow()).n);

describe('collectors in the pipeline', () => {
  it('stores the page token sealed', async () => {
    const row = await sql<{ config: string }>`SELECT config::text AS config FROM sources WHERE id = ${ids.facebook}`.execute(context.db);
    expect(row.rows[0]!.config).not.toContain(TOKEN);
    expect(row.rows[0]!.config).toContain('enc:v1:');
  });

  it('collects a fanpage and a web page on their own queues, and analyses what they bring', async () => {
    pool = await startWorkerPool(context); // schedules both; the first run of a schedule starts within seconds
    await waitFor(async () => ((await countPosts(ids.facebook!)) === 3 && (await countPosts(ids.web!)) === 1 ? true : undefined), 45_000, 'posts from both sources');
    await waitFor(async () => {
      const n = await context.db.selectFrom('analyses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(n.n) === 4 ? true : undefined;
    }, 30_000, 'four analyses');

    const comment = await context.db.selectFrom('posts').selectAll().where('external_id', '=', 'c1').executeTakeFirstOrThrow();
    expect(comment.parent_external_id).toBe(`${PAGE}_1`);
    expect(comment.author_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(comment.raw)).not.toContain('Nguyễn Văn A');
    const analysis = await context.db.selectFrom('analyses').selectAll().where('post_id', '=', comment.id).executeTakeFirstOrThrow();
    expect(analysis.flag).toBe(true);

    expect((await context.queues.queue('collect-facebook').getJobCounts('completed')).completed).toBeGreaterThanOrEqual(1);
    expect((await context.queues.queue('collect-web').getJobCounts('completed')).completed).toBeGreaterThanOrEqual(1);
    expect((await context.queues.queue('collect').getJobCounts('completed')).completed).toBe(0);
  });

  it('shows source health through GET /api/sources, without the token', async () => {
    const app = createApp(context);
    expect((await app.request('/api/sources')).status).toBe(401);
    const response = await app.request('/api/sources', { headers: { authorization: `Bearer ${reviewer}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('enc:v1:');
    const { items } = JSON.parse(text) as { items: { id: string; config: Record<string, unknown>; health: Record<string, unknown> }[] };
    const fb = items.find((s) => s.id === ids.facebook)!;
    expect(fb.config.token).toBe('[set]');
    expect(fb.health).toMatchObject({ status: 'ok', consecutive_failures: 0, items_last_run: 3, last_error: null, silent: false, backoff_until: null });
    expect(items.find((s) => s.id === ids.web)!.health).toMatchObject({ status: 'ok', items_last_run: 1 });
  });

  it('a revoked token makes the source unhealthy with a clear reason; a rate limit backs off as told', async () => {
    const key = { secretKey: services.config.SECRET_KEY };
    const revoked = await upsertSource(context.db, { name: 'Token cũ', type: 'facebook_page', config: { pageId: PAGE, token: 'expired' }, intervalSeconds: 3600, enabled: false }, key);
    await context.db.updateTable('sources').set({ enabled: true }).where('id', '=', revoked.id).execute();
    expect(await collectSource(context, revoked.id)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^token expired or invalid/) });
    const row = await context.db.selectFrom('sources').selectAll().where('id', '=', revoked.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ health: 'failing', consecutive_failures: 1 });

    const busy = await upsertSource(context.db, { name: 'Bận', type: 'facebook_page', config: { pageId: PAGE, token: 'busy' }, intervalSeconds: 3600, enabled: false }, key);
    await context.db.updateTable('sources').set({ enabled: true }).where('id', '=', busy.id).execute();
    expect(await collectSource(context, busy.id)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/rate limited, backing off 12 min/) });
    const busyRow = await context.db.selectFrom('sources').selectAll().where('id', '=', busy.id).executeTakeFirstOrThrow();
    expect(busyRow.backoff_until!.getTime() - Date.now()).toBeGreaterThan(11 * 60_000);
    expect(await collectSource(context, busy.id)).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^backing off until/) });
  });

  it('backs off exponentially after repeated failures, and a disabled source is unscheduled', async () => {
    const broken = await upsertSource(context.db, { name: 'Hỏng', type: 'rss', config: { url: 'http://127.0.0.1:1/feed' }, intervalSeconds: 600, enabled: false });
    await context.db.updateTable('sources').set({ enabled: true }).where('id', '=', broken.id).execute();
    for (let i = 0; i < 3; i++) await expect(collectSource(context, broken.id)).rejects.toThrow(/ECONNREFUSED/);
    const row = await context.db.selectFrom('sources').selectAll().where('id', '=', broken.id).executeTakeFirstOrThrow();
    expect(row.consecutive_failures).toBe(3);
    const wait = row.backoff_until!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(1_100_000); // 2 × 600 s
    expect(wait).toBeLessThanOrEqual(1_200_000);
    expect(await collectSource(context, broken.id)).toMatchObject({ status: 'skipped' });
    await expect(collectSource(context, broken.id, { force: true })).rejects.toThrow();
    const after = await context.db.selectFrom('sources').selectAll().where('id', '=', broken.id).executeTakeFirstOrThrow();
    expect(after.backoff_until!.getTime() - Date.now()).toBeGreaterThan(2_300_000); // 4 × 600 s

    await context.db.updateTable('sources').set({ enabled: false }).where('id', '=', broken.id).execute();
    await syncSourceSchedules(context.db, context.queues);
    expect(await context.queues.listScheduleIds('collect-rss')).not.toContain(`collect-source-${broken.id}`);
    expect(await context.queues.listScheduleIds('collect-facebook')).toContain(`collect-source-${ids.facebook}`);
  });
});

describe('POST /api/reports', () => {
  const post = (body: unknown, token = collaborator) =>
    createApp(context).request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('stores a text, analyses it at once and opens an incident', async () => {
    const response = await post({ text: COMPLAINT.replace('hơn một năm', 'gần hai năm') });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { post_id: string; analysis: { flag: boolean; categories: string[] }; incident_id: string | null };
    expect(body.analysis.flag).toBe(true);
    expect(body.analysis.categories).toContain('phan_anh_kien_nghi');
    expect(body.incident_id).toMatch(/^\d+$/);
    const stored = await context.db.selectFrom('posts').innerJoin('sources', 'sources.id', 'posts.source_id').select(['sources.type', 'sources.name', 'posts.raw']).where('posts.id', '=', body.post_id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ type: 'manual', name: 'manual', raw: expect.objectContaining({ reported_by: 'token:ctv', kind: 'manual_report' }) });
  });

  it('previews a URL server-side; the same report twice is one post; a failed preview is recorded', async () => {
    const first = (await (await post({ url: `${siteUrl}/bai-bao?utm_source=zalo` })).json()) as { post_id: string; incident_id: string | null };
    const again = (await (await post({ url: `${siteUrl}/bai-bao?utm_source=zalo` })).json()) as { post_id: string };
    expect(again.post_id).toBe(first.post_id);
    const row = await context.db.selectFrom('posts').selectAll().where('id', '=', first.post_id).executeTakeFirstOrThrow();
    expect(row.title).toBe('Tin đồn cắt điện cả tuần ở thôn Nà Pài');
    expect(row.body).toContain('lan truyền thông tin xã Phủ Thông cắt điện');
    expect(row.body).not.toContain('menu');
    expect(row.url).toBe(`${siteUrl}/bai-bao`);

    const refused = await post({ url: 'http://10.0.0.1/admin', text: 'Nghe nói xã Phủ Thông sắp cắt điện cả tuần' });
    expect(refused.status).toBe(201);
    const refusedBody = (await refused.json()) as { post_id: string };
    const refusedRow = await context.db.selectFrom('posts').selectAll().where('id', '=', refusedBody.post_id).executeTakeFirstOrThrow();
    expect(refusedRow.raw).toMatchObject({ preview: { error: expect.stringMatching(/private or reserved/) } });
    expect(refusedRow.body).toBe('Nghe nói xã Phủ Thông sắp cắt điện cả tuần');
  });

  it('answers incident_id null for a post that is not flagged', async () => {
    const body = (await (await post({ text: 'Trời hôm nay đẹp quá' })).json()) as { incident_id: string | null; analysis: { flag: boolean } };
    expect(body).toMatchObject({ incident_id: null, analysis: { flag: false } });
  });

  it('checks input and role', async () => {
    expect((await post({})).status).toBe(400);
    expect((await post({ text: '   ' })).status).toBe(400);
    expect((await post({ url: 'file:///etc/passwd' })).status).toBe(400);
    expect((await post({ text: 'x' }, reviewer)).status).toBe(403);
    const anonymous = await createApp(context).request('/api/reports', { method: 'POST', body: '{"text":"x"}', headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
  });
});
