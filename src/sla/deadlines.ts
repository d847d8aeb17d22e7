// Deadlines from a start time and an allowance, in the clock of the severity.
import { DEFAULT_SLA_POLICY, type SlaTarget } from './policy.js';
import type { Severity } from '../analysis/types.js';
import { addWorkingMinutes, DEFAULT_WORKING_CALENDAR, type WorkingCalendar } from './working-time.js';

export interface Deadlines {
  readonly ackDueAt: Date;
  readonly resolveDueAt: Date;
}

export function addAllowance(start: Date, minutes: number, target: SlaTarget, calendar: WorkingCalendar): Date {
  return target.clock === 'calendar' ? new Date(start.getTime() + minutes * 60_000) : addWorkingMinutes(start, minutes, calendar);
}

export function computeDeadlines(
  detectedAt: Date,
  severity: Severity,
  policy: Readonly<Record<Severity, SlaTarget>> = DEFAULT_SLA_POLICY,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): Deadlines {
  const target = policy[severity];
  return {
    ackDueAt: addAllowance(detectedAt, target.ackMinutes, target, calendar),
    resolveDueAt: addAllowance(detectedAt, target.resolveMinutes, target, calendar),
  };
}
