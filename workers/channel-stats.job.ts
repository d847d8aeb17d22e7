import type { AppContext } from '../src/context.js';
import type { JobHandler } from '../src/queue/queue.js';
import { computeDailyStats } from '../src/channels/daily-stats.js';

/** One scheduler for the whole deployment: hourly at :20, local time (the day boundary is local midnight). */
export const CHANNEL_STATS_SCHEDULER_ID = 'channel-stats';
export const CHANNEL_STATS_SCHEDULE = { pattern: '20 * * * *', tz: 'Asia/Ho_Chi_Minh' } as const;

export const channelStatsJob = (context: AppContext): JobHandler<'channel-stats'> => () => computeDailyStats(context.db);
