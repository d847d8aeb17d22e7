// Where a flagged post goes: into the open incident of the same story, or a new incident.
import { sql, type Transaction } from 'kysely';
import type { Analysis, Category, Severity } from '../analysis/types.js';
import { CATEGORY_DEFAULT_SEVERITY } from '../analysis/types.js';
import type { Database } from '../db/schema.js';
import { computeDeadlines } from '../sla/deadlines.js';
import { maxSeverity, severityRank } from '../sla/policy.js';
import { canonicalUrl } from '../collectors/text.js';
import { appendIncidentEvent } from './incident-events.js';

type Tx = Transaction<Database>;

const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold'] as const;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()]+/g;

export interface CorrelationInput {
  readonly post: { id: string; canonical_url: string | null; title: string | null; body: string };
  readonly analysis: Analysis;
  readonly now?: Date;
}

export interface CorrelationResult {
  readonly incidentId: string;
  readonly created: boolean;
}

/** The links that identify the story of a post: its own canonical URL and the URLs quoted in its text. */
export function storyLinks(post: { canonical_url: string | null; body: string }): string[] {
  const links = new Set<string>();
  if (post.canonical_url) links.add(post.canonical_url);
  for (const match of post.body.matchAll(URL_IN_TEXT)) {
    const link = canonicalUrl(match[0].replace(/[.,;:!?]+$/, ''));
    if (link) links.add(link);
  }
  return [...links].sort();
}

/** The incident's category: the one of the most severe matched rule, ignoring good news. */
export function primaryCategory(analysis: Analysis): Category | undefined {
  let best: { category: Category; rank: number } | undefined;
  for (const category of analysis.categories) {
    const severity = CATEGORY_DEFAULT_SEVERITY[category];
    if (!severity) continue;
    const rank = severityRank(severity);
    if (!best || rank > best.rank) best = { category, rank };
  }
  return best?.category;
}

export function incidentTitle(post: { title: string | null; body: string }): string {
  const base = (post.title?.trim() || post.body.trim()).replace(/\s+/g, ' ');
  return base.length > 140 ? `${base.slice(0, 139)}…` : base;
}

/**
 * Runs inside the caller's transaction. Posts of one story are serialised by advisory locks on
 * their links, so two workers handling two shares of one link open one incident, not two.
 * Idempotent: a post already in an incident returns that incident.
 */
export async function correlateFlaggedPost(tx: Tx, input: CorrelationInput): Promise<CorrelationResult | null> {
  const { post, analysis } = input;
  const now = input.now ?? new Date();
  const category = primaryCategory(analysis);
  const severity: Severity | null = analysis.severity;
  if (!analysis.flag || !category || !severity) return null;

  const existing = await tx.selectFrom('incident_posts').select('incident_id').where('post_id', '=', post.id).executeTakeFirst();
  if (existing) return { incidentId: existing.incident_id, created: false };

  const links = storyLinks(post);
  for (const link of links) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`story:${link}`}, 0))`.execute(tx);

  const open = links.length
    ? await tx
        .selectFrom('incidents')
        .innerJoin('incident_posts', 'incident_posts.incident_id', 'incidents.id')
        .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
        .select(['incidents.id', 'incidents.severity', 'incidents.detected_at', 'incidents.version'])
        .where('incidents.status', 'in', OPEN_STATUSES)
        .where((eb) => eb.or([eb('posts.canonical_url', 'in', links), eb('incidents.link_key', 'in', links)]))
        .orderBy('incidents.id')
        .forUpdate('incidents')
        .executeTakeFirst()
    : undefined;

  if (open) {
    await tx.insertInto('incident_posts').values({ incident_id: open.id, post_id: post.id, reason: 'same_link' }).execute();
    await appendIncidentEvent(tx, { incidentId: open.id, actor: 'system', type: 'post_added', after: { post_id: post.id, reason: 'same_link' } });
    const raised = maxSeverity(open.severity, severity);
    if (raised !== open.severity) {
      const deadlines = computeDeadlines(open.detected_at, raised);
      await tx
        .updateTable('incidents')
        .set({ severity: raised, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt, updated_at: now, version: open.version + 1 })
        .where('id', '=', open.id)
        .execute();
      await appendIncidentEvent(tx, {
        incidentId: open.id,
        actor: 'system',
        type: 'severity_raised',
        before: { severity: open.severity },
        after: { severity: raised, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt },
      });
    }
    return { incidentId: open.id, created: false };
  }

  const deadlines = computeDeadlines(now, severity);
  const incident = await tx
    .insertInto('incidents')
    .values({
      title: incidentTitle(post),
      category,
      severity,
      link_key: links[0] ?? null,
      detected_at: now,
      ack_due_at: deadlines.ackDueAt,
      resolve_due_at: deadlines.resolveDueAt,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await tx.insertInto('incident_posts').values({ incident_id: incident.id, post_id: post.id, reason: 'opened' }).execute();
  await appendIncidentEvent(tx, {
    incidentId: incident.id,
    actor: 'system',
    type: 'created',
    after: { category, severity, post_id: post.id, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt },
  });
  return { incidentId: incident.id, created: true };
}
