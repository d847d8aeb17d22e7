// searchPosts against a reference: every post matched by the analyzer's matcher, newest first.
// Generated posts over two years (some at the same instant, some typed without diacritics, some
// purged), searched with small probes and pages so that the probe, both index windows, the batch
// growth and the cursor all take part; every walk must list exactly the reference, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { diacriticlessSentences, tokenize } from '../src/analysis/normalize.js';
import { MAX_ANALYZED_LENGTH } from '../src/analysis/analyzer.js';
import { postText } from '../src/posts/post-text.js';
import { searchPosts, searchWindows, type PostSearchFilters, type SearchCursor } from '../src/search/post-search.js';
import { compileSearch } from '../src/search/search-query.js';
import { indexPendingPosts } from '../src/search/search-index.js';
import { forgetPost } from '../src/retention/purge.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
const DAY = 86_400_000;
const NOW = Date.now();

interface Stored {
  id: string;
  text: string;
  at: number;
  source: string;
  purged: boolean;
}
const posts: Stored[] = [];

const WORDS = ['bồi thường', 'chậm', 'chưa', 'đất', 'xã', 'dân', 'giải phóng mặt bằng', 'đường', 'ko', 'được', 'bàn', 'bán', 'mà', 'ma', 'thôn Nà Pài', 'tiền', 'hỏi'];
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

beforeAll(async () => {
  services = await createTestServices('search_repo');
  context = await openContext(services.config);
  const sources = [
    (await upsertSource(context.db, { name: 'A', type: 'rss', config: {} })).id,
    (await upsertSource(context.db, { name: 'B', type: 'facebook_page', config: {} })).id,
  ];
  const rand = random(2026);
  for (let i = 0; i < 160; i++) {
    const words = Array.from({ length: 4 + Math.floor(rand() * 10) }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
    let text = `${words.join(' ')}.`;
    if (rand() < 0.3) text = fold(text);
    // Ages from minutes to two years, a few posts sharing one instant.
    const at = i % 17 === 0 ? NOW - 3 * DAY : NOW - Math.floor(rand() * rand() * 730 * DAY);
    const source = sources[i % 2]!;
    const row = await context.db
      .insertInto('posts')
      .values({ source_id: source, external_id: `g${i}`, body: text, content_hash: `g${i}`, raw: '{}', published_at: new Date(at) })
      .returning('id')
      .executeTakeFirstOrThrow();
    posts.push({ id: row.id, text, at, source, purged: false });
  }
  expect(await indexPendingPosts(context.db)).toBe(posts.length);
  // Purged posts are never results (forgetPost deletes their search row with their content).
  for (const post of posts.filter((_, i) => i % 23 === 5)) {
    post.purged = true;
    await forgetPost({ db: context.db, dataDir: services.config.DATA_DIR }, post.id, { requestedBy: 'test' });
  }
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

function reference(q: string, filters: { from?: number; to?: number; source?: string } = {}): string[] {
  const { matcher } = compileSearch(q);
  return posts
    .filter((p) => !p.purged && (filters.from === undefined || p.at >= filters.from) && (filters.to === undefined || p.at < filters.to) && (!filters.source || p.source === filters.source))
    .filter((p) => {
      const tokens = tokenize(postText({ title: null, body: p.text }).slice(0, MAX_ANALYZED_LENGTH));
      return matcher.match(tokens, diacriticlessSentences(tokens)) !== null;
    })
    .sort((a, b) => b.at - a.at || Number(b.id) - Number(a.id))
    .map((p) => p.id);
}

async function walk(filters: Omit<PostSearchFilters, 'cursor'>, probe: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: SearchCursor | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = await searchPosts(context.db, { ...filters, cursor }, { probe });
    out.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

describe('searchPosts', () => {
  const queries = ['"bồi thường"', 'boi thuong', 'bán', 'ban', 'mà', '"giải phóng mặt bằng"', 'ubnd OR "thôn Nà Pài"', '"bồi thường" NEAR/2 chưa', 'đất AND NOT tiền', '"tiề*"', 'không', 'xã'];
  for (const q of queries) {
    it(`lists exactly what the matcher accepts, newest first: ${q}`, async () => {
      const expected = reference(q);
      for (const [probe, limit] of [
        [1, 1],
        [5, 2],
        [40, 3],
        [2_000, 7],
      ] as const) {
        expect(await walk({ query: compileSearch(q), limit }, probe), `probe ${probe}, limit ${limit}`).toEqual(expected);
      }
    });
  }

  it('keeps to the period and the source on every path', async () => {
    const from = NOW - 400 * DAY;
    const to = NOW - 2 * DAY;
    const source = posts[1]!.source;
    const expected = reference('xã', { from, to, source });
    expect(expected.length).toBeGreaterThan(3);
    for (const probe of [1, 4, 2_000]) {
      expect(await walk({ query: compileSearch('xã'), limit: 2, from: new Date(from), to: new Date(to), source: { id: source } }, probe)).toEqual(expected);
    }
  });

  it('reads windows newest first, each within the period and before the cursor', () => {
    const to = new Date(NOW);
    const windows = searchWindows({ to, from: new Date(NOW - 100 * DAY) });
    expect(windows.map((w) => [w.from?.getTime(), w.to?.getTime()])).toEqual([
      [NOW - 14 * DAY, NOW],
      [NOW - 90 * DAY, NOW - 14 * DAY],
      [NOW - 100 * DAY, NOW - 90 * DAY],
    ]);
    const cursor = { micros: String(BigInt(NOW - 5 * DAY) * 1000n + 123n), id: '7' };
    expect(searchWindows({ cursor })[0]!.to!.getTime()).toBe(NOW - 5 * DAY + 1);
    expect(searchWindows({ cursor }).at(-1)).toEqual({ from: undefined, to: new Date(NOW - 5 * DAY - 365 * DAY + 1) });
  });

  it('keeps no vector for a purged post, and never indexes one again', async () => {
    const indexed = await context.db.selectFrom('post_search').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(indexed.n).toBe(posts.filter((p) => !p.purged).length);
    expect(await indexPendingPosts(context.db, { sweep: true })).toBe(0);
  });
});
