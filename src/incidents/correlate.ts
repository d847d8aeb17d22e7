// Where a flagged post goes: into the open incident of the same story — same link, a comment in
// the thread of an incident's post, or a near-duplicate text — or into a new incident.
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Analysis, Category, Severity } from '../analysis/types.js';
import { CATEGORY_DEFAULT_SEVERITY } from '../analysis/types.js';
import type { Database } from '../db/schema.js';
import { computeDeadlines, type Deadlines } from '../sla/deadlines.js';
import { SLA_MARKS, staleSlaMarks } from '../sla/marks.js';
import { maxSeverity, severityRank } from '../sla/policy.js';
import { loadPauses, loadSlaSettings, type SlaSettings } from '../sla/sla-settings.repository.js';
import { canonicalUrl } from '../collectors/text.js';
import { appendIncidentEvent } from './incident-events.js';
import { fingerprint, similarity, type Fingerprint } from './fingerprint.js';

type Tx = Transaction<Database>;
type JoinReason = 'same_link' | 'near_duplicate' | 'same_thread';

export const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold'] as const;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()]+/g;

export interface CorrelationOptions {
  /** Least estimated Jaccard similarity of syllable 3-grams for a near-duplicate. */
  readonly minSimilarity: number;
  /** Only members seen within this window count as near-duplicates. */
  readonly windowMs: number;
  /** SLA policy and calendar; read from the database when absent. */
  readonly sla?: SlaSettings;
}

export const DEFAULT_CORRELATION_OPTIONS: CorrelationOptions = { minSimilarity: 0.5, windowMs: 7 * 86_400_000 };

export interface CorrelationInput {
  readonly post: {
    id: string;
    canonical_url: string | null;
    title: string | null;
    body: string;
    /** With external_id and parent_external_id: lets a comment join its thread's incident. */
    source_id?: string;
    external_id?: string;
    parent_external_id?: string | null;
  };
  readonly analysis: Analysis;
  readonly now?: Date;
  readonly options?: Partial<CorrelationOptions>;
}

