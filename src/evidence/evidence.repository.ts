// The evidence table: one row per capture of one kind of one member post (src/evidence/capture-evidence.ts).
import type { Kysely } from 'kysely';
import type { Database, EvidenceKind } from '../db/schema.js';
import type { JobQueues } from '../queue/queue.js';
import { jobIds } from '../queue/jobs.js';

export const EVIDENCE_KINDS = ['screenshot', 'html', 'raw', 'text'] as const satisfies readonly EvidenceKind[];

type Db = Kysely<Database>;

export interface EvidenceRecord {
  readonly incidentId: string;
  readonly postId: string;
  readonly kind: EvidenceKind;
  readonly capturedAt: Date;
  readonly sourceUrl?: string | null;
  /** A stored blob… */
  readonly blob?: { readonly sha256: string; readonly bytes: number; readonly contentType: string };
  /** …or why there is none. */
  readonly error?: string;
}

/** Records one capture; the same content of the same post and kind is listed once (its first capture). */
export async function recordEvidence(db: Db, record: EvidenceRecord): Promise<void> {
  await db
    .insertInto('evidence')
    .values({
      incident_id: record.incidentId,
      post_id: record.postId,
      kind: record.kind,
      sha256: record.blob?.sha256 ?? null,
      bytes: record.blob?.bytes ?? null,
      content_type: record.blob?.contentType ?? null,
      source_url: record.sourceUrl ?? null,
      captured_at: record.capturedAt,
      error: record.blob ? null : (record.error ?? 'unknown error').slice(0, 2000),
    })
    .onConflict((oc) => oc.columns(['post_id', 'kind', 'sha256']).doNothing())
    .execute();
}

export async function listEvidence(db: Db, incidentId: string) {
  return db
    .selectFrom('evidence')
    .select(['id', 'post_id', 'kind', 'sha256', 'bytes', 'content_type', 'source_url', 'captured_at', 'error'])
    .where('incident_id', '=', incidentId)
    .orderBy('captured_at')
    .orderBy('id')
    .execute();
}

export type EvidenceRow = Awaited<ReturnType<typeof listEvidence>>[number];

/** The kind a stored blob was captured as (the first row naming it), to serve it with a safe type. */
export async function findEvidenceBlob(db: Db, sha256: string): Promise<{ kind: EvidenceKind; post_id: string } | undefined> {
  return db.selectFrom('evidence').select(['kind', 'post_id']).where('sha256', '=', sha256).orderBy('id').limit(1).executeTakeFirst();
}

/** Kinds of a post captured successfully at or after `since`. */
export async function capturedKindsSince(db: Db, postId: string, since: Date): Promise<Set<EvidenceKind>> {
  const rows = await db
    .selectFrom('evidence')
    .select('kind')
    .distinct()
    .where('post_id', '=', postId)
    .where('error', 'is', null)
    .where('captured_at', '>=', since)
    .execute();
  return new Set(rows.map((r) => r.kind));
}

/** The member posts of an incident (all of them, or the one given), for an on-demand capture. */
export async function memberPostIds(db: Db, incidentId: string, postId?: string): Promise<string[]> {
  let query = db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', incidentId).orderBy('post_id');
  if (postId !== undefined) query = query.where('post_id', '=', postId);
  return (await query.execute()).map((r) => r.post_id);
}

/**
 * Enqueues one capture job per post. Without `at` the job id is the post's once-only id (filed
 * into the incident); with it, an on-demand id (`at` a time bucket: a double click is one job).
 */
export async function enqueueEvidenceCapture(queues: Pick<JobQueues, 'enqueueMany'>, incidentId: string, postIds: readonly string[], at?: number): Promise<string[]> {
  const jobs = postIds.map((postId) => ({
    payload: { incidentId, postId },
    jobId: at === undefined ? jobIds.captureEvidence(incidentId, postId) : jobIds.captureEvidenceNow(incidentId, postId, at),
  }));
  await queues.enqueueMany('capture-evidence', jobs);
  return jobs.map((j) => j.jobId);
}
