// Entry point of the `api` process.
import { loadConfigOrExit } from '../config/env.js';
import { openContext, onShutdown } from '../bootstrap.js';
import { closeHttpServer, startHttpServer } from './server.js';

const config = loadConfigOrExit();
const context = await openContext(config, { migrate: false });
const server = await startHttpServer(context);
context.logger.info({ host: config.HOST, port: config.PORT }, 'api listening');
onShutdown(context.logger, async () => {
  await closeHttpServer(server);
  await context.close();
});
