// The Facebook Page collector against a local fake Graph API that speaks the real shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoffFromUsage,
  facebookCollector,
  facebookConfigSchema,
  graphTime,
  mapGraphError,
  nextPagingParams,
  parseUsage,
} from '../src/collectors/facebook.collector.js';
import { PermanentCollectError, RetryableCollectError } from '../src/collectors/collector.js';
import { FetchError } from '../src/collectors/safe-fetch.js';
import { startFakeGraph, type FakeGraph, type FakePost } from './support/fake-graph.js';

const PAGE = '1029384756';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

function posts(): FakePost[] {
  const list: FakePost[] = [];
  for (let i = 1; i <= 7; i++) {
    list.push({
      id: `${PAGE}_10${i}`,
      message: `Thông báo số ${i} của UBND xã Phủ Thông về lịch tiếp công dân`,
      created: hoursAgo(i),
      shares: i,
      reactions: 10 * i,
      comments:
        i === 1
          ? [
              { id: `10${i}_c1`, message: 'Đường thôn Nà Pài hỏng lâu rồi ko ai sửa', created: hoursAgo(0.9), from: { id: '55501', name: 'Nguyễn Văn A' }, likes: 3 },
              { id: `10${i}_c2`, message: 'Cảm ơn xã', created: hoursAgo(0.8), from: { id: '55502', name: 'Trần Thị B' } },
              { id: `10${i}_r1`, message: 'Đúng vậy, hỏng từ mùa mưa năm ngoái', created: hoursAgo(0.7), from: { id: '55503', name: 'Lê C' }, parent: `10${i}_c1` },
            ]
          : [],
    });
  }
  // A photo post: no message, but people comment under it.
  list.push({ id: `${PAGE}_200`, created: hoursAgo(0.5), reactions: 4, comments: [{ id: '200_c1', message: 'Ảnh này chụp ở đâu vậy?', created: hoursAgo(0.4) }] });
  return list;
}

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph({
    pages: { [PAGE]: posts() },
    tokens: { good: 'ok', old: 'expired', busy: 'throttled', flaky: 'server_error' },
    overlapPages: true,
  });
});
afterAll(() => graph.close());

const context = () => ({ allowHosts: ['127.0.0.1'], graph: { baseUrl: graph.url, version: 'v21.0' } });
const config = (token: string, extra: Record<string, unknown> = {}) => facebookConfigSchema.parse({ pageId: PAGE, token, pageSize: 3, ...extra });

