// Issue 14, search: GET /api/posts on the real Postgres — the analyzer's query language on folded
// syllables (with and without diacritics, teencode, phrases, prefixes, NEAR, NOT, OR), filters,
// newest first with a cursor that walks every result once, excerpts with highlights, errors, the
// index kept current (stored posts, the search-index job, retention), and proportionality.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createApp, type App } from '../src/http/app.js';
import { analyzeBatch } from '../src/posts/analyze-batch.js';
import { storeCollectedItems } from '../src/posts/post.repository.js';
import { forgetPost } from '../src/retention/purge.js';
import { indexPendingPosts, reindexAllPosts } from '../src/search/search-index.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
let reviewer: string;
let rss: string;
let group: string;

const CONTRACT_KEYS = ['id', 'source', 'url', 'title', 'excerpt', 'published_at', 'collected_at', 'categories', 'sentiment', 'incident_id'];

interface Item {
  id: string;
  source: string;
  source_id: string;
  source_type: string;
  url: string | null;
  title: string | null;
  excerpt: string;
  published_at: string | null;
  collected_at: string;
  categories: string[];
  sentiment: string | null;
  incident_id: string | null;
  flagged: boolean | null;
  highlights: { start: number; end: number }[];
}
interface Page {
  items: Item[];
  next_cursor: string | null;
}

/** Post text → id, by a short key. */
const ids: Record<string, string> = {};
const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 10, d, hour - 7));

async function store(sourceId: string, type: string, posts: Record<string, { text: string; title?: string; at: Date; author?: string }>) {
  const items = Object.entries(posts).map(([key, p]) => ({
    externalId: key,
    url: `https://example.vn/${key}`,
    title: p.title ?? null,
    body: p.text,
    author: p.author ?? null,
    publishedAt: p.at,
    engagement: 0,
    parentExternalId: null,
    raw: {},
  }));
  const stored = await storeCollectedItems(context.db, { id: sourceId, type }, items, services.config.SECRET_KEY);
  const rows = await context.db.selectFrom('posts').select(['id', 'external_id']).where('source_id', '=', sourceId).execute();
  for (const row of rows) ids[row.external_id] = row.id;
  await analyzeBatch(context, stored.pendingAnalysis);
  await indexPendingPosts(context.db);
}

