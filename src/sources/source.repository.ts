import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Source, SourceType } from '../db/schema.js';

export async function getSource(db: Db, id: string): Promise<Source | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSources(db: Db, options: { enabledOnly?: boolean } = {}): Promise<Source[]> {
  let query = db.selectFrom('sources').selectAll().orderBy('id');
  if (options.enabledOnly) query = query.where('enabled', '=', true);
  return query.execute();
}

export interface SourceInput {
  readonly name: string;
  readonly type: SourceType;
  readonly config: Record<string, unknown>;
  readonly intervalSeconds?: number;
  readonly isCommuneChannel?: boolean;
  readonly enabled?: boolean;
}

/** Creates a source or updates the one with the same type and name (idempotent set-up). */
export async function upsertSource(db: Db, input: SourceInput): Promise<Source> {
  return db
    .insertInto('sources')
    .values({
      name: input.name,
      type: input.type,
      config: JSON.stringify(input.config),
      interval_seconds: input.intervalSeconds ?? 900,
      is_commune_channel: input.isCommuneChannel ?? false,
      enabled: input.enabled ?? true,
      fetch_state: '{}',
    })
    .onConflict((oc) =>
      oc.columns(['type', 'name']).doUpdateSet((eb) => ({
        config: eb.ref('excluded.config'),
        interval_seconds: eb.ref('excluded.interval_seconds'),
        is_commune_channel: eb.ref('excluded.is_commune_channel'),
        enabled: eb.ref('excluded.enabled'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function recordSourceSuccess(db: Db, id: string, fetchState: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('sources')
    .set({ health: 'ok', last_error: null, last_checked_at: new Date(), last_success_at: new Date(), fetch_state: JSON.stringify(fetchState) })
    .where('id', '=', id)
    .execute();
}

export async function recordSourceFailure(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable('sources')
    .set({ health: 'failing', last_error: reason.slice(0, 1000), last_checked_at: new Date() })
    .where('id', '=', id)
    .execute();
}
