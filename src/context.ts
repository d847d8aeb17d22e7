// What use cases need from the outside world, built once by each entry point and passed down.
import type { AppConfig } from './config/env.js';
import type { Logger } from './config/logger.js';
import type { Db } from './db/database.js';
import type { JobQueues } from './queue/queue.js';
import type { AnalyzerProvider } from './posts/analyzer-provider.js';

export interface AppContext {
  readonly config: AppConfig;
  readonly db: Db;
  readonly logger: Logger;
  readonly queues: JobQueues;
  readonly analyzers: AnalyzerProvider;
}
