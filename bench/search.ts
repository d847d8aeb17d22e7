// Search latency on the real Postgres: searchPosts (the function behind GET /api/posts and the
// Tìm kiếm page: index look-up, re-check by the analyzer's matcher, excerpts) over
// BENCH_SEARCH_POSTS (1,000,000) generated posts.
//
// The posts are the pipeline bench's synthetic mix (the labelled fixture posts varied: reposts of
// hot stories, new stories, everyday posts; a third of retellings typed without diacritics),
// published over the past year (stored in that order, as collection does) from six sources of four
// types, each analysed by the real analyzer (default pack, the Phủ Thông profile) so the category /
// flagged / about filters select real shares. They are kept in the database BENCH_SEARCH_DATABASE (langnghe_bench_search) between
// runs; BENCH_SEARCH_FRESH=1 generates them again.
//
// Each query of QUERIES runs once to warm up, then BENCH_SEARCH_ROUNDS (10) times; the figures
// are over every timed run: p50, p95, max, and per query its p95 and how many results it found.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createAnalyzer, loadDefaultRulePack } from '../src/analysis/index.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createDb, ensureDatabase, type Db } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { contentHash } from '../src/collectors/text.js';
import { postText } from '../src/posts/post-text.js';
import { makePeriod, localDay } from '../src/reports/period.js';
import { searchPosts, type PostSearchFilters } from '../src/search/post-search.js';
import { compileSearch } from '../src/search/search-query.js';
import { searchVectorOf } from '../src/search/search-vector.js';
import { upsertSource } from '../src/sources/source.repository.js';
import type { SourceType } from '../src/db/schema.js';
import { lcg, SyntheticPosts } from './pipeline.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POSTS = Number(process.env.BENCH_SEARCH_POSTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 10);
const DATABASE = process.env.BENCH_SEARCH_DATABASE ?? 'langnghe_bench_search';
const CHUNK = 5_000;
const DAY_MS = 86_400_000;

const SOURCES: readonly { name: string; type: SourceType; share: number }[] = [
  { name: 'Báo Phủ Thông (RSS)', type: 'rss', share: 0.15 },
  { name: 'Cổng thông tin huyện (RSS)', type: 'rss', share: 0.1 },
  { name: 'Fanpage xã Phủ Thông', type: 'facebook_page', share: 0.2 },
  { name: 'Nhóm Người Phủ Thông', type: 'facebook_page', share: 0.4 },
  { name: 'Diễn đàn Phủ Thông', type: 'web_page', share: 0.13 },
  { name: 'manual', type: 'manual', share: 0.02 },
];

