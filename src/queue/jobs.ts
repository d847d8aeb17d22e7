// Every job type, declared once: its queue, its payload schema, its default options.
// Payloads carry ids, never rows. Job ids are deterministic so a re-enqueue deduplicates.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SourceType } from '../db/schema.js';

const id = z.string().regex(/^\d+$/, 'a numeric id');

export const jobDefinitions = {
  /** Any source type, on the shared queue: kept for jobs already enqueued; schedules use the typed jobs below. */
  collect: {
    queue: 'collect',
    payload: z.object({ sourceId: id }),
    attempts: 3,
  },
  // One queue per source type, each with its own concurrency and rate limit (queueWorkerOptions).
  'collect-rss': {
    queue: 'collect-rss',
    payload: z.object({ sourceId: id }),
    attempts: 3,
  },
  'collect-facebook': {
    queue: 'collect-facebook',
    payload: z.object({ sourceId: id }),
    attempts: 3,
  },
  'collect-web': {
    queue: 'collect-web',
    payload: z.object({ sourceId: id }),
    attempts: 2,
  },
  analyze: {
    queue: 'analyze',
    payload: z.object({ postId: id }),
    // 2 s doubling: retries span ~4 min, so a Postgres restart or failover loses no post (5 gave 30 s).
    attempts: 8,
  },
  /**
   * Stored posts analysed together (src/posts/analyze-batch.ts), on the analyze queue. An id that
   * is malformed or no longer exists is skipped, never fatal to the rest of the batch.
   */
  'analyze-batch': {
    queue: 'analyze',
    payload: z.object({ postIds: z.array(z.string().max(40)).min(1).max(1_000) }),
    // Like analyze: retries span ~4 min, longer than a database restart.
    attempts: 8,
  },
  /** Scheduled: marks incidents due soon / breached (src/sla/sla-check.ts); the next run retries. */
  'sla-check': {
    queue: 'sla',
    payload: z.object({}),
    attempts: 1,
  },
  /**
   * Evidence of one member post of an incident (src/evidence/capture-evidence.ts): enqueued after
   * the analyze transaction commits, and on demand. Every attempt is recorded; a failed page is
   * retried with a slower backoff (30 s, 1, 2, 4, 8 min).
   */
  'capture-evidence': {
    queue: 'evidence',
    payload: z.object({ incidentId: id, postId: id }),
    attempts: 6,
    backoffMs: 30_000,
  },
  /** Alerts (src/alerts/alerts.ts): scheduled pick-up of new incident events; the next run retries. */
  'alerts-scan': {
    queue: 'alerts',
    payload: z.object({}),
    attempts: 1,
  },
  /** The deliveries of one incident event (idempotent). */
  notify: {
    queue: 'alerts',
    payload: z.object({ eventId: id }),
    attempts: 5,
  },
  /**
   * Scheduled: spike scan, source failing / silent, daily digest (src/alerts/alert-checks.ts);
   * each alert is stored under a deterministic key, so a rerun plans nothing twice; the next run retries.
   */
  'alert-checks': {
    queue: 'alerts',
    payload: z.object({}),
    attempts: 1,
  },
  /** One delivery (alert, channel, recipient), sent at most once; retried 10 s, 20 s, 40 s… */
  deliver: {
    queue: 'alerts',
    payload: z.object({ deliveryId: id }),
    attempts: 6,
    backoffMs: 10_000,
  },
  /** Scheduled: purges the content of posts past retention (src/retention/purge.ts); the next run retries. */
  'retention-purge': {
    queue: 'maintenance',
    payload: z.object({}),
    attempts: 1,
  },
  /**
   * Scheduled (daily 07:00 Asia/Ho_Chi_Minh): sends the last month's and, after a quarter, the last
   * quarter's response-time report to the report channels (src/reports/delivery.ts). Once per
   * (period, channel) in report_deliveries; retried 1, 2, 4, 8 min.
   */
  'report-delivery': {
    queue: 'reports',
    payload: z.object({}),
    attempts: 5,
    backoffMs: 60_000,
  },
  /**
   * A retrain asked on the rules page (src/learning/run-training.ts): trains the model_versions
   * row in a child process and stores it as a candidate; an admin activates it.
   */
  'train-model': {
    queue: 'learning',
    payload: z.object({ versionId: id }),
    attempts: 2,
    backoffMs: 60_000,
  },
  /** Scheduled weekly: one candidate per ISO week, never activated by itself. */
  'retrain-weekly': {
    queue: 'learning',
    payload: z.object({}),
    attempts: 2,
    backoffMs: 60_000,
  },
  /**
   * Scheduled (hourly): per unit page and local day, the figures of unit_page_facts() for today
   * and the days before it (src/channels/daily-stats.ts); upserts, so a rerun changes nothing.
   */
  'channel-stats': {
    queue: 'reports',
    payload: z.object({}),
    attempts: 3,
    backoffMs: 60_000,
  },
  /**
   * Scheduled (every few seconds; a sweep of every post now and then): makes new posts searchable
   * (src/search/search-index.ts), on its own queue so that the index's cost stays off collection
   * and analysis; the next run retries.
   */
  'search-index': {
    queue: 'search',
    payload: z.object({ sweep: z.boolean().optional() }),
    attempts: 1,
  },
} as const;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<N extends JobName> = z.infer<(typeof jobDefinitions)[N]['payload']>;
export type QueueName = (typeof jobDefinitions)[JobName]['queue'];
export const QUEUE_NAMES = [...new Set(Object.values(jobDefinitions).map((d) => d.queue))] as QueueName[];

