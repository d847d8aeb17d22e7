// GET /metrics — Prometheus text (src/observability/metrics.ts). Readable with the bearer
// METRICS_TOKEN (what Prometheus is given) or with any API token or dashboard session; refused
// otherwise, so counts and source ids never leak to an anonymous caller.
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { createApiMetrics, hasMetricsToken, type ApiMetrics } from '../observability/metrics.js';
import type { AuthEnv } from './auth.js';

export function metricsRoutes(context: AppContext) {
  // Built on the first scrape: an app that is never scraped (tests, CLI) registers nothing.
  let metrics: ApiMetrics | undefined;
  return new Hono<AuthEnv>().get('/', async (c) => {
    const allowed = hasMetricsToken(c.req.header('authorization'), context.config.METRICS_TOKEN) || c.get('principal') !== undefined;
    if (!allowed) {
      c.header('WWW-Authenticate', 'Bearer realm="langnghe"');
      return c.json({ error: 'unauthorized', message: 'Authorization: Bearer METRICS_TOKEN (or an API token) required' }, 401);
    }
    metrics ??= createApiMetrics(context);
    const text = await metrics.render();
    return c.body(text, 200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  });
}