beforeAll(async () => {
  services = await createTestServices('search_api');
  context = await openContext(services.config);
  app = createApp(context);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài', 'Khuổi Thốc'] });
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  await upsertUser(context.db, { username: 'ctv1', displayName: 'CTV 1', password: 'mat-khau-dai-du', role: 'collaborator' });
  rss = (await upsertSource(context.db, { name: 'Báo Phủ Thông', type: 'rss', config: {} })).id;
  group = (await upsertSource(context.db, { name: 'Nhóm Người Phủ Thông', type: 'facebook_page', config: {} })).id;
  await store(rss, 'rss', {
    accented: { title: 'Dân thôn Nà Pài chờ tiền bồi thường', text: 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì đã bàn giao mặt bằng từ tháng 5 mà vẫn chưa nhận được tiền bồi thường.', at: day(3) },
    split: { text: 'Thường thì ở xã Phủ Thông người ta bồi đắp đê trước mùa lũ, năm nay làm sớm.', at: day(4) },
    reward: { text: 'Xã Phủ Thông khen thưởng và bồi thưởng cho 12 hộ hiến đất làm đường, bà con rất vui.', at: day(5) },
    shop: { text: 'Bàn ghế gỗ giá rẻ, bán gấp, ai cần liên hệ.', at: day(6) },
    gpmb: { text: 'Tiến độ GPMB dự án đường tránh qua thôn Nà Pài xã Phủ Thông đã đạt 80%.', at: day(7) },
  });
  await store(group, 'facebook_page', {
    plain: { text: 'dan thon Na Pai xa Phu Thong van chua nhan duoc tien boi thuong, hoi xa thi bao cho huyen', at: day(8), author: 'nguoi-dang-1' },
    teencode: { text: 'cán bộ xã Phủ Thông ko giải quyết hồ sơ đất cho dân, dc mấy tháng rồi', at: day(9), author: 'nguoi-dang-1' },
    plainsale: { text: 'ban ban go gia re, ai can thi nhan tin nhe moi nguoi oi', at: day(10) },
    near: { text: 'Tiền bồi thường đất ở Khuổi Thốc xã Phủ Thông đến nay vẫn chưa trả cho dân.', at: day(11) },
    tie1: { text: 'Hội nghị tổng kết công tác bồi thường năm 2026 của xã Phủ Thông.', at: day(12) },
    tie2: { text: 'Thông báo lịch chi trả tiền bồi thường đợt 4 tại xã Phủ Thông.', at: day(12) },
  });
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

const get = (path: string, token = reviewer) => app.request(path, { headers: { authorization: `Bearer ${token}` } });
async function search(params: Record<string, string>): Promise<Page> {
  const response = await get(`/api/posts?${new URLSearchParams(params)}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
}
const keysOf = async (params: Record<string, string>) => (await search({ limit: '100', ...params })).items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]);

describe('GET /api/posts', () => {
  it('answers the contract, newest first, and needs credentials', async () => {
    expect((await app.request('/api/posts')).status).toBe(401);
    const page = await search({ limit: '100' });
    expect(page.items).toHaveLength(Object.keys(ids).length);
    const first = page.items[0]!;
    expect(Object.keys(first).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
    expect(page).toHaveProperty('next_cursor', null);
    const times = page.items.map((i) => Date.parse(i.published_at ?? i.collected_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const accented = page.items.find((i) => i.id === ids.accented)!;
    expect(accented).toMatchObject({ source: 'Báo Phủ Thông', source_type: 'rss', source_id: rss, url: 'https://example.vn/accented', title: 'Dân thôn Nà Pài chờ tiền bồi thường', sentiment: 'negative', flagged: true });
    expect(accented.categories).toContain('phan_anh_kien_nghi');
    expect(accented.incident_id).toMatch(/^\d+$/);
    expect(page.items.find((i) => i.id === ids.shop)).toMatchObject({ incident_id: null, flagged: false });
  });

  it('matches folded syllables: without diacritics finds both, with diacritics keeps its marks', async () => {
    // Unquoted words are ANDed anywhere in the post ("bồi … Thường" too); marks typed are kept.
    expect(await keysOf({ q: 'boi thuong' })).toEqual(['tie2', 'tie1', 'near', 'plain', 'reward', 'split', 'accented']);
    expect(await keysOf({ q: 'bồi thường' })).toEqual(['tie2', 'tie1', 'near', 'plain', 'split', 'accented']);
    expect(await keysOf({ q: '"boi thuong"' })).toEqual(['tie2', 'tie1', 'near', 'plain', 'reward', 'accented']);
    expect(await keysOf({ q: '"bồi thường"' })).toEqual(['tie2', 'tie1', 'near', 'plain', 'accented']);
    // "bàn" is not "bán" in accented text, but a post typed without marks may mean either.
    expect(await keysOf({ q: 'bàn' })).toEqual(['plainsale', 'shop', 'accented']);
    expect(await keysOf({ q: 'bán' })).toEqual(['plainsale', 'shop']);
  });

  it('folds teencode and abbreviations the same way as the analyzer', async () => {
    expect(await keysOf({ q: 'không giải quyết' })).toEqual(['teencode']);
    expect(await keysOf({ q: 'ko' })).toEqual(['teencode']);
    expect(await keysOf({ q: '"giải phóng mặt bằng"' })).toEqual(['gpmb']);
    expect(await keysOf({ q: 'được' })).toEqual(['teencode', 'plain', 'accented']);
  });

  it('speaks the whole query language: prefix, NEAR/n, NOT, OR, parentheses', async () => {
    expect(await keysOf({ q: '"bồi thư*"' })).toEqual(['tie2', 'tie1', 'near', 'plain', 'reward', 'accented']);
    expect(await keysOf({ q: 'gpm*' })).toEqual([]);
    // "chưa nhận được tiền bồi thường": three syllables between; "bồi thường đất … vẫn chưa": ten.
    expect(await keysOf({ q: '"bồi thường" NEAR/10 chưa' })).toEqual(['near', 'plain', 'accented']);
    expect(await keysOf({ q: '"bồi thường" NEAR/3 chưa' })).toEqual(['plain', 'accented']);
    expect(await keysOf({ q: 'chưa NEAR/2 "bồi thường"' })).toEqual([]);
    expect(await keysOf({ q: '"bồi thường" AND NOT (chưa OR "đợt 4")' })).toEqual(['tie1']);
    expect(await keysOf({ q: '"đê" OR "hiến đất"' })).toEqual(['reward', 'split']);
  });

  it('highlights the matched syllables in the excerpt', async () => {
    const item = (await search({ q: '"boi thuong"', limit: '100' })).items.find((i) => i.id === ids.accented)!;
    expect(item.excerpt).toContain('tiền bồi thường');
    expect(item.highlights.map((h) => item.excerpt.slice(h.start, h.end))).toEqual(['bồi thường', 'bồi thường']);
  });

  it('filters by category, source, flagged, about and period', async () => {
    expect(await keysOf({ source: group })).toEqual(['tie2', 'tie1', 'near', 'plainsale', 'teencode', 'plain']);
    expect(await keysOf({ source: 'rss', q: 'boi thuong' })).toEqual(['reward', 'split', 'accented']);
    expect(await keysOf({ from: '2026-11-05', to: '2026-11-08' })).toEqual(['plain', 'gpmb', 'shop', 'reward']);
    const flagged = await keysOf({ flagged: 'true' });
    expect(flagged).toContain('accented');
    expect(flagged).not.toContain('shop');
    expect(await keysOf({ flagged: 'false' })).toEqual((await keysOf({})).filter((k) => !flagged.includes(k)));
    const complaints = await keysOf({ category: 'phan_anh_kien_nghi' });
    expect(complaints).toContain('accented');
    expect(complaints).not.toContain('tie1');
    expect(await keysOf({ about: 'false' })).toEqual(['plainsale', 'shop']);
  });

  it('pages newest first with a cursor that returns every result once, ties broken by id', async () => {
    const all = (await search({ q: 'boi thuong', limit: '100' })).items.map((i) => i.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await search({ q: 'boi thuong', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(walked).toEqual(all);
    expect(pages).toBe(4);
    // The two posts published at the same second come in id order, newest id first.
    expect(walked.slice(0, 2)).toEqual([ids.tie2, ids.tie1].sort((a, b) => Number(b) - Number(a)));
  });

  it('refuses a bad query, cursor or filter with a 400 that says where', async () => {
    const bad = await get('/api/posts?q=%22b%E1%BB%93i%20th%C6%B0%E1%BB%9Dng');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_query', position: 11 });
    const notOnly = await get('/api/posts?q=NOT%20x');
    expect(notOnly.status).toBe(400);
    expect((await get('/api/posts?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await get('/api/posts?category=khong_co')).status).toBe(400);
    expect((await get('/api/posts?flagged=maybe')).status).toBe(400);
    expect((await get('/api/posts?from=2026-11-09&to=2026-11-01')).status).toBe(400);
    expect((await get('/api/posts?limit=1000')).status).toBe(400);
  });

  it('is over content only: no author filter, and the author pseudonym is neither searchable nor returned', async () => {
    const hash = (await context.db.selectFrom('posts').select('author_hash').where('id', '=', ids.plain!).executeTakeFirstOrThrow()).author_hash!;
    expect(hash).toMatch(/\S/);
    const everything = await keysOf({});
    expect(await keysOf({ author: hash })).toEqual(everything);
    expect(await keysOf({ q: hash.slice(0, 30) })).toEqual([]);
    const body = JSON.stringify(await search({ limit: '100' }));
    expect(body).not.toContain(hash);
    expect(body).not.toMatch(/author/);
  });

  it('finds a post once the search-index job ran, the sweep finds the ones the quick pass skips, and purged posts are gone', async () => {
    const stored = (key: string, id: number, body: string) =>
      context.db
        .insertInto('posts')
        .values({ id: String(id), source_id: rss, external_id: key, url: null, canonical_url: null, body, content_hash: key, raw: '{}', published_at: day(2) })
        .returning('id')
        .executeTakeFirstOrThrow();
    const fresh = await stored('fresh', 100_000, 'Tin mới: hội thi nấu bánh chưng ở thôn Khuổi Thốc.');
    expect(await keysOf({ q: 'banh chung' })).toEqual([]);
    expect(await indexPendingPosts(context.db)).toBe(1);
    expect(await indexPendingPosts(context.db)).toBe(0);
    ids.fresh = fresh.id;
    expect(await keysOf({ q: 'banh chung' })).toEqual(['fresh']);

    // A post whose id is far below the newest indexed one (stored before search existed, or by a
    // transaction that committed very late): only the sweep looks that far back.
    const old = await stored('old', 50, 'Tin cũ: thi gói bánh chưng ở Nà Pài.');
    expect(await indexPendingPosts(context.db)).toBe(0);
    expect(await indexPendingPosts(context.db, { sweep: true })).toBe(1);
    ids.old = old.id;
    expect(await keysOf({ q: 'banh chung' })).toEqual(['fresh', 'old']);

    // The whole index rebuilt gives the same answers.
    expect(await reindexAllPosts(context.db)).toBe(Object.keys(ids).length);
    expect(await keysOf({ q: 'boi thuong' })).toEqual(['tie2', 'tie1', 'near', 'plain', 'reward', 'split', 'accented']);

    await forgetPost({ db: context.db, dataDir: services.config.DATA_DIR }, ids.fresh, { requestedBy: 'test' });
    expect(await context.db.selectFrom('post_search').select('post_id').where('post_id', '=', ids.fresh).executeTakeFirst()).toBeUndefined();
    expect(await keysOf({ q: 'banh chung' })).toEqual(['old']);
    expect(await indexPendingPosts(context.db, { sweep: true })).toBe(0);
    expect(await keysOf({})).not.toContain('fresh');
  });
});
