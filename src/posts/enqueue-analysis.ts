// The one way stored posts are handed to analysis: collectors, the bench and the fault tests call it.
// Posts go by batches (one analyze-batch job per ANALYZE_BATCH_SIZE posts, src/posts/analyze-batch.ts);
// the job id is derived from the set of posts, so handing the same posts again is one job.
import type { JobQueues } from '../queue/queue.js';
import { jobIds } from '../queue/jobs.js';

/** Posts per analyze-batch job: enough to amortise the round trips, few enough to stay well under a second of work. */
export const ANALYZE_BATCH_SIZE = 200;

/**
 * `reason` marks a re-analysis (e.g. 'engagement': posts that have since spread widely): its job
 * ids differ from the first analysis's, which may still be in the deduplication window.
 */
export async function enqueueAnalysis(queues: Pick<JobQueues, 'enqueueMany'>, postIds: readonly string[], reason?: 'engagement'): Promise<void> {
  const ids = [...new Set(postIds)];
  const jobs: { payload: { postIds: string[] }; jobId: string }[] = [];
  for (let offset = 0; offset < ids.length; offset += ANALYZE_BATCH_SIZE) {
    const batch = ids.slice(offset, offset + ANALYZE_BATCH_SIZE);
    jobs.push({ payload: { postIds: batch }, jobId: jobIds.analyzeBatch(batch, reason) });
  }
  await queues.enqueueMany('analyze-batch', jobs);
}