async function generate(db: Db, now: Date): Promise<void> {
  const profile = JSON.parse(readFileSync(`${ROOT}tests/fixtures/commune-profile.json`, 'utf8')) as { commune: string; aliases: string[]; places: string[] };
  await saveCommuneProfile(db, profile);
  const analyzer = createAnalyzer({ rules: loadDefaultRulePack().rules, profile });
  await sql`TRUNCATE posts, analyses, incident_posts, post_fingerprints, post_search CASCADE`.execute(db);
  const sources = [];
  for (const s of SOURCES) {
    const source = await upsertSource(db, { name: s.name, type: s.type, config: {}, isCommuneChannel: s.name.startsWith('Fanpage xã') });
    sources.push({ ...source, share: s.share });
  }
  // Built once the rows are in: one pass instead of 1,000,000 insertions into the GIN index.
  await sql`DROP INDEX IF EXISTS post_search_vector_idx`.execute(db);
  const synthetic = new SyntheticPosts('search');
  const random = lcg(14);
  const started = Date.now();
  for (let done = 0; done < POSTS; done += CHUNK) {
    const count = Math.min(CHUNK, POSTS - done);
    const columns = { source: [] as string[], external: [] as string[], url: [] as string[], body: [] as string[], published: [] as Date[], collected: [] as Date[], hash: [] as string[], engagement: [] as number[], vector: [] as string[] };
    const analyses: ReturnType<typeof analyzer.analyze>[] = [];
    for (let i = 0; i < count; i++) {
      const item = synthetic.next();
      let r = random();
      const source = sources.find((s) => (r -= s.share) < 0) ?? sources[0]!;
      // Stored in the order they were published, as collection stores them, give or take an hour.
      const publishedAt = new Date(now.getTime() - 365 * DAY_MS + ((done + i) / POSTS) * 365 * DAY_MS + Math.floor((random() - 0.5) * 3_600_000));
      const text = postText(item);
      columns.source.push(source.id);
      columns.external.push(`b${done + i}`);
      columns.url.push(item.url ?? '');
      columns.body.push(item.body);
      columns.published.push(publishedAt);
      columns.collected.push(new Date(publishedAt.getTime() + Math.floor(random() * 3_600_000)));
      columns.hash.push(contentHash(item.title, item.body));
      columns.engagement.push(item.engagement);
      columns.vector.push(searchVectorOf(text));
      analyses.push(analyzer.analyze(text, { fromCommuneChannel: source.is_commune_channel, engagement: item.engagement }));
    }
    const inserted = await sql<{ id: string; external_id: string }>`
      INSERT INTO posts (source_id, external_id, url, canonical_url, body, published_at, collected_at, content_hash, engagement)
      SELECT s, e, u, u, b, p, c, h, g
      FROM unnest(${columns.source}::bigint[], ${columns.external}::text[], ${columns.url}::text[], ${columns.body}::text[],
                  ${columns.published}::timestamptz[], ${columns.collected}::timestamptz[], ${columns.hash}::text[], ${columns.engagement}::int[])
        AS t (s, e, u, b, p, c, h, g)
      RETURNING id, external_id`.execute(db);
    const idOf = new Map(inserted.rows.map((r) => [r.external_id, r.id]));
    const postIds = columns.external.map((e) => idOf.get(e)!);
    // What the search-index job writes (src/search/search-index.ts), written here in bulk.
    await sql`
      INSERT INTO post_search (post_id, posted_at, vector)
      SELECT * FROM unnest(${postIds}::bigint[], ${columns.published}::timestamptz[], ${columns.vector}::tsvector[])`.execute(db);
    await sql`
      INSERT INTO analyses (post_id, flag, categories, about, sentiment_label, sentiment_score, offensive, severity)
      SELECT p, f, c::text[], a, l, s, o, v
      FROM unnest(${postIds}::bigint[], ${analyses.map((a) => a.flag)}::boolean[], ${analyses.map((a) => `{${a.categories.join(',')}}`)}::text[],
                  ${analyses.map((a) => a.about)}::boolean[], ${analyses.map((a) => a.sentiment.label)}::text[],
                  ${analyses.map((a) => a.sentiment.score)}::real[], ${analyses.map((a) => a.offensive)}::boolean[],
                  ${analyses.map((a) => a.severity)}::text[]) AS t (p, f, c, a, l, s, o, v)`.execute(db);
    if ((done / CHUNK) % 20 === 0) process.stderr.write(`  search: ${done + count} posts stored (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  process.stderr.write('  search: building the GIN index…\n');
  await sql`SET maintenance_work_mem = '512MB'`.execute(db);
  await sql`CREATE INDEX post_search_vector_idx ON post_search USING gin (vector)`.execute(db);
  await sql`VACUUM ANALYZE posts`.execute(db);
  await sql`VACUUM ANALYZE post_search`.execute(db);
  await sql`VACUUM ANALYZE analyses`.execute(db);
}

interface BenchQuery {
  readonly name: string;
  readonly q?: string;
  readonly filters?: Partial<PostSearchFilters>;
  /** Also fetch the second page with the first page's cursor. */
  readonly secondPage?: boolean;
}

function queries(now: Date): BenchQuery[] {
  const lastMonth = makePeriod(localDay(new Date(now.getTime() - 30 * DAY_MS)), localDay(now));
  const tenMonthsAgo = makePeriod(localDay(new Date(now.getTime() - 300 * DAY_MS)), localDay(new Date(now.getTime() - 290 * DAY_MS)));
  return [
    { name: 'terms without diacritics', q: 'boi thuong' },
    { name: 'phrase', q: '"giải phóng mặt bằng"' },
    { name: 'phrase without diacritics', q: '"an chan tien"' },
    { name: 'teencode', q: 'ubnd' },
    { name: 'OR', q: '"sạt lở" OR "ngập lụt" OR "lũ quét"' },
    { name: 'NEAR', q: '"bồi thường" NEAR/6 chưa' },
    { name: 'AND NOT', q: 'đường AND NOT "bê tông"' },
    { name: 'prefix', q: '"đền b*"' },
    { name: 'very common word', q: 'xã' },
    { name: 'common word, marked (re-check rejects)', q: 'mà' },
    { name: 'no match', q: '"tàu vũ trụ"' },
    { name: 'category only', filters: { category: 'phan_anh_kien_nghi' } },
    { name: 'rare category only', filters: { category: 'bau_cu' } },
    { name: 'flagged, last month', filters: { flagged: true, from: lastMonth.startsAt, to: lastMonth.endsAt } },
    { name: 'q + category + about', q: 'chậm', filters: { category: 'phan_anh_kien_nghi', about: true } },
    { name: 'q + source type + last month', q: 'dân', filters: { source: { type: 'facebook_page' }, from: lastMonth.startsAt, to: lastMonth.endsAt } },
    { name: 'no filter, newest', filters: {} },
    { name: 'q in ten days ten months ago', q: 'boi thuong', filters: { from: tenMonthsAgo.startsAt, to: tenMonthsAgo.endsAt } },
    { name: 'rare phrase + flagged', q: '"đền bù" OR "ăn chặn"', filters: { flagged: true } },
    { name: 'second page', q: 'bồi thường', secondPage: true },
  ];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchSearch(): Promise<Record<string, unknown>> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/langnghe');
  base.pathname = `/${DATABASE}`;
  const databaseUrl = base.toString();
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const db = createDb(databaseUrl, { max: 2 });
  const now = new Date();
  try {
    const stored = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM posts`.execute(db)).rows[0]!.n);
    if (stored !== POSTS || process.env.BENCH_SEARCH_FRESH === '1') {
      process.stderr.write(`  search: generating ${POSTS} posts in ${DATABASE}…\n`);
      await generate(db, now);
    }
    const list = queries(now);
    const timings: number[] = [];
    const perQuery: Record<string, { p95_ms: number; results: number; scanned: number }> = {};
    const run = async (query: BenchQuery) => {
      const started = performance.now();
      const filters: PostSearchFilters = { limit: 20, ...query.filters, ...(query.q ? { query: compileSearch(query.q) } : {}) };
      let page = await searchPosts(db, filters);
      if (query.secondPage && page.nextCursor) page = await searchPosts(db, { ...filters, cursor: page.nextCursor });
      return { ms: performance.now() - started, page };
    };
    for (const query of list) await run(query);
    for (const query of list) {
      const own: number[] = [];
      let last;
      for (let r = 0; r < ROUNDS; r++) {
        last = await run(query);
        own.push(last.ms);
      }
      timings.push(...own);
      own.sort((a, b) => a - b);
      perQuery[query.name] = { p95_ms: Math.round(percentile(own, 95) * 10) / 10, results: last!.page.items.length, scanned: last!.page.scanned };
    }
    timings.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      bench: 'search',
      posts: POSTS,
      queries: list.length,
      runs: timings.length,
      p50_ms: round(percentile(timings, 50)),
      p95_ms: round(percentile(timings, 95)),
      max_ms: round(timings[timings.length - 1] ?? 0),
      per_query: perQuery,
    };
  } finally {
    await db.destroy();
  }
}