/**
 * Per-queue worker settings. `concurrency` is per worker process (unset: WORKER_CONCURRENCY);
 * `limiter` is shared by every worker of the queue (BullMQ rate limits are per queue): the Graph
 * API and the browsers get their own.
 */
export const queueWorkerOptions: Partial<Record<QueueName, { readonly concurrency?: number; readonly limiter?: { readonly max: number; readonly duration: number } }>> = {
  'collect-rss': { concurrency: 8 },
  'collect-facebook': { concurrency: 2, limiter: { max: 30, duration: 60_000 } },
  'collect-web': { concurrency: 2, limiter: { max: 12, duration: 60_000 } },
  evidence: { concurrency: 2, limiter: { max: 30, duration: 60_000 } },
  // One training at a time per process: each takes a core for tens of seconds.
  learning: { concurrency: 1 },
};

export type CollectJobName = 'collect' | 'collect-rss' | 'collect-facebook' | 'collect-web';
export const COLLECT_JOB_NAMES: readonly CollectJobName[] = ['collect', 'collect-rss', 'collect-facebook', 'collect-web'];

/** The collect job (and so the queue) of a source type; undefined for types never collected (manual). */
export function collectJobFor(type: SourceType): CollectJobName | undefined {
  switch (type) {
    case 'rss':
      return 'collect-rss';
    case 'facebook_page':
      return 'collect-facebook';
    case 'web_page':
      return 'collect-web';
    case 'manual':
      return undefined;
  }
}

/** BullMQ job ids must not contain ':'; these never do. */
export const jobIds = {
  analyze: (postId: string) => `analyze-${postId}`,
  /**
   * The same set of posts is one job, whatever their order. `reason`: why the posts are analysed
   * again (e.g. 'engagement'), so that it is not the first analysis's job.
   */
  analyzeBatch: (postIds: readonly string[], reason?: string) => {
    const ids = [...new Set(postIds)].sort();
    const hash = createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 24);
    return reason ? `analyze-batch-${reason}-${ids.length}-${hash}` : `analyze-batch-${ids.length}-${hash}`;
  },
  collectSchedule: (sourceId: string) => `collect-source-${sourceId}`,
  collectNow: (sourceId: string, at: number) => `collect-${sourceId}-${at}`,
  /** Once per post filed into an incident. */
  captureEvidence: (incidentId: string, postId: string) => `evidence-${incidentId}-${postId}`,
  /** On demand; `at` is a time bucket, so a double click is one job. */
  captureEvidenceNow: (incidentId: string, postId: string, at: number) => `evidence-${incidentId}-${postId}-${at}`,
  notify: (eventId: string) => `notify-${eventId}`,
  trainModel: (versionId: string) => `train-model-${versionId}`,
  deliver: (deliveryId: string) => `deliver-${deliveryId}`,
  /** After quiet hours or a rate limit: `at` is when it may go. */
  deliverLater: (deliveryId: string, at: number) => `deliver-${deliveryId}-${at}`,
} as const;
