// Retention (issue 9, item 6): the content of a post is purged, never its row. What goes: the title,
// the body, the raw payload, the author pseudonym, the matched words kept with its analysis, its
// evidence rows and the files only they pointed to, and a reported screenshot only it pointed to.
// What stays: the row as a tombstone (source, external id, dates, content hash: the post is not
// collected again), its analysis (categories, sentiment, severity), its incident membership, the
// incidents themselves: every count the reports need (incident_facts, analyses) is unchanged.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, PurgeReason } from '../db/schema.js';
import { ContentStore, EVIDENCE_AREA, UPLOADS_AREA } from '../storage/content-store.js';
import { canonicalUrl } from '../collectors/text.js';
import { incidentTitle } from '../incidents/correlate.js';

/** Where evidence and reported screenshots are stored (src/evidence/capture-evidence.ts, src/http/report-page.routes.tsx). */
export { EVIDENCE_AREA as EVIDENCE_STORE_AREA, UPLOADS_AREA as UPLOADS_STORE_AREA };

const DAY_MS = 86_400_000;
const DEFAULT_BATCH = 1_000;

export interface RetentionDeps {
  readonly db: Db;
  readonly dataDir: string;
}

export interface RetentionSettings {
  /** Posts attached to no incident: purged this many days after they were collected. */
  readonly unlinkedPostDays: number;
  /** Posts of dismissed incidents: purged this many days after the dismissal. */
  readonly dismissedDays: number;
  readonly now?: Date;
  /** Rows per statement (default 1,000). */
  readonly batchSize?: number;
}

export interface RetentionOutcome {
  readonly unlinkedPosts: number;
  readonly dismissedPosts: number;
  readonly incidents: number;
  readonly evidenceRows: number;
  readonly filesDeleted: number;
}

interface Stores {
  readonly evidence: ContentStore;
  readonly uploads: ContentStore;
}

function storesOf(dataDir: string): Stores {
  return { evidence: ContentStore.forDataDir(dataDir, EVIDENCE_AREA), uploads: ContentStore.forDataDir(dataDir, UPLOADS_AREA) };
}

/**
 * One retention pass: purges, batch after batch, the posts due. Idempotent: a purged post is
 * marked (content_purged_at) and never selected again, so a second pass does nothing.
 */
export async function purgeExpiredContent(deps: RetentionDeps, settings: RetentionSettings): Promise<RetentionOutcome> {
  const now = settings.now ?? new Date();
  const batchSize = settings.batchSize ?? DEFAULT_BATCH;
  const stores = storesOf(deps.dataDir);
  const unlinkedCutoff = new Date(now.getTime() - settings.unlinkedPostDays * DAY_MS);
  const dismissedCutoff = new Date(now.getTime() - settings.dismissedDays * DAY_MS);
  let unlinkedPosts = 0;
  let dismissedPosts = 0;
  let evidenceRows = 0;
  let filesDeleted = 0;

  for (const reason of ['retention_unlinked', 'retention_dismissed'] as const) {
    for (;;) {
      const batch = await deps.db.transaction().execute(async (trx) => {
        const ids =
          reason === 'retention_unlinked'
            ? await sql<{ id: string }>`
                SELECT p.id FROM posts p
                WHERE p.content_purged_at IS NULL AND p.collected_at < ${unlinkedCutoff}
                  AND NOT EXISTS (SELECT 1 FROM incident_posts ip WHERE ip.post_id = p.id)
                ORDER BY p.collected_at, p.id
                LIMIT ${batchSize}
                FOR NO KEY UPDATE OF p SKIP LOCKED`.execute(trx)
            : await sql<{ id: string }>`
                SELECT p.id FROM incidents i
                JOIN incident_posts ip ON ip.incident_id = i.id
                JOIN posts p ON p.id = ip.post_id
                WHERE i.status = 'dismissed' AND i.dismissed_at < ${dismissedCutoff} AND p.content_purged_at IS NULL
                ORDER BY p.id
                LIMIT ${batchSize}
                FOR NO KEY UPDATE OF p SKIP LOCKED`.execute(trx);
        return purgePosts(trx, ids.rows.map((r) => r.id), { reason, at: now, forgetLinks: false });
      });
      if (batch.postIds.length === 0) break;
      if (reason === 'retention_unlinked') unlinkedPosts += batch.postIds.length;
      else dismissedPosts += batch.postIds.length;
      evidenceRows += batch.evidenceRows;
      filesDeleted += await removeFiles(stores, await unreferencedFiles(deps.db, batch));
      if (batch.postIds.length < batchSize) break;
    }
  }

  // A dismissed incident whose posts are all purged loses its title too (an excerpt of its first post).
  const incidents = await deps.db
    .updateTable('incidents')
    .set({ title: sql<string>`'#' || incidents.id`, content_purged_at: now })
    .where('status', '=', 'dismissed')
    .where('dismissed_at', '<', dismissedCutoff)
    .where('content_purged_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incident_posts')
            .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
            .select(sql`1`.as('one'))
            .whereRef('incident_posts.incident_id', '=', 'incidents.id')
            .where('posts.content_purged_at', 'is', null),
        ),
      ),
    )
    .executeTakeFirst();

  return { unlinkedPosts, dismissedPosts, incidents: Number(incidents.numUpdatedRows), evidenceRows, filesDeleted };
}

