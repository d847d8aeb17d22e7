// Report periods: whole local days (Asia/Ho_Chi_Minh, UTC+7 all year), `to` inclusive.
// A month, quarter, half-year or year; or any custom range of days.
import { z } from 'zod';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'custom';

export interface ReportPeriod {
  readonly kind: PeriodKind;
  /** First local day, YYYY-MM-DD. */
  readonly from: string;
  /** Last local day (inclusive), YYYY-MM-DD. */
  readonly to: string;
  /** [startsAt, endsAt): the UTC instants of local midnight on `from` and on the day after `to`. */
  readonly startsAt: Date;
  readonly endsAt: Date;
}

const TZ_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
export const MAX_PERIOD_DAYS = 3_700;

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

/** UTC instant of local midnight starting the day. */
export function localMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - TZ_OFFSET_MS);
}

/** The local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function ymd(year: number, month1: number, day: number): string {
  return new Date(Date.UTC(year, month1 - 1, day)).toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month1: number): string {
  return new Date(Date.UTC(year, month1, 0)).toISOString().slice(0, 10);
}

function monthsPeriod(kind: PeriodKind, year: number, firstMonth1: number, months: number): ReportPeriod {
  const endYear = year + Math.floor((firstMonth1 - 1 + months - 1) / 12);
  const endMonth1 = ((firstMonth1 - 1 + months - 1) % 12) + 1;
  return makePeriod(ymd(year, firstMonth1, 1), lastDayOfMonth(endYear, endMonth1), kind);
}

/** What kind of period [from, to] is: a whole month, quarter, half-year or year, else custom. */
export function classifyPeriod(from: string, to: string): PeriodKind {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  if (d !== 1) return 'custom';
  const spans: [PeriodKind, number, boolean][] = [
    ['month', 1, true],
    ['quarter', 3, (m - 1) % 3 === 0],
    ['half', 6, (m - 1) % 6 === 0],
    ['year', 12, m === 1],
  ];
  for (const [kind, months, aligned] of spans) {
    if (!aligned) continue;
    const endMonthIndex = m - 1 + months - 1;
    if (lastDayOfMonth(y + Math.floor(endMonthIndex / 12), (endMonthIndex % 12) + 1) === to) return kind;
  }
  return 'custom';
}

export function makePeriod(from: string, to: string, kind: PeriodKind = classifyPeriod(from, to)): ReportPeriod {
  const startsAt = localMidnight(from);
  const endsAt = localMidnight(addDays(to, 1));
  if (endsAt <= startsAt) throw new RangeError('the period ends before it starts');
  if ((endsAt.getTime() - startsAt.getTime()) / DAY_MS > MAX_PERIOD_DAYS) throw new RangeError('the period is longer than ten years');
  return { kind, from, to, startsAt, endsAt };
}

/** The period just before: the previous month/quarter/half/year, or as many days just before. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  const months = { month: 1, quarter: 3, half: 6, year: 12 } as const;
  if (period.kind !== 'custom') {
    const span = months[period.kind];
    const index = y * 12 + (m - 1) - span;
    return monthsPeriod(period.kind, Math.floor(index / 12), (index % 12) + 1, span);
  }
  const days = Math.round((period.endsAt.getTime() - period.startsAt.getTime()) / DAY_MS);
  return makePeriod(addDays(period.from, -days), addDays(period.from, -1), 'custom');
}

/** The whole month or quarter that ended just before `at` (local time): what the 1st-of-month job reports. */
export function lastCompleted(kind: 'month' | 'quarter', at: Date): ReportPeriod {
  const today = localDay(at);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const span = kind === 'month' ? 1 : 3;
  const currentFirstMonth = kind === 'month' ? m : m - ((m - 1) % 3);
  const index = y * 12 + (currentFirstMonth - 1) - span;
  return monthsPeriod(kind, Math.floor(index / 12), (index % 12) + 1, span);
}

/** "tháng 10/2026", "quý IV/2026", "6 tháng đầu năm 2026", "năm 2026", "từ 01/10/2026 đến 15/10/2026". */
export function periodLabel(period: ReportPeriod): string {
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  const dmy = (day: string) => day.split('-').reverse().join('/');
  switch (period.kind) {
    case 'month':
      return `tháng ${m}/${y}`;
    case 'quarter':
      return `quý ${['I', 'II', 'III', 'IV'][(m - 1) / 3]}/${y}`;
    case 'half':
      return m === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case 'year':
      return `năm ${y}`;
    case 'custom':
      return `từ ngày ${dmy(period.from)} đến ngày ${dmy(period.to)}`;
  }
}

/** Query parameters of every report route: from/to (YYYY-MM-DD), default the previous month. */
export const periodQuerySchema = z
  .object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), 'from and to go together')
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to')
  // makePeriod's own limit, checked here so that it is a 400 like any other bad query.
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1 <= MAX_PERIOD_DAYS, {
    message: 'the period is longer than ten years',
    path: ['from'],
  });

export function periodFromQuery(query: { from?: string | undefined; to?: string | undefined }, now: Date = new Date()): ReportPeriod {
  return query.from && query.to ? makePeriod(query.from, query.to) : lastCompleted('month', now);
}
