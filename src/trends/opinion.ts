// Public opinion over time, from what was collected: volume by category and by source type,
// sentiment, the "phủ xanh" share, and the stories that reached furthest. One definition used by
// the Dư luận page, GET /api/trends and the public-opinion report (src/reports/public-opinion.ts).
//
// Definitions (README "Trends and the public-opinion report"):
// - a post belongs to the bucket of its time: published, else collected (Asia/Ho_Chi_Minh days;
//   weeks start on Monday), among posts collected by `asOf`. Purged posts still count: their
//   analysis and dates are kept.
// - posts: every post; by category: posts the analyzer put in that category (a post with two
//   categories counts in both), except that the posts of an incident the team reclassified count
//   under its current category (README: reports count the category decided); by source type:
//   the type of the post's source.
// - about_commune: posts the analyzer found about the commune; sentiment counts and shares are
//   over those (as the response-time report's positive / negative figures).
// - positive_share ("phủ xanh"): the share of posts about the commune that carry good news
//   (category tich_cuc); null when no post is about the commune.
// - a story: the posts of one incident, else of one thread (a post and its comments); its reach is
//   its posts plus their engagement (shares, reactions, comments).
// Only content is counted: nothing here is per author.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { IncidentStatus } from '../db/schema.js';
import { postedAt } from '../search/post-search.js';

export type Bucket = 'day' | 'week';
const TZ = 'Asia/Ho_Chi_Minh';
const TZ_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export interface Range {
  /** [startsAt, endsAt): local midnights. */
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** Posts collected after this instant are not counted. */
  readonly asOf: Date;
}

export interface SentimentCounts {
  positive: number;
  negative: number;
  neutral: number;
}

export interface OpinionFigures {
  posts: number;
  about_commune: number;
  by_category: Record<string, number>;
  by_source_type: Record<string, number>;
  sentiment: SentimentCounts;
  /** Each sentiment's share of the posts about the commune; null when there are none. */
  sentiment_shares: { positive: number | null; negative: number | null; neutral: number | null };
  /** Good news (tich_cuc) about the commune; its share is positive_share. */
  positive_posts: number;
  positive_share: number | null;
}

export interface BucketFigures extends OpinionFigures {
  /** First and last local day of the bucket (YYYY-MM-DD; a week is cut to the period). */
  start: string;
  end: string;
}

export interface Story {
  title: string;
  posts: number;
  engagement: number;
  /** posts + engagement. */
  reach: number;
  incident_id: string | null;
  /** The incident's status; null for a story that is not an incident. */
  status: IncidentStatus | null;
  dismiss_reason: string | null;
  /** The incident's category, else the categories its posts were given. */
  categories: string[];
  /** Whether the analyzer flagged any of its posts. */
  flagged: boolean;
  /** Kinds of action recorded on the incident (incident_actions.type), in the order first done. */
  actions: string[];
  /** The story's first post in the period (its link, when it has one). */
  first_post_id: string;
  url: string | null;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function figures(counts: { posts: number; about: number; positive: number; negative: number; neutral: number; good_news: number }, byCategory: Record<string, number>, bySourceType: Record<string, number>): OpinionFigures {
  return {
    posts: counts.posts,
    about_commune: counts.about,
    by_category: byCategory,
    by_source_type: bySourceType,
    sentiment: { positive: counts.positive, negative: counts.negative, neutral: counts.neutral },
    sentiment_shares: { positive: share(counts.positive, counts.about), negative: share(counts.negative, counts.about), neutral: share(counts.neutral, counts.about) },
    positive_posts: counts.good_news,
    positive_share: share(counts.good_news, counts.about),
  };
}

/** The local day (YYYY-MM-DD) of an instant. */
const localDay = (at: Date) => new Date(at.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The buckets of a range, every one listed even when empty: [start, end] local days. */
export function bucketsOf(range: Pick<Range, 'startsAt' | 'endsAt'>, bucket: Bucket | 'period'): { start: string; end: string }[] {
  const first = localDay(range.startsAt);
  const last = addDays(localDay(range.endsAt), -1);
  if (bucket === 'period') return [{ start: first, end: last }];
  const out: { start: string; end: string }[] = [];
  let start = first;
  while (start <= last) {
    let end = start;
    if (bucket === 'week') {
      const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      end = addDays(start, 6 - weekday);
      if (end > last) end = last;
    }
    out.push({ start, end });
    start = addDays(end, 1);
  }
  return out;
}

/** SQL: the bucket of a post, as the local day its bucket starts on. */
function bucketKey(bucket: Bucket | 'period', range: Range) {
  const first = localDay(range.startsAt);
  if (bucket === 'period') return sql<string>`${first}::text`;
  // A week that began before the period is the period's first bucket.
  return sql<string>`greatest(to_char(date_trunc(${bucket}, ${postedAt} AT TIME ZONE ${TZ}), 'YYYY-MM-DD'), ${first}::text)`;
}

function inRange(range: Range) {
  return sql<SqlBool>`${postedAt} >= ${range.startsAt} AND ${postedAt} < ${range.endsAt} AND posts.collected_at <= ${range.asOf}`;
}

/** Each post of an incident someone reclassified, with the incident's current category. */
function reclassifiedPosts(db: Db) {
  return db
    .selectFrom('incident_posts')
    .innerJoin('incidents', 'incidents.id', 'incident_posts.incident_id')
    .select(['incident_posts.post_id', 'incidents.category'])
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('incident_events').select('incident_events.id').whereRef('incident_events.incident_id', '=', 'incidents.id').where('incident_events.type', '=', 'reclassified')),
    )
    .as('decided');
}

