// Everything a real-browser dashboard test needs: its own database and queue prefix, the app
// context, the HTTP server on a free port and Debian's Chromium — closed in the right order.
import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { openContext, type OpenedContext } from '../../src/bootstrap.js';
import { closeHttpServer, startHttpServer } from '../../src/http/server.js';
import { launchBrowser } from './browser.js';
import { createTestServices, type TestServices } from './services.js';

export interface DashboardHarness {
  readonly services: TestServices;
  readonly context: OpenedContext;
  readonly server: ServerType;
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startDashboardHarness(label: string, overrides: Record<string, string> = {}): Promise<DashboardHarness> {
  const services = await createTestServices(label, overrides);
  const context = await openContext(services.config);
  const server = await startHttpServer(context);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    services,
    context,
    server,
    base,
    browser,
    async close() {
      await browser.close();
      await closeHttpServer(server);
      await context.close();
      await services.cleanup();
    },
  };
}
