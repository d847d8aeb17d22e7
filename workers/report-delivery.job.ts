import type { AppContext } from '../src/context.js';
import type { JobHandler } from '../src/queue/queue.js';
import { deliverDueReports } from '../src/reports/delivery.js';

/** One scheduler for the whole deployment: daily at 07:00 local; report_deliveries makes it send once. */
export const REPORT_DELIVERY_SCHEDULER_ID = 'report-delivery';
export const REPORT_DELIVERY_SCHEDULE = { pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' } as const;

export const reportDeliveryJob = (context: AppContext): JobHandler<'report-delivery'> => () => deliverDueReports(context);
