// Thin handler: indexes posts still without a search vector (src/search/search-index.ts). Scheduled;
// cheap when there is nothing to do (a partial index lists what is left).
import type { AppContext } from '../src/context.js';
import type { JobHandler } from '../src/queue/queue.js';
import { indexPendingPosts } from '../src/search/search-index.js';

export const SEARCH_INDEX_SCHEDULER_ID = 'search-index';
export const SEARCH_INDEX_INTERVAL_MS = 10 * 60_000;

export function searchIndexJob(context: AppContext): JobHandler<'search-index'> {
  return async () => {
    const indexed = await indexPendingPosts(context.db);
    if (indexed) context.logger.info({ indexed }, 'search: posts indexed');
    return { indexed };
  };
}
