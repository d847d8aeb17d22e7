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
import { postText } from '../posts/post-text.js';
import { appendIncidentEvent, type IncidentEventType } from './incident-events.js';
import { fingerprint, similarity, type Fingerprint } from './fingerprint.js';
import { jsonb } from '../db/jsonb.js';

type Tx = Transaction<Database>;
type JoinReason = 'same_link' | 'near_duplicate' | 'same_thread';

export const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold'] as const;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()]+/g;

export interface CorrelationOptions {
  /** Least estimated Jaccard similarity of syllable 3-grams for a near-duplicate. */
  readonly minSimilarity: number;
  /** Only members seen within this window count as near-duplicates. */
  readonly windowMs: number;
  /**
   * A member whose fingerprint is at least this similar to one its incident already keeps (in the
   * window, sharing a band) adds no fingerprint: that one's seen_at is renewed instead. A story
   * reposted thousands of times then keeps a bounded set of fingerprints, so filing its next
   * repost costs the same as the first. The price, bounded by the triangle inequality of Jaccard
   * distance: a post within minSimilarity of an absorbed copy but not of any kept fingerprint is
   * not joined by similarity (a shared link or thread still joins it).
   */
  readonly absorbSimilarity: number;
  /** SLA policy and calendar; read from the database when absent. */
  readonly sla?: SlaSettings;
}

export const DEFAULT_CORRELATION_OPTIONS: CorrelationOptions = { minSimilarity: 0.5, windowMs: 7 * 86_400_000, absorbSimilarity: 0.7 };

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

/**
 * The incident's category: the incident category the learned model is surest of, or, when the
 * rules alone decided, the one of the most severe matched rule; never good news.
 */
