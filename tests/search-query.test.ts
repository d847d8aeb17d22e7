// The pure parts of search, table-first: a query of the rule language as the tsquery the GIN
// index is asked (a superset of what the matcher accepts), the tsvector of a post (folded
// syllables, syllable pairs, sentence gaps, Postgres' limits), excerpts with their highlights.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diacriticlessSentences } from '../src/analysis/normalize.js';
import { excerptOf } from '../src/search/excerpt.js';
import { compileSearch, SearchQueryError } from '../src/search/search-query.js';
import { searchableTokens, searchVectorOf } from '../src/search/search-vector.js';

describe('the tsquery of a query', () => {
  it.each([
    ['boi thuong', "('boi' & 'thuong')"],
    ['"bồi thường"', "'boi thuong'"],
    ['"giải phóng mặt bằng"', "('giai phong' <-> 'phong mat' <-> 'mat bang')"],
    ['gpmb', "('giai phong' <-> 'phong mat' <-> 'mat bang')"],
    ['ko', "'khong'"],
    ['thu*', "'thu':*"],
    ['"bồi thư*"', "'boi thu':*"],
    ['a OR "b c"', "('a' | 'b c')"],
    ['cham NEAR/3 boi', "('cham' & 'boi')"],
    ['boi AND NOT cham', "'boi'"],
    ['boi AND NOT NOT cham', "('boi' & 'cham')"],
    ['(a OR NOT b) c', "'c'"],
  ])('%s → %s', (q, tsquery) => {
    expect(compileSearch(q).tsquery).toBe(tsquery);
  });

  it('refuses what the rule language refuses, with the position', () => {
    for (const [q, position] of [
      ['"bồi thường', 11],
      ['NOT x', 0],
      ['a NEAR/500 b', 7],
      ['', 0],
    ] as const) {
      let caught: unknown;
      try {
        compileSearch(q);
      } catch (e) {
        caught = e;
      }
      expect(caught, q).toBeInstanceOf(SearchQueryError);
      expect((caught as SearchQueryError).position, q).toBe(position);
    }
    expect(() => compileSearch('x'.repeat(501))).toThrow(SearchQueryError);
  });
});

describe('the tsvector of a post', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });
  const matches = async (text: string, q: string) => (await client.query<{ m: boolean }>('SELECT $1::tsvector @@ $2::tsquery AS m', [searchVectorOf(text), compileSearch(q).tsquery])).rows[0]!.m;

  it('holds folded syllables and pairs, at positions a sentence apart', () => {
    expect(searchVectorOf('Bồi thường chậm. Ko ai hỏi')).toBe("'boi':1 'thuong':2 'boi thuong':1 'cham':3 'thuong cham':2 'khong':5 'ai':6 'khong ai':5 'hoi':7 'ai hoi':6");
    expect(searchVectorOf('')).toBe('');
    expect(searchVectorOf("it's a \\ test")).toContain("'it'");
  });

  it('is read by Postgres as written, and finds what the matcher finds', async () => {
    expect((await client.query("SELECT $1::tsvector::text AS v", [searchVectorOf("L'Oréal \\o/ 😡 https://x.vn/a?b=1 #PhuThong")])).rows[0].v).toMatch(/😡/);
    expect(await matches('Dân chưa nhận được tiền bồi thường.', '"boi thuong"')).toBe(true);
    // A phrase never spans two sentences, in the index as in the matcher.
    expect(await matches('Chưa được bồi. Thường thì xong sớm.', '"boi thuong"')).toBe(false);
    expect(await matches('Tiến độ GPMB đạt 80%', '"giải phóng mặt bằng"')).toBe(true);
    expect(await matches('dan boi thuong cham', '"bồi thư*"')).toBe(true);
  });

  it('stops where Postgres would stop keeping positions, and the re-check reads the same tokens', async () => {
    const repeated = `${'xã '.repeat(300)}. bồi thường`;
    const tokens = searchableTokens(repeated);
    expect(tokens.filter((t) => t.folded === 'xa')).toHaveLength(255);
    expect(tokens.some((t) => t.folded === 'boi')).toBe(false);
    const { matcher } = compileSearch('"bồi thường"');
    expect(matcher.match(tokens, diacriticlessSentences(tokens))).toBeNull();
    expect(await matches(repeated, 'xã')).toBe(true);

    // One token per sentence: each takes two positions (the sentence gap), so 8,192 fit.
    const long = Array.from({ length: 8_300 }, (_, i) => `${i}.`).join(' ');
    const kept = searchableTokens(long);
    expect(kept).toHaveLength(8_192);
    const vector = (await client.query<{ n: number }>('SELECT length($1::tsvector) AS n', [searchVectorOf(long)])).rows[0]!;
    expect(vector.n).toBe(8_192);
  });
});

describe('excerpts', () => {
  it('centre on the first match, cut at spaces, and move the highlights with them', () => {
    const text = `${'mở đầu '.repeat(40)}dân chưa được bồi thường ${'kết thúc '.repeat(40)}`;
    const start = text.indexOf('bồi thường');
    const excerpt = excerptOf(text, [{ start, end: start + 'bồi thường'.length }]);
    expect(excerpt.text.startsWith('…')).toBe(true);
    expect(excerpt.text.endsWith('…')).toBe(true);
    expect(excerpt.text.length).toBeLessThanOrEqual(285);
    expect(excerpt.highlights.map((h) => excerpt.text.slice(h.start, h.end))).toEqual(['bồi thường']);
    expect(excerptOf('ngắn\ngọn').text).toBe('ngắn gọn');
    expect(excerptOf('😡'.repeat(200)).text).not.toMatch(/[\ud800-\udbff]…$/);
  });
});
