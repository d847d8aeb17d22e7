// GET /api/posts — search every stored post (src/search/post-search.ts), newest first, paged by
// cursor; POST /api/posts/:id/incident — "Tạo vụ việc": open an incident from a missed post, or add
// it to an open incident (collaborator, admin).
import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { categorySchema, severitySchema } from '../../analysis/types.js';
import { fileMissedPostWithEvidence, MANUAL_CATEGORIES, ManualFilingError, type ManualTarget } from '../../incidents/manual-filing.js';
import { isoDateSchema, localMidnight, MAX_PERIOD_DAYS } from '../../reports/period.js';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, searchPosts, type PostSearchFilters, type PostSearchItem, type SourceFilter } from '../../search/post-search.js';
import { compileSearch, MAX_SEARCH_QUERY_LENGTH, SearchQueryError } from '../../search/search-query.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const SOURCE_TYPES = ['rss', 'facebook_page', 'web_page', 'manual'] as const;
const booleanParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const DAY_MS = 86_400_000;

/** The query string of GET /api/posts and of the Tìm kiếm page (empty fields count as absent). */
export const postSearchQuerySchema = z
  .object({
    q: z.string().max(MAX_SEARCH_QUERY_LENGTH).optional(),
    category: categorySchema.optional(),
    /** A source id, or a source type (rss, facebook_page, web_page, manual). */
    source: z.union([z.string().regex(/^\d{1,18}$/, 'a source id'), z.enum(SOURCE_TYPES)]).optional(),
    flagged: booleanParam.optional(),
    about: booleanParam.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    cursor: z.string().max(100).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1 <= MAX_PERIOD_DAYS, { message: 'the period is longer than ten years', path: ['from'] });
export type PostSearchQuery = z.infer<typeof postSearchQuerySchema>;

/** Query-string values with empty strings dropped (a form submits every field). */
export function nonEmpty(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== ''));
}

export class BadSearchInput extends Error {
  constructor(
    readonly code: 'invalid_query' | 'invalid_cursor',
    message: string,
    readonly position: number | null = null,
  ) {
    super(message);
  }
}

/** The repository's filters from a validated query; throws BadSearchInput for a bad q or cursor. */
export function searchFilters(query: PostSearchQuery): PostSearchFilters {
  let compiled;
  if (query.q?.trim()) {
    try {
      compiled = compileSearch(query.q);
    } catch (error) {
      if (error instanceof SearchQueryError) throw new BadSearchInput('invalid_query', error.message, error.position);
      throw error;
    }
  }
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (cursor === null) throw new BadSearchInput('invalid_cursor', 'cursor is not one this server returned (take next_cursor as it is)');
  const source: SourceFilter | undefined = query.source === undefined ? undefined : /^\d+$/.test(query.source) ? { id: query.source } : { type: query.source as (typeof SOURCE_TYPES)[number] };
  return {
    query: compiled,
    category: query.category,
    source,
    flagged: query.flagged,
    about: query.about,
    from: query.from ? localMidnight(query.from) : undefined,
    to: query.to ? new Date(localMidnight(query.to).getTime() + DAY_MS) : undefined,
    limit: query.limit,
    cursor,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** One result as the API gives it: the issue-14 contract fields, then the rest. */
export function postSearchItemJson(item: PostSearchItem) {
  return {
    id: item.id,
    source: item.source.name,
    url: item.url,
    title: item.title,
    excerpt: item.excerpt.text,
    published_at: iso(item.publishedAt),
    collected_at: item.collectedAt.toISOString(),
    categories: item.categories,
    sentiment: item.sentiment,
    incident_id: item.incident?.id ?? null,
    source_id: item.source.id,
    source_type: item.source.type,
    flagged: item.flagged,
    /** The matched syllables, as [start, end) offsets into `excerpt`. */
    highlights: item.excerpt.highlights,
  };
}

const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'a numeric post id') });
const fileBody = z.union([
  z.object({ incident_id: z.string().regex(/^\d{1,18}$/, 'a numeric incident id') }).strict(),
  z.object({ category: z.enum(MANUAL_CATEGORIES), severity: severitySchema }).strict(),
]);

export function manualTargetOf(body: z.infer<typeof fileBody>): ManualTarget {
  return 'incident_id' in body ? { kind: 'existing', incidentId: body.incident_id } : { kind: 'new', category: body.category, severity: body.severity };
}

export const postsApiSchemas = { searchQuery: postSearchQuerySchema, idParam, fileBody };

function badSearch(c: Context<AuthEnv>, error: unknown) {
  if (error instanceof BadSearchInput) return c.json({ error: error.code, message: error.message, ...(error.position !== null ? { position: error.position } : {}) }, 400);
  throw error;
}

export function postsApi(context: AppContext) {
  const { db } = context;
  return new Hono<AuthEnv>()
    .get('/', zValidator('query', postSearchQuerySchema, invalidInput), async (c) => {
      let filters: PostSearchFilters;
      try {
        filters = searchFilters(c.req.valid('query'));
      } catch (error) {
        return badSearch(c, error);
      }
      const page = await searchPosts(db, filters);
      return c.json({ items: page.items.map(postSearchItemJson), next_cursor: page.nextCursor ? encodeCursor(page.nextCursor) : null });
    })
    .post('/:id/incident', requireRole('collaborator', 'admin'), zValidator('param', idParam, invalidInput), zValidator('json', fileBody, invalidInput), async (c) => {
      const principal = c.get('principal')!;
      try {
        const result = await fileMissedPostWithEvidence(context, {
          postId: c.req.valid('param').id,
          actor: { name: principal.name, userId: principal.userId },
          target: manualTargetOf(c.req.valid('json')),
        });
        return c.json({ incident_id: result.incidentId, created: result.created }, result.created ? 201 : 200);
      } catch (error) {
        if (error instanceof ManualFilingError) return c.json({ error: error.code, message: error.message, ...error.details }, error.httpStatus);
        throw error;
      }
    });
}
