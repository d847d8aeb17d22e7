import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface IncidentEventInput {
  readonly incidentId: string;
  readonly actor: string;
  readonly actorUserId?: string | null;
  readonly type: string;
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
      before: event.before ? JSON.stringify(event.before) : null,
      after: event.after ? JSON.stringify(event.after) : null,
      note: event.note ?? null,
    })
    .execute();
}
