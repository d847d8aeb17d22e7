// The response-time report of a period. Every figure is aggregated from the rows of
// incident_report_facts_at(as_of) (migrations/20261122000500_reports.sql), the one definition of
// per-incident facts; README "Reports" defines each figure.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { IncidentReportFactsView } from '../db/schema.js';
import { periodLabel, previousPeriod, type ReportPeriod } from './period.js';

export type IncidentFact = IncidentReportFactsView;

export interface GroupFigures {
  detected: number;
  handled: number;
  handled_in_time: number;
  /** handled_in_time / (handled + open and already overdue); null when nothing is decided yet. */
  share_in_time: number | null;
  open: number;
  breached: number;
  median_ack_minutes: number | null;
  p90_ack_minutes: number | null;
  median_resolve_minutes: number | null;
  p90_resolve_minutes: number | null;
}

export interface BreachItem {
  incident_id: string;
  title: string;
  category: string;
  severity: string;
  assignee: string | null;
  detected_at: string;
  breach_reason: 'ack_late' | 'resolve_late' | 'overdue_open';
  ack_late_minutes: number | null;
  resolve_late_minutes: number | null;
  status: string;
  hold_reasons: string | null;
  dismiss_reason: string | null;
}

export interface SentimentFigures {
  /** Posts about the commune in the period. */
  about_commune: number;
  positive: number;
  negative: number;
  neutral: number;
}

export interface HeadlineFigures extends GroupFigures {
  sentiment: SentimentFigures;
}

export interface ResponseTimeReport extends GroupFigures {
  period: { kind: ReportPeriod['kind']; from: string; to: string; label: string };
  as_of: string;
  /** The target for share_in_time: every incident handled in time. */
  target_share: 1;
  by_category: Record<string, GroupFigures>;
  by_severity: Record<string, GroupFigures>;
  by_source_type: Record<string, GroupFigures>;
  /** Keyed by the assignee's display name; "unassigned" for none. */
  by_assignee: Record<string, GroupFigures>;
  breaches: BreachItem[];
  sentiment: SentimentFigures;
  previous: { period: { kind: ReportPeriod['kind']; from: string; to: string; label: string } } & HeadlineFigures;
  /** Current minus previous (share_in_time in share points, e.g. -0.05 = 5 points lower). */
  change: Record<keyof GroupFigures | 'positive' | 'negative', number | null>;
}

/** Linear interpolation between closest ranks (PostgreSQL percentile_cont, Excel PERCENTILE.INC). */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const value = sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
  return Math.round(value * 10) / 10;
}

export function figuresOf(facts: readonly IncidentFact[]): GroupFigures {
  const handled = facts.filter((f) => f.handled);
  const inTime = handled.filter((f) => f.handled_in_time).length;
  const overdueOpen = facts.filter((f) => f.is_open && f.resolve_breached).length;
  const decided = handled.length + overdueOpen;
  const ack = facts.flatMap((f) => (f.ack_minutes === null ? [] : [f.ack_minutes]));
  const resolve = handled.flatMap((f) => (f.resolve_minutes === null ? [] : [f.resolve_minutes]));
  return {
    detected: facts.length,
    handled: handled.length,
    handled_in_time: inTime,
    share_in_time: decided ? inTime / decided : null,
    open: facts.filter((f) => f.is_open).length,
    breached: facts.filter((f) => f.breached).length,
    median_ack_minutes: percentile(ack, 0.5),
    p90_ack_minutes: percentile(ack, 0.9),
    median_resolve_minutes: percentile(resolve, 0.5),
    p90_resolve_minutes: percentile(resolve, 0.9),
  };
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

/** Figures per key, keys in order (severities from critical down). */
function groupBy(facts: readonly IncidentFact[], key: (f: IncidentFact) => string, order?: readonly string[]): Record<string, GroupFigures> {
  const groups = new Map<string, IncidentFact[]>();
  for (const fact of facts) {
    const k = key(fact);
    const group = groups.get(k);
    if (group) group.push(fact);
    else groups.set(k, [fact]);
  }
  // Known keys first in their order, then the rest alphabetically, 'unassigned' last.
  const rank = (k: string) => (order?.includes(k) ? order.indexOf(k) : k === 'unassigned' ? 2_000 : 1_000);
  const keys = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'vi'));
  return Object.fromEntries(keys.map((k) => [k, figuresOf(groups.get(k)!)]));
}

