import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import { deliverAlert, planAlert, scanAlertEvents } from '../src/alerts/alerts.js';

/** One scheduler for the whole deployment. */
export const ALERTS_SCAN_SCHEDULER_ID = 'alerts-scan';

export const alertsScanJob = (context: AppContext): JobHandler<'alerts-scan'> => async () => ({ events: (await scanAlertEvents(context)).length });

export const notifyJob = (context: AppContext): JobHandler<'notify'> => async (payload) => ({ deliveries: (await planAlert(context, payload.eventId)).length });

/** Throws on a retryable failure (BullMQ backs off); a permanent one fails at once, logged on the row. */
export const deliverJob = (context: AppContext): JobHandler<'deliver'> => async (payload) => ({ outcome: await deliverAlert(context, payload.deliveryId) });
