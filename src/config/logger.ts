import { pino, type Logger } from 'pino';
import type { AppConfig } from './env.js';

export type { Logger };

/** Structured JSON logs on stderr, so stdout stays free for CLI output. */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>, name = 'langnghe'): Logger {
  return pino({ name, level: config.LOG_LEVEL }, pino.destination(2));
}
