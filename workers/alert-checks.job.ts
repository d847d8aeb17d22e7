import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import { runAlertChecks } from '../src/alerts/alert-checks.js';

/** One scheduler for the whole deployment. */
export const ALERT_CHECKS_SCHEDULER_ID = 'alert-checks';

export const alertChecksJob = (context: AppContext): JobHandler<'alert-checks'> => async () => runAlertChecks(context);
