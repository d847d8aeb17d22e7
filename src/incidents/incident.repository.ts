import { sql } from 'kysely';
import type { Db } from '../db/database.js';

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