describe('facebook collector', () => {
  it('pages by cursor on the configured host only, collapses duplicates, skips a post without message', async () => {
    graph.requests.length = 0;
    const outcome = await facebookCollector.collect(config('good'), {}, context());
    const postItems = outcome.items.filter((i) => i.parentExternalId === null);
    expect(postItems.map((i) => i.externalId)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `${PAGE}_10${i}`));
    // Pages overlap by one item: the repeats collapse and are counted; the photo post has no text.
    expect(outcome.skipped['duplicate in response']).toBeGreaterThanOrEqual(2);
    expect(outcome.skipped['no message']).toBe(1);
    // Every request went to the local base URL with the token in a header, never in the URL.
    const postRequests = graph.requests.filter((r) => r.path === `/v21.0/${PAGE}/posts`);
    expect(postRequests.length).toBe(3);
    expect(postRequests.map((r) => r.query.after ?? null)[0]).toBeNull();
    expect(postRequests.every((r) => r.authorization === 'Bearer good' && r.query.access_token === undefined)).toBe(true);
    expect(postRequests[0]!.query.fields).toContain('reactions.summary(true)');

    const first = postItems[0]!;
    expect(first.engagement).toBe(1 + 10 + 3); // shares + reactions + comments
    expect(first.url).toBe(`https://facebook.com/${PAGE}/posts/101`);
    expect(first.publishedAt?.getTime()).toBeGreaterThan(Date.now() - 2 * 3_600_000);
  });

  it('collects comments and replies on recent posts, newest first, with the post as parent', async () => {
    const outcome = await facebookCollector.collect(config('good'), {}, context());
    const comments = outcome.items.filter((i) => i.parentExternalId !== null);
    expect(comments.map((c) => c.externalId)).toEqual(['200_c1', '101_r1', '101_c2', '101_c1']);
    expect(comments.find((c) => c.externalId === '101_r1')).toMatchObject({ parentExternalId: `${PAGE}_101`, raw: expect.objectContaining({ kind: 'reply', reply_to: '101_c1' }) });
    expect(comments.find((c) => c.externalId === '200_c1')).toMatchObject({ parentExternalId: `${PAGE}_200`, author: null });
    expect(comments.find((c) => c.externalId === '101_c1')).toMatchObject({ author: '55501', engagement: 3 + 1 });
    const commentRequest = graph.requests.find((r) => r.path === `/v21.0/${PAGE}_101/comments`);
    expect(commentRequest?.query).toMatchObject({ order: 'reverse_chronological', filter: 'stream' });
  });

  it('runs incrementally: since from the newest item seen, nothing new the second time', async () => {
    const first = await facebookCollector.collect(config('good'), {}, context());
    const state = first.fetchState as { posts: { newest: number }; comments: Record<string, { newest?: number }> };
    expect(state.posts.newest).toBeGreaterThan(0);
    graph.requests.length = 0;
    const second = await facebookCollector.collect(config('good'), first.fetchState, context());
    const postRequest = graph.requests.find((r) => r.path === `/v21.0/${PAGE}/posts`);
    expect(Number(postRequest?.query.since)).toBe(state.posts.newest);
    // Only the newest post (created at `since`) comes back; the upsert makes it a no-op.
    expect(second.items.filter((i) => i.parentExternalId === null).length).toBeLessThanOrEqual(1);

    graph.options.pages[PAGE]!.push({ id: `${PAGE}_300`, message: 'Tin đồn: xã sắp thu hồi đất thôn Bản Cháo', created: new Date() });
    const third = await facebookCollector.collect(config('good'), second.fetchState, context());
    expect(third.items.map((i) => i.externalId)).toContain(`${PAGE}_300`);
  });

  it('keeps a cursor when the page budget runs out and continues from it on the next run', async () => {
    const fresh = await startFakeGraph({ pages: { [PAGE]: posts() }, tokens: { good: 'ok' } });
    try {
      const ctx = { allowHosts: ['127.0.0.1'], graph: { baseUrl: fresh.url, version: 'v21.0' } };
      const cfg = facebookConfigSchema.parse({ pageId: PAGE, token: 'good', pageSize: 2, maxPages: 2, commentPosts: 0 });
      const first = await facebookCollector.collect(cfg, {}, ctx);
      expect(first.items.map((i) => i.externalId)).toEqual([`${PAGE}_101`, `${PAGE}_102`, `${PAGE}_103`]); // 4 posts, one without message
      const backlog = (first.fetchState as { posts: { backlog: { params: Record<string, string> }[] } }).posts.backlog;
      expect(backlog).toHaveLength(1);
      expect(backlog[0]!.params.after).toBeTruthy();
      // Next run: one request for what is new since, the other one of the budget for the backlog.
      const second = await facebookCollector.collect(cfg, first.fetchState, ctx);
      expect(second.items.map((i) => i.externalId)).toEqual(expect.arrayContaining([`${PAGE}_104`, `${PAGE}_105`]));
      const third = await facebookCollector.collect(cfg, second.fetchState, ctx);
      expect(third.items.map((i) => i.externalId)).toEqual(expect.arrayContaining([`${PAGE}_106`, `${PAGE}_107`]));
      expect((third.fetchState as { posts: { backlog: unknown[] } }).posts.backlog).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('never follows a next URL to another host', async () => {
    expect(nextPagingParams({ next: 'https://evil.example/v21.0/1/posts?after=abc&access_token=x&fields=secret', cursors: { after: 'CUR' } })).toEqual({ after: 'CUR' });
    expect(nextPagingParams({ next: 'https://evil.example/x?until=1700000000&__paging_token=tok&access_token=x' })).toEqual({ until: '1700000000', __paging_token: 'tok' });
    expect(nextPagingParams({ cursors: { after: 'CUR' } })).toBeUndefined(); // no next: last page
  });

  it('maps error 190 to a permanent "token expired or invalid"', async () => {
    for (const token of ['old', 'unknown-token']) {
      const error = await facebookCollector.collect(config(token), {}, context()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentCollectError);
      expect((error as Error).message).toMatch(/^token expired or invalid — Graph API error 190/);
      expect((error as Error).message).not.toContain(token === 'old' ? 'Bearer' : 'unknown-token');
    }
  });

  it('maps error 613 to a back-off taken from the usage headers', async () => {
    const error = await facebookCollector.collect(config('busy'), {}, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableCollectError);
    expect((error as RetryableCollectError).retryAfterMs).toBe(12 * 60_000); // estimated_time_to_regain_access
    expect((error as Error).message).toMatch(/rate limited, backing off 12 min — Graph API error 613/);
  });

  it('leaves a 5xx retryable', async () => {
    const error = await facebookCollector.collect(config('flaky'), {}, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).permanent).toBe(false);
  });

  it.each([
    [{ 'x-app-usage': '{"call_count":100,"total_time":20,"total_cputime":10}' }, 60],
    [{ 'x-app-usage': '{"call_count":40,"total_time":20,"total_cputime":10}' }, 15],
    [{ 'x-business-use-case-usage': '{"1":[{"type":"pages","call_count":96,"total_time":1,"total_cputime":1,"estimated_time_to_regain_access":0}]}' }, 15],
    [{ 'x-business-use-case-usage': '{"1":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":45}]}' }, 45],
    [{ 'x-app-usage': 'not json' }, 15],
  ])('backs off from usage headers %o → %i min', (headers, minutes) => {
    expect(backoffFromUsage(parseUsage(headers))).toBe(minutes * 60_000);
  });

  it.each([
    [400, { error: { message: 'x', code: 4 } }, RetryableCollectError],
    [400, { error: { message: 'x', code: 17 } }, RetryableCollectError],
    [400, { error: { message: 'x', code: 32 } }, RetryableCollectError],
    [400, { error: { message: 'x', code: 80001 } }, RetryableCollectError],
    [400, { error: { message: '(#100) Unsupported get request', code: 100 } }, PermanentCollectError],
    [403, { error: { message: 'permission', code: 200 } }, PermanentCollectError],
    [503, 'Service Unavailable', FetchError],
    [500, { error: { message: 'x', code: 2 } }, FetchError],
  ])('maps HTTP %i %o', (status, body, kind) => {
    expect(mapGraphError(status, body, {})).toBeInstanceOf(kind);
  });

  it('reads Graph times', () => {
    expect(graphTime('2026-11-10T08:00:00+0000')?.toISOString()).toBe('2026-11-10T08:00:00.000Z');
    expect(graphTime('garbage')).toBeNull();
  });
});
