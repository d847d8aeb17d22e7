import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import { runSlaCheck } from '../src/sla/sla-check.js';

/** One scheduler for the whole deployment (BullMQ job schedulers are keyed by id). */
export const SLA_CHECK_SCHEDULER_ID = 'sla-check';

export const slaCheckJob = (context: AppContext): JobHandler<'sla-check'> => () => runSlaCheck(context.db);
