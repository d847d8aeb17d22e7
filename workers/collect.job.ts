import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import type { CollectJobName } from '../src/queue/jobs.js';
import { collectSource } from '../src/collectors/collect-source.js';

/** The same handler serves every collect queue: the source's own type picks its collector. */
export const collectJob =
  <N extends CollectJobName>(context: AppContext): JobHandler<N> =>
  (payload) =>
    collectSource(context, payload.sourceId);