interface PurgedBatch {
  readonly postIds: readonly string[];
  readonly evidenceRows: number;
  /** Blobs the deleted evidence rows and the purged raw payloads pointed to (maybe shared with others). */
  readonly evidenceBlobs: readonly string[];
  readonly uploadBlobs: readonly string[];
}

/** Purges the given posts (already locked by the caller's transaction). */
async function purgePosts(
  trx: Transaction<Database>,
  postIds: readonly string[],
  options: { reason: PurgeReason; at: Date; forgetLinks: boolean },
): Promise<PurgedBatch> {
  if (postIds.length === 0) return { postIds: [], evidenceRows: 0, evidenceBlobs: [], uploadBlobs: [] };
  const ids = [...postIds];
  // A manual report's screenshot is named in its raw payload: read it before the payload goes.
  const uploads = await trx
    .selectFrom('posts')
    .select(sql<string | null>`raw #>> '{screenshot,sha256}'`.as('sha256'))
    .where('id', 'in', ids)
    .execute();
  await trx
    .updateTable('posts')
    .set({
      title: null,
      body: '',
      raw: '{}',
      author_hash: null,
      content_purged_at: options.at,
      purge_reason: options.reason,
      // On request the links go too (a profile or a post URL can name the person).
      ...(options.forgetLinks ? { url: null, canonical_url: null } : {}),
    })
    .where('id', 'in', ids)
    .execute();
  // Keep each match's rule, category and offsets (rule feedback counts them), not the words; the
  // model's reasons quote the words, so they go.
  await trx
    .updateTable('analyses')
    .set({
      matches: sql<string>`CASE WHEN jsonb_typeof(matches) = 'array'
        THEN (SELECT coalesce(jsonb_agg(m - 'text'), '[]'::jsonb) FROM jsonb_array_elements(matches) AS m)
        ELSE '[]'::jsonb END`,
      model: null,
    })
    .where('post_id', 'in', ids)
    .execute();
  // A training example is a copy of the text: it goes with it.
  await trx.deleteFrom('training_examples').where('post_id', 'in', ids).execute();
  // The search index holds the words too (src/search/search-index.ts locks the post before indexing it).
  await trx.deleteFrom('post_search').where('post_id', 'in', ids).execute();
  const evidence = await trx.deleteFrom('evidence').where('post_id', 'in', ids).returning('sha256').execute();
  return {
    postIds: ids,
    evidenceRows: evidence.length,
    evidenceBlobs: [...new Set(evidence.map((e) => e.sha256).filter((s): s is string => s !== null))],
    uploadBlobs: [...new Set(uploads.map((u) => u.sha256).filter((s): s is string => s !== null && /^[0-9a-f]{64}$/.test(s)))],
  };
}

interface UnreferencedFiles {
  readonly evidence: readonly string[];
  readonly uploads: readonly string[];
}

/** The files of a purged batch no remaining row points to (the same content may be evidence of another post). */
async function unreferencedFiles(db: Db | Transaction<Database>, batch: PurgedBatch): Promise<UnreferencedFiles> {
  const evidenceKept = batch.evidenceBlobs.length
    ? await db.selectFrom('evidence').select('sha256').distinct().where('sha256', 'in', [...batch.evidenceBlobs]).execute()
    : [];
  const uploadsKept = batch.uploadBlobs.length
    ? await db
        .selectFrom('posts')
        .select(sql<string>`raw #>> '{screenshot,sha256}'`.as('sha256'))
        .distinct()
        .where(sql<string>`raw #>> '{screenshot,sha256}'`, 'in', [...batch.uploadBlobs])
        .execute()
    : [];
  const keepEvidence = new Set(evidenceKept.map((k) => k.sha256));
  const keepUploads = new Set(uploadsKept.map((k) => k.sha256));
  return { evidence: batch.evidenceBlobs.filter((s) => !keepEvidence.has(s)), uploads: batch.uploadBlobs.filter((s) => !keepUploads.has(s)) };
}

