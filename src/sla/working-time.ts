// Working-time arithmetic in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving).
// Mon–Fri 7:30–11:30 and 13:30–17:00 by default, minus holidays given as local dates.

export type Period = readonly [number, number];

export interface WorkingCalendar {
  /** Local working periods of a working day, as minutes after midnight [start, end). */
  readonly periods: readonly Period[];
  /** ISO weekday numbers that are working days (1 = Monday … 7 = Sunday). */
  readonly workingWeekdays: readonly number[];
  /** Local dates (YYYY-MM-DD) that are not worked. */
  readonly holidays: ReadonlySet<string>;
  /** Periods per ISO weekday, when days differ (from the working_periods table); overrides the two above. */
  readonly weekdayPeriods?: ReadonlyMap<number, readonly Period[]>;
}

const TZ_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** Bounded loops: ten years of days is far beyond any SLA. */
const MAX_DAYS = 3_660;

export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = {
  periods: [
    [7 * 60 + 30, 11 * 60 + 30],
    [13 * 60 + 30, 17 * 60],
  ],
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: new Set(),
};

function localDayStart(utcMs: number): number {
  return Math.floor((utcMs + TZ_OFFSET_MS) / DAY_MS) * DAY_MS - TZ_OFFSET_MS;
}

function localDateKey(dayStartUtcMs: number): string {
  return new Date(dayStartUtcMs + TZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** The working periods of the local day starting at `dayStartUtcMs` (none on weekends and holidays). */
function periodsOf(dayStartUtcMs: number, calendar: WorkingCalendar): readonly Period[] {
  if (calendar.holidays.has(localDateKey(dayStartUtcMs))) return [];
  const weekday = new Date(dayStartUtcMs + TZ_OFFSET_MS).getUTCDay() || 7;
  if (calendar.weekdayPeriods) return calendar.weekdayPeriods.get(weekday) ?? [];
  return calendar.workingWeekdays.includes(weekday) ? calendar.periods : [];
}

/** The instant `minutes` working minutes after `start`. */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): Date {
  let remainingMs = minutes * 60_000;
  let cursor = start.getTime();
  for (let guard = 0; guard < MAX_DAYS; guard++) {
    const dayStart = localDayStart(cursor);
    for (const [from, to] of periodsOf(dayStart, calendar)) {
      const periodStart = Math.max(dayStart + from * 60_000, cursor);
      const periodEnd = dayStart + to * 60_000;
      if (periodStart >= periodEnd) continue;
      const available = periodEnd - periodStart;
      if (remainingMs <= available) return new Date(periodStart + remainingMs);
      remainingMs -= available;
      cursor = periodEnd;
    }
    cursor = dayStart + DAY_MS;
  }
  throw new Error('working calendar has no working time');
}

/** Working milliseconds in [from, to). */
export function workingMsBetween(from: Date, to: Date, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): number {
  const end = to.getTime();
  let cursor = from.getTime();
  let total = 0;
  for (let guard = 0; cursor < end && guard < MAX_DAYS; guard++) {
    const dayStart = localDayStart(cursor);
    for (const [a, b] of periodsOf(dayStart, calendar)) {
      const s = Math.max(dayStart + a * 60_000, cursor);
      const e = Math.min(dayStart + b * 60_000, end);
      if (e > s) total += e - s;
    }
    cursor = dayStart + DAY_MS;
  }
  return total;
}
