// The walking skeleton end to end: a feed on 127.0.0.1 → collect job → posts → analyze jobs →
// incidents, on the real Postgres and Redis, asserted through GET /api/incidents.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createApp } from '../src/http/app.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { collectSource } from '../src/collectors/collect-source.js';
import { startWorkerPool, type RunningWorkerPool } from '../workers/workers.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';

const STORY = 'https://baomoi.example.vn/dan-na-pai-buc-xuc-boi-thuong';
const items = [
  { guid: 'a1', link: STORY, title: 'Dân thôn Nà Pài bức xúc vì chưa được bồi thường giải phóng mặt bằng', body: 'Nhiều hộ dân thôn Nà Pài, xã Phủ Thông phản ánh đã hơn một năm mà chưa nhận được tiền bồi thường khi thu hồi đất làm đường.' },
  { guid: 'a2', link: `${STORY}?utm_source=facebook&fbclid=abc`, title: 'Chia sẻ: dân Nà Pài chưa được đền bù', body: 'Bà con thôn Nà Pài xã Phủ Thông vẫn chưa được bồi thường tiền đất, đề nghị chính quyền xã giải quyết sớm.' },
  { guid: 'a3', link: 'https://phuthong.example.vn/tin/guong-sang', title: 'Gương người tốt việc tốt ở xã Phủ Thông', body: 'Anh Hoàng Văn Nam, thôn Nà Pài, xã Phủ Thông nhặt được ví tiền và đã trả lại cho người đánh rơi. Xin cảm ơn và tuyên dương anh.' },
  { guid: 'a4', link: 'https://news.example.vn/phim-moi', title: 'Phim mới ra rạp quá dở', body: 'Bộ phim hành động mới ra rạp ở Hà Nội tuần này thật tệ, kịch bản nhàm chán, diễn viên đơn điệu.' },
];
const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo mẫu</title>${items
  .map((i) => `<item><guid>${i.guid}</guid><link>${i.link.replace(/&/g, '&amp;')}</link><title>${i.title}</title><description>${i.body}</description></item>`)
  .join('')}</channel></rss>`;

let services: TestServices;
let context: OpenedContext;
let pool: RunningWorkerPool;
let feedServer: http.Server;
let feedUrl: string;
let token: string;
let sourceId: string;

beforeAll(async () => {
  services = await createTestServices('e2e', { FETCH_ALLOW_HOSTS: '127.0.0.1' });
  feedServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss));
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/rss`;

  context = await openContext(services.config);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài'] });
  sourceId = (await upsertSource(context.db, { name: 'Báo mẫu', type: 'rss', config: { url: feedUrl }, intervalSeconds: 3600 })).id;
  token = (await createApiToken(context.db, { name: 'e2e', role: 'reviewer' })).token;
  pool = await startWorkerPool(context); // schedules the source: its first run collects at once
});

afterAll(async () => {
  await pool?.close();
  await context?.close();
  await new Promise<void>((resolve) => feedServer.close(() => resolve()));
  await services?.cleanup();
});

interface ApiIncident {
  id: string;
  title: string;
  category: string;
  severity: string;
  status: string;
  created_at: string;
  post_count: number;
}

describe('pipeline', () => {
  it('turns a feed into one incident per story, visible through the API', async () => {
    const app = createApp(context);
    expect((await app.request('/api/incidents')).status).toBe(401);
    expect((await app.request('/api/incidents', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);

    const get = async () => {
      const response = await app.request('/api/incidents', { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: ApiIncident[] }).items;
    };
    // Wait until all four posts are analysed, then look at the incidents.
    await waitFor(async () => {
      const row = await context.db.selectFrom('analyses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n) === items.length ? true : undefined;
    }, 45_000, 'four analyses');

    const incidents = await get();
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident).toMatchObject({ category: 'phan_anh_kien_nghi', status: 'new', post_count: 2 });
    expect(Object.keys(incident!).sort()).toEqual(
      expect.arrayContaining(['id', 'title', 'category', 'severity', 'status', 'created_at', 'post_count']),
    );
    expect(['critical', 'high', 'medium', 'low']).toContain(incident!.severity);
    expect(Number.isNaN(Date.parse(incident!.created_at))).toBe(false);

    const events = await context.db.selectFrom('incident_events').select(['type']).where('incident_id', '=', incident!.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'post_added']);
  });

  it('collecting again stores nothing twice and opens no new incident', async () => {
    const summary = await collectSource(context, sourceId);
    expect(summary).toMatchObject({ status: 'collected', items: 4, inserted: 0, enqueued: 0 });
    const posts = await context.db.selectFrom('posts').select('id').execute();
    expect(posts).toHaveLength(4);
    const incidents = await context.db.selectFrom('incidents').select('id').execute();
    expect(incidents).toHaveLength(1);
  });

  it('a broken feed marks the source failing with the reason', async () => {
    const broken = await upsertSource(context.db, { name: 'Hỏng', type: 'rss', config: { url: 'http://127.0.0.1:1/none' }, intervalSeconds: 3600 });
    await expect(collectSource(context, broken.id)).rejects.toThrow();
    const row = await context.db.selectFrom('sources').select(['health', 'last_error']).where('id', '=', broken.id).executeTakeFirstOrThrow();
    expect(row.health).toBe('failing');
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/);

    const misconfigured = await upsertSource(context.db, { name: 'Sai cấu hình', type: 'rss', config: { url: 'ftp://x' }, intervalSeconds: 3600 });
    expect(await collectSource(context, misconfigured.id)).toMatchObject({ status: 'failed' });
    const row2 = await context.db.selectFrom('sources').select(['health', 'last_error']).where('id', '=', misconfigured.id).executeTakeFirstOrThrow();
    expect(row2).toMatchObject({ health: 'failing' });
    expect(row2.last_error).toMatch(/invalid source config: url/);
  });
});
