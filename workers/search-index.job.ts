// Thin handler: indexes posts for search (src/search/search-index.ts). Two schedules: a quick pass
// over the newest posts every few seconds, and a sweep of every post now and then.
import type { AppContext } from '../src/context.js';
import type { JobHandler } from '../src/queue/queue.js';
import { indexPendingPosts } from '../src/search/search-index.js';

export const SEARCH_INDEX_SCHEDULER_ID = 'search-index';
export const SEARCH_INDEX_INTERVAL_MS = 5_000;
export const SEARCH_SWEEP_SCHEDULER_ID = 'search-index-sweep';
export const SEARCH_SWEEP_INTERVAL_MS = 10 * 60_000;

export function searchIndexJob(context: AppContext): JobHandler<'search-index'> {
  return async (payload) => {
    const sweep = payload.sweep === true;
    const indexed = await indexPendingPosts(context.db, { sweep });
    if (indexed) context.logger.info({ indexed, sweep }, 'search: posts indexed');
    return { indexed };
  };
}
