// SLA policy per severity (DESIGN.md defaults; the sla_policies table holds the editable copy).
import type { Severity } from '../analysis/types.js';

export type ClockMode = 'calendar' | 'working_hours';

export interface SlaTarget {
  readonly ackMinutes: number;
  readonly resolveMinutes: number;
  readonly clock: ClockMode;
  /** Share of the allowed time after which the incident is "due soon" (default 0.8). */
  readonly dueSoonRatio?: number;
}

export type SlaPolicy = Readonly<Record<Severity, SlaTarget>>;
export const DEFAULT_DUE_SOON_RATIO = 0.8;

const HOUR = 60;
/** A working day is 8 working hours. */
const WORKING_DAY = 8 * HOUR;

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  critical: { ackMinutes: 1 * HOUR, resolveMinutes: 24 * HOUR, clock: 'calendar' },
  high: { ackMinutes: 4 * HOUR, resolveMinutes: 48 * HOUR, clock: 'calendar' },
  medium: { ackMinutes: 1 * WORKING_DAY, resolveMinutes: 5 * WORKING_DAY, clock: 'working_hours' },
  low: { ackMinutes: 3 * WORKING_DAY, resolveMinutes: 10 * WORKING_DAY, clock: 'working_hours' },
};

// The ordering lives with the severity vocabulary; re-exported for the SLA and alert code.
export { maxSeverity, severityRank } from '../analysis/types.js';
