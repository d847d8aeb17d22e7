// The marks the SLA check sets once each (src/sla/sla-check.ts), and which of them stop holding
// when deadlines move (a severity raise with another policy or clock, the end of a hold): those
// are cleared, so the check marks them again against the new deadlines.
import type { Deadlines } from './deadlines.js';

export const SLA_MARKS = ['ack_due_soon_at', 'ack_breached_at', 'resolve_due_soon_at', 'resolve_breached_at'] as const;
export type SlaMark = (typeof SLA_MARKS)[number];
export type SlaMarks = { readonly [M in SlaMark]: Date | null };

/** Marks set on the incident that the new deadlines no longer justify at `now`. */
export function staleSlaMarks(marks: SlaMarks, deadlines: Deadlines, now: Date): SlaMark[] {
  const reachedAt: Record<SlaMark, Date> = {
    ack_due_soon_at: deadlines.ackWarnAt,
    ack_breached_at: deadlines.ackDueAt,
    resolve_due_soon_at: deadlines.resolveWarnAt,
    resolve_breached_at: deadlines.resolveDueAt,
  };
  return SLA_MARKS.filter((mark) => marks[mark] !== null && reachedAt[mark].getTime() > now.getTime());
}
