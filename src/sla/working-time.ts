// Working-time arithmetic in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving).
// Mon–Fri 7:30–11:30 and 13:30–17:00 by default, minus holidays given as local dates.

export interface WorkingCalendar {
  /** Local working periods of a working day, as minutes after midnight [start, end). */
  readonly periods: readonly (readonly [number, number])[];
  /** ISO weekday numbers that are working days (1 = Monday … 7 = Sunday). */
  readonly workingWeekdays: readonly number[];
  /** Local dates (YYYY-MM-DD) that are not worked. */
  readonly holidays: ReadonlySet<string>;
}

const TZ_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

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

function isWorkingDay(dayStartUtcMs: number, calendar: WorkingCalendar): boolean {
  const weekday = new Date(dayStartUtcMs + TZ_OFFSET_MS).getUTCDay() || 7;
  return calendar.workingWeekdays.includes(weekday) && !calendar.holidays.has(localDateKey(dayStartUtcMs));
}

/** The instant `minutes` working minutes after `start`. */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): Date {
  let remainingMs = minutes * 60_000;
  let cursor = start.getTime();
  // Bounded: ten years of days is far beyond any SLA.
  for (let guard = 0; guard < 3_660; guard++) {
    const dayStart = localDayStart(cursor);
    if (isWorkingDay(dayStart, calendar)) {
      for (const [from, to] of calendar.periods) {
        const periodStart = Math.max(dayStart + from * 60_000, cursor);
        const periodEnd = dayStart + to * 60_000;
        if (periodStart >= periodEnd) continue;
        const available = periodEnd - periodStart;
        if (remainingMs <= available) return new Date(periodStart + remainingMs);
        remainingMs -= available;
        cursor = periodEnd;
      }
    }
    cursor = dayStart + DAY_MS;
  }
  throw new Error('working calendar has no working time');
}
