import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { listEvidence } from '../evidence/evidence.repository.js';

export interface IncidentListItem {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly created_at: Date;
  readonly post_count: number;
  readonly ack_due_at: Date | null;
  readonly resolve_due_at: Date | null;
}

export interface IncidentFilter {
  readonly status?: readonly string[];
  readonly limit?: number;
}

export async function listIncidents(db: Db, filter: IncidentFilter = {}): Promise<IncidentListItem[]> {
  let query = db
    .selectFrom('incidents')
    .select((eb) => [
      'incidents.id',
      'incidents.title',
      'incidents.category',
      'incidents.severity',
      'incidents.status',
      'incidents.created_at',
      'incidents.ack_due_at',
      'incidents.resolve_due_at',
      eb
        .selectFrom('incident_posts')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('incident_posts.incident_id', '=', 'incidents.id')
        .as('post_count'),
    ])
    .orderBy(sql`incidents.resolve_due_at ASC NULLS LAST`)
    .orderBy('incidents.id', 'desc')
    .limit(filter.limit ?? 200);
  if (filter.status?.length) query = query.where('incidents.status', 'in', filter.status as never[]);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, post_count: Number(r.post_count ?? 0) }));
}

/** One incident with what a collaborator needs to handle it: its posts, audit trail, actions, holds, evidence. */
export async function getIncidentDetail(db: Db, id: string) {
  const incident = await db
    .selectFrom('incidents')
    .leftJoin('users', 'users.id', 'incidents.assignee_id')
    .leftJoin('users as locker', 'locker.id', 'incidents.locked_by_user_id')
    .selectAll('incidents')
    .select((eb) => [
      'users.username as assignee',
      'users.display_name as assignee_name',
      // People by their names; the stored name when there is no user (an API token, a deleted user).
      eb.fn.coalesce('locker.display_name', 'incidents.locked_by').as('locked_by_name'),
    ])
    .where('incidents.id', '=', id)
    .executeTakeFirst();
  if (!incident) return undefined;
  const [posts, events, actions, holds, evidence] = await Promise.all([
    db
      .selectFrom('incident_posts')
      .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
      .innerJoin('sources', 'sources.id', 'posts.source_id')
      .leftJoin('analyses', 'analyses.post_id', 'posts.id')
      .select([
        'posts.id',
        'posts.url',
        'posts.title',
        'posts.body',
        'posts.published_at',
        'posts.collected_at',
        'posts.parent_external_id',
        'posts.content_purged_at',
        'sources.name as source',
        'sources.type as source_type',
        'incident_posts.reason',
        'incident_posts.added_at',
        'analyses.categories',
        'analyses.severity',
        'analyses.matches',
        'analyses.model',
      ])
      .where('incident_posts.incident_id', '=', id)
      .orderBy('incident_posts.added_at')
      .orderBy('posts.id')
      .execute(),
    db
      .selectFrom('incident_events')
      .leftJoin('users', 'users.id', 'incident_events.actor_user_id')
      // An assignment names its assignee by username in `after`.
      .leftJoin('users as assigned', (join) =>
        join.on('incident_events.type', '=', 'assigned').on((eb) => eb(eb.ref('incident_events.after', '->>').key('assignee'), '=', eb.ref('assigned.username'))),
      )
      .select((eb) => [
        'incident_events.id',
        'incident_events.at',
        'incident_events.actor',
        eb.fn.coalesce('users.display_name', 'incident_events.actor').as('actor_name'),
        'incident_events.type',
        'incident_events.before',
        'incident_events.after',
        'incident_events.note',
        'assigned.display_name as assignee_name',
      ])
      .where('incident_events.incident_id', '=', id)
      .orderBy('incident_events.id')
      .execute(),
    db
      .selectFrom('incident_actions')
      .leftJoin('users', 'users.id', 'incident_actions.actor_user_id')
      .select((eb) => [
        'incident_actions.id',
        'incident_actions.type',
        'incident_actions.done_at',
        'incident_actions.description',
        'incident_actions.actor',
        eb.fn.coalesce('users.display_name', 'incident_actions.actor').as('actor_name'),
        'incident_actions.created_at',
      ])
      .where('incident_actions.incident_id', '=', id)
      .orderBy('incident_actions.done_at')
      .execute(),
    db.selectFrom('incident_holds').select(['reason', 'started_at', 'ended_at']).where('incident_id', '=', id).orderBy('started_at').execute(),
    listEvidence(db, id),
  ]);
  return { incident, posts, events, actions, holds, evidence };
}

export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof getIncidentDetail>>>;