export interface CorrelationResult {
  readonly incidentId: string;
  readonly created: boolean;
  readonly reason?: 'opened' | JoinReason;
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

/** Title and body once each: what the fingerprint is computed from. */
function storyText(post: { title: string | null; body: string }): string {
  const title = post.title?.trim();
  const body = post.body.trim();
  return !title || body.startsWith(title) ? body : `${title}\n${body}`;
}

/** 64-bit advisory lock key of a story key, computed here so that all keys sort in one order. */
function lockKey(key: string): bigint {
  return createHash('sha256').update(key).digest().readBigInt64BE(0);
}

/**
 * Everything that can make two posts one story becomes a lock key: each link, the thread, each
 * LSH band. Taken in one sorted order in one statement, so two workers filing posts of one story
 * serialise (the second sees the first's incident) and never deadlock.
 */
export function storyLockKeys(links: readonly string[], thread: string | null, print: Fingerprint | null): bigint[] {
  const keys = new Set<bigint>();
  for (const link of links) keys.add(lockKey(`story:${link}`));
  if (thread) keys.add(lockKey(`thread:${thread}`));
  for (const band of print?.bands ?? []) keys.add(lockKey(`band:${band}`));
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface OpenIncident {
  id: string;
  severity: Severity;
  detected_at: Date;
  version: number;
  status: string;
}

/**
 * Runs inside the caller's transaction; idempotent: a post already in an incident returns that
 * incident. Nothing is written before the story locks are held, and everything is written in the
 * caller's transaction, so a worker killed midway leaves no trace and the retry files the post.
 */
export async function correlateFlaggedPost(tx: Tx, input: CorrelationInput): Promise<CorrelationResult | null> {
  const { post, analysis } = input;
  const now = input.now ?? new Date();
  const options = { ...DEFAULT_CORRELATION_OPTIONS, ...input.options };
  const category = primaryCategory(analysis);
  const severity: Severity | null = analysis.severity;
  if (!analysis.flag || !category || !severity) return null;

  const existing = await tx.selectFrom('incident_posts').select('incident_id').where('post_id', '=', post.id).executeTakeFirst();
  if (existing) return { incidentId: existing.incident_id, created: false };

  const links = storyLinks(post);
  const print = fingerprint(storyText(post));
  const threadRoot = post.source_id && post.external_id ? `${post.source_id}:${post.parent_external_id ?? post.external_id}` : null;
  const keys = storyLockKeys(links, threadRoot, print);
  if (keys.length) {
    await sql`SELECT pg_advisory_xact_lock(k) FROM unnest(${keys.map(String)}::bigint[]) AS k`.execute(tx);
    // The lock waited for a concurrent transaction that may have filed this very post.
    const filed = await tx.selectFrom('incident_posts').select('incident_id').where('post_id', '=', post.id).executeTakeFirst();
    if (filed) return { incidentId: filed.incident_id, created: false };
  }

  let target: { incident: OpenIncident; reason: JoinReason } | undefined;
  if (links.length) {
    const incident = await tx
      .selectFrom('incidents')
      .innerJoin('incident_posts', 'incident_posts.incident_id', 'incidents.id')
      .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
      .select(['incidents.id', 'incidents.severity', 'incidents.detected_at', 'incidents.version', 'incidents.status'])
      .where('incidents.status', 'in', OPEN_STATUSES)
      .where((eb) => eb.or([eb('posts.canonical_url', 'in', links), eb('incidents.link_key', 'in', links)]))
      .orderBy('incidents.id')
      .forUpdate('incidents')
      .executeTakeFirst();
    if (incident) target = { incident, reason: 'same_link' };
  }
  if (!target && post.parent_external_id && post.source_id) {
    // A comment joins the open incident of the same category filed from its post or its thread.
    const parent = post.parent_external_id;
    const incident = await tx
      .selectFrom('posts')
      .innerJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
      .innerJoin('incidents', 'incidents.id', 'incident_posts.incident_id')
      .select(['incidents.id', 'incidents.severity', 'incidents.detected_at', 'incidents.version', 'incidents.status'])
      .where('posts.source_id', '=', post.source_id)
      .where((eb) => eb.or([eb('posts.external_id', '=', parent), eb('posts.parent_external_id', '=', parent)]))
      .where('incidents.status', 'in', OPEN_STATUSES)
      .where('incidents.category', '=', category)
      .orderBy('incidents.id')
      .forUpdate('incidents')
      .executeTakeFirst();
    if (incident) target = { incident, reason: 'same_thread' };
  }
  if (!target && print) {
    // Candidates by the band index alone (a join here misleads the planner into scanning
    // incidents); confirmed on the signature, then the best open incident is locked.
    const candidates = await tx
      .selectFrom('post_fingerprints')
      .select(['incident_id', 'signature'])
      .where(sql<boolean>`bands && ${sql.val(print.bands)}::integer[]`)
      .where('seen_at', '>=', new Date(now.getTime() - options.windowMs))
      .execute();
    const best = new Map<string, number>();
    for (const candidate of candidates) {
      const score = similarity(print.signature, candidate.signature);
      if (score >= options.minSimilarity && score > (best.get(candidate.incident_id) ?? -1)) best.set(candidate.incident_id, score);
    }
    const ranked = [...best].sort(([a, x], [b, y]) => y - x || (BigInt(a) < BigInt(b) ? -1 : 1)).map(([id]) => id);
    if (ranked.length) {
      const incidents = await tx
        .selectFrom('incidents')
        .select(['id', 'severity', 'detected_at', 'version', 'status'])
        .where('id', 'in', ranked.slice(0, 20))
        .where('status', 'in', OPEN_STATUSES)
        .orderBy('id')
        .forUpdate()
        .execute();
      const incident = ranked.map((id) => incidents.find((i) => i.id === id)).find((i) => i !== undefined);
      if (incident) target = { incident, reason: 'near_duplicate' };
    }
  }

  if (target) {
    const { incident, reason } = target;
    await tx.insertInto('incident_posts').values({ incident_id: incident.id, post_id: post.id, reason }).execute();
    await storeFingerprint(tx, post.id, incident.id, print, now);
    await appendIncidentEvent(tx, { incidentId: incident.id, actor: 'system', type: 'post_added', after: { post_id: post.id, reason } });
    const raised = maxSeverity(incident.severity, severity);
    if (raised !== incident.severity) {
      const sla = options.sla ?? (await loadSlaSettings(tx));
      const deadlines = computeDeadlines(incident.detected_at, raised, sla.policy, sla.calendar, await loadPauses(tx, incident.id), now);
      // Due-soon / breached marks the new deadlines no longer justify are cleared (the SLA check
      // marks them again when they are reached); the event says which, with their old values.
      const marks = await tx.selectFrom('incidents').select([...SLA_MARKS]).where('id', '=', incident.id).executeTakeFirstOrThrow();
      const stale = staleSlaMarks(marks, deadlines, now);
      const cleared = Object.fromEntries(stale.map((mark) => [mark, null]));
      await tx
        .updateTable('incidents')
        .set({ severity: raised, ...deadlineColumns(deadlines), ...cleared, updated_at: now, version: sql`version + 1` })
        .where('id', '=', incident.id)
        .execute();
      await appendIncidentEvent(tx, {
        incidentId: incident.id,
        actor: 'system',
        type: 'severity_raised',
        before: { severity: incident.severity, ...Object.fromEntries(stale.map((mark) => [mark, marks[mark]])) },
        after: { severity: raised, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt, ...cleared, sla_marks_reset: stale },
      });
    }
    return { incidentId: incident.id, created: false, reason };
  }

  const sla = options.sla ?? (await loadSlaSettings(tx));
  const deadlines = computeDeadlines(now, severity, sla.policy, sla.calendar);
  const incident = await tx
    .insertInto('incidents')
    .values({ title: incidentTitle(post), category, severity, link_key: links[0] ?? null, detected_at: now, ...deadlineColumns(deadlines) })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await tx.insertInto('incident_posts').values({ incident_id: incident.id, post_id: post.id, reason: 'opened' }).execute();
  await storeFingerprint(tx, post.id, incident.id, print, now);
  await appendIncidentEvent(tx, {
    incidentId: incident.id,
    actor: 'system',
    type: 'created',
    after: { category, severity, post_id: post.id, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt },
  });
  return { incidentId: incident.id, created: true, reason: 'opened' };
}

export function deadlineColumns(deadlines: Deadlines) {
  return {
    ack_due_at: deadlines.ackDueAt,
    resolve_due_at: deadlines.resolveDueAt,
    ack_warn_at: deadlines.ackWarnAt,
    resolve_warn_at: deadlines.resolveWarnAt,
  };
}

async function storeFingerprint(tx: Tx, postId: string, incidentId: string, print: Fingerprint | null, now: Date): Promise<void> {
  if (!print) return;
  await tx
    .insertInto('post_fingerprints')
    .values({ post_id: postId, incident_id: incidentId, signature: [...print.signature], bands: [...print.bands], seen_at: now })
    .onConflict((oc) => oc.column('post_id').doUpdateSet({ incident_id: incidentId, seen_at: now }))
    .execute();
}
