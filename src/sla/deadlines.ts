// Deadlines from a start time and an allowance, in the clock of the severity, with time on hold
// excluded: the clock stops when a hold starts and resumes, with what was left, when it ends.
import { DEFAULT_SLA_POLICY, DEFAULT_DUE_SOON_RATIO, type SlaPolicy, type SlaTarget } from './policy.js';
import type { Severity } from '../analysis/types.js';
import { addWorkingMinutes, DEFAULT_WORKING_CALENDAR, workingMsBetween, type WorkingCalendar } from './working-time.js';

export interface Deadlines {
  readonly ackDueAt: Date;
  readonly resolveDueAt: Date;
  /** When "due soon" is reached: the policy's share (default 80%) of the allowed time. */
  readonly ackWarnAt: Date;
  readonly resolveWarnAt: Date;
}

/** A hold (on_hold) interval; `end` null while it lasts. */
export interface Pause {
  readonly start: Date;
  readonly end: Date | null;
}

export function addAllowance(start: Date, minutes: number, target: Pick<SlaTarget, 'clock'>, calendar: WorkingCalendar): Date {
  return target.clock === 'calendar' ? new Date(start.getTime() + minutes * 60_000) : addWorkingMinutes(start, minutes, calendar);
}

/** Clock milliseconds in [from, to) for the target's clock. */
export function clockMsBetween(from: Date, to: Date, target: Pick<SlaTarget, 'clock'>, calendar: WorkingCalendar): number {
  if (to <= from) return 0;
  return target.clock === 'calendar' ? to.getTime() - from.getTime() : workingMsBetween(from, to, calendar);
}

/**
 * The deadline `minutes` of clock time after `start`, not counting pauses. A pause still running
 * at the deadline leaves it where it would be if the pause ended now: the caller recomputes when
 * the hold ends (and the SLA check ignores incidents on hold).
 */
export function deadlineWithPauses(
  start: Date,
  minutes: number,
  target: Pick<SlaTarget, 'clock'>,
  calendar: WorkingCalendar,
  pauses: readonly Pause[] = [],
  now: Date = new Date(),
): Date {
  let deadline = addAllowance(start, minutes, target, calendar);
  const sorted = [...pauses].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const pause of sorted) {
    if (pause.start >= deadline) break;
    const pauseEnd = pause.end ?? (now > pause.start ? now : pause.start);
    if (pauseEnd <= start) continue;
    const stoppedAt = pause.start > start ? pause.start : start;
    const remainingMinutes = clockMsBetween(stoppedAt, deadline, target, calendar) / 60_000;
    const resumeAt = pauseEnd > stoppedAt ? pauseEnd : stoppedAt;
    deadline = addAllowance(resumeAt, remainingMinutes, target, calendar);
  }
  return deadline;
}

export function computeDeadlines(
  detectedAt: Date,
  severity: Severity,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
  pauses: readonly Pause[] = [],
  now: Date = new Date(),
): Deadlines {
  const target = policy[severity];
  const ratio = target.dueSoonRatio ?? DEFAULT_DUE_SOON_RATIO;
  const at = (minutes: number) => deadlineWithPauses(detectedAt, minutes, target, calendar, pauses, now);
  return {
    ackDueAt: at(target.ackMinutes),
    resolveDueAt: at(target.resolveMinutes),
    ackWarnAt: at(target.ackMinutes * ratio),
    resolveWarnAt: at(target.resolveMinutes * ratio),
  };
}
