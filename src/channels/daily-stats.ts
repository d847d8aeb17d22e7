// Each day, per unit page: posts, last post time, engagement, citizen comments and the median time
// to the page's first reply — unit_page_facts() over each local day, stored in
// unit_page_daily_stats. The job (channel-stats, hourly) recomputes the last days too: comments and
// replies are collected after the day they were written, and engagement grows.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { localDay, localMidnight } from '../reports/period.js';
import { unitPageFacts } from './channels-report.js';

const DAY_MS = 86_400_000;
/** Today and this many days before it. */
export const RECOMPUTED_DAYS = 7;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export async function computeDailyStats(db: Db, now: Date = new Date(), days = RECOMPUTED_DAYS): Promise<{ days: number; rows: number }> {
  const today = localDay(now);
  let rows = 0;
  for (let back = days; back >= 0; back--) {
    const day = addDays(today, -back);
    const facts = (await unitPageFacts(db, localMidnight(day), localMidnight(addDays(day, 1)))).filter((f) => f.source_id !== null);
    if (!facts.length) continue;
    await db
      .insertInto('unit_page_daily_stats')
      .values(
        facts.map((f) => ({
          source_id: f.source_id!,
          day,
          posts: Number(f.posts),
          last_post_at: f.last_post_at,
          engagement: Number(f.engagement),
          citizen_comments: Number(f.citizen_comments),
          answered_comments: Number(f.answered_comments),
          median_reply_minutes: f.median_reply_minutes,
          computed_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['source_id', 'day']).doUpdateSet((eb) => ({
          posts: eb.ref('excluded.posts'),
          last_post_at: eb.ref('excluded.last_post_at'),
          engagement: eb.ref('excluded.engagement'),
          citizen_comments: eb.ref('excluded.citizen_comments'),
          answered_comments: eb.ref('excluded.answered_comments'),
          median_reply_minutes: eb.ref('excluded.median_reply_minutes'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
    rows += facts.length;
  }
  return { days: days + 1, rows };
}

export interface DailyStat {
  readonly sourceId: string;
  /** Local date YYYY-MM-DD. */
  readonly day: string;
  readonly posts: number;
  readonly lastPostAt: Date | null;
  readonly engagement: number;
  readonly citizenComments: number;
  readonly answeredComments: number;
  readonly medianReplyMinutes: number | null;
}

/** The stored days from `from` to `to` (local dates, inclusive), by page then day. */
export async function readDailyStats(db: Db, from: string, to: string): Promise<DailyStat[]> {
  const rows = await db
    .selectFrom('unit_page_daily_stats')
    .select([
      'source_id',
      sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
      'posts',
      'last_post_at',
      'engagement',
      'citizen_comments',
      'answered_comments',
      'median_reply_minutes',
    ])
    .where('day', '>=', sql<Date>`${from}::date`)
    .where('day', '<=', sql<Date>`${to}::date`)
    .orderBy('source_id')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({
    sourceId: r.source_id,
    day: r.day,
    posts: r.posts,
    lastPostAt: r.last_post_at,
    engagement: Number(r.engagement),
    citizenComments: r.citizen_comments,
    answeredComments: r.answered_comments,
    medianReplyMinutes: r.median_reply_minutes === null ? null : Math.round(r.median_reply_minutes * 10) / 10,
  }));
}
