// Builds the AppContext for an entry point (api, worker, CLI, demo) and tears it down in order.
import type { AppConfig } from './config/env.js';
import { createLogger, type Logger } from './config/logger.js';
import type { AppContext } from './context.js';
import { createDb, ensureDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createAnalyzerProvider } from './posts/analyzer-provider.js';
import { JobQueues } from './queue/queue.js';
import { checkRedisEvictionPolicy } from './observability/redis-policy.js';

export interface OpenedContext extends AppContext {
  close(): Promise<void>;
}

export async function openContext(config: AppConfig, options: { migrate?: boolean; logger?: Logger } = {}): Promise<OpenedContext> {
  const logger = options.logger ?? createLogger(config);
  if (options.migrate) {
    await ensureDatabase(config.DATABASE_URL);
    const result = await migrate(config.DATABASE_URL);
    if (result.applied.length) logger.info({ applied: result.applied }, 'migrations applied');
  }
  const db = createDb(config.DATABASE_URL);
  const queues = new JobQueues({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, cluster: config.REDIS_CLUSTER, stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS }, logger);
  // Not awaited: a Redis still connecting must not hold the start; the check logs, never throws.
  void checkRedisEvictionPolicy({ config: (subcommand, parameter) => queues.redis.config(subcommand, parameter) }, logger);
  const analyzers = createAnalyzerProvider(db, { useModel: config.ANALYZER_MODEL === 'on' });
  return {
    config,
    db,
    logger,
    queues,
    analyzers,
    async close() {
      await queues.close();
      await db.destroy();
    },
  };
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
