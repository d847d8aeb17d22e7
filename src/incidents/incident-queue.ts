// The triage queue: incidents filtered by status, category, severity, source, assignee, due soon
// and breached, nearest deadline first, with a count for every option of every filter (each count
// applies the other filters, so it says how many the list would show when that option is chosen).
import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, IncidentStatus } from '../db/schema.js';
import { INCIDENT_STATUSES } from './workflow.js';

export const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold'] as const satisfies readonly IncidentStatus[];
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** `status`: 'open' (the default), 'all' or one status. `assignee`: a user id, 'none' or undefined. */
export interface QueueFilter {
  readonly status: 'open' | 'all' | IncidentStatus;
  readonly category?: string | undefined;
  readonly severity?: string | undefined;
  readonly source?: string | undefined;
  /** A rule id: incidents with a member post that this rule matched (spike alerts link here). */
  readonly rule?: string | undefined;
  readonly assignee?: string | undefined;
  readonly dueSoon?: boolean;
  readonly breached?: boolean;
}

export interface QueueItem {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly severity: string;
  readonly status: IncidentStatus;
  readonly version: number;
  readonly created_at: Date;
  readonly acknowledged_at: Date | null;
  readonly ack_due_at: Date | null;
  readonly resolve_due_at: Date | null;
  /** The assignee's username, and the name people know them by. */
  readonly assignee: string | null;
  readonly assignee_name: string | null;
  readonly post_count: number;
  readonly breached: boolean;
  readonly due_soon: boolean;
}

export interface QueueCounts {
  readonly status: Record<string, number>;
  readonly category: Record<string, number>;
  readonly severity: Record<string, number>;
  readonly source: Record<string, number>;
  readonly assignee: Record<string, number>;
  readonly dueSoon: number;
  readonly breached: number;
}

export interface QueueResult {
  readonly items: QueueItem[];
  readonly total: number;
  readonly counts: QueueCounts;
}

type Eb = ExpressionBuilder<Database, 'incidents'>;
type Dimension = 'status' | 'category' | 'severity' | 'source' | 'assignee' | 'dueSoon' | 'breached';

/** Past a deadline now (or marked so by the SLA check); time on hold does not run. */
const breachedSql = (now: Date) => sql<boolean>`(incidents.status NOT IN ('on_hold', 'resolved', 'dismissed') AND (
  incidents.resolve_breached_at IS NOT NULL OR incidents.resolve_due_at < ${now}
  OR (incidents.acknowledged_at IS NULL AND (incidents.ack_breached_at IS NOT NULL OR incidents.ack_due_at < ${now}))))`;
/** Past the warning point of a deadline not yet missed. */
const dueSoonSql = (now: Date) => sql<boolean>`(incidents.status NOT IN ('on_hold', 'resolved', 'dismissed') AND NOT ${breachedSql(now)} AND (
  incidents.resolve_due_soon_at IS NOT NULL OR incidents.resolve_warn_at <= ${now}
  OR (incidents.acknowledged_at IS NULL AND (incidents.ack_due_soon_at IS NOT NULL OR incidents.ack_warn_at <= ${now}))))`;
/** The deadline that comes next: acknowledging (while not done) or resolving. */
export const nextDeadlineSql = sql<Date | null>`CASE WHEN incidents.acknowledged_at IS NULL THEN LEAST(incidents.ack_due_at, incidents.resolve_due_at) ELSE incidents.resolve_due_at END`;

function conditions(eb: Eb, filter: QueueFilter, now: Date, except?: Dimension): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (except !== 'status') {
    if (filter.status === 'open') where.push(eb('incidents.status', 'in', OPEN_STATUSES));
    else if (filter.status !== 'all') where.push(eb('incidents.status', '=', filter.status));
  }
  if (except !== 'category' && filter.category) where.push(eb('incidents.category', '=', filter.category));
  if (except !== 'severity' && filter.severity) where.push(eb('incidents.severity', '=', filter.severity as never));
  if (except !== 'source' && filter.source) {
    where.push(
      eb.exists(
        eb
          .selectFrom('incident_posts')
          .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
          .select(sql`1`.as('one'))
          .whereRef('incident_posts.incident_id', '=', 'incidents.id')
          .where('posts.source_id', '=', filter.source),
      ),
    );
  }
  if (filter.rule) {
    where.push(
      eb.exists(
        eb
          .selectFrom('incident_posts')
          .innerJoin('analyses', 'analyses.post_id', 'incident_posts.post_id')
          .select(sql`1`.as('one'))
          .whereRef('incident_posts.incident_id', '=', 'incidents.id')
          .where(sql<SqlBool>`analyses.matches @> jsonb_build_array(jsonb_build_object('rule', ${filter.rule}::text))`),
      ),
    );
  }
  if (except !== 'assignee' && filter.assignee) {
    where.push(filter.assignee === 'none' ? eb('incidents.assignee_id', 'is', null) : eb('incidents.assignee_id', '=', filter.assignee));
  }
  if (except !== 'dueSoon' && filter.dueSoon) where.push(sql<SqlBool>`${dueSoonSql(now)}`);
  if (except !== 'breached' && filter.breached) where.push(sql<SqlBool>`${breachedSql(now)}`);
  return where;
}

