// Starts every BullMQ worker of this process, plus the periodic sync of source schedules.
import type { AppContext } from '../src/context.js';
import { startWorkers, type JobHandlers } from '../src/queue/queue.js';
import { syncSourceSchedules } from '../src/sources/schedule.js';
import { analyzeJob } from './analyze.job.js';
import { analyzeBatchJob } from './analyze-batch.job.js';
import { captureEvidenceJob } from './capture-evidence.job.js';
import { collectJob } from './collect.job.js';
import { slaCheckJob, SLA_CHECK_SCHEDULER_ID } from './sla-check.job.js';
import { alertsScanJob, ALERTS_SCAN_SCHEDULER_ID, deliverJob, notifyJob } from './alerts.job.js';
import { alertChecksJob, ALERT_CHECKS_SCHEDULER_ID } from './alert-checks.job.js';
import { closeSharedBrowser } from '../src/collectors/web.collector.js';
import { createWorkerMetrics, startMetricsListener } from '../src/observability/metrics.js';
import { retentionPurgeJob, RETENTION_PURGE_SCHEDULER_ID } from './retention.job.js';
import { reportDeliveryJob, REPORT_DELIVERY_SCHEDULE, REPORT_DELIVERY_SCHEDULER_ID } from './report-delivery.job.js';
import { retrainWeeklyJob, RETRAIN_WEEKLY_SCHEDULER_ID, trainModelJob } from './learning.job.js';
import { channelStatsJob, CHANNEL_STATS_SCHEDULE, CHANNEL_STATS_SCHEDULER_ID } from './channel-stats.job.js';
import { searchIndexJob, SEARCH_INDEX_INTERVAL_MS, SEARCH_INDEX_SCHEDULER_ID, SEARCH_SWEEP_INTERVAL_MS, SEARCH_SWEEP_SCHEDULER_ID } from './search-index.job.js';

export interface RunningWorkerPool {
  close(): Promise<void>;
}

const SCHEDULE_SYNC_MS = 30_000;

export async function startWorkerPool(context: AppContext): Promise<RunningWorkerPool> {
  const handlers: JobHandlers = {
    collect: collectJob(context),
    'collect-rss': collectJob(context),
    'collect-facebook': collectJob(context),
    'collect-web': collectJob(context),
    analyze: analyzeJob(context),
    'analyze-batch': analyzeBatchJob(context),
    'sla-check': slaCheckJob(context),
    'capture-evidence': captureEvidenceJob(context),
    'alerts-scan': alertsScanJob(context),
    notify: notifyJob(context),
    deliver: deliverJob(context),
    'alert-checks': alertChecksJob(context),
    'retention-purge': retentionPurgeJob(context),
    'report-delivery': reportDeliveryJob(context),
    'train-model': trainModelJob(context),
    'retrain-weekly': retrainWeeklyJob(context),
    'channel-stats': channelStatsJob(context),
    'search-index': searchIndexJob(context),
  };
  // Job durations are this process's own: Prometheus scrapes each worker on WORKER_METRICS_PORT.
  const metrics = createWorkerMetrics();
  // Before any worker starts: a port already in use stops the process with nothing in progress.
  const metricsListener = context.config.WORKER_METRICS_PORT
    ? await startMetricsListener(metrics.registry, { host: context.config.HOST, port: context.config.WORKER_METRICS_PORT, token: context.config.METRICS_TOKEN }, context.logger)
    : undefined;
  const running = startWorkers({ ...context.queues.settings, jobObserver: metrics.observeJob }, handlers, context.logger, context.config.WORKER_CONCURRENCY, context.config.WORKER_QUEUES);
  const sync = async () => {
    try {
      await syncSourceSchedules(context.db, context.queues);
    } catch (error) {
      context.logger.warn({ err: error }, 'could not sync source schedules');
    }
  };
  await sync();
  // upsertJobScheduler is idempotent: every worker process may (re)declare the one schedule, whatever
  // its WORKER_QUEUES (a scheduled job waits in its queue for a process that works that queue).
  await context.queues.upsertSchedule('sla-check', SLA_CHECK_SCHEDULER_ID, context.config.SLA_CHECK_INTERVAL_SECONDS * 1000, {});
  await context.queues.upsertSchedule('alerts-scan', ALERTS_SCAN_SCHEDULER_ID, context.config.ALERTS_SCAN_INTERVAL_SECONDS * 1000, {});
  await context.queues.upsertSchedule('alert-checks', ALERT_CHECKS_SCHEDULER_ID, context.config.ALERT_CHECKS_INTERVAL_SECONDS * 1000, {});
  await context.queues.upsertSchedule('retention-purge', RETENTION_PURGE_SCHEDULER_ID, Math.round(context.config.RETENTION_CHECK_INTERVAL_HOURS * 3_600_000), {});
  await context.queues.upsertSchedule('report-delivery', REPORT_DELIVERY_SCHEDULER_ID, REPORT_DELIVERY_SCHEDULE, {});
  if (context.config.MODEL_RETRAIN_CRON === 'off') await context.queues.removeSchedule('retrain-weekly', RETRAIN_WEEKLY_SCHEDULER_ID);
  else await context.queues.upsertSchedule('retrain-weekly', RETRAIN_WEEKLY_SCHEDULER_ID, { pattern: context.config.MODEL_RETRAIN_CRON, tz: 'Asia/Ho_Chi_Minh' }, {});
  await context.queues.upsertSchedule('channel-stats', CHANNEL_STATS_SCHEDULER_ID, CHANNEL_STATS_SCHEDULE, {});
  await context.queues.upsertSchedule('search-index', SEARCH_INDEX_SCHEDULER_ID, SEARCH_INDEX_INTERVAL_MS, {});
  await context.queues.upsertSchedule('search-index', SEARCH_SWEEP_SCHEDULER_ID, SEARCH_SWEEP_INTERVAL_MS, { sweep: true });
  const timer = setInterval(sync, SCHEDULE_SYNC_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await metricsListener?.close();
      await running.close();
      await closeSharedBrowser();
    },
  };
}
