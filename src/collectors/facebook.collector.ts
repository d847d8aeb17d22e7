// A Facebook Page through the Graph API: the page's posts, and the comments and replies on its
// recent posts, newest first, incrementally (`since` plus stored cursors). Paging always goes to
// the configured base URL: a `next` URL is read only for its paging parameters, never followed.
import { z } from 'zod';
import { FetchError, type SafeFetchResponse } from './safe-fetch.js';
import { callGraph, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION, graphErrorLabel, graphErrorSchema, type GraphEndpoint } from './graph-api.js';
import { canonicalUrl, capText, MAX_BODY_CHARS } from './text.js';
import {
  PermanentCollectError,
  RetryableCollectError,
  type CollectContext,
  type CollectedItem,
  type Collector,
  type CollectOutcome,
} from './collector.js';

export { DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION };

export const facebookConfigSchema = z.object({
  pageId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'a page id or username'),
  /** Page access token; stored sealed (AES-256-GCM), opened only when collecting. */
  token: z.string().min(1),
  graphUrl: z.url({ protocol: /^https?$/ }).optional(),
  graphVersion: z.string().regex(/^v\d+\.\d+$/, 'like v21.0').optional(),
  /** Items per Graph request. */
  pageSize: z.number().int().min(1).max(100).default(25),
  /** Graph requests per edge (posts, or one post's comments) per run; the rest waits behind a stored cursor. */
  maxPages: z.number().int().min(1).max(50).default(5),
  /** Comments are read on this many most recent posts, no older than commentDays. */
  commentPosts: z.number().int().min(0).max(50).default(10),
  commentDays: z.number().int().min(1).max(90).default(7),
});
export type FacebookConfig = z.infer<typeof facebookConfigSchema>;

// --- Graph API shapes -------------------------------------------------------------------------

const summaryCount = z.object({ summary: z.object({ total_count: z.number().int().nonnegative() }).partial().optional() }).optional();
const author = z.object({ id: z.string(), name: z.string().optional() }).optional();

export const graphPostSchema = z.object({
  id: z.string().min(1).max(200),
  message: z.string().optional(),
  story: z.string().optional(),
  created_time: z.string(),
  permalink_url: z.string().optional(),
  shares: z.object({ count: z.number().int().nonnegative() }).optional(),
  reactions: summaryCount,
  comments: summaryCount,
  from: author,
});
export const graphCommentSchema = z.object({
  id: z.string().min(1).max(200),
  message: z.string().optional(),
  created_time: z.string(),
  permalink_url: z.string().optional(),
  like_count: z.number().int().nonnegative().optional(),
  comment_count: z.number().int().nonnegative().optional(),
  from: author,
  parent: z.object({ id: z.string() }).optional(),
});
type GraphPost = z.infer<typeof graphPostSchema>;
type GraphComment = z.infer<typeof graphCommentSchema>;

const graphListSchema = z.object({
  data: z.array(z.unknown()),
  paging: z
    .object({
      cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
      next: z.string().optional(),
      previous: z.string().optional(),
    })
    .optional(),
});

// --- Fetch state --------------------------------------------------------------------------------

/** A gap left by a run that hit its page budget: continue with these paging params, down to `since`. */
const backlogSchema = z.object({ since: z.number().optional(), params: z.record(z.string(), z.string()) });
const edgeStateSchema = z.object({ newest: z.number().optional(), backlog: z.array(backlogSchema).max(5).default([]) });
type EdgeState = z.infer<typeof edgeStateSchema>;
const fetchStateSchema = z
  .object({
    posts: edgeStateSchema.default({ backlog: [] }),
    recentPosts: z.array(z.object({ id: z.string(), created: z.number() })).default([]),
    comments: z.record(z.string(), edgeStateSchema).default({}),
  })
  .catch({ posts: { backlog: [] }, recentPosts: [], comments: {} });

// --- Usage headers and errors -------------------------------------------------------------------

