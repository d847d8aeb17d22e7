// Search over every stored post (GET /api/posts, the Tìm kiếm page): filters on the post, its
// source and its analysis, an optional query in the analyzer's language, newest first (published,
// else collected), paged with a keyset cursor.
//
// With a query, Postgres finds candidates among the indexed posts (post_search: the GIN index on the
// folded syllables, search-query.ts), and each candidate is re-checked on its own text by the analyzer's matcher,
// which also gives the spans to highlight. Candidates are read in pages until the page is full or
// MAX_SCANNED candidates were looked at; the cursor then points after the last one looked at, so
// a page may hold fewer results than asked and still have a next page.
//
// Which posts are read, newest first, so that a page costs about the same whatever the term:
// - first the newest PROBE posts (before the cursor or `to`), in time order, each tested against
//   the query (the GIN index is not consulted): a common term fills the page within a few of them,
//   where the index would have listed all its posts across the years;
// - then, for a term too rare to fill the page there, windows planned one at a time from the
//   matches seen (WindowPlanner): read in time order too when they hold few posts, else through
//   the GIN index within their time range.
// Without a query (every post, indexed yet or not), windows of 14, 90 and 365 days bound what the
// filters alone have to read.
//
// Proportionality: a post is found by what it says and where it was published, never by who wrote
// it. There is no author filter, and the author pseudonym is not returned.
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { diacriticlessSentences } from '../analysis/normalize.js';
import type { Category, SentimentLabel } from '../analysis/types.js';
import type { Db } from '../db/database.js';
import type { IncidentStatus, SourceType } from '../db/schema.js';
import { postText } from '../posts/post-text.js';
import { excerptOf, type Excerpt, type Span } from './excerpt.js';
import type { SearchQuery } from './search-query.js';
import { searchableTokens } from './search-vector.js';

/** A post's time for search, trends and reports: published, else collected (indexed: posts_posted_at_idx). */
export const postedAt = sql<Date>`coalesce(posts.published_at, posts.collected_at)`;

/** Candidates re-checked per request at most: bounds the work of a query whose index terms are common. */
export const MAX_SCANNED = 2_000;
export const MAX_PAGE_SIZE = 100;
/** Newest posts tested one by one before the index is used (see the module comment). */
export const PROBE = 2_000;
/** A window expected to hold at most this many posts is read in time order too. */
const SCAN_WINDOW_POSTS = 12_000;
/** A planned window longer than this takes the rest of the period with it. */
const LAST_WINDOW_MS = 2 * 365 * 86_400_000;
/** Edges of the time windows, in days before the upper bound. */
const WINDOW_DAYS = [14, 90, 365] as const;
const DAY_MS = 86_400_000;

export interface SearchCursor {
  /** The post's time in microseconds since the epoch (exact: Postgres keeps microseconds). */
  readonly micros: string;
  readonly id: string;
}

const cursorSchema = z.string().regex(/^(-?\d{1,19})\.(\d{1,19})$/);

