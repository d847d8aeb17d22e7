// Entry point of the `worker` process: all BullMQ workers.
import { loadConfigOrExit } from '../src/config/env.js';
import { openContext, onShutdown } from '../src/bootstrap.js';
import { startWorkerPool } from './workers.js';

const config = loadConfigOrExit();
const context = await openContext(config, { migrate: false });
const pool = await startWorkerPool(context);
context.logger.info({ prefix: config.QUEUE_PREFIX }, 'workers started');
onShutdown(context.logger, async () => {
  await pool.close();
  await context.close();
});
