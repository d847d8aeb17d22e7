import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { jsonb } from '../db/jsonb.js';

/**
 * Every kind of event of the incident audit trail. The incident_events table takes no other
 * (its Kysely type), and every one has its Vietnamese name in dashboards/i18n.ts
 * (vi.incident.events, typed to cover this list; tests/incident-events.i18n.test.ts).
 */
export const INCIDENT_EVENT_TYPES = [
  'created',
  'post_added',
  'severity_raised',
  'status_changed',
  'assigned',
  'note',
  'action_recorded',
  'locked',
  'unlocked',
  'evidence_requested',
  'sla_due_soon',
  'sla_breached',
  'reclassified',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

export interface IncidentEventInput {
  readonly incidentId: string;
  readonly actor: string;
  readonly actorUserId?: string | null;
  readonly type: IncidentEventType;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly note?: string | null;
}

/** Appends to the audit trail (the table refuses UPDATE and DELETE). */
export async function appendIncidentEvent(db: Kysely<Database>, event: IncidentEventInput): Promise<void> {
  await db
    .insertInto('incident_events')
    .values({
      incident_id: event.incidentId,
      actor: event.actor,
      actor_user_id: event.actorUserId ?? null,
      type: event.type,
      before: event.before ? jsonb(event.before) : null,
      after: event.after ? jsonb(event.after) : null,
      note: event.note ?? null,
    })
    .execute();
}
