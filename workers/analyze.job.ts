import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import { analyzePost } from '../src/posts/analyze-post.js';

export const analyzeJob = (context: AppContext): JobHandler<'analyze'> => async (payload) => {
  const result = await analyzePost(context, payload.postId);
  // The return value is kept on the job for inspection; keep it small.
  return { flag: result.analysis?.flag ?? null, incidentId: result.incidentId };
};