/** The facts of the incidents detected in the period, as they stood at `asOf`. */
export async function periodFacts(db: Db, period: ReportPeriod, asOf: Date): Promise<IncidentFact[]> {
  const result = await sql<IncidentFact>`
    SELECT * FROM incident_report_facts_at(${asOf}, ${period.startsAt}, ${period.endsAt})
    ORDER BY detected_at, incident_id`.execute(db);
  return result.rows;
}

export async function sentimentOf(db: Db, period: ReportPeriod, asOf: Date): Promise<SentimentFigures> {
  const row = await db
    .selectFrom('commune_post_sentiment')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) FILTER (WHERE sentiment_label = 'positive')`.as('positive'),
      sql<string>`count(*) FILTER (WHERE sentiment_label = 'negative')`.as('negative'),
      sql<string>`count(*) FILTER (WHERE sentiment_label = 'neutral')`.as('neutral'),
    ])
    .where('at', '>=', period.startsAt)
    .where('at', '<', period.endsAt)
    .where('at', '<=', asOf)
    .executeTakeFirstOrThrow();
  return { about_commune: Number(row.total), positive: Number(row.positive), negative: Number(row.negative), neutral: Number(row.neutral) };
}

const periodInfo = (p: ReportPeriod) => ({ kind: p.kind, from: p.from, to: p.to, label: periodLabel(p) });

function delta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.round((a - b) * 1000) / 1000;
}

export async function buildResponseTimeReport(db: Db, period: ReportPeriod, asOf: Date = new Date()): Promise<ResponseTimeReport> {
  return (await buildReportWithFacts(db, period, asOf)).report;
}

/** The report and the facts of the period's incidents it was aggregated from. */
export async function buildReportWithFacts(db: Db, period: ReportPeriod, asOf: Date = new Date()): Promise<{ report: ResponseTimeReport; facts: IncidentFact[] }> {
  const prev = previousPeriod(period);
  const [facts, prevFacts, sentiment, prevSentiment] = await Promise.all([
    periodFacts(db, period, asOf),
    periodFacts(db, prev, asOf),
    sentimentOf(db, period, asOf),
    sentimentOf(db, prev, asOf),
  ]);
  const totals = figuresOf(facts);
  const previous = figuresOf(prevFacts);
  const change = Object.fromEntries(
    (Object.keys(totals) as (keyof GroupFigures)[]).map((k) => [k, delta(totals[k], previous[k])]),
  ) as ResponseTimeReport['change'];
  change.positive = sentiment.positive - prevSentiment.positive;
  change.negative = sentiment.negative - prevSentiment.negative;
  const report: ResponseTimeReport = {
    period: periodInfo(period),
    as_of: asOf.toISOString(),
    ...totals,
    target_share: 1,
    by_category: groupBy(facts, (f) => f.category),
    by_severity: groupBy(facts, (f) => f.severity, SEVERITY_ORDER),
    by_source_type: groupBy(facts, (f) => f.source_type),
    by_assignee: groupBy(facts, (f) => f.assignee_name ?? 'unassigned'),
    breaches: facts
      .filter((f) => f.breached)
      .map((f) => ({
        incident_id: f.incident_id,
        title: f.title,
        category: f.category,
        severity: f.severity,
        assignee: f.assignee_name,
        detected_at: f.detected_at.toISOString(),
        breach_reason: f.breach_reason!,
        ack_late_minutes: f.ack_late_minutes === null ? null : Math.round(f.ack_late_minutes),
        resolve_late_minutes: f.resolve_late_minutes === null ? null : Math.round(f.resolve_late_minutes),
        status: f.status,
        hold_reasons: f.hold_reasons,
        dismiss_reason: f.dismiss_reason,
      })),
    sentiment,
    previous: { period: periodInfo(prev), ...previous, sentiment: prevSentiment },
    change,
  };
  return { report, facts };
}
