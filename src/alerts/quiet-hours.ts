// Quiet hours in Asia/Ho_Chi_Minh (UTC+7 all year: Viet Nam has no daylight saving time).
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When a delivery planned at `now` may go out: `now` outside quiet hours, else the end of them. */
export function quietHoursEnd(now: Date, start: string | null, end: string | null): Date | null {
  if (!start || !end) return null;
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return null;
  const local = now.getTime() + OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = (local - dayStart) / 60_000;
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return null;
  // The end is today when it is still ahead, else tomorrow (a window wrapping midnight).
  let endLocal = dayStart + e * 60_000;
  if (endLocal <= local) endLocal += DAY_MS;
  return new Date(endLocal - OFFSET_MS);
}
