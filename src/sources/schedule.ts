// One BullMQ job scheduler per enabled, collectable source, on its source type's queue (own
// concurrency and rate limit); removed when a source is disabled, deleted or changes type.
import type { Db } from '../db/database.js';
import type { JobQueues } from '../queue/queue.js';
import { COLLECT_JOB_NAMES, collectJobFor, jobIds } from '../queue/jobs.js';
import { collectors } from '../collectors/registry.js';
import { listSources } from './source.repository.js';

const SCHEDULE_PREFIX = 'collect-source-';
/** A new schedule starts within this much (and 10% of its interval), spreading sources set up together. */
const MAX_JITTER_MS = 10_000;

export async function syncSourceSchedules(db: Db, queues: JobQueues): Promise<{ scheduled: number; removed: number }> {
  const sources = await listSources(db);
  const wanted = new Set<string>();
  for (const source of sources) {
    const jobName = collectJobFor(source.type);
    if (!source.enabled || !jobName || !collectors[source.type]) continue;
    const schedulerId = jobIds.collectSchedule(source.id);
    wanted.add(`${jobName} ${schedulerId}`);
    const everyMs = source.interval_seconds * 1000;
    await queues.upsertSchedule(jobName, schedulerId, everyMs, { sourceId: source.id }, { jitterMs: Math.min(MAX_JITTER_MS, everyMs / 10) });
  }
  let removed = 0;
  for (const jobName of COLLECT_JOB_NAMES) {
    for (const schedulerId of await queues.listScheduleIds(jobName)) {
      if (schedulerId.startsWith(SCHEDULE_PREFIX) && !wanted.has(`${jobName} ${schedulerId}`)) {
        await queues.removeSchedule(jobName, schedulerId);
        removed++;
      }
    }
  }
  return { scheduled: wanted.size, removed };
}
