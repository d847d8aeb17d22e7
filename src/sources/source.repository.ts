import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Source, SourceType } from '../db/schema.js';
import { hasClearSecret, sealConfigSecrets } from '../config/secrets.js';
import { jsonb } from '../db/jsonb.js';

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
  /** The unit whose page this is; undefined leaves an existing source's unit as it is. */
  readonly unitId?: string | null;
}

/**
 * Creates a source or updates the one with the same type and name (idempotent set-up). Secrets in
 * the config (a page token) are sealed with SECRET_KEY; a secret in clear without a key is refused.
 */
export async function upsertSource(db: Db, input: SourceInput, options: { secretKey?: string } = {}): Promise<Source> {
  let config = input.config;
  if (options.secretKey) config = sealConfigSecrets(options.secretKey, config);
  else if (hasClearSecret(config)) throw new Error('a source secret must be sealed: pass the secret key to upsertSource');
  return db
    .insertInto('sources')
    .values({
      name: input.name,
      type: input.type,
      config: jsonb(config),
      interval_seconds: input.intervalSeconds ?? 900,
      is_commune_channel: input.isCommuneChannel ?? false,
      enabled: input.enabled ?? true,
      fetch_state: '{}',
      unit_id: input.unitId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['type', 'name']).doUpdateSet((eb) => ({
        config: eb.ref('excluded.config'),
        interval_seconds: eb.ref('excluded.interval_seconds'),
        is_commune_channel: eb.ref('excluded.is_commune_channel'),
        enabled: eb.ref('excluded.enabled'),
        ...(input.unitId !== undefined ? { unit_id: eb.ref('excluded.unit_id') } : {}),
        updated_at: sql<Date>`now()`,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function recordSourceSuccess(
  db: Db,
  id: string,
  fetchState: Record<string, unknown>,
  run: { items: number; inserted: number } = { items: 0, inserted: 0 },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('sources')
    .set({
      health: 'ok',
      last_error: null,
      last_checked_at: now,
      last_success_at: now,
      fetch_state: jsonb(fetchState),
      consecutive_failures: 0,
      backoff_until: null,
      items_last_run: run.items,
      ...(run.inserted > 0 ? { last_new_item_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Failures before scheduled runs start being skipped, and the longest pause. */
export const BACKOFF_AFTER_FAILURES = 3;
export const MAX_BACKOFF_MS = 24 * 3600_000;

/** After repeated failures a source waits interval × 2^(failures − BACKOFF_AFTER_FAILURES + 1), up to a day. */
export function backoffDelayMs(intervalSeconds: number, consecutiveFailures: number): number {
  if (consecutiveFailures < BACKOFF_AFTER_FAILURES) return 0;
  const exponent = Math.min(20, consecutiveFailures - BACKOFF_AFTER_FAILURES + 1);
  return Math.min(MAX_BACKOFF_MS, intervalSeconds * 1000 * 2 ** exponent);
}

/**
 * Marks the source failing and counts the failure; after repeated failures (or when the remote
 * asked us to wait, `retryAfterMs`) sets `backoff_until`, before which scheduled runs are skipped.
 */
export async function recordSourceFailure(db: Db, id: string, reason: string, options: { retryAfterMs?: number } = {}): Promise<Source | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('sources')
      .set((eb) => ({ health: 'failing', last_error: reason.slice(0, 1000), last_checked_at: new Date(), consecutive_failures: eb('consecutive_failures', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    const delay = Math.max(backoffDelayMs(row.interval_seconds, row.consecutive_failures), options.retryAfterMs ?? 0);
    if (delay <= 0) return row;
    const until = new Date(Date.now() + delay);
    return tx.updateTable('sources').set({ backoff_until: until }).where('id', '=', id).returningAll().executeTakeFirst();
  });
}

/** The built-in source of links and texts reported by hand (created on first use, never scheduled). */
export const MANUAL_SOURCE_NAME = 'manual';

export async function ensureManualSource(db: Db): Promise<Source> {
  await db
    .insertInto('sources')
    .values({ name: MANUAL_SOURCE_NAME, type: 'manual', config: '{}', fetch_state: '{}', interval_seconds: 86_400 })
    .onConflict((oc) => oc.columns(['type', 'name']).doNothing())
    .execute();
  return db.selectFrom('sources').selectAll().where('type', '=', 'manual').where('name', '=', MANUAL_SOURCE_NAME).executeTakeFirstOrThrow();
}

/** A source is "silent" when it has stored nothing new for max(7 days, 20 intervals). */
export function isSilent(source: Pick<Source, 'enabled' | 'type' | 'interval_seconds' | 'last_new_item_at' | 'created_at' | 'last_success_at'>, now = new Date()): boolean {
  if (!source.enabled || source.type === 'manual' || !source.last_success_at) return false;
  const since = source.last_new_item_at ?? source.created_at;
  const threshold = Math.max(7 * 86_400_000, 20 * source.interval_seconds * 1000);
  return now.getTime() - since.getTime() > threshold;
}
