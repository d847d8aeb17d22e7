import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import { collectSource } from '../src/collectors/collect-source.js';

export const collectJob = (context: AppContext): JobHandler<'collect'> => (payload) => collectSource(context, payload.sourceId);
