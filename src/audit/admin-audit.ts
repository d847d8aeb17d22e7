// The configuration audit trail (admin_events, append-only): every change an admin makes to users,
// tokens, the commune profile, rule packs, SLA settings and sources is recorded here, in the same
// transaction as the change where the change has one.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { jsonb } from '../db/jsonb.js';

export const ADMIN_ACTIONS = [
  'user.created',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.sessions_ended',
  'token.created',
  'token.revoked',
  'profile.saved',
  'rule_pack.saved',
  'rule_pack.activated',
  'rule_pack.default_restored',
  'sla.policy_changed',
  'sla.working_periods_changed',
  'sla.holiday_saved',
  'sla.holiday_deleted',
  'source.created',
  'source.enabled',
  'source.disabled',
  'model.retrain_requested',
  'model.activated',
  'model.default_restored',
  'model.stored',
  'examples.imported',
  'example.deleted',
  // The commune's own channels (src/channels/units.ts).
  'unit.created',
  'unit.updated',
  'unit.deleted',
  'source.unit_changed',
  'channels.settings_changed',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** Who did it: a signed-in user, an API token (its name), or the command line. */
export interface AdminActor {
  readonly userId: string | null;
  readonly name: string;
}
export const CLI_ACTOR: AdminActor = { userId: null, name: 'cli' };

export interface AdminEventInput {
  readonly action: AdminAction;
  readonly targetType: string;
  readonly targetId?: string | null;
  /** What changed; never secrets (passwords, tokens, page tokens). */
  readonly details?: Record<string, unknown>;
}

export async function recordAdminEvent(db: Kysely<Database>, actor: AdminActor, event: AdminEventInput): Promise<void> {
  await db
    .insertInto('admin_events')
    .values({
      actor_user_id: actor.userId,
      actor: actor.name,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId ?? null,
      details: jsonb(event.details ?? {}),
    })
    .execute();
}

export interface AdminEvent {
  readonly id: string;
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly details: Record<string, unknown>;
}

/** Newest first; `beforeId` pages backwards. */
export async function listAdminEvents(db: Kysely<Database>, options: { limit?: number; beforeId?: string; action?: string } = {}): Promise<AdminEvent[]> {
  let query = db
    .selectFrom('admin_events')
    .select(['id', 'at', 'actor', 'action', 'target_type', 'target_id', 'details'])
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 500));
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  if (options.action) query = query.where('action', '=', options.action);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, targetType: r.target_type, targetId: r.target_id, details: r.details }));
}