const countMap = (rows: readonly { key: string | null; n: number | string }[]) =>
  Object.fromEntries(rows.map((r) => [r.key ?? 'none', Number(r.n)]));

export async function queryQueue(db: Db, filter: QueueFilter, now = new Date(), limit = 200): Promise<QueueResult> {
  const base = (except?: Dimension) => db.selectFrom('incidents').where((eb) => eb.and(conditions(eb, filter, now, except)));
  const grouped = (dimension: 'status' | 'category' | 'severity' | 'assignee') => {
    const column = dimension === 'assignee' ? 'incidents.assignee_id' : (`incidents.${dimension}` as const);
    return base(dimension)
      .select([sql<string | null>`${sql.ref(column)}::text`.as('key'), sql<number>`count(*)::int`.as('n')])
      .groupBy(column)
      .execute();
  };
  const [items, total, status, category, severity, assignee, source, flags] = await Promise.all([
    base()
      .leftJoin('users', 'users.id', 'incidents.assignee_id')
      .select((eb) => [
        'incidents.id',
        'incidents.title',
        'incidents.category',
        'incidents.severity',
        'incidents.status',
        'incidents.version',
        'incidents.created_at',
        'incidents.acknowledged_at',
        'incidents.ack_due_at',
        'incidents.resolve_due_at',
        'users.username as assignee',
        'users.display_name as assignee_name',
        eb.selectFrom('incident_posts').select(sql<number>`count(*)::int`.as('n')).whereRef('incident_posts.incident_id', '=', 'incidents.id').as('post_count'),
        breachedSql(now).as('breached'),
        dueSoonSql(now).as('due_soon'),
      ])
      .orderBy(sql`${nextDeadlineSql} ASC NULLS LAST`)
      .orderBy('incidents.id', 'desc')
      .limit(limit)
      .execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    grouped('status'),
    grouped('category'),
    grouped('severity'),
    grouped('assignee'),
    base('source')
      .innerJoin('incident_posts', 'incident_posts.incident_id', 'incidents.id')
      .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
      .select([sql<string>`posts.source_id::text`.as('key'), sql<number>`count(DISTINCT incidents.id)::int`.as('n')])
      .groupBy('posts.source_id')
      .execute(),
    Promise.all([
      base('dueSoon').select(sql<number>`count(*) FILTER (WHERE ${dueSoonSql(now)})::int`.as('n')).executeTakeFirstOrThrow(),
      base('breached').select(sql<number>`count(*) FILTER (WHERE ${breachedSql(now)})::int`.as('n')).executeTakeFirstOrThrow(),
    ]),
  ]);
  const statusCounts = countMap(status);
  statusCounts.open = OPEN_STATUSES.reduce((sum, s) => sum + (statusCounts[s] ?? 0), 0);
  statusCounts.all = INCIDENT_STATUSES.reduce((sum, s) => sum + (statusCounts[s] ?? 0), 0);
  return {
    items: items.map((r) => ({ ...r, post_count: Number(r.post_count ?? 0), breached: Boolean(r.breached), due_soon: Boolean(r.due_soon) })),
    total: Number(total.n),
    counts: {
      status: statusCounts,
      category: countMap(category),
      severity: countMap(severity),
      source: countMap(source),
      assignee: countMap(assignee),
      dueSoon: Number(flags[0].n),
      breached: Number(flags[1].n),
    },
  };
}

/** Who can be given an incident: active collaborators and admins. */
export async function assignableUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['collaborator', 'admin'])
    .orderBy('display_name')
    .execute();
}

/** Every source, for the source filter (names only). */
export async function sourceOptions(db: Db) {
  return db.selectFrom('sources').select(['id', 'name']).orderBy('name').execute();
}