async function filterExisting(store: ContentStore, blobs: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const sha256 of blobs) if (await store.has(sha256)) present.push(sha256);
  return present;
}

/** Removes the files (after the purge committed: a rolled-back purge must still find its files). */
async function removeFiles(stores: Stores, files: UnreferencedFiles): Promise<number> {
  let removed = 0;
  for (const sha256 of files.evidence) if (await stores.evidence.remove(sha256)) removed += 1;
  for (const sha256 of files.uploads) if (await stores.uploads.remove(sha256)) removed += 1;
  return removed;
}

export interface ForgetRequest {
  /** Who asked or who ran the command (recorded). */
  readonly requestedBy: string;
  readonly reason?: string | null;
  readonly now?: Date;
}

export interface ForgottenPost {
  readonly postId: string;
  readonly incidentId: string | null;
  readonly evidenceRows: number;
  readonly filesDeleted: number;
}

/** The posts a forget request names: one id, or every post with that URL (as given or canonical). */
export async function findPostsToForget(db: Db, target: { postId: string } | { url: string }): Promise<string[]> {
  if ('postId' in target) {
    const row = await db.selectFrom('posts').select('id').where('id', '=', target.postId).executeTakeFirst();
    return row ? [row.id] : [];
  }
  const urls = [...new Set([target.url, canonicalUrl(target.url)].filter((u): u is string => !!u))];
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where((eb) => eb.or([eb('url', 'in', urls), eb('canonical_url', 'in', urls)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes one post's content on request (a person asks to be forgotten): everything the retention
 * job purges, plus its links and its evidence even when it belongs to an open incident. Leaves a
 * tombstone and an audit record (post_erasures: who, when, why). Running it twice is harmless.
 */
export async function forgetPost(deps: RetentionDeps, postId: string, request: ForgetRequest): Promise<ForgottenPost | undefined> {
  const at = request.now ?? new Date();
  const stores = storesOf(deps.dataDir);
  const forgotten = await deps.db.transaction().execute(async (trx) => {
    const post = await trx
      .selectFrom('posts')
      .leftJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
      .select(['posts.id', 'posts.title', 'posts.body', 'incident_posts.incident_id'])
      .where('posts.id', '=', postId)
      .forUpdate('posts')
      .executeTakeFirst();
    if (!post) return undefined;
    const purged = await purgePosts(trx, [post.id], { reason: 'request', at, forgetLinks: true });
    if (post.incident_id) await retitleIncident(trx, post.incident_id, incidentTitle(post), at);
    // Only files still on disk count (a second request finds none); they are removed after commit.
    const files = await unreferencedFiles(trx, purged);
    const onDisk = {
      evidence: await filterExisting(stores.evidence, files.evidence),
      uploads: await filterExisting(stores.uploads, files.uploads),
    };
    const filesDeleted = onDisk.evidence.length + onDisk.uploads.length;
    await trx
      .insertInto('post_erasures')
      .values({ post_id: post.id, requested_by: request.requestedBy, reason: request.reason ?? null, erased_at: at, files_deleted: filesDeleted })
      .execute();
    return { result: { postId: post.id, incidentId: post.incident_id, evidenceRows: purged.evidenceRows, filesDeleted }, files: onDisk };
  });
  if (!forgotten) return undefined;
  await removeFiles(stores, forgotten.files);
  return forgotten.result;
}

/** The incident's title was this post's excerpt: take the next member post's, or none. */
async function retitleIncident(trx: Transaction<Database>, incidentId: string, forgottenTitle: string, at: Date): Promise<void> {
  const incident = await trx.selectFrom('incidents').select('title').where('id', '=', incidentId).forUpdate().executeTakeFirst();
  if (!incident || !forgottenTitle || incident.title !== forgottenTitle) return;
  const next = await trx
    .selectFrom('incident_posts')
    .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
    .select(['posts.title', 'posts.body'])
    .where('incident_posts.incident_id', '=', incidentId)
    .where('posts.content_purged_at', 'is', null)
    .orderBy('incident_posts.added_at')
    .orderBy('posts.id')
    .executeTakeFirst();
  const title = next ? incidentTitle(next) : '';
  await trx
    .updateTable('incidents')
    .set(title ? { title } : { title: `#${incidentId}`, content_purged_at: at })
    .where('id', '=', incidentId)
    .execute();
}
