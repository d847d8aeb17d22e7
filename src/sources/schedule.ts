// One BullMQ job scheduler per enabled, collectable source; removed when a source is disabled.
import type { Db } from '../db/database.js';
import type { JobQueues } from '../queue/queue.js';
import { jobIds } from '../queue/jobs.js';
import { collectors } from '../collectors/registry.js';
import { listSources } from './source.repository.js';

const SCHEDULE_PREFIX = 'collect-source-';

export async function syncSourceSchedules(db: Db, queues: JobQueues): Promise<{ scheduled: number; removed: number }> {
  const sources = await listSources(db);
  const wanted = new Set<string>();
  for (const source of sources) {
    if (!source.enabled || !collectors[source.type]) continue;
    const schedulerId = jobIds.collectSchedule(source.id);
    wanted.add(schedulerId);
    await queues.upsertSchedule('collect', schedulerId, source.interval_seconds * 1000, { sourceId: source.id });
  }
  let removed = 0;
  for (const schedulerId of await queues.listScheduleIds('collect')) {
    if (schedulerId.startsWith(SCHEDULE_PREFIX) && !wanted.has(schedulerId)) {
      await queues.removeSchedule('collect', schedulerId);
      removed++;
    }
  }
  return { scheduled: wanted.size, removed };
}
