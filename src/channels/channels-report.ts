// The channels report (target 1.3: every party cell and unit keeps at least one page working):
// per unit page over a period, from unit_page_facts() and unit_page_posts
// (migrations/20261202002200_unit_page_facts.sql, the one definition), and whether each page was
// active — at least one post in every week of the period.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { UnitKind } from '../db/schema.js';
import { periodLabel, type ReportPeriod } from '../reports/period.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface Week {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/**
 * The weeks of [startsAt, endsAt): 7-day blocks from the first day; a remainder shorter than a
 * week joins the last block (a 31-day month is 7 + 7 + 7 + 10 days); a period shorter than a week
 * is one week. A period reaching past `asOf` is judged up to `asOf` (rounded up to a whole day).
 */
export function periodWeeks(startsAt: Date, endsAt: Date, asOf: Date = endsAt): Week[] {
  const judgedDays = Math.ceil((Math.min(endsAt.getTime(), Math.max(asOf.getTime(), startsAt.getTime() + 1)) - startsAt.getTime()) / DAY_MS);
  const end = new Date(startsAt.getTime() + judgedDays * DAY_MS);
  const count = Math.max(1, Math.floor(judgedDays / 7));
  return Array.from({ length: count }, (_, i) => ({
    startsAt: new Date(startsAt.getTime() + i * WEEK_MS),
    endsAt: i === count - 1 ? end : new Date(startsAt.getTime() + (i + 1) * WEEK_MS),
  }));
}

/** Index of the week holding `at`, or -1 outside them. */
export function weekIndex(weeks: readonly Week[], at: Date): number {
  return weeks.findIndex((w) => at >= w.startsAt && at < w.endsAt);
}

export interface UnitPageRow {
  readonly unitId: string;
  readonly unit: string;
  readonly unitKind: UnitKind;
  /** null: the unit names no page. */
  readonly sourceId: string | null;
  readonly sourceName: string | null;
  readonly sourceType: string | null;
  readonly posts: number;
  readonly lastPostAt: Date | null;
  readonly engagement: number;
  readonly citizenComments: number;
  readonly answeredComments: number;
  readonly medianReplyMinutes: number | null;
  /** Own posts in each week of the period. */
  readonly weeklyPosts: readonly number[];
  readonly active: boolean;
}

export interface ChannelsReport {
  readonly period: { kind: ReportPeriod['kind']; from: string; to: string; label: string };
  readonly asOf: Date;
  readonly weeks: readonly Week[];
  readonly rows: readonly UnitPageRow[];
  readonly unitsTotal: number;
  /** Units with at least one active page. */
  readonly unitsActive: number;
  /** unitsActive / unitsTotal; null without units. Target: 1 (every unit). */
  readonly activeShare: number | null;
}

interface FactRow {
  unit_id: string;
  unit_name: string;
  unit_kind: UnitKind;
  source_id: string | null;
  source_name: string | null;
  source_type: string | null;
  enabled: boolean | null;
  posts: string;
  last_post_at: Date | null;
  engagement: string;
  citizen_comments: string;
  answered_comments: string;
  median_reply_minutes: number | null;
}

/** unit_page_facts over [startsAt, endsAt), one row per unit page (and per unit without one). */
export async function unitPageFacts(db: Db, startsAt: Date, endsAt: Date): Promise<FactRow[]> {
  const result = await sql<FactRow>`SELECT * FROM unit_page_facts(${startsAt}, ${endsAt})`.execute(db);
  return result.rows;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const KIND_ORDER: Record<UnitKind, number> = { commune: 0, party_cell: 1, agency: 2 };

export async function buildChannelsReport(db: Db, period: ReportPeriod, asOf: Date = new Date()): Promise<ChannelsReport> {
  const weeks = periodWeeks(period.startsAt, period.endsAt, asOf);
  const judgedEnd = weeks[weeks.length - 1]!.endsAt;
  const [facts, weekly] = await Promise.all([
    unitPageFacts(db, period.startsAt, period.endsAt),
    db
      .selectFrom('unit_page_posts')
      .select(['source_id', 'at'])
      .where('at', '>=', period.startsAt)
      .where('at', '<', judgedEnd)
      .execute(),
  ]);
  const perWeek = new Map<string, number[]>();
  for (const post of weekly) {
    const i = weekIndex(weeks, post.at);
    if (i < 0) continue;
    const counts = perWeek.get(post.source_id) ?? weeks.map(() => 0);
    counts[i]!++;
    perWeek.set(post.source_id, counts);
  }
  const rows: UnitPageRow[] = facts
    .map((f) => {
      const weeklyPosts = f.source_id ? (perWeek.get(f.source_id) ?? weeks.map(() => 0)) : weeks.map(() => 0);
      return {
        unitId: f.unit_id,
        unit: f.unit_name,
        unitKind: f.unit_kind,
        sourceId: f.source_id,
        sourceName: f.source_name,
        sourceType: f.source_type,
        posts: Number(f.posts),
        lastPostAt: f.last_post_at,
        engagement: Number(f.engagement),
        citizenComments: Number(f.citizen_comments),
        answeredComments: Number(f.answered_comments),
        medianReplyMinutes: round1(f.median_reply_minutes),
        weeklyPosts,
        active: f.source_id !== null && weeklyPosts.every((n) => n > 0),
      };
    })
    .sort((a, b) => KIND_ORDER[a.unitKind] - KIND_ORDER[b.unitKind] || a.unit.localeCompare(b.unit, 'vi') || (a.sourceName ?? '').localeCompare(b.sourceName ?? '', 'vi'));
  const units = new Map<string, boolean>();
  for (const row of rows) units.set(row.unitId, (units.get(row.unitId) ?? false) || row.active);
  const unitsActive = [...units.values()].filter(Boolean).length;
  return {
    period: { kind: period.kind, from: period.from, to: period.to, label: periodLabel(period) },
    asOf,
    weeks,
    rows,
    unitsTotal: units.size,
    unitsActive,
    activeShare: units.size ? unitsActive / units.size : null,
  };
}

/** The `GET /api/reports/channels` contract. */
export function channelsReportJson(report: ChannelsReport) {
  return {
    units: report.rows.map((r) => ({
      unit: r.unit,
      source_id: r.sourceId,
      posts: r.posts,
      last_post_at: r.lastPostAt?.toISOString() ?? null,
      engagement: r.engagement,
      median_reply_minutes: r.medianReplyMinutes,
      active: r.active,
    })),
    active_share: report.activeShare,
  };
}
