// The one way stored posts are handed to analysis: collectors, the bench and the fault tests call it.
import type { JobQueues } from '../queue/queue.js';
import { jobIds } from '../queue/jobs.js';

export async function enqueueAnalysis(queues: Pick<JobQueues, 'enqueueMany'>, postIds: readonly string[]): Promise<void> {
  await queues.enqueueMany(
    'analyze',
    postIds.map((postId) => ({ payload: { postId }, jobId: jobIds.analyze(postId) })),
  );
}