/** SQL: a post's categories: the team's decision where there is one, else the analyzer's. */
const postCategories = sql<string[]>`CASE WHEN decided.category IS NOT NULL THEN ARRAY[decided.category] ELSE analyses.categories END`;

/** Figures per bucket, every bucket of the range listed (a week cut at the period's edges). */
export async function opinionByBucket(db: Db, range: Range, bucket: Bucket | 'period'): Promise<BucketFigures[]> {
  const key = bucketKey(bucket, range);
  const [counts, categories, sources] = await Promise.all([
    db
      .selectFrom('posts')
      .leftJoin('analyses', 'analyses.post_id', 'posts.id')
      .leftJoin(reclassifiedPosts(db), 'decided.post_id', 'posts.id')
      .select([
        key.as('bucket'),
        sql<string>`count(*)`.as('posts'),
        sql<string>`count(*) FILTER (WHERE analyses.about)`.as('about'),
        sql<string>`count(*) FILTER (WHERE analyses.about AND analyses.sentiment_label = 'positive')`.as('positive'),
        sql<string>`count(*) FILTER (WHERE analyses.about AND analyses.sentiment_label = 'negative')`.as('negative'),
        sql<string>`count(*) FILTER (WHERE analyses.about AND analyses.sentiment_label = 'neutral')`.as('neutral'),
        sql<string>`count(*) FILTER (WHERE analyses.about AND 'tich_cuc' = ANY (${postCategories}))`.as('good_news'),
      ])
      .where(inRange(range))
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom('posts')
      .innerJoin('analyses', 'analyses.post_id', 'posts.id')
      .leftJoin(reclassifiedPosts(db), 'decided.post_id', 'posts.id')
      // A function aliased alone names its one column after the alias: category.category.
      .innerJoin(sql<{ category: string }>`unnest(${postCategories})`.as('category'), (join) => join.onTrue())
      .select([key.as('bucket'), 'category.category', sql<string>`count(*)`.as('n')])
      .where(inRange(range))
      .groupBy([sql`1`, 'category.category'])
      .execute(),
    db
      .selectFrom('posts')
      .innerJoin('sources', 'sources.id', 'posts.source_id')
      .select([key.as('bucket'), 'sources.type', sql<string>`count(*)`.as('n')])
      .where(inRange(range))
      .groupBy([sql`1`, 'sources.type'])
      .execute(),
  ]);
  const countsOf = new Map(counts.map((r) => [r.bucket, r]));
  const nested = (rows: readonly { bucket: string; n: string }[], keyOf: (r: never) => string) => {
    const map = new Map<string, Record<string, number>>();
    for (const row of rows) (map.get(row.bucket) ?? map.set(row.bucket, {}).get(row.bucket)!)[keyOf(row as never)] = Number(row.n);
    return map;
  };
  const byCategory = nested(categories, (r: { category: string }) => r.category);
  const bySource = nested(sources, (r: { type: string }) => r.type);
  return bucketsOf(range, bucket).map(({ start, end }) => {
    const c = countsOf.get(start);
    const n = (v: string | undefined) => Number(v ?? 0);
    return {
      start,
      end,
      ...figures(
        { posts: n(c?.posts), about: n(c?.about), positive: n(c?.positive), negative: n(c?.negative), neutral: n(c?.neutral), good_news: n(c?.good_news) },
        sortedCounts(byCategory.get(start) ?? {}),
        sortedCounts(bySource.get(start) ?? {}),
      ),
    };
  });
}