export function primaryCategory(analysis: Analysis): Category | undefined {
  const scores = analysis.model?.category_scores;
  if (scores) {
    let surest: Category | undefined;
    for (const category of analysis.categories) {
      if (CATEGORY_DEFAULT_SEVERITY[category] === null) continue;
      if (surest === undefined || scores[category] > scores[surest]) surest = category;
    }
    if (surest !== undefined) return surest;
  }
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

export function threadRootOf(post: CorrelationInput['post']): string | null {
  return post.source_id && post.external_id ? `${post.source_id}:${post.parent_external_id ?? post.external_id}` : null;
}

/** Takes story locks (transaction-scoped) in one statement, in the sorted order of `keys`. */
export async function lockStories(tx: Tx, keys: readonly bigint[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(k) FROM unnest(${keys.map(String)}::bigint[]) AS k`.execute(tx);
}

/** The distinct kept signatures a new member's fingerprint is absorbed by (empty: it is kept). */
function absorbingSignatures(print: Fingerprint, kept: readonly (readonly number[])[], absorbSimilarity: number): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (const signature of kept) {
    const key = signature.join(',');
    if (seen.has(key) || similarity(print.signature, signature) < absorbSimilarity) continue;
    seen.add(key);
    out.push([...signature]);
  }
  return out;
}

/** Renews seen_at of the absorbing fingerprints (those still in the window), in one statement. */
async function renewFingerprints(tx: Tx, renewals: readonly { incidentId: string; signatures: readonly (readonly number[])[]; since: Date; seenAt: Date }[]): Promise<void> {
  const rows = renewals.flatMap((r) => r.signatures.map((signature) => sql`(${r.incidentId}::bigint, ${signature.join(',')}::text, ${r.since}::timestamptz, ${r.seenAt}::timestamptz)`));
  if (rows.length === 0) return;
  await sql`
    UPDATE post_fingerprints AS p SET seen_at = v.seen_at
    FROM (VALUES ${sql.join(rows)}) AS v (incident_id, signature, since, seen_at)
    WHERE p.incident_id = v.incident_id AND array_to_string(p.signature, ',') = v.signature
      AND p.seen_at >= v.since AND p.seen_at < v.seen_at`.execute(tx);
}

interface OpenIncident {
  id: string;
  severity: Severity;
  detected_at: Date;
  version: number;
  status: string;
}

/** A flagged post ready to be filed: what it would open an incident with, and its story. */
interface Fileable {
  readonly post: CorrelationInput['post'];
  readonly category: Category;
  readonly severity: Severity;
  readonly links: string[];
  readonly print: Fingerprint | null;
  readonly keys: bigint[];
  readonly now: Date;
  readonly options: CorrelationOptions;
}

/** Null when the analysis files nothing (not flagged, or good news only). */
function fileable(input: CorrelationInput): Fileable | null {
  const { post, analysis } = input;
  const category = primaryCategory(analysis);
  const severity: Severity | null = analysis.severity;
  if (!analysis.flag || !category || !severity) return null;
  const links = storyLinks(post);
  const print = fingerprint(postText(post));
  const keys = storyLockKeys(links, threadRootOf(post), print);
  return { post, category, severity, links, print, keys, now: input.now ?? new Date(), options: { ...DEFAULT_CORRELATION_OPTIONS, ...input.options } };
}

/**
 * Runs inside the caller's transaction; idempotent: a post already in an incident returns that
 * incident. Nothing is written before the story locks are held, and everything is written in the
 * caller's transaction, so a worker killed midway leaves no trace and the retry files the post.
 */
export async function correlateFlaggedPost(tx: Tx, input: CorrelationInput): Promise<CorrelationResult | null> {
  const item = fileable(input);
  if (!item) return null;
  const existing = await tx.selectFrom('incident_posts').select('incident_id').where('post_id', '=', item.post.id).executeTakeFirst();
  if (existing) {
    await raiseFiledIncidents(tx, [{ incidentId: existing.incident_id, item }]);
    return { incidentId: existing.incident_id, created: false };
  }
  if (item.keys.length) {
    await lockStories(tx, item.keys);
    // The lock waited for a concurrent transaction that may have filed this very post.
    const filed = await tx.selectFrom('incident_posts').select('incident_id').where('post_id', '=', item.post.id).executeTakeFirst();
    if (filed) return { incidentId: filed.incident_id, created: false };
  }
  return fileUnfiled(tx, item);
}

/**
 * correlateFlaggedPost for several posts in one transaction (analyzeBatch), with the result of
 * filing them one after the other in this order, in about ten round trips whatever their number
 * (the story locks are held meanwhile, so their time is what serialises concurrent batches):
 * the story locks of all of them, in one sorted statement (two such transactions never deadlock
 * on them); one look-up each of what is already filed, of the open incidents sharing a link or a
 * thread, and of the fingerprints sharing a band; the incidents that may be joined, locked; then
 * each post is placed in memory, exactly as fileUnfiled would, seeing what the posts before it
 * opened and joined; then everything is written with multi-row statements.
 */
export async function correlateFlaggedPosts(tx: Tx, inputs: readonly CorrelationInput[]): Promise<(CorrelationResult | null)[]> {
  const items = inputs.map(fileable);
  const present = items.filter((i): i is Fileable => i !== null);
  if (present.length === 0) return items.map(() => null);
  await lockStories(tx, [...new Set(present.flatMap((i) => i.keys))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  const filedRows = await tx
    .selectFrom('incident_posts')
    .select(['post_id', 'incident_id'])
    .where('post_id', 'in', present.map((i) => i.post.id))
    .execute();
  const done = new Map<string, CorrelationResult>(filedRows.map((r) => [r.post_id, { incidentId: r.incident_id, created: false }]));
  const itemOf = new Map(present.map((i) => [i.post.id, i]));
  await raiseFiledIncidents(tx, filedRows.map((r) => ({ incidentId: r.incident_id, item: itemOf.get(r.post_id)! })));
  const todo = [...new Map(present.filter((i) => !done.has(i.post.id)).map((i) => [i.post.id, i])).values()];
  if (todo.length) {
    for (const [postId, result] of await placeAndWrite(tx, todo)) done.set(postId, result);
  }
  // A post given twice is filed once; the second time it is "already filed".
  const seen = new Set<string>();
  return items.map((item) => {
    if (!item) return null;
    const result = done.get(item.post.id)!;
    if (seen.has(item.post.id)) return { incidentId: result.incidentId, created: false };
    seen.add(item.post.id);
    return result;
  });
}

/** An open incident a post of the group may join: read and locked, or opened by the group. */
interface GroupIncident {
  /** Orders incidents as their ids will: one opened here comes after every existing one. */
  readonly order: bigint;
  id: string | null;
  readonly opened: boolean;
  readonly category: string;
  readonly detectedAt: Date;
  severity: Severity;
  version: number;
  deadlines: Deadlines | null;
  marks: { -readonly [M in (typeof SLA_MARKS)[number]]: Date | null };
  updatedAt: Date | null;
  /** For an opened one: its title and link key. */
  readonly title?: string;
  readonly linkKey?: string | null;
  pauses?: Awaited<ReturnType<typeof loadPauses>>;
}

interface GroupPrint {
  readonly incident: { order: bigint; open: GroupIncident | undefined };
  /** Read from the database: the incident's id (open or not). */
  readonly incidentId?: string;
  readonly signature: readonly number[];
  readonly bands: readonly number[];
  /** Renewed when a later member is absorbed by it. */
  seenAt: Date;
}

async function placeAndWrite(tx: Tx, todo: readonly Fileable[]): Promise<Map<string, CorrelationResult>> {
  // What exists, read once for the whole group.
  const links = [...new Set(todo.flatMap((i) => i.links))];
  const comments = todo.filter((i) => i.post.parent_external_id && i.post.source_id);
  const bands = [...new Set(todo.flatMap((i) => i.print?.bands ?? []))];
  const since = new Date(Math.min(...todo.map((i) => i.now.getTime() - i.options.windowMs)));
  // The posts sharing a link first, then their incidents by post id: one join query let the planner
  // (without statistics on fresh rows) scan every member.
  const linkedPosts = links.length ? await tx.selectFrom('posts').select(['id', 'canonical_url']).where('canonical_url', 'in', links).execute() : [];
  // Closed incidents are left out below, when the candidates are locked (status open only).
  const memberRows = linkedPosts.length
    ? await tx.selectFrom('incident_posts').select(['incident_id', 'post_id']).where('post_id', 'in', linkedPosts.map((p) => p.id)).execute()
    : [];
  const urlOfPost = new Map(linkedPosts.map((p) => [p.id, p.canonical_url]));
  const linkRows = [
    ...memberRows.map((r) => ({ incident_id: r.incident_id, url: urlOfPost.get(r.post_id) ?? null })),
    ...(links.length
      ? await tx
          .selectFrom('incidents')
          .select(['id as incident_id', 'link_key as url'])
          .where('link_key', 'in', links)
          // The predicate of the partial index incidents_open_link_idx (the open statuses), so that it is used.
          .where('status', 'not in', ['resolved', 'dismissed'])
          .execute()
      : []),
  ];
  const parents = [...new Set(comments.map((i) => i.post.parent_external_id!))];
  const threadRows = comments.length
    ? await tx
        .selectFrom('posts')
        .innerJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
        .innerJoin('incidents', 'incidents.id', 'incident_posts.incident_id')
        .select(['incidents.id as incident_id', 'posts.source_id', 'posts.external_id', 'posts.parent_external_id'])
        .where('posts.source_id', 'in', [...new Set(comments.map((i) => i.post.source_id!))])
        .where((eb) => eb.or([eb('posts.external_id', 'in', parents), eb('posts.parent_external_id', 'in', parents)]))
        .where('incidents.status', 'in', OPEN_STATUSES)
        .execute()
    : [];
  const printRows = bands.length
    ? await tx
        .selectFrom('post_fingerprints')
        // A much reposted story has many members, many with the same text: one row per distinct
        // fingerprint of an incident, seen last at max(seen_at) (the window keeps it if any copy is
        // in it), as text (pg's array parser is slow).
        .select(['incident_id', sql<Date>`max(seen_at)`.as('seen_at'), sql<string>`array_to_string(signature, ',')`.as('signature'), sql<string>`array_to_string(bands, ',')`.as('bands')])
        .where(sql<boolean>`bands && ${sql.val(bands)}::integer[]`)
        .where('seen_at', '>=', since)
        .groupBy(['incident_id', 'signature', 'bands'])
        .execute()
    : [];
  // The incidents any post may join, locked as fileUnfiled locks its target.
  const minSimilarity = Math.min(...todo.map((i) => i.options.minSimilarity));
  const candidates = new Set<string>([...linkRows.map((r) => r.incident_id), ...threadRows.map((r) => r.incident_id)]);
  const printsRead = printRows.map((r) => ({ incidentId: r.incident_id, seenAt: r.seen_at, signature: r.signature.split(',').map(Number), bands: r.bands.split(',').map(Number) }));
  // Fingerprints by band: a post is compared with those sharing one of its bands only, as fileUnfiled's query does.
  const byBand = new Map<number, GroupPrint[]>();
  const indexPrint = (print: GroupPrint) => {
    for (const band of print.bands) {
      const list = byBand.get(band);
      if (list) list.push(print);
      else byBand.set(band, [print]);
    }
  };
  const sharingBand = (own: readonly number[]) => new Set(own.flatMap((band) => byBand.get(band) ?? []));
  const prints: GroupPrint[] = printsRead.map((r) => ({ incident: { order: BigInt(r.incidentId), open: undefined }, incidentId: r.incidentId, signature: r.signature, bands: r.bands, seenAt: r.seenAt }));
  for (const print of prints) indexPrint(print);
  for (const item of todo) {
    if (!item.print) continue;
    for (const print of sharingBand(item.print.bands)) {
      if (!candidates.has(print.incidentId!) && similarity(item.print.signature, print.signature) >= minSimilarity) candidates.add(print.incidentId!);
    }
  }
  const lockedRows = candidates.size
    ? await tx
        .selectFrom('incidents')
        .select(['id', 'status', 'severity', 'detected_at', 'version', 'category', ...SLA_MARKS])
        .where('id', 'in', [...candidates])
        .orderBy('id')
        .forUpdate()
        .execute()
        // Open ones only; filtered here, as a status predicate lets the planner scan every open incident.
        .then((rows) => rows.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status)))
    : [];
  const open = new Map<string, GroupIncident>(
    lockedRows.map((r) => [
      r.id,
      {
        order: BigInt(r.id),
        id: r.id,
        opened: false,
        category: r.category,
        detectedAt: r.detected_at,
        severity: r.severity,
        version: r.version,
        deadlines: null,
        marks: { ack_due_soon_at: r.ack_due_soon_at, ack_breached_at: r.ack_breached_at, resolve_due_soon_at: r.resolve_due_soon_at, resolve_breached_at: r.resolve_breached_at },
        updatedAt: null,
      },
    ]),
  );
  const byLink = new Map<string, Set<GroupIncident>>();
  const addLink = (url: string | null | undefined, incident: GroupIncident) => {
    if (url) byLink.set(url, (byLink.get(url) ?? new Set()).add(incident));
  };
  for (const row of linkRows) {
    const incident = open.get(row.incident_id);
    if (incident) addLink(row.url, incident);
  }
  const threads: { incident: GroupIncident; source_id: string; external_id: string; parent_external_id: string | null }[] = [];
  for (const row of threadRows) {
    const incident = open.get(row.incident_id);
    if (incident) threads.push({ incident, source_id: row.source_id, external_id: row.external_id, parent_external_id: row.parent_external_id });
  }
  for (const print of prints) print.incident.open = open.get(print.incidentId!);

  // Each post in order, as fileUnfiled would place it.
  const opened: GroupIncident[] = [];
  let nextOrder = [...open.values()].reduce((max, i) => (i.order > max ? i.order : max), 0n) + 1n;
  const members: { incident: GroupIncident; postId: string; reason: 'opened' | JoinReason }[] = [];
  const memberPrints: { incident: GroupIncident; postId: string; print: Fingerprint; seenAt: Date }[] = [];
  // Absorbed members' fingerprints: the kept ones to renew, by incident and signature.
  const renewals = new Map<string, { incident: GroupIncident; signature: readonly number[]; since: Date; seenAt: Date }>();
  const events: { incident: GroupIncident; type: IncidentEventType; before: Record<string, unknown> | null; after: Record<string, unknown> }[] = [];
  const placed: { postId: string; incident: GroupIncident; reason: 'opened' | JoinReason }[] = [];
  let sla: SlaSettings | undefined;
  const slaOf = async (item: Fileable) => item.options.sla ?? (sla ??= await loadSlaSettings(tx));
  const first = (incidents: Iterable<GroupIncident>) => [...incidents].reduce<GroupIncident | undefined>((a, b) => (!a || b.order < a.order ? b : a), undefined);

  for (const item of todo) {
    const { post, category, severity, print, now, options } = item;
    let target: { incident: GroupIncident; reason: JoinReason } | undefined;
    if (item.links.length) {
      const incident = first(item.links.flatMap((link) => [...(byLink.get(link) ?? [])]));
      if (incident) target = { incident, reason: 'same_link' };
    }
    if (!target && post.parent_external_id && post.source_id) {
      const parent = post.parent_external_id;
      const incident = first(
        threads
          .filter((t) => t.source_id === post.source_id && (t.external_id === parent || t.parent_external_id === parent) && t.incident.category === category)
          .map((t) => t.incident),
      );
      if (incident) target = { incident, reason: 'same_thread' };
    }
    if (!target && print) {
      const windowStart = now.getTime() - options.windowMs;
      const best = new Map<bigint, { score: number; open: GroupIncident | undefined }>();
      for (const candidate of sharingBand(print.bands)) {
        if (candidate.seenAt.getTime() < windowStart) continue;
        const score = similarity(print.signature, candidate.signature);
        const known = best.get(candidate.incident.order);
        if (score >= options.minSimilarity && score > (known?.score ?? -1)) best.set(candidate.incident.order, { score, open: candidate.incident.open });
      }
      const ranked = [...best].sort(([a, x], [b, y]) => y.score - x.score || (a < b ? -1 : 1)).slice(0, 20);
      const incident = ranked.map(([, c]) => c.open).find((i) => i !== undefined);
      if (incident) target = { incident, reason: 'near_duplicate' };
    }

    let incident: GroupIncident;
    let reason: 'opened' | JoinReason;
    if (target) {
      ({ incident, reason } = target);
      events.push({ incident, type: 'post_added', before: null, after: { post_id: post.id, reason } });
      const raised = maxSeverity(incident.severity, severity);
      if (raised !== incident.severity) {
        const settings = await slaOf(item);
        const pauses = incident.opened ? [] : (incident.pauses ??= await loadPauses(tx, incident.id!));
        const deadlines = computeDeadlines(incident.detectedAt, raised, settings.policy, settings.calendar, pauses, now);
        const { stale, before, after } = severityRaise(incident.severity, raised, incident.marks, deadlines, now);
        events.push({ incident, type: 'severity_raised', before, after });
        for (const mark of stale) incident.marks[mark] = null;
        incident.severity = raised;
        incident.deadlines = deadlines;
        incident.updatedAt = now;
        incident.version += 1;
      }
    } else {
      const settings = await slaOf(item);
      const deadlines = computeDeadlines(now, severity, settings.policy, settings.calendar);
      incident = {
        order: nextOrder++,
        id: null,
        opened: true,
        category,
        detectedAt: now,
        severity,
        version: 1,
        deadlines,
        marks: { ack_due_soon_at: null, ack_breached_at: null, resolve_due_soon_at: null, resolve_breached_at: null },
        updatedAt: null,
        title: incidentTitle(post),
        linkKey: item.links[0] ?? null,
      };
      reason = 'opened';
      opened.push(incident);
      addLink(incident.linkKey, incident);
      events.push({ incident, type: 'created', before: null, after: { category, severity, post_id: post.id, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt } });
    }
    // What the next posts see: this post as a member of its incident.
    members.push({ incident, postId: post.id, reason });
    placed.push({ postId: post.id, incident, reason });
    addLink(post.canonical_url, incident);
    if (post.source_id && post.external_id) threads.push({ incident, source_id: post.source_id, external_id: post.external_id, parent_external_id: post.parent_external_id ?? null });
    if (print) {
      // As fileUnfiled: a member joining an incident that keeps a near-identical fingerprint adds none.
      const windowStart = now.getTime() - options.windowMs;
      const absorbing = target
        ? [...sharingBand(print.bands)].filter(
            (c) => c.incident.order === incident.order && c.seenAt.getTime() >= windowStart && similarity(print.signature, c.signature) >= options.absorbSimilarity,
          )
        : [];
      if (absorbing.length) {
        for (const kept of absorbing) {
          const key = `${incident.order}:${kept.signature.join(',')}`;
          const known = renewals.get(key);
          renewals.set(key, {
            incident,
            signature: kept.signature,
            since: known && known.since < new Date(windowStart) ? known.since : new Date(windowStart),
            seenAt: known && known.seenAt > now ? known.seenAt : now,
          });
          if (kept.seenAt < now) kept.seenAt = now;
        }
      } else {
        memberPrints.push({ incident, postId: post.id, print, seenAt: now });
        indexPrint({ incident: { order: incident.order, open: incident }, signature: print.signature, bands: print.bands, seenAt: now });
      }
    }
  }

  // Ids for the incidents opened here, in the order they were opened.
  if (opened.length) {
    const { rows } = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('incidents', 'id'))::text AS id FROM generate_series(1, ${opened.length})`.execute(tx);
    const ids = rows.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    opened.forEach((incident, i) => (incident.id = ids[i]!));
    await tx
      .insertInto('incidents')
      .values(
        opened.map((i) => ({
          id: i.id!,
          title: i.title!,
          category: i.category,
          severity: i.severity,
          link_key: i.linkKey ?? null,
          detected_at: i.detectedAt,
          ...deadlineColumns(i.deadlines!),
          version: i.version,
          ...(i.updatedAt ? { updated_at: i.updatedAt } : {}),
        })),
      )
      .execute();
  }
  for (const incident of open.values()) {
    if (!incident.updatedAt) continue;
    await tx
      .updateTable('incidents')
      .set({ severity: incident.severity, ...deadlineColumns(incident.deadlines!), ...incident.marks, updated_at: incident.updatedAt, version: incident.version })
      .where('id', '=', incident.id!)
      .execute();
  }
  await tx
    .insertInto('incident_posts')
    .values(members.map((m) => ({ incident_id: m.incident.id!, post_id: m.postId, reason: m.reason })))
    .execute();
  if (memberPrints.length) {
    await tx
      .insertInto('post_fingerprints')
      .values(memberPrints.map((m) => ({ post_id: m.postId, incident_id: m.incident.id!, signature: [...m.print.signature], bands: [...m.print.bands], seen_at: m.seenAt })))
      .onConflict((oc) => oc.column('post_id').doUpdateSet((eb) => ({ incident_id: eb.ref('excluded.incident_id'), seen_at: eb.ref('excluded.seen_at') })))
      .execute();
  }
  // After the inserts: a kept fingerprint may be one this group added.
  await renewFingerprints(
    tx,
    [...renewals.values()].map((r) => ({ incidentId: r.incident.id!, signatures: [r.signature], since: r.since, seenAt: r.seenAt })),
  );
  // In the order they happened, as appendIncidentEvent writes them, by the system.
  await tx
    .insertInto('incident_events')
    .values(
      events.map((e) => ({
        incident_id: e.incident.id!,
        actor: 'system',
        actor_user_id: null,
        type: e.type,
        before: e.before ? jsonb(e.before) : null,
        after: jsonb(e.after),
        note: null,
      })),
    )
    .execute();
  return new Map(placed.map((p) => [p.postId, { incidentId: p.incident.id!, created: p.reason === 'opened', reason: p.reason }]));
}

/** Files a post known to be in no incident, its story locks held. */
async function fileUnfiled(tx: Tx, item: Fileable): Promise<CorrelationResult> {
  const { post, category, severity, links, print, now, options } = item;
  let target: { incident: OpenIncident; reason: JoinReason } | undefined;
  if (links.length) {
    // Two index lookups (a member's link, the incident's link): an OR across the join scanned every member.
    const incident = await tx
      .selectFrom('incidents')
      .select(['id', 'severity', 'detected_at', 'version', 'status'])
      .where('status', 'in', OPEN_STATUSES)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('posts')
          .innerJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
          .select('incident_posts.incident_id')
          .where('posts.canonical_url', 'in', links)
          .unionAll(
            eb
              .selectFrom('incidents as linked')
              .select('linked.id as incident_id')
              .where('linked.link_key', 'in', links)
              // The predicate of the partial index incidents_open_link_idx, so that it is used.
              .where('linked.status', 'not in', ['resolved', 'dismissed']),
          ),
      )
      .orderBy('id')
      .forUpdate()
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
  let printsNearby: readonly { incident_id: string; signature: number[] }[] | undefined;
  if (!target && print) {
    // Candidates by the band index alone (a join here misleads the planner into scanning
    // incidents); confirmed on the signature, then the best open incident is locked.
    const candidates = await tx
      .selectFrom('post_fingerprints')
      .select(['incident_id', 'signature'])
      .where(sql<boolean>`bands && ${sql.val(print.bands)}::integer[]`)
      .where('seen_at', '>=', new Date(now.getTime() - options.windowMs))
      .execute();
    printsNearby = candidates;
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
    const since = new Date(now.getTime() - options.windowMs);
    let absorbedBy: number[][] = [];
    if (print) {
      const kept =
        printsNearby?.filter((p) => p.incident_id === incident.id) ??
        (await tx
          .selectFrom('post_fingerprints')
          .select(['incident_id', 'signature'])
          .where('incident_id', '=', incident.id)
          .where(sql<boolean>`bands && ${sql.val(print.bands)}::integer[]`)
          .where('seen_at', '>=', since)
          .execute());
      absorbedBy = absorbingSignatures(print, kept.map((k) => k.signature), options.absorbSimilarity);
    }
    await addMember(tx, {
      incidentId: incident.id,
      postId: post.id,
      reason,
      print: absorbedBy.length ? null : print,
      now,
      event: { type: 'post_added', after: { post_id: post.id, reason } },
    });
    if (absorbedBy.length) await renewFingerprints(tx, [{ incidentId: incident.id, signatures: absorbedBy, since, seenAt: now }]);
    await raiseSeverity(tx, incident, severity, now, options);
    return { incidentId: incident.id, created: false, reason };
  }

  const sla = options.sla ?? (await loadSlaSettings(tx));
  const deadlines = computeDeadlines(now, severity, sla.policy, sla.calendar);
  const incident = await tx
    .insertInto('incidents')
    .values({ title: incidentTitle(post), category, severity, link_key: links[0] ?? null, detected_at: now, ...deadlineColumns(deadlines) })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await addMember(tx, {
    incidentId: incident.id,
    postId: post.id,
    reason: 'opened',
    print,
    now,
    event: { type: 'created', after: { category, severity, post_id: post.id, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt } },
  });
  return { incidentId: incident.id, created: true, reason: 'opened' };
}

/**
 * Raises a locked open incident to `severity` when that is higher: new deadlines, the due-soon /
 * breached marks they no longer justify cleared (the SLA check marks them again when reached), and
 * a severity_raised event saying which, with their old values.
 */
async function raiseSeverity(tx: Tx, incident: OpenIncident, severity: Severity, now: Date, options: CorrelationOptions): Promise<void> {
  const raised = maxSeverity(incident.severity, severity);
  if (raised === incident.severity) return;
  const sla = options.sla ?? (await loadSlaSettings(tx));
  const deadlines = computeDeadlines(incident.detected_at, raised, sla.policy, sla.calendar, await loadPauses(tx, incident.id), now);
  const marks = await tx.selectFrom('incidents').select([...SLA_MARKS]).where('id', '=', incident.id).executeTakeFirstOrThrow();
  const { cleared, before, after } = severityRaise(incident.severity, raised, marks, deadlines, now);
  await tx
    .updateTable('incidents')
    .set({ severity: raised, ...deadlineColumns(deadlines), ...cleared, updated_at: now, version: sql`version + 1` })
    .where('id', '=', incident.id)
    .execute();
  await appendIncidentEvent(tx, { incidentId: incident.id, actor: 'system', type: 'severity_raised', before, after });
}

/**
 * What raising a severity changes, for both filing paths: the due-soon / breached marks the new
 * deadlines no longer justify (cleared), and the severity_raised event's before and after.
 */
function severityRaise(from: Severity, to: Severity, marks: Record<(typeof SLA_MARKS)[number], Date | null>, deadlines: Deadlines, now: Date) {
  const stale = staleSlaMarks(marks, deadlines, now);
  const cleared = Object.fromEntries(stale.map((mark) => [mark, null]));
  return {
    stale,
    cleared,
    before: { severity: from, ...Object.fromEntries(stale.map((mark) => [mark, marks[mark]])) },
    after: { severity: to, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt, ...cleared, sla_marks_reset: stale },
  };
}

/**
 * A post already filed, analysed again (it spread widely, or the rules changed), may now be more
 * severe than its incident: the open incident is raised as if the post had just joined it.
 */
async function raiseFiledIncidents(tx: Tx, filed: readonly { incidentId: string; item: Fileable }[]): Promise<void> {
  const incidentIds = [...new Set(filed.map((f) => f.incidentId))];
  if (incidentIds.length === 0) return;
  const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);
  const current = await tx.selectFrom('incidents').select(['id', 'severity', 'status']).where('id', 'in', incidentIds).execute();
  const toRaise = new Set(
    current.filter((i) => isOpen(i.status) && filed.some((f) => f.incidentId === i.id && severityRank(f.item.severity) > severityRank(i.severity))).map((i) => i.id),
  );
  if (toRaise.size === 0) return;
  // Locked in one sorted statement (two batches never deadlock on them), then read again: a
  // concurrent change may have raised or closed them meanwhile.
  const locked = new Map(
    (
      await tx
        .selectFrom('incidents')
        .select(['id', 'severity', 'detected_at', 'version', 'status'])
        .where('id', 'in', [...toRaise])
        .orderBy('id')
        .forUpdate()
        .execute()
    ).map((i) => [i.id, i]),
  );
  for (const { incidentId, item } of filed) {
    const incident = locked.get(incidentId);
    if (!incident || !isOpen(incident.status)) continue;
    await raiseSeverity(tx, incident, item.severity, item.now, item.options);
    locked.set(incidentId, { ...incident, severity: maxSeverity(incident.severity, item.severity) });
  }
}

