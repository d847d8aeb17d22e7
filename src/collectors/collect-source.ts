// Use case: collect one source now. Serves the scheduled job and a "collect now" button alike.
import type { AppContext } from '../context.js';
import { getSource, recordSourceFailure, recordSourceSuccess } from '../sources/source.repository.js';
import { storeCollectedItems } from '../posts/post.repository.js';
import { enqueueAnalysis } from '../posts/enqueue-analysis.js';
import { openConfigSecrets } from '../config/secrets.js';
import { collectContextFrom, PermanentCollectError, RetryableCollectError } from './collector.js';
import { collectors } from './registry.js';

export interface CollectSummary {
  readonly sourceId: string;
  readonly status: 'collected' | 'not_modified' | 'skipped' | 'failed';
  readonly items: number;
  readonly inserted: number;
  readonly enqueued: number;
  readonly skipped: Record<string, number>;
  readonly reason?: string;
}

type CollectDeps = Pick<AppContext, 'db' | 'queues' | 'config' | 'logger'>;

export interface CollectOptions {
  /** Run even while the source is backing off (a "collect now" button). */
  readonly force?: boolean;
}

/**
 * Transient failures (network, 5xx) are thrown so the job retries with backoff; the source is
 * marked failing meanwhile. Permanent ones (bad config, refused URL, not a feed, revoked token)
 * are recorded on the source with the reason and not retried; a rate limit sets `backoff_until`
 * from what the remote said. After repeated failures scheduled runs are skipped, exponentially
 * longer, until `backoff_until`.
 */
export async function collectSource(deps: CollectDeps, sourceId: string, options: CollectOptions = {}): Promise<CollectSummary> {
  const { db, queues, config, logger } = deps;
  const source = await getSource(db, sourceId);
  const base = { sourceId, items: 0, inserted: 0, enqueued: 0, skipped: {} };
  if (!source || !source.enabled) return { ...base, status: 'skipped', reason: source ? 'disabled' : 'no such source' };
  const collector = collectors[source.type];
  if (!collector) return { ...base, status: 'skipped', reason: `${source.type} sources are not collected on a schedule` };
  if (!options.force && source.backoff_until && source.backoff_until.getTime() > Date.now()) {
    return { ...base, status: 'skipped', reason: `backing off until ${source.backoff_until.toISOString()} after ${source.consecutive_failures} failures` };
  }

  let parsedConfig;
  try {
    parsedConfig = collector.configSchema.safeParse(openConfigSecrets(config.SECRET_KEY, source.config));
  } catch (error) {
    parsedConfig = { success: false as const, error: { issues: [{ path: ['token'], message: (error as Error).message }] } };
  }
  if (!parsedConfig.success) {
    const reason = `invalid source config: ${parsedConfig.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    await recordSourceFailure(db, source.id, reason);
    return { ...base, status: 'failed', reason };
  }

  let outcome;
  try {
    outcome = await collector.collect(parsedConfig.data, source.fetch_state, collectContextFrom(config));
  } catch (error) {
    const reason = (error as Error).message;
    if (error instanceof RetryableCollectError) {
      const row = await recordSourceFailure(db, source.id, reason, { retryAfterMs: error.retryAfterMs });
      logger.warn({ source: source.id, reason, until: row?.backoff_until }, 'source backing off');
      return { ...base, status: 'failed', reason };
    }
    await recordSourceFailure(db, source.id, reason);
    if (error instanceof PermanentCollectError) {
      logger.warn({ source: source.id, reason }, 'source failing');
      return { ...base, status: 'failed', reason };
    }
    throw error;
  }

  const stored = await storeCollectedItems(db, source, outcome.items, config.SECRET_KEY);
  await enqueueAnalysis(queues, stored.pendingAnalysis);
  // Analysed again now that they spread widely: severity may rise, and so their incident's.
  if (stored.spreading.length) await enqueueAnalysis(queues, stored.spreading, 'engagement');
  await recordSourceSuccess(db, source.id, outcome.fetchState, { items: outcome.items.length, inserted: stored.inserted });
  logger.info({ source: source.id, items: outcome.items.length, inserted: stored.inserted, skipped: outcome.skipped }, 'source collected');
  return {
    sourceId,
    status: outcome.notModified ? 'not_modified' : 'collected',
    items: outcome.items.length,
    inserted: stored.inserted,
    enqueued: stored.pendingAnalysis.length,
    skipped: outcome.skipped,
  };
}