/** Opaque to clients: base64url of "<micros>.<id>". */
export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(`${cursor.micros}.${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null when the string is not one this server made. */
export function decodeCursor(value: string): SearchCursor | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(value)) return null;
  const parsed = cursorSchema.safeParse(Buffer.from(value, 'base64url').toString('utf8'));
  if (!parsed.success) return null;
  const [micros, id] = parsed.data.split('.') as [string, string];
  return { micros, id };
}

export type SourceFilter = { readonly id: string } | { readonly type: SourceType };

export interface PostSearchFilters {
  readonly query?: SearchQuery | undefined;
  readonly category?: Category | undefined;
  readonly source?: SourceFilter | undefined;
  /** The analyzer flagged the post (true) or analysed it without flagging it (false). */
  readonly flagged?: boolean | undefined;
  /** The analyzer found the post about the commune. */
  readonly about?: boolean | undefined;
  /** [from, to): instants (a period's local midnights). */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit: number;
  readonly cursor?: SearchCursor | undefined;
}

export interface PostSearchItem {
  readonly id: string;
  readonly source: { readonly id: string; readonly name: string; readonly type: SourceType };
  readonly url: string | null;
  readonly title: string | null;
  readonly excerpt: Excerpt;
  readonly publishedAt: Date | null;
  readonly collectedAt: Date;
  readonly categories: Category[];
  readonly sentiment: SentimentLabel | null;
  readonly flagged: boolean | null;
  readonly incident: { readonly id: string; readonly status: IncidentStatus; readonly title: string } | null;
}

export interface PostSearchPage {
  readonly items: PostSearchItem[];
  readonly nextCursor: SearchCursor | null;
  /** Candidates looked at (with a query, re-checked by the matcher). */
  readonly scanned: number;
}

interface Row {
  id: string;
  url: string | null;
  title: string | null;
  body: string;
  published_at: Date | null;
  collected_at: Date;
  micros: string;
  source_id: string;
  source_name: string;
  source_type: SourceType;
  categories: string[] | null;
  sentiment_label: SentimentLabel | null;
  flag: boolean | null;
  incident_id: string | null;
  incident_status: IncidentStatus | null;
  incident_title: string | null;
}

interface Window {
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  /** Inclusive lower bound in the search order (a post's time, then id). */
  readonly fromPosition?: SearchCursor | undefined;
  /** Read in time order, testing each post, without consulting the GIN index. */
  readonly scan?: boolean;
}

const positionOf = (p: SearchCursor) => sql`(timestamptz 'epoch' + ${p.micros}::bigint * interval '1 microsecond', ${p.id}::bigint)`;

/**
 * The time and id a search orders by: with a query, the indexed copy in post_search (its own index
 * drives the probe and the windows); without, the post's own (posts_posted_at_idx).
 */
function ordering(indexed: boolean) {
  return indexed ? { time: sql<Date>`post_search.posted_at`, id: sql<string>`post_search.post_id` } : { time: postedAt, id: sql<string>`posts.id` };
}

async function candidates(db: Db, filters: PostSearchFilters, tsquery: string | null, window: Window, after: SearchCursor | undefined, batch: number): Promise<Row[]> {
  const { time, id } = ordering(tsquery !== null);
  let query = db
    .selectFrom('posts')
    .$if(tsquery !== null, (qb) => qb.innerJoin('post_search', 'post_search.post_id', 'posts.id'))
    .innerJoin('sources', 'sources.id', 'posts.source_id')
    .leftJoin('analyses', 'analyses.post_id', 'posts.id')
    .leftJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
    .leftJoin('incidents', 'incidents.id', 'incident_posts.incident_id')
    .select([
      'posts.id',
      'posts.url',
      'posts.title',
      'posts.body',
      'posts.published_at',
      'posts.collected_at',
      sql<string>`(extract(epoch FROM ${time}) * 1000000)::bigint::text`.as('micros'),
      'sources.id as source_id',
      'sources.name as source_name',
      'sources.type as source_type',
      'analyses.categories',
      'analyses.sentiment_label',
      'analyses.flag',
      'incidents.id as incident_id',
      'incidents.status as incident_status',
      'incidents.title as incident_title',
    ])
    // A purged post is a tombstone: nothing left to find or show.
    .where('posts.content_purged_at', 'is', null);
  if (tsquery) {
    // ts_match_vq is what @@ calls; as a function the planner cannot serve it from the GIN index.
    query = query.where(window.scan ? sql<SqlBool>`ts_match_vq(post_search.vector, ${tsquery}::tsquery)` : sql<SqlBool>`post_search.vector @@ ${tsquery}::tsquery`);
  }
  if (filters.category) query = query.where(sql<SqlBool>`analyses.categories @> ARRAY[${filters.category}]::text[]`);
  if (filters.source && 'id' in filters.source) query = query.where('posts.source_id', '=', filters.source.id);
  if (filters.source && 'type' in filters.source) query = query.where('sources.type', '=', filters.source.type);
  if (filters.flagged !== undefined) query = query.where('analyses.flag', '=', filters.flagged);
  if (filters.about !== undefined) query = query.where('analyses.about', '=', filters.about);
  if (window.from) query = query.where(time, '>=', window.from);
  if (window.to) query = query.where(time, '<', window.to);
  if (window.fromPosition) query = query.where(sql<SqlBool>`(${time}, ${id}) >= ${positionOf(window.fromPosition)}`);
  if (after) query = query.where(sql<SqlBool>`(${time}, ${id}) < ${positionOf(after)}`);
  return (await query.orderBy(time, 'desc').orderBy(id, 'desc').limit(batch).execute()) as Row[];
}

function toItem(row: Row, spans: readonly Span[]): PostSearchItem {
  return {
    id: row.id,
    source: { id: row.source_id, name: row.source_name, type: row.source_type },
    url: row.url,
    title: row.title,
    excerpt: excerptOf(postText(row), spans),
    publishedAt: row.published_at,
    collectedAt: row.collected_at,
    categories: (row.categories ?? []) as Category[],
    sentiment: row.sentiment_label,
    flagged: row.flag,
    incident: row.incident_id ? { id: row.incident_id, status: row.incident_status!, title: row.incident_title! } : null,
  };
}

/** The spans the query matches in the post, or null when it does not match (no query: no spans). */
function recheck(query: SearchQuery | undefined, row: Row): Span[] | null {
  if (!query) return [];
  const tokens = searchableTokens(postText(row));
  return query.matcher.match(tokens, diacriticlessSentences(tokens));
}

/** The windows of a search, newest first, within [filters.from, filters.to) and before the cursor. */
/** The exclusive upper time bound of a search: `to`, or just after the cursor's post, whichever is earlier. */
function upperBound(filters: Pick<PostSearchFilters, 'to' | 'cursor'>): Date | undefined {
  const cursorTime = filters.cursor ? new Date(Number(BigInt(filters.cursor.micros) / 1000n) + 1) : undefined;
  return filters.to && cursorTime ? (filters.to < cursorTime ? filters.to : cursorTime) : (filters.to ?? cursorTime);
}

export function searchWindows(filters: Pick<PostSearchFilters, 'from' | 'to' | 'cursor'>, now: Date = new Date()): Window[] {
  const upper = upperBound(filters);
  const anchor = upper ?? now;
  const edges = WINDOW_DAYS.map((days) => new Date(anchor.getTime() - days * DAY_MS)).filter((edge) => !filters.from || edge > filters.from);
  const windows: Window[] = [];
  let to = upper;
  for (const edge of edges) {
    windows.push({ from: edge, to });
    to = edge;
  }
  windows.push({ from: filters.from, to });
  return windows;
}

/** The `probe`-th newest indexed post within the period before the cursor (an index-only read), or undefined when there are fewer. */
async function probeEdge(db: Db, filters: PostSearchFilters, probe: number): Promise<SearchCursor | undefined> {
  const { time, id } = ordering(true);
  let query = db.selectFrom('post_search').select([sql<string>`${id}`.as('id'), sql<string>`(extract(epoch FROM ${time}) * 1000000)::bigint::text`.as('micros')]);
  if (filters.from) query = query.where(time, '>=', filters.from);
  if (filters.to) query = query.where(time, '<', filters.to);
  if (filters.cursor) query = query.where(sql<SqlBool>`(${time}, ${id}) < ${positionOf(filters.cursor)}`);
  const row = await query.orderBy(time, 'desc').orderBy(id, 'desc').offset(probe - 1).limit(1).executeTakeFirst();
  return row ? { micros: row.micros, id: row.id } : undefined;
}

/**
 * What the probe tells about the rest of a search, and the next window it asks for: long enough to
 * hold the rest of the page twice over at the rate of matches seen so far (at least half a match
 * counted, so a window without any grows the next one), and at least as long as what was read,
 * converted to time at the probe's rate of posts. A window expected to hold few posts is read in time order like the probe (Postgres
 * underestimates a phrase so much that, on its own, it would read every post of the term); a
 * larger one through the GIN index intersected with the time index. Windows stay bounded, so
 * neither way reads far past what the page needs.
 */
class WindowPlanner {
  private done = false;
  private posts: number;
  private matches = 0;
  private upper: Date;
  private readonly postsPerMs: number;

  constructor(
    private readonly filters: PostSearchFilters,
    edge: SearchCursor,
    probeSize: number,
    now: Date,
  ) {
    this.posts = probeSize;
    this.upper = upperBound({ to: filters.to, cursor: edge })!;
    this.postsPerMs = probeSize / Math.max(60_000, (upperBound(filters) ?? now).getTime() - this.upper.getTime());
  }

  /** The next window below the last one, or undefined when the period is read. */
  next(matchesSoFar: number, needed: number): Window | undefined {
    if (this.done) return undefined;
    this.matches = matchesSoFar;
    // At least as many posts as read so far: past a stretch without posts, windows double.
    const posts = Math.max(this.posts, (2 * needed * this.posts) / Math.max(this.matches, 0.5));
    const spanMs = posts / this.postsPerMs;
    const from = new Date(this.upper.getTime() - spanMs);
    const scan = posts <= SCAN_WINDOW_POSTS;
    // The last window: it reaches the start of the period, or is so long that the rest may as well come with it.
    if ((this.filters.from && from <= this.filters.from) || spanMs > LAST_WINDOW_MS) {
      this.done = true;
      return { from: this.filters.from, to: this.upper, scan };
    }
    this.posts += posts;
    const window: Window = { from, to: this.upper, scan };
    this.upper = from;
    return window;
  }
}

/** `probe`: how many newest posts are tested before the index is used (PROBE; tests use small ones). */
export async function searchPosts(db: Db, filters: PostSearchFilters, options: { probe?: number; now?: Date } = {}): Promise<PostSearchPage> {
  const probe = options.probe ?? PROBE;
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, filters.limit));
  const items: PostSearchItem[] = [];
  const positions: SearchCursor[] = [];
  let after = filters.cursor;
  let scanned = 0;
  // Without a query every candidate is a result: one read of limit + 1 says whether more follow.
  const batch = filters.query ? Math.max(50, limit * 2) : limit + 1;
  const tsquery = filters.query?.tsquery ?? null;
  const period = { from: filters.from, to: filters.to };
  // The windows, in order (see the module comment): fixed without a query; with one, the probe,
  // then windows planned from what was found.
  const windows: Window[] = [];
  let planner: WindowPlanner | undefined;
  if (!tsquery) windows.push(...searchWindows(filters));
  else {
    const edge = await probeEdge(db, filters, probe);
    windows.push(edge ? { ...period, fromPosition: edge, scan: true } : { ...period, scan: true });
    if (edge) planner = new WindowPlanner(filters, edge, probe, options.now ?? new Date());
  }
  for (let window = windows.shift(); window; window = windows.shift() ?? planner?.next(items.length, limit + 1 - items.length)) {
    // Each further read of the same window twice as large: few candidates pass the re-check
    // (NEAR, NOT), and every read repeats the index look-up.
    for (let size = batch; ; size = Math.min(size * 2, MAX_SCANNED)) {
      const requested = Math.min(size, MAX_SCANNED - scanned);
      const rows = await candidates(db, filters, tsquery, window, after, requested);
      for (const row of rows) {
        scanned++;
        const position = { micros: row.micros, id: row.id };
        const spans = recheck(filters.query, row);
        if (spans !== null) {
          if (items.length === limit) return { items, nextCursor: positions[limit - 1]!, scanned };
          items.push(toItem(row, spans));
          positions.push(position);
        }
        after = position;
        if (scanned >= MAX_SCANNED) return { items, nextCursor: after, scanned };
      }
      if (rows.length < requested) break;
    }
    // The probed posts are all read: the planned windows start below them.
    if (window.fromPosition) after = window.fromPosition;
  }
  return { items, nextCursor: null, scanned };
}