/** Keys by count, largest first (then by name), so tables and JSON read in order of weight. */
function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/** The sum of bucket figures: the period's. */
export function totalOf(buckets: readonly OpinionFigures[]): OpinionFigures {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
    return into;
  };
  const sum = (f: (b: OpinionFigures) => number) => buckets.reduce((s, b) => s + f(b), 0);
  return figures(
    {
      posts: sum((b) => b.posts),
      about: sum((b) => b.about_commune),
      positive: sum((b) => b.sentiment.positive),
      negative: sum((b) => b.sentiment.negative),
      neutral: sum((b) => b.sentiment.neutral),
      good_news: sum((b) => b.positive_posts),
    },
    sortedCounts(buckets.reduce((acc, b) => add(acc, b.by_category), {} as Record<string, number>)),
    sortedCounts(buckets.reduce((acc, b) => add(acc, b.by_source_type), {} as Record<string, number>)),
  );
}

const TITLE_LENGTH = 140;

/** The stories of the period with the widest reach, flagged or not, with how each was handled. */
export async function topStories(db: Db, range: Range, limit = 10): Promise<Story[]> {
  const rows = await db
    .with('period_posts', (qb) =>
      qb
        .selectFrom('posts')
        .leftJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
        .leftJoin('analyses', 'analyses.post_id', 'posts.id')
        .select([
          'posts.id',
          'posts.engagement',
          'incident_posts.incident_id',
          'analyses.flag',
          'analyses.categories',
          postedAt.as('at'),
          // One thread (a post and its comments) is one story unless its posts are in an incident.
          sql<string>`coalesce('i' || incident_posts.incident_id, 't' || posts.source_id || ':' || coalesce(posts.parent_external_id, posts.external_id))`.as('story'),
        ])
        .where(inRange(range)),
    )
    .with('stories', (qb) =>
      qb
        .selectFrom('period_posts')
        .select([
          'story',
          sql<string | null>`min(incident_id)`.as('incident_id'),
          sql<string>`count(*)`.as('posts'),
          sql<string>`coalesce(sum(engagement), 0)`.as('engagement'),
          sql<boolean>`coalesce(bool_or(flag), false)`.as('flagged'),
          sql<string>`coalesce(string_agg(array_to_string(categories, ','), ','), '')`.as('categories'),
          sql<string>`(array_agg(id ORDER BY at, id))[1]`.as('first_post_id'),
        ])
        .groupBy('story')
        .orderBy(sql`count(*) + coalesce(sum(engagement), 0)`, 'desc')
        .orderBy(sql`min(at)`)
        .limit(limit),
    )
    .selectFrom('stories')
    .innerJoin('posts', 'posts.id', 'stories.first_post_id')
    .leftJoin('incidents', 'incidents.id', 'stories.incident_id')
    .select([
      'stories.incident_id',
      'stories.posts',
      'stories.engagement',
      'stories.flagged',
      'stories.categories',
      'stories.first_post_id',
      'posts.url',
      'posts.title as post_title',
      sql<string>`left(posts.body, 400)`.as('post_body'),
      'posts.content_purged_at',
      'incidents.title as incident_title',
      'incidents.status',
      'incidents.category as incident_category',
      'incidents.dismiss_reason',
      sql<string[]>`coalesce((SELECT array_agg(a.type ORDER BY a.first_done) FROM (SELECT type, min(done_at) AS first_done FROM incident_actions WHERE incident_id = incidents.id GROUP BY type) a), '{}')`.as(
        'actions',
      ),
    ])
    .orderBy(sql`stories.posts::bigint + stories.engagement::bigint`, 'desc')
    .orderBy('stories.first_post_id')
    .execute();
  return rows.map((r) => {
    const posts = Number(r.posts);
    const engagement = Number(r.engagement);
    const text = (r.post_title?.trim() || r.post_body.trim()).replace(/\s+/g, ' ');
    return {
      title: r.incident_title ?? (r.content_purged_at ? '' : text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1)}…` : text),
      posts,
      engagement,
      reach: posts + engagement,
      incident_id: r.incident_id,
      status: r.status,
      dismiss_reason: r.dismiss_reason,
      categories: r.incident_category ? [r.incident_category] : [...new Set(r.categories.split(',').filter(Boolean))].sort(),
      flagged: r.flagged,
      actions: r.actions,
      first_post_id: r.first_post_id,
      url: r.content_purged_at ? null : r.url,
    };
  });
}

/** Longest range per bucket kind, in days (a page of 400 rows is the most that stays readable). */
export const MAX_RANGE_DAYS = { day: 400, week: 2_800 } as const;
