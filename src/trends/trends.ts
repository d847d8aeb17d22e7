// Trends of a period (GET /api/trends, the Dư luận page): opinion figures per day or week, the
// period's totals and its top stories. Definitions in opinion.ts.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { isoDateSchema, localDay, makePeriod, periodLabel, type ReportPeriod } from '../reports/period.js';
import { MAX_RANGE_DAYS, opinionByBucket, topStories, totalOf, type Bucket, type BucketFigures, type OpinionFigures, type Story } from './opinion.js';

const DAY_MS = 86_400_000;
export const DEFAULT_TREND_DAYS = 30;
export const TOP_STORIES = 10;

export interface TrendsReport {
  period: { kind: ReportPeriod['kind']; from: string; to: string; label: string };
  bucket: Bucket;
  as_of: string;
  buckets: BucketFigures[];
  totals: OpinionFigures;
  top_stories: Story[];
}

/** ?from=&to=&bucket=: YYYY-MM-DD local days (both or neither; default the last 30 days), day | week. */
export const trendsQuerySchema = z
  .object({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), bucket: z.enum(['day', 'week']).default('day') })
  .refine((q) => (q.from === undefined) === (q.to === undefined), 'from and to go together')
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1 <= MAX_RANGE_DAYS[q.bucket], {
    message: `at most ${MAX_RANGE_DAYS.day} days by day, ${MAX_RANGE_DAYS.week} days by week`,
    path: ['to'],
  });
export type TrendsQuery = z.infer<typeof trendsQuerySchema>;

/** The period of a query: as given, else the last DEFAULT_TREND_DAYS days up to today (local). */
export function trendsPeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date = new Date()): ReportPeriod {
  if (query.from && query.to) return makePeriod(query.from, query.to);
  const today = localDay(now);
  return makePeriod(localDay(new Date(Date.parse(`${today}T00:00:00Z`) - (DEFAULT_TREND_DAYS - 1) * DAY_MS)), today);
}

export async function buildTrends(db: Db, period: ReportPeriod, bucket: Bucket, asOf: Date = new Date()): Promise<TrendsReport> {
  const range = { startsAt: period.startsAt, endsAt: period.endsAt, asOf };
  const [buckets, stories] = await Promise.all([opinionByBucket(db, range, bucket), topStories(db, range, TOP_STORIES)]);
  return {
    period: { kind: period.kind, from: period.from, to: period.to, label: periodLabel(period) },
    bucket,
    as_of: asOf.toISOString(),
    buckets,
    totals: totalOf(buckets),
    top_stories: stories,
  };
}