export function deadlineColumns(deadlines: Deadlines) {
  return {
    ack_due_at: deadlines.ackDueAt,
    resolve_due_at: deadlines.resolveDueAt,
    ack_warn_at: deadlines.ackWarnAt,
    resolve_warn_at: deadlines.resolveWarnAt,
  };
}

/**
 * The membership, the fingerprint and the event (as appendIncidentEvent writes it, by the system
 * unless a person filed the post by hand) in one statement: one round trip instead of three while
 * the story locks are held.
 */
export async function addMember(
  tx: Tx,
  input: {
    incidentId: string;
    postId: string;
    reason: 'opened' | JoinReason | 'manual';
    print: Fingerprint | null;
    now: Date;
    event: { type: 'created' | 'post_added'; after: Record<string, unknown> };
    actor?: { readonly name: string; readonly userId: string | null };
  },
): Promise<void> {
  const { incidentId, postId, reason, print, now, event } = input;
  const member = tx.with('member', (db) => db.insertInto('incident_posts').values({ incident_id: incidentId, post_id: postId, reason }));
  const event_ = {
    incident_id: incidentId,
    actor: input.actor?.name ?? 'system',
    actor_user_id: input.actor?.userId ?? null,
    type: event.type,
    before: null,
    after: jsonb(event.after),
    note: null,
  };
  if (!print) {
    await member.insertInto('incident_events').values(event_).execute();
    return;
  }
  await member
    .with('print', (db) =>
      db
        .insertInto('post_fingerprints')
        .values({ post_id: postId, incident_id: incidentId, signature: [...print.signature], bands: [...print.bands], seen_at: now })
        .onConflict((oc) => oc.column('post_id').doUpdateSet({ incident_id: incidentId, seen_at: now })),
    )
    .insertInto('incident_events')
    .values(event_)
    .execute();
}
