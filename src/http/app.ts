// createApp(context) builds the whole HTTP surface; tests call app.request() on the same factory.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { migrationsCurrent } from '../db/migrate.js';
import { adminAuditApi } from './api/admin-audit.routes.js';
import { alertsApi } from './api/alerts.routes.js';
import { apiDocsRoutes } from './api/docs.routes.js';
import { channelsReportApi, fanpageRepliesApi, sourceUnitApi, unitsApi } from './api/channels.routes.js';
import { evidenceApi } from './api/evidence.routes.js';
import { incidentsApi } from './api/incidents.routes.js';
import { examplesApi, modelsApi } from './api/learning.routes.js';
import { postsApi } from './api/posts.routes.js';
import { publicOpinionApi } from './api/public-opinion.routes.js';
import { trendsApi } from './api/trends.routes.js';
import { rulesApi } from './api/rules.routes.js';
import { reportsApi } from './api/reports.routes.js';
import { responseTimeApi } from './api/response-time.routes.js';
import { slaApi } from './api/sla.routes.js';
import { sourcesApi } from './api/sources.routes.js';
import { requireRole, resolvePrincipal, type AuthEnv } from './auth.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { metricsRoutes } from './metrics.routes.js';
import { requestLogBindings, withLogBindings } from '../observability/log-context.js';

/** How long /readyz waits for Postgres or Redis before calling it not ready. */
const READY_PROBE_TIMEOUT_MS = 2_000;
const ASSETS_DIR = fileURLToPath(new URL('../../dashboards/assets/', import.meta.url));
const ASSET_TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

export function createApp(context: AppContext) {
  const { db, queues, config, logger } = context;
  const app = new Hono<AuthEnv>();

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal_error' }, 500);
  });
  // Log lines of a request about one incident or source carry its id.
  app.use('*', (c, next) => withLogBindings(requestLogBindings(c.req.path), next));

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = { postgres: false, redis: false, migrations: false };
    // A probe must answer, not wait: with Redis away a command waits for the reconnection
    // (maxRetriesPerRequest null), and a connect to an unreachable host has no timeout.
    const within = <T>(probe: Promise<T>) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), READY_PROBE_TIMEOUT_MS)));
      return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
    };
    await within(sql`SELECT 1`.execute(db)).then(() => (checks.postgres = true), () => undefined);
    await within(queues.redis.ping()).then(() => (checks.redis = true), () => undefined);
    if (checks.postgres) checks.migrations = await migrationsCurrent(config.DATABASE_URL).catch(() => false);
    const ready = checks.postgres && checks.redis && checks.migrations;
    return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
  });

  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSET_TYPES[path.extname(file)];
    if (!type || !/^[a-z0-9._-]+$/i.test(file)) return c.notFound();
    const body = await readFile(path.join(ASSETS_DIR, file)).catch(() => undefined);
    if (!body) return c.notFound();
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=300' });
  });

  app.use('*', resolvePrincipal(db));
  app.route('/metrics', metricsRoutes(context));
  // Like every /api route, the docs need credentials (a token, or the dashboard session).
  app.use('/api/docs', requireRole());
  app.use('/api/docs/*', requireRole());
  app.route('/api/docs', apiDocsRoutes(() => app.routes));
  const api = new Hono<AuthEnv>();
  api.use('*', requireRole());
  api.route('/incidents', incidentsApi(db, { lockMinutes: config.INCIDENT_LOCK_MINUTES, queues }));
  api.route('/incidents', fanpageRepliesApi(context));
  api.route('/evidence', evidenceApi(db, config));
  api.route('/sla', slaApi(db, logger));
  api.route('/rules', rulesApi(db));
  api.route('/reports/response-time', responseTimeApi(context));
  api.route('/reports/public-opinion', publicOpinionApi(db));
  api.route('/reports', reportsApi(context));
  api.route('/sources', sourcesApi(db));
  api.route('/sources', sourceUnitApi(context));
  api.route('/units', unitsApi(context));
  api.route('/reports/channels', channelsReportApi(context));
  api.route('/alerts', alertsApi(context));
  api.route('/admin/audit', adminAuditApi(db));
  api.route('/examples', examplesApi(context));
  api.route('/models', modelsApi(context));
  // Listening (issue 14): search, trends, the public-opinion report.
  api.route('/posts', postsApi(context));
  api.route('/trends', trendsApi(db));
  app.route('/api', api);

  // Forms are same-origin only; the API is token-authenticated and exempt by path.
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : csrf()(c, next)));
  app.route('/', dashboardRoutes(context));
  return app;
}

export type App = ReturnType<typeof createApp>;
