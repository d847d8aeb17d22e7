// Starts every BullMQ worker of this process, plus the periodic sync of source schedules.
import type { AppContext } from '../src/context.js';
import { startWorkers, type JobHandlers } from '../src/queue/queue.js';
import { syncSourceSchedules } from '../src/sources/schedule.js';
import { analyzeJob } from './analyze.job.js';
import { collectJob } from './collect.job.js';

export interface RunningWorkerPool {
  close(): Promise<void>;
}

const SCHEDULE_SYNC_MS = 30_000;

export async function startWorkerPool(context: AppContext): Promise<RunningWorkerPool> {
  const handlers: JobHandlers = {
    collect: collectJob(context),
    analyze: analyzeJob(context),
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
  const timer = setInterval(sync, SCHEDULE_SYNC_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running.close();
    },
  };
}
