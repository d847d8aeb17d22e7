// Search over every stored post (GET /api/posts, the Tìm kiếm page): filters on the post, its
// source and its analysis, an optional query in the analyzer's language, newest first (published,
// else collected), paged with a keyset cursor.
//
// With a query, Postgres finds candidates with the GIN index on the folded syllables
// (search-query.ts), and each candidate is re-checked on its own text by the analyzer's matcher,
// which also gives the spans to highlight. Candidates are read in pages until the page is full or
// MAX_SCANNED candidates were looked at; the cursor then points after the last one looked at, so
// a page may hold fewer results than asked and still have a next page.
//
// Candidates are read window by window, newest first (the last 2 days, then 14, 90, 365, then the
// rest, before the cursor or `to`): Postgres intersects the GIN look-up with the time index, so
// the newest results of a common term cost the posts of a few days, never every post that has
// the term; a rare term reaches the older windows, where it has few posts to read.
//
// Proportionality: a post is found by what it says and where it was published, never by who wrote
// it. There is no author filter, and the author pseudonym is not returned.
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { diacriticlessSentences, tokenize } from '../analysis/normalize.js';
import type { Category, SentimentLabel } from '../analysis/types.js';
import type { Db } from '../db/database.js';
import type { IncidentStatus, SourceType } from '../db/schema.js';
import { postText } from '../posts/post-text.js';
import { excerptOf, type Excerpt, type Span } from './excerpt.js';
import type { SearchQuery } from './search-query.js';
import { searchableText } from './search-vector.js';

/** A post's time for search, trends and reports: published, else collected (indexed: posts_posted_at_idx). */
export const postedAt = sql<Date>`coalesce(posts.published_at, posts.collected_at)`;

/** Candidates re-checked per request at most: bounds the work of a query whose index terms are common. */
export const MAX_SCANNED = 2_000;
export const MAX_PAGE_SIZE = 100;
/** Edges of the time windows, in days before the upper bound. */
const WINDOW_DAYS = [2, 14, 90, 365] as const;
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
}

async function candidates(db: Db, filters: PostSearchFilters, window: Window, after: SearchCursor | undefined, batch: number): Promise<Row[]> {
  let query = db
    .selectFrom('posts')
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
      sql<string>`(extract(epoch FROM ${postedAt}) * 1000000)::bigint::text`.as('micros'),
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
  if (filters.query?.tsquery) query = query.where(sql<SqlBool>`posts.search_vector @@ ${filters.query.tsquery}::tsquery`);
  if (filters.category) query = query.where(sql<SqlBool>`analyses.categories @> ARRAY[${filters.category}]::text[]`);
  if (filters.source && 'id' in filters.source) query = query.where('posts.source_id', '=', filters.source.id);
  if (filters.source && 'type' in filters.source) query = query.where('sources.type', '=', filters.source.type);
  if (filters.flagged !== undefined) query = query.where('analyses.flag', '=', filters.flagged);
  if (filters.about !== undefined) query = query.where('analyses.about', '=', filters.about);
  if (window.from) query = query.where(postedAt, '>=', window.from);
  if (window.to) query = query.where(postedAt, '<', window.to);
  if (after) {
    query = query.where(
      sql<SqlBool>`(${postedAt}, posts.id) < (timestamptz 'epoch' + ${after.micros}::bigint * interval '1 microsecond', ${after.id}::bigint)`,
    );
  }
  return (await query.orderBy(postedAt, 'desc').orderBy('posts.id', 'desc').limit(batch).execute()) as Row[];
}

function toItem(row: Row, spans: readonly Span[]): PostSearchItem {
  return {
    id: row.id,
    source: { id: row.source_id, name: row.source_name, type: row.source_type },
    url: row.url,
    title: row.title,
    excerpt: excerptOf(searchableText(postText(row)), spans),
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
  const tokens = tokenize(searchableText(postText(row)));
  return query.matcher.match(tokens, diacriticlessSentences(tokens));
}

/** The windows of a search, newest first, within [filters.from, filters.to) and before the cursor. */
export function searchWindows(filters: Pick<PostSearchFilters, 'from' | 'to' | 'cursor'>, now: Date = new Date()): Window[] {
  const cursorTime = filters.cursor ? new Date(Number(BigInt(filters.cursor.micros) / 1000n) + 1) : undefined;
  const upper = filters.to && cursorTime ? (filters.to < cursorTime ? filters.to : cursorTime) : (filters.to ?? cursorTime);
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

export async function searchPosts(db: Db, filters: PostSearchFilters): Promise<PostSearchPage> {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, filters.limit));
  const items: PostSearchItem[] = [];
  const positions: SearchCursor[] = [];
  let after = filters.cursor;
  let scanned = 0;
  // Without a query every candidate is a result: one read of limit + 1 says whether more follow.
  const batch = filters.query ? Math.max(50, limit * 2) : limit + 1;
  for (const window of searchWindows(filters)) {
    for (;;) {
      const requested = Math.min(batch, MAX_SCANNED - scanned);
      const rows = await candidates(db, filters, window, after, requested);
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
  }
  return { items, nextCursor: null, scanned };
}
