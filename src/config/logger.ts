import { pino, type Logger } from 'pino';
import type { AppConfig } from './env.js';
import { currentLogBindings } from '../observability/log-context.js';

export type { Logger };

/** Structured JSON logs on stderr, so stdout stays free for CLI output. */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>, name = 'langnghe'): Logger {
  // The mixin adds the ids of the job in progress (queue, job, source, incident…) to every line.
  return pino({ name, level: config.LOG_LEVEL, mixin: currentLogBindings }, pino.destination(2));
}
