// Starts every BullMQ worker of this process, plus the periodic sync of source schedules.
import type { AppContext } from '../src/context.js';
import { startWorkers, type JobHandlers } from '../src/queue/queue.js';
import { syncSourceSchedules } from '../src/sources/schedule.js';
import { analyzeJob } from './analyze.job.js';
import { captureEvidenceJob } from './capture-evidence.job.js';
import { collectJob } from './collect.job.js';
import { slaCheckJob, SLA_CHECK_SCHEDULER_ID } from './sla-check.job.js';
import { alertsScanJob, ALERTS_SCAN_SCHEDULER_ID, deliverJob, notifyJob } from './alerts.job.js';
import { closeSharedBrowser } from '../src/collectors/web.collector.js';

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
    'sla-check': slaCheckJob(context),
    'capture-evidence': captureEvidenceJob(context),
    'alerts-scan': alertsScanJob(context),
    notify: notifyJob(context),
    deliver: deliverJob(context),
  };
  const running = startWorkers(context.queues.settings, handlers, context.logger, context.config.WORKER_CONCURRENCY);
  const sync = async () => {
    try {
      await syncSourceSchedules(context.db, context.queues);
    } catch (error) {
      context.logger.warn({ err: error }, 'could not sync source schedules');
    }
  };
  await sync();
  // upsertJobScheduler is idempotent: every worker process may (re)declare the one schedule.
  await context.queues.upsertSchedule('sla-check', SLA_CHECK_SCHEDULER_ID, context.config.SLA_CHECK_INTERVAL_SECONDS * 1000, {});
  await context.queues.upsertSchedule('alerts-scan', ALERTS_SCAN_SCHEDULER_ID, context.config.ALERTS_SCAN_INTERVAL_SECONDS * 1000, {});
  const timer = setInterval(sync, SCHEDULE_SYNC_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running.close();
      await closeSharedBrowser();
    },
  };
}
