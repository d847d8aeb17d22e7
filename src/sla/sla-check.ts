// The scheduled SLA check: marks incidents "due soon" and "breached", once each, with an event
// that alerts can follow. Idempotent and safe to run concurrently: each mark is an
// UPDATE … WHERE mark IS NULL, and its events are written in the same transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { jsonb } from '../db/jsonb.js';

type Mark = 'ack_due_soon_at' | 'ack_breached_at' | 'resolve_due_soon_at' | 'resolve_breached_at';

interface MarkRule {
  readonly mark: Mark;
  readonly clock: 'ack' | 'resolve';
  readonly event: 'sla_due_soon' | 'sla_breached';
  /** The instant at which the mark is due. */
  readonly at: 'ack_warn_at' | 'ack_due_at' | 'resolve_warn_at' | 'resolve_due_at';
  readonly due: 'ack_due_at' | 'resolve_due_at';
  /** Statuses whose clock runs: on_hold is paused; closed incidents are done. */
  readonly statuses: readonly ('new' | 'acknowledged' | 'in_progress')[];
}

const RULES: readonly MarkRule[] = [
  { mark: 'ack_due_soon_at', clock: 'ack', event: 'sla_due_soon', at: 'ack_warn_at', due: 'ack_due_at', statuses: ['new'] },
  { mark: 'ack_breached_at', clock: 'ack', event: 'sla_breached', at: 'ack_due_at', due: 'ack_due_at', statuses: ['new'] },
  { mark: 'resolve_due_soon_at', clock: 'resolve', event: 'sla_due_soon', at: 'resolve_warn_at', due: 'resolve_due_at', statuses: ['new', 'acknowledged', 'in_progress'] },
  { mark: 'resolve_breached_at', clock: 'resolve', event: 'sla_breached', at: 'resolve_due_at', due: 'resolve_due_at', statuses: ['new', 'acknowledged', 'in_progress'] },
];

export interface SlaCheckResult {
  readonly dueSoon: number;
  readonly breached: number;
}

export async function runSlaCheck(db: Kysely<Database>, now: Date = new Date()): Promise<SlaCheckResult> {
  let dueSoon = 0;
  let breached = 0;
  for (const rule of RULES) {
    const marked = await db.transaction().execute(async (tx) => {
      let update = tx
        .updateTable('incidents')
        .set({ [rule.mark]: now })
        .where('status', 'in', rule.statuses)
        .where(rule.mark, 'is', null)
        .where(rule.at, '<=', now);
      // "Due soon" once the deadline has passed says nothing new: only "breached" is raised.
      if (rule.event === 'sla_due_soon') update = update.where(rule.due, '>', now);
      // A reply confirmed on the fanpage is the first response (as the report counts it).
      if (rule.clock === 'ack') {
        update = update.where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('incident_actions').select('incident_actions.id').whereRef('incident_actions.incident_id', '=', 'incidents.id').where('incident_actions.external_reply_id', 'is not', null))),
        );
      }
      const rows = await update.returning(['id', rule.due]).execute();
      if (rows.length) {
        await tx
          .insertInto('incident_events')
          .values(
            rows.map((row) => ({
              incident_id: row.id,
              actor: 'system',
              type: rule.event,
              after: jsonb({ clock: rule.clock, due_at: (row as Record<string, unknown>)[rule.due] }),
              at: now,
            })),
          )
          .execute();
      }
      return rows.length;
    });
    if (rule.event === 'sla_due_soon') dueSoon += marked;
    else breached += marked;
  }
  return { dueSoon, breached };
}

