// The environment, validated once at start and passed down (never read deep inside).
import { z } from 'zod';
import { QUEUE_NAMES } from '../queue/jobs.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/langnghe'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /**
   * REDIS_URL names one node of a Redis Cluster (the others are discovered). QUEUE_PREFIX must
   * then be a hash tag such as {langnghe}, so each queue's keys live in one slot.
   */
  REDIS_CLUSTER: booleanFlag.default(false),
  /** Prefix of every BullMQ key; tests use their own so files run in parallel. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _ - { } only')
    .default('langnghe'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where evidence and uploads are kept. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Keys author pseudonyms and encrypts secrets at rest; at least 32 characters. */
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').default('dev-only-secret-key-change-me-0123456789'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** Public base URL used in links sent by alerts and printed by the demo. */
  PUBLIC_URL: z.url().optional(),
  /** Workers started per queue in this process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * How long a worker's lock on a job lasts (renewed at half that) and how often stalled jobs are
   * looked for: the job of a worker that died is run again after at most about twice this.
   */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Queues whose workers this process runs, comma-separated (e.g. `analyze,collect-web`); unset: every queue. */
  WORKER_QUEUES: z
    .string()
    .default('')
    .transform((s) => [...new Set(s.split(',').map((q) => q.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(QUEUE_NAMES)))
    .transform((queues) => (queues.length ? queues : [...QUEUE_NAMES])),
  /** Hosts a user-supplied URL may point to even if they are private (tests, intranet feeds). */
  FETCH_ALLOW_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Graph API for Facebook Page sources (a source may override both). */
  GRAPH_API_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'like v21.0').default('v21.0'),
  /** Chromium for web page sources and PDF reports (Debian's package). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Web page sources: navigation timeout, and the least time between two requests to one host. */
  WEB_NAV_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  WEB_POLITENESS_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** Mark the session cookie Secure (set when served behind TLS). */
  COOKIE_SECURE: booleanFlag.default(false),
  /**
   * Addresses of the reverse proxies in front of the API (comma list). Only when a request comes
   * from one of them is X-Forwarded-For read for the caller's address (login throttling).
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()]))),
  /** Correlation: least estimated Jaccard similarity (syllable 3-grams) for a near-duplicate, and how far back to look. */
  NEAR_DUPLICATE_MIN_SIMILARITY: z.coerce.number().min(0.3).max(1).default(0.5),
  NEAR_DUPLICATE_WINDOW_DAYS: z.coerce.number().min(0.01).max(90).default(7),
  /** A member this similar to a fingerprint its incident keeps adds none (bounded work for viral stories); 1 absorbs identical ones only. */
  NEAR_DUPLICATE_ABSORB_SIMILARITY: z.coerce.number().min(0.5).max(1).default(0.7),
  /** How long a soft lock ("I am working on it") lasts. */
  INCIDENT_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** How often the SLA check marks incidents due soon or breached. */
  SLA_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Alerts: how often new incident events are picked up, and the channel APIs (tests point them at local fakes). */
  ALERTS_SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  ZALO_API_URL: z.url({ protocol: /^https?$/ }).default('https://openapi.zalo.me'),
  /** Alert checks (spikes, failing or silent sources, the daily digest): how often; the digest's local hour (Asia/Ho_Chi_Minh). */
  ALERT_CHECKS_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** /metrics: a bearer token for Prometheus (an API token of any role works too); see README "Monitoring". */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Worker process: serve its own /metrics (job durations) on this port; 0 = off. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Retention: content of posts in no incident is purged after this many days, of dismissed incidents' posts after that many. */
  RETENTION_UNLINKED_POST_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_DISMISSED_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  RETENTION_CHECK_INTERVAL_HOURS: z.coerce.number().min(0.01).max(168).default(24),
  /** The learned model decides categories and polarity ("on"), or the rules alone do ("off"). */
  ANALYZER_MODEL: z.enum(['on', 'off']).default('on'),
  /** Weekly retrain (a candidate, never activated by itself): cron in Asia/Ho_Chi_Minh; "off" disables it. */
  MODEL_RETRAIN_CRON: z.string().min(1).default('0 2 * * 1'),
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // An empty variable means "not set", so defaults apply (docker-compose often passes empties).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  if (result.data.REDIS_CLUSTER && !/^\{[^{}]+\}/.test(result.data.QUEUE_PREFIX)) {
    throw new ConfigError('invalid environment:\n  QUEUE_PREFIX: must start with a hash tag such as {langnghe} when REDIS_CLUSTER is set');
  }
  return result.data;
}

/** For entry points: parse or exit with a message naming the variable. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`langnghe: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