export interface GraphUsage {
  /** Highest percentage in X-App-Usage / X-Page-Usage / X-Business-Use-Case-Usage. */
  readonly maxPercent: number;
  /** estimated_time_to_regain_access, in minutes, when Business Use Case usage gives one. */
  readonly regainMinutes: number;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJsonHeader(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

const usageNumbers = z.object({ call_count: z.number(), total_time: z.number(), total_cputime: z.number() }).partial();
const bucEntry = usageNumbers.extend({ estimated_time_to_regain_access: z.number().optional() });

export function parseUsage(headers: SafeFetchResponse['headers']): GraphUsage {
  let maxPercent = 0;
  let regainMinutes = 0;
  for (const name of ['x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const parsed = usageNumbers.safeParse(parseJsonHeader(headerText(headers[name])));
    if (parsed.success) maxPercent = Math.max(maxPercent, parsed.data.call_count ?? 0, parsed.data.total_time ?? 0, parsed.data.total_cputime ?? 0);
  }
  const buc = z.record(z.string(), z.array(bucEntry)).safeParse(parseJsonHeader(headerText(headers['x-business-use-case-usage'])));
  if (buc.success) {
    for (const entry of Object.values(buc.data).flat()) {
      maxPercent = Math.max(maxPercent, entry.call_count ?? 0, entry.total_time ?? 0, entry.total_cputime ?? 0);
      regainMinutes = Math.max(regainMinutes, entry.estimated_time_to_regain_access ?? 0);
    }
  }
  return { maxPercent, regainMinutes };
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const MINUTE = 60_000;

/** How long to leave the API alone after a throttling error. */
export function backoffFromUsage(usage: GraphUsage): number {
  let delay: number;
  if (usage.regainMinutes > 0) delay = usage.regainMinutes * MINUTE;
  else if (usage.maxPercent >= 100) delay = 60 * MINUTE; // usage is counted over a rolling hour
  else delay = 15 * MINUTE;
  return Math.min(24 * 60 * MINUTE, Math.max(MINUTE, delay));
}

/** Maps a Graph API error to the collector error kinds: permanent, rate-limited, or retryable. */
export function mapGraphError(status: number, body: unknown, headers: SafeFetchResponse['headers']): Error {
  const parsed = graphErrorSchema.safeParse(body);
  if (!parsed.success) {
    if (status >= 500) return new FetchError(`Graph API answered HTTP ${status}`, false, status);
    return new PermanentCollectError(`Graph API answered HTTP ${status} without an error object`);
  }
  const { code } = parsed.data.error;
  const label = graphErrorLabel(parsed.data.error);
  if (code === 190) return new PermanentCollectError(`token expired or invalid — ${label}`);
  if (RATE_LIMIT_CODES.has(code) || (code >= 80_000 && code <= 80_014)) {
    const delay = backoffFromUsage(parseUsage(headers));
    return new RetryableCollectError(`rate limited, backing off ${Math.round(delay / MINUTE)} min — ${label}`, delay);
  }
  if (status >= 500 || code === 1 || code === 2) return new FetchError(label, false, status);
  return new PermanentCollectError(label);
}

// --- The client -------------------------------------------------------------------------------

const POST_FIELDS = 'id,message,story,created_time,permalink_url,shares,reactions.summary(true).limit(0),comments.summary(true).limit(0),from';
const COMMENT_FIELDS = 'id,message,created_time,permalink_url,like_count,comment_count,from,parent{id}';
/** Paging parameters taken from a `next` URL; everything else in it (host, path, token) is ignored. */
const PAGING_PARAMS = ['after', 'until', '__paging_token', '__previous'] as const;
const USAGE_STOP_PERCENT = 90;

class GraphClient {
  usage: GraphUsage = { maxPercent: 0, regainMinutes: 0 };
  requests = 0;

  constructor(private readonly endpoint: GraphEndpoint) {}

  async get(path: string, params: Record<string, string>): Promise<unknown> {
    let answer: Awaited<ReturnType<typeof callGraph>>;
    try {
      answer = await callGraph(this.endpoint, { path, params });
    } catch (error) {
      if (error instanceof FetchError && error.permanent) throw new PermanentCollectError(error.message);
      throw error;
    }
    this.requests++;
    this.usage = parseUsage(answer.headers);
    const { status, body, headers } = answer;
    if (status < 200 || status >= 300) throw mapGraphError(status, body, headers);
    if (body && typeof body === 'object' && 'error' in body) throw mapGraphError(status, body, headers);
    if (body === undefined) throw new FetchError('Graph API answered something that is not JSON', false, status);
    return body;
  }

  get nearLimit(): boolean {
    return this.usage.maxPercent >= USAGE_STOP_PERCENT;
  }
}

/** Paging params for the next page, from the cursors, else from the `next` URL's query — never its host. */
export function nextPagingParams(paging: z.infer<typeof graphListSchema>['paging']): Record<string, string> | undefined {
  if (!paging?.next) return undefined;
  if (paging.cursors?.after) return { after: paging.cursors.after };
  let next: URL;
  try {
    next = new URL(paging.next);
  } catch {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const key of PAGING_PARAMS) {
    const value = next.searchParams.get(key);
    if (value) params[key] = value;
  }
  return Object.keys(params).length ? params : undefined;
}

export function graphTime(value: string): Date | null {
  // Graph writes "2026-11-10T08:00:00+0000"; make the offset ISO so every engine parses it.
  const iso = value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

interface WalkResult<T> {
  readonly items: T[];
  readonly invalid: number;
  /** Paging params where the walk stopped on its budget (more pages remain), else undefined. */
  readonly resume: Record<string, string> | undefined;
  readonly pages: number;
}

/** Walks one edge newest-first from `start`, down to `since`, at most `budget` requests. */
async function walkEdge<T extends { created_time: string }>(
  client: GraphClient,
  path: string,
  params: Record<string, string>,
  schema: z.ZodType<T>,
  since: number | undefined,
  start: Record<string, string>,
  budget: number,
): Promise<WalkResult<T>> {
  const items: T[] = [];
  let invalid = 0;
  let paging: Record<string, string> | undefined = start;
  let pages = 0;
  for (; paging; pages++) {
    if (pages >= budget || client.nearLimit) return { items, invalid, resume: paging, pages };
    const query: Record<string, string> = { ...params, ...paging };
    if (since !== undefined) query.since = String(since);
    const list = graphListSchema.safeParse(await client.get(path, query));
    if (!list.success) throw new PermanentCollectError(`unexpected Graph API response for ${path}: ${list.error.issues[0]?.message ?? 'bad shape'}`);
    let reachedOld = false;
    for (const raw of list.data.data) {
      const item = schema.safeParse(raw);
      if (!item.success) {
        invalid++;
        continue;
      }
      const created = graphTime(item.data.created_time);
      // Defensive: an API that ignores `since` still ends the walk at the last item already seen.
      if (since !== undefined && created && created.getTime() / 1000 < since) {
        reachedOld = true;
        continue;
      }
      items.push(item.data);
    }
    paging = reachedOld || list.data.data.length === 0 ? undefined : nextPagingParams(list.data.paging);
  }
  return { items, invalid, resume: undefined, pages };
}

/** New items first (since `newest`), then the backlog left by earlier runs, within the page budget. */
async function walkIncremental<T extends { created_time: string }>(
  client: GraphClient,
  path: string,
  params: Record<string, string>,
  schema: z.ZodType<T>,
  state: EdgeState,
  maxPages: number,
): Promise<{ items: T[]; invalid: number; state: EdgeState }> {
  const fresh = await walkEdge(client, path, params, schema, state.newest, {}, maxPages);
  const items = [...fresh.items];
  let invalid = fresh.invalid;
  let used = fresh.pages;
  const backlog: EdgeState['backlog'] = [];
  if (fresh.resume) backlog.push({ since: state.newest, params: fresh.resume });
  for (const gap of state.backlog) {
    if (used >= maxPages || client.nearLimit) {
      backlog.push(gap);
      continue;
    }
    const more = await walkEdge(client, path, params, schema, gap.since, gap.params, maxPages - used);
    used += more.pages;
    items.push(...more.items);
    invalid += more.invalid;
    if (more.resume) backlog.push({ since: gap.since, params: more.resume });
  }
  let newest = state.newest;
  for (const item of fresh.items) {
    const created = graphTime(item.created_time);
    if (created) newest = Math.max(newest ?? 0, Math.floor(created.getTime() / 1000));
  }
  return { items, invalid, state: { newest, backlog: backlog.slice(0, 5) } };
}

function countOf(summary: z.infer<typeof summaryCount>): number {
  return summary?.summary?.total_count ?? 0;
}

export function mapGraphPost(pageId: string, post: GraphPost): CollectedItem | { skip: string } {
  const text = capText((post.message ?? '').trim(), MAX_BODY_CHARS);
  if (!text) return { skip: 'no message' };
  const shares = post.shares?.count ?? 0;
  const reactions = countOf(post.reactions);
  const comments = countOf(post.comments);
  return {
    externalId: post.id,
    url: canonicalUrl(post.permalink_url) ?? `https://facebook.com/${encodeURIComponent(post.id)}`,
    title: null,
    body: text,
    author: post.from?.id ?? pageId,
    publishedAt: graphTime(post.created_time),
    engagement: shares + reactions + comments,
    parentExternalId: null,
    raw: { kind: 'post', page_id: pageId, shares, reactions, comments, created_time: post.created_time },
  };
}

export function mapGraphComment(postId: string, comment: GraphComment): CollectedItem | { skip: string } {
  const text = capText((comment.message ?? '').trim(), MAX_BODY_CHARS);
  if (!text) return { skip: 'no message' };
  const replyTo = comment.parent && comment.parent.id !== postId ? comment.parent.id : null;
  const likes = comment.like_count ?? 0;
  const replies = comment.comment_count ?? 0;
  return {
    externalId: comment.id,
    url: canonicalUrl(comment.permalink_url),
    title: null,
    body: text,
    // The platform id when Graph gives one; the display name only as a fallback key. Both are hashed.
    author: comment.from ? comment.from.id || `name:${comment.from.name ?? ''}` : null,
    publishedAt: graphTime(comment.created_time),
    engagement: likes + replies,
    parentExternalId: postId,
    raw: { kind: replyTo ? 'reply' : 'comment', post_id: postId, reply_to: replyTo, likes, replies, created_time: comment.created_time },
  };
}

export const facebookCollector: Collector<FacebookConfig> = {
  type: 'facebook_page',
  configSchema: facebookConfigSchema,
  async collect(config, previousState, context): Promise<CollectOutcome> {
    const state = fetchStateSchema.parse(previousState);
    const client = new GraphClient({
      baseUrl: config.graphUrl ?? context.graph?.baseUrl ?? DEFAULT_GRAPH_URL,
      version: config.graphVersion ?? context.graph?.version ?? DEFAULT_GRAPH_VERSION,
      token: config.token,
      allowHosts: context.allowHosts,
    });
    const skipped: Record<string, number> = {};
    const skip = (reason: string, n = 1) => {
      if (n > 0) skipped[reason] = (skipped[reason] ?? 0) + n;
    };
    const items: CollectedItem[] = [];
    const seen = new Set<string>();
    const keep = (mapped: CollectedItem | { skip: string }) => {
      if ('skip' in mapped) return skip(mapped.skip);
      if (seen.has(mapped.externalId)) return skip('duplicate in response');
      seen.add(mapped.externalId);
      items.push(mapped);
    };

    const limit = String(config.pageSize);
    const posts = await walkIncremental(client, `${config.pageId}/posts`, { fields: POST_FIELDS, limit }, graphPostSchema, state.posts, config.maxPages);
    skip('invalid item', posts.invalid);
    for (const post of posts.items) keep(mapGraphPost(config.pageId, post));

    // Comments on the most recent posts (including those without a message: photos get comments too).
    const horizon = Date.now() / 1000 - config.commentDays * 86_400;
    const recent = new Map(state.recentPosts.map((p) => [p.id, p.created]));
    for (const post of posts.items) {
      const created = graphTime(post.created_time);
      if (created) recent.set(post.id, Math.floor(created.getTime() / 1000));
    }
    const recentPosts = [...recent]
      .map(([id, created]) => ({ id, created }))
      .filter((p) => p.created >= horizon)
      .sort((a, b) => b.created - a.created)
      .slice(0, config.commentPosts);

    const comments: Record<string, EdgeState> = {};
    for (const post of recentPosts) {
      const previous = state.comments[post.id] ?? { backlog: [] };
      if (client.nearLimit) {
        comments[post.id] = previous;
        continue;
      }
      const walked = await walkIncremental(
        client,
        `${post.id}/comments`,
        { fields: COMMENT_FIELDS, filter: 'stream', order: 'reverse_chronological', limit },
        graphCommentSchema,
        previous,
        config.maxPages,
      );
      skip('invalid item', walked.invalid);
      for (const comment of walked.items) keep(mapGraphComment(post.id, comment));
      comments[post.id] = walked.state;
    }
    if (client.nearLimit) skip(`stopped early: Graph API usage at ${client.usage.maxPercent}%`);

    return {
      items,
      skipped,
      fetchState: { posts: posts.state, recentPosts, comments },
      notModified: false,
    };
  },
};
