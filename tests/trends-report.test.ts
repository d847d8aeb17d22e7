// Issue 14, trends and the public-opinion report on the real Postgres: GET /api/trends (day and
// week buckets, local-day edges, purged posts still counted, top stories by reach with how each was
// handled), GET /api/reports/public-opinion (the contract, the previous period and the change),
// its XLSX, and its PDF read back with pdftotext (title and diacritics intact).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { saveReportSettings } from '../src/reports/settings.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

const run = promisify(execFile);
let services: TestServices;
let context: OpenedContext;
let app: App;
let reviewer: string;
let collaborator: string;
let incidentId: string;

/** A local (Asia/Ho_Chi_Minh) wall-clock time. */
const local = (day: string, time = '09:00') => new Date(`${day}T${time}:00+07:00`);

interface Seed {
  key: string;
  source: string;
  at: Date;
  text: string;
  about?: boolean;
  sentiment?: 'positive' | 'negative' | 'neutral';
  categories?: string[];
  flag?: boolean;
  engagement?: number;
  parent?: string;
  analysed?: boolean;
  purged?: boolean;
}

beforeAll(async () => {
  services = await createTestServices('trends_report');
  context = await openContext(services.config);
  app = createApp(context);
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
  const rss = (await upsertSource(context.db, { name: 'Báo Phủ Thông', type: 'rss', config: {} })).id;
  const fb = (await upsertSource(context.db, { name: 'Fanpage xã', type: 'facebook_page', config: {} })).id;
  const web = (await upsertSource(context.db, { name: 'Diễn đàn', type: 'web_page', config: {} })).id;
  const seeds: Seed[] = [
    { key: 'p1', source: rss, at: local('2026-11-02'), text: 'Trao nhà tình nghĩa ở thôn Nà Pài', about: true, sentiment: 'positive', categories: ['tich_cuc'] },
    { key: 'p2', source: fb, at: local('2026-11-02', '10:00'), text: 'Dân Nà Pài chưa nhận tiền bồi thường', about: true, sentiment: 'negative', categories: ['phan_anh_kien_nghi'], flag: true, engagement: 50 },
    { key: 'p3', source: fb, at: local('2026-11-02', '11:00'), text: 'Bán xe máy cũ giá rẻ', about: false, sentiment: 'neutral' },
    { key: 'p4', source: fb, at: local('2026-11-03'), text: 'Cán bộ ăn chặn tiền bồi thường đất', about: true, sentiment: 'negative', categories: ['phan_anh_kien_nghi', 'tham_nhung_tieu_cuc'], flag: true, engagement: 30 },
    { key: 'p5', source: web, at: local('2026-11-03', '12:00'), text: 'Lịch tiếp dân tuần này của xã', about: true, sentiment: 'neutral' },
    { key: 'p6', source: fb, at: local('2026-11-10'), text: 'Em Hòa lớp 8 cứu bạn đuối nước ở suối Nà Pài', about: true, sentiment: 'positive', categories: ['tich_cuc'], engagement: 100 },
    { key: 'c1', source: fb, at: local('2026-11-10', '10:00'), text: 'Cháu giỏi quá, cả xã tự hào', about: true, sentiment: 'positive', parent: 'p6', engagement: 5 },
    { key: 'c2', source: fb, at: local('2026-11-10', '11:00'), text: 'chia sẻ', about: false, sentiment: 'neutral', parent: 'p6' },
    { key: 'p7', source: rss, at: local('2026-11-30', '23:30'), text: 'Tin đồn vỡ đập Khuổi Thốc là sai sự thật', about: true, sentiment: 'negative', categories: ['tin_sai_su_that'], flag: true },
    { key: 'p8', source: rss, at: local('2026-12-01', '00:10'), text: 'Tin tháng sau', about: true, sentiment: 'positive', categories: ['tich_cuc'] },
    { key: 'p9', source: rss, at: local('2026-10-15'), text: 'Khánh thành cầu Nà Pài', about: true, sentiment: 'positive', categories: ['tich_cuc'] },
    { key: 'p10', source: fb, at: local('2026-10-20'), text: 'Đường lầy lội quá', about: true, sentiment: 'negative', categories: ['phan_anh_kien_nghi'] },
    { key: 'p11', source: fb, at: local('2026-11-20'), text: 'Nội dung sẽ bị xoá', about: true, sentiment: 'neutral', purged: true },
    { key: 'p12', source: rss, at: local('2026-11-21'), text: 'Chưa phân tích', analysed: false },
  ];
  const ids: Record<string, string> = {};
  for (const seed of seeds) {
    const row = await context.db
      .insertInto('posts')
      .values({
        source_id: seed.source,
        external_id: seed.key,
        parent_external_id: seed.parent ?? null,
        url: `https://example.vn/${seed.key}`,
        canonical_url: `https://example.vn/${seed.key}`,
        body: seed.purged ? '' : seed.text,
        content_hash: seed.key,
        raw: '{}',
        published_at: seed.at,
        collected_at: new Date(seed.at.getTime() + 60_000),
        engagement: seed.engagement ?? 0,
        ...(seed.purged ? { content_purged_at: new Date(), purge_reason: 'request' as const } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[seed.key] = row.id;
    if (seed.analysed === false) continue;
    await context.db
      .insertInto('analyses')
      .values({
        post_id: row.id,
        flag: seed.flag ?? false,
        categories: seed.categories ?? [],
        about: seed.about ?? false,
        sentiment_label: seed.sentiment ?? 'neutral',
        sentiment_score: 0,
        offensive: false,
        severity: seed.flag ? 'medium' : null,
        matches: '[]',
      })
      .execute();
  }
  const incident = await context.db
    .insertInto('incidents')
    .values({ title: 'Tiền bồi thường đường tránh Nà Pài', category: 'phan_anh_kien_nghi', severity: 'medium', status: 'resolved', detected_at: local('2026-11-02', '10:05'), resolved_at: local('2026-11-04') })
    .returning('id')
    .executeTakeFirstOrThrow();
  incidentId = incident.id;
  await context.db
    .insertInto('incident_posts')
    .values([
      { incident_id: incidentId, post_id: ids.p2!, reason: 'opened' },
      { incident_id: incidentId, post_id: ids.p4!, reason: 'same_link' },
    ])
    .execute();
  await context.db.insertInto('incident_actions').values({ incident_id: incidentId, type: 'replied_on_fanpage', done_at: local('2026-11-03'), actor: 'ctv' }).execute();
  await saveReportSettings(context.db, { parent_committee: 'ĐẢNG BỘ TỈNH THÁI NGUYÊN', committee: 'ĐẢNG ỦY XÃ PHỦ THÔNG', signer_name: 'Nguyễn Văn Thông' });
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

const get = (url: string, token = reviewer) => app.request(url, { headers: { authorization: `Bearer ${token}` } });
async function json<T = Record<string, unknown>>(url: string, token = reviewer): Promise<T> {
  const response = await get(url, token);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

const NOVEMBER = {
  posts: 11,
  about_commune: 8,
  by_category: { phan_anh_kien_nghi: 2, tich_cuc: 2, tham_nhung_tieu_cuc: 1, tin_sai_su_that: 1 },
  by_source_type: { facebook_page: 7, rss: 3, web_page: 1 },
  sentiment: { positive: 3, negative: 3, neutral: 2 },
  positive_share: 0.25,
};

describe('GET /api/trends', () => {
  it('gives every day of the period with volume, sentiment and the phủ xanh share', async () => {
    const trends = await json<{ bucket: string; buckets: Record<string, unknown>[]; totals: Record<string, unknown>; top_stories: Record<string, unknown>[] }>(
      '/api/trends?from=2026-11-01&to=2026-11-30&bucket=day',
    );
    expect(trends.bucket).toBe('day');
    expect(trends.buckets).toHaveLength(30);
    expect(trends.totals).toMatchObject(NOVEMBER);
    const second = trends.buckets.find((b) => b.start === '2026-11-02')!;
    expect(second).toMatchObject({
      end: '2026-11-02',
      posts: 3,
      about_commune: 2,
      by_category: { tich_cuc: 1, phan_anh_kien_nghi: 1 },
      by_source_type: { facebook_page: 2, rss: 1 },
      sentiment: { positive: 1, negative: 1, neutral: 0 },
      sentiment_shares: { positive: 0.5, negative: 0.5, neutral: 0 },
      positive_share: 0.5,
    });
    // 23:30 on the 30th (local) is the 30th; 00:10 on December 1st is not in the period.
    expect(trends.buckets.at(-1)).toMatchObject({ start: '2026-11-30', posts: 1 });
    expect(trends.buckets.find((b) => b.start === '2026-11-05')).toMatchObject({ posts: 0, about_commune: 0, positive_share: null, sentiment_shares: { positive: null } });
  });

  it('cuts weeks (Monday to Sunday) at the period edges', async () => {
    const trends = await json<{ buckets: { start: string; end: string; posts: number }[] }>('/api/trends?from=2026-11-01&to=2026-11-30&bucket=week');
    expect(trends.buckets.map((b) => [b.start, b.end, b.posts])).toEqual([
      ['2026-11-01', '2026-11-01', 0],
      ['2026-11-02', '2026-11-08', 5],
      ['2026-11-09', '2026-11-15', 3],
      ['2026-11-16', '2026-11-22', 2],
      ['2026-11-23', '2026-11-29', 0],
      ['2026-11-30', '2026-11-30', 1],
    ]);
  });

  it('ranks stories by reach (posts + engagement), flagged or not, with how each was handled', async () => {
    const { top_stories } = await json<{ top_stories: Record<string, unknown>[] }>('/api/trends?from=2026-11-01&to=2026-11-30');
    expect(top_stories[0]).toMatchObject({ title: 'Em Hòa lớp 8 cứu bạn đuối nước ở suối Nà Pài', posts: 3, engagement: 105, reach: 108, incident_id: null, status: null, flagged: false, categories: ['tich_cuc'] });
    expect(top_stories[1]).toMatchObject({
      title: 'Tiền bồi thường đường tránh Nà Pài',
      posts: 2,
      engagement: 80,
      reach: 82,
      incident_id: incidentId,
      status: 'resolved',
      flagged: true,
      actions: ['replied_on_fanpage'],
      categories: ['phan_anh_kien_nghi'],
    });
    // The purged post is a story without a title (its content is gone).
    expect(top_stories.find((s) => s.posts === 1 && s.title === '')).toBeDefined();
    expect(JSON.stringify(top_stories)).not.toMatch(/author/);
  });

  it('defaults to the last 30 days by day, and refuses a bad period', async () => {
    const trends = await json<{ period: { from: string; to: string }; bucket: string; buckets: unknown[] }>('/api/trends');
    expect(trends.bucket).toBe('day');
    expect(trends.buckets).toHaveLength(30);
    expect((await get('/api/trends?from=2026-11-30&to=2026-11-01')).status).toBe(400);
    expect((await get('/api/trends?from=2026-11-01')).status).toBe(400);
    expect((await get('/api/trends?from=2020-01-01&to=2026-11-01&bucket=day')).status).toBe(400);
    expect((await get('/api/trends?from=2026-11-01&to=2026-11-30&bucket=month')).status).toBe(400);
    expect((await app.request('/api/trends')).status).toBe(401);
  });
});

describe('GET /api/reports/public-opinion', () => {
  it('answers the contract with the previous period and the change', async () => {
    const report = await json<Record<string, unknown>>('/api/reports/public-opinion?from=2026-11-01&to=2026-11-30', collaborator);
    expect(Object.keys(report).slice(0, 10)).toEqual(['period', 'posts', 'about_commune', 'by_category', 'by_source_type', 'sentiment', 'positive_share', 'top_stories', 'previous', 'change']);
    expect(report).toMatchObject({ period: { kind: 'month', from: '2026-11-01', to: '2026-11-30', label: 'tháng 11/2026' }, ...NOVEMBER });
    const stories = report.top_stories as Record<string, unknown>[];
    expect(Object.keys(stories[1]!).slice(0, 5)).toEqual(['title', 'posts', 'engagement', 'incident_id', 'status']);
    expect(stories[1]).toMatchObject({ title: 'Tiền bồi thường đường tránh Nà Pài', posts: 2, engagement: 80, incident_id: incidentId, status: 'resolved' });
    expect(report.previous).toMatchObject({ period: { from: '2026-10-01', to: '2026-10-31' }, posts: 2, about_commune: 2, sentiment: { positive: 1, negative: 1, neutral: 0 }, positive_share: 0.5 });
    expect(report.change).toEqual({ posts: 9, about_commune: 6, positive: 2, negative: 2, neutral: 2, positive_share: -0.25 });
    expect((await get('/api/reports/public-opinion?from=2026-11-01')).status).toBe(400);
  });

  it('exports the XLSX with the same figures', async () => {
    const response = await get('/reports/public-opinion.xlsx?from=2026-11-01&to=2026-11-30', collaborator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('bao-cao-tinh-hinh-du-luan-xa-hoi_2026-11-01_2026-11-30.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const rows = new Map<string, unknown[]>();
    summary.eachRow((row) => rows.set(String(row.getCell(1).value), row.values as unknown[]));
    expect(rows.get('posts')!.slice(3, 6)).toEqual([11, 2, 9]);
    expect(rows.get('positive_share')!.slice(3, 6)).toEqual([0.25, 0.5, -0.25]);
    const stories = workbook.getWorksheet('Câu chuyện nổi bật')!;
    expect(stories.getRow(3).getCell(2).value).toBe('Tiền bồi thường đường tránh Nà Pài');
    expect(stories.getRow(3).getCell(7).value).toBe('Đã xử lý');
  });

  it('prints a PDF in the Party-committee layout whose text keeps its title and diacritics', async () => {
    expect((await app.request('/reports/public-opinion.pdf?from=2026-11-01&to=2026-11-30')).status).toBe(302);
    const response = await get('/reports/public-opinion.pdf?from=2026-11-01&to=2026-11-30');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opinion-pdf-'));
    try {
      const file = path.join(dir, 'report.pdf');
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      const { stdout } = await run('pdftotext', [file, '-']);
      // Table cells wrap: compare with whitespace runs as one space.
      const text = stdout.normalize('NFC').replace(/\s+/g, ' ');
      expect(text).toContain('TÌNH HÌNH DƯ LUẬN XÃ HỘI');
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).toContain('ĐẢNG BỘ TỈNH THÁI NGUYÊN');
      expect(text).toContain('ĐẢNG ỦY XÃ PHỦ THÔNG');
      expect(text).toContain('tháng 11/2026');
      expect(text).toContain('Tiền bồi thường đường tránh Nà Pài');
      expect(text).toContain('Tỷ lệ thông tin tích cực («phủ xanh»)');
      expect(text).toContain('Nguyễn Văn Thông');
      expect(text).toContain('25,0%');
      expect(text).toContain('Đã xử lý · Việc đã làm: Trả lời trên trang của xã');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
