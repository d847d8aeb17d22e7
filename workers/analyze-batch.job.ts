import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import { analyzeBatch } from '../src/posts/analyze-batch.js';

export const analyzeBatchJob = (context: AppContext): JobHandler<'analyze-batch'> => async (payload) => {
  const result = await analyzeBatch(context, payload.postIds);
  // The return value is kept on the job for inspection; keep it small.
  return { analysed: result.analysed, flagged: result.flagged, filed: result.filed, incidents: result.incidentIds.length, skipped: result.skipped };
};
