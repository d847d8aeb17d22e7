// Starts and stops the HTTP server for a context (used by the api entry and the demo).
import { serve, type ServerType } from '@hono/node-server';
import type { AppContext } from '../context.js';
import { createApp } from './app.js';

export function startHttpServer(context: AppContext): Promise<ServerType> {
  const app = createApp(context);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: context.config.HOST, port: context.config.PORT }, () => resolve(server));
  });
}

export function closeHttpServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
