// Thin handler: one retention pass (src/retention/purge.ts). Scheduled; a failed pass is retried by the next.
import type { AppContext } from '../src/context.js';
import type { JobHandler } from '../src/queue/queue.js';
import { purgeExpiredContent } from '../src/retention/purge.js';

export const RETENTION_PURGE_SCHEDULER_ID = 'retention-purge';

export function retentionPurgeJob(context: AppContext): JobHandler<'retention-purge'> {
  return async () => {
    const { config } = context;
    const outcome = await purgeExpiredContent(
      { db: context.db, dataDir: config.DATA_DIR },
      { unlinkedPostDays: config.RETENTION_UNLINKED_POST_DAYS, dismissedDays: config.RETENTION_DISMISSED_DAYS },
    );
    if (outcome.unlinkedPosts || outcome.dismissedPosts || outcome.incidents) context.logger.info(outcome, 'retention: content purged');
    return outcome;
  };
}
