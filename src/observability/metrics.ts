// Prometheus metrics (issue 9, item 4). Each process exposes its own registry and Prometheus scrapes
// each one, the standard way:
// - the API's /metrics: what every process shares, read at scrape time — queue depth and oldest
//   waiting job per queue (Redis), open incidents, SLA breaches, analyses per category, items
//   collected per source, source health, alert deliveries (Postgres totals, a few aggregate queries
//   under one statement timeout) — plus the API process's own Node.js metrics;
// - a worker's /metrics (WORKER_METRICS_PORT): its job durations and its own Node.js metrics.
// Labels: queue and job names, severities, categories, statuses, and source ids: a commune has a
// few dozen sources, so one series per source stays small.
import { createServer, type Server } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../config/logger.js';
import type { Db } from '../db/database.js';
import type { JobObserver } from '../queue/queue.js';
import type { JobQueues } from '../queue/queue.js';
import { QUEUE_NAMES } from '../queue/jobs.js';

/** Longest a scrape waits for Postgres or Redis before reporting what it has. */
const SCRAPE_TIMEOUT_MS = 2_000;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

export interface ApiMetrics {
  readonly registry: Registry;
  /** Reads the shared state, then renders every metric in the Prometheus text format. */
  render(): Promise<string>;
}

export function createApiMetrics(deps: { readonly db: Db; readonly queues: JobQueues; readonly logger: Logger }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const queueJobs = new Gauge({ name: 'langnghe_queue_jobs', help: 'Jobs in a queue by state (waiting + prioritized = depth).', labelNames: ['queue', 'state'], registers });
  const oldestWaiting = new Gauge({
    name: 'langnghe_queue_oldest_waiting_job_age_seconds',
    help: 'Age of the oldest job waiting in a queue since it became ready (0 when none waits).',
    labelNames: ['queue'],
    registers,
  });
  const openIncidents = new Gauge({ name: 'langnghe_open_incidents', help: 'Incidents neither resolved nor dismissed, by severity.', labelNames: ['severity'], registers });
  const openBreached = new Gauge({
    name: 'langnghe_open_incidents_breached',
    help: 'Open incidents past an SLA deadline (acknowledge or resolve), by severity.',
    labelNames: ['severity'],
    registers,
  });
  const slaBreaches = new Counter({ name: 'langnghe_sla_breaches_total', help: 'SLA deadlines breached, ever, by deadline and severity.', labelNames: ['deadline', 'severity'], registers });
  const analyses = new Counter({
    name: 'langnghe_analyses_total',
    help: 'Stored analyses by category (an analysis with two categories counts in both; none: no category).',
    labelNames: ['category'],
    registers,
  });
  const itemsCollected = new Counter({ name: 'langnghe_items_collected_total', help: 'Posts stored, by source.', labelNames: ['source_id', 'source_type'], registers });
  const sourceFailures = new Gauge({
    name: 'langnghe_source_consecutive_failures',
    help: 'Consecutive failed runs of a source (0: its last run succeeded).',
    labelNames: ['source_id', 'source_type'],
    registers,
  });
  const sourcesByHealth = new Gauge({ name: 'langnghe_sources', help: 'Enabled sources by health.', labelNames: ['health'], registers });
  const deliveries = new Gauge({ name: 'langnghe_alert_deliveries', help: 'Alert deliveries by status and channel type.', labelNames: ['status', 'channel_type'], registers });
  const scrapeOk = new Gauge({
    name: 'langnghe_metrics_scrape_ok',
    help: '1 when this scrape could read the part (postgres, redis); 0: its metrics keep their last values.',
    labelNames: ['part'],
    registers,
  });

  async function readRedis(): Promise<void> {
    const now = Date.now();
    const results = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const queue = deps.queues.queue(name);
        const [counts, oldest] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.getJobs(['wait'], 0, 0, true)]);
        const job = oldest[0];
        // A delayed job is ready at timestamp + delay; its wait starts then.
        const readyAt = job ? job.timestamp + (job.delay ?? 0) : undefined;
        return { name, counts, age: readyAt === undefined ? 0 : Math.max(0, (now - readyAt) / 1000) };
      }),
    );
    queueJobs.reset();
    oldestWaiting.reset();
    for (const { name, counts, age } of results) {
      for (const state of QUEUE_STATES) queueJobs.set({ queue: name, state }, counts[state] ?? 0);
      oldestWaiting.set({ queue: name }, age);
    }
  }

  async function readPostgres(): Promise<void> {
    const rows = await deps.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL statement_timeout = ${sql.lit(SCRAPE_TIMEOUT_MS)}`.execute(trx);
      const incidents = await sql<{ severity: string; open: string; open_breached: string; ack_breached: string; resolve_breached: string }>`
        SELECT severity,
               count(*) FILTER (WHERE status NOT IN ('resolved', 'dismissed')) AS open,
               count(*) FILTER (WHERE status NOT IN ('resolved', 'dismissed')
                                  AND (ack_breached_at IS NOT NULL OR resolve_breached_at IS NOT NULL)) AS open_breached,
               count(ack_breached_at) AS ack_breached,
               count(resolve_breached_at) AS resolve_breached
        FROM incidents GROUP BY severity`.execute(trx);
      const categories = await sql<{ category: string; n: string }>`
        SELECT coalesce(c, 'none') AS category, count(*) AS n
        FROM analyses LEFT JOIN LATERAL unnest(categories) AS c ON true
        GROUP BY 1`.execute(trx);
      const sources = await sql<{ id: string; type: string; enabled: boolean; health: string; consecutive_failures: number; items: string }>`
        SELECT s.id, s.type, s.enabled, s.health, s.consecutive_failures,
               (SELECT count(*) FROM posts p WHERE p.source_id = s.id) AS items
        FROM sources s`.execute(trx);
      const sent = await sql<{ status: string; channel_type: string; n: string }>`
        SELECT d.status, c.type AS channel_type, count(*) AS n
        FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id
        GROUP BY 1, 2`.execute(trx);
      return { incidents: incidents.rows, categories: categories.rows, sources: sources.rows, deliveries: sent.rows };
    });

    for (const metric of [openIncidents, openBreached, slaBreaches, analyses, itemsCollected, sourceFailures, sourcesByHealth, deliveries]) metric.reset();
    for (const severity of SEVERITIES) {
      const row = rows.incidents.find((r) => r.severity === severity);
      openIncidents.set({ severity }, Number(row?.open ?? 0));
      openBreached.set({ severity }, Number(row?.open_breached ?? 0));
      slaBreaches.inc({ deadline: 'acknowledge', severity }, Number(row?.ack_breached ?? 0));
      slaBreaches.inc({ deadline: 'resolve', severity }, Number(row?.resolve_breached ?? 0));
    }
    for (const row of rows.categories) analyses.inc({ category: row.category }, Number(row.n));
    const health: Record<string, number> = { ok: 0, failing: 0, unknown: 0 };
    for (const source of rows.sources) {
      itemsCollected.inc({ source_id: source.id, source_type: source.type }, Number(source.items));
      if (!source.enabled) continue;
      sourceFailures.set({ source_id: source.id, source_type: source.type }, source.consecutive_failures);
      health[source.health] = (health[source.health] ?? 0) + 1;
    }
    for (const [name, count] of Object.entries(health)) sourcesByHealth.set({ health: name }, count);
    for (const row of rows.deliveries) deliveries.set({ status: row.status, channel_type: row.channel_type }, Number(row.n));
  }

  async function part(name: 'postgres' | 'redis', read: () => Promise<void>): Promise<void> {
    try {
      await withTimeout(read(), SCRAPE_TIMEOUT_MS + 500, `${name} metrics`);
      scrapeOk.set({ part: name }, 1);
    } catch (error) {
      scrapeOk.set({ part: name }, 0);
      deps.logger.warn({ err: error, part: name }, 'metrics: could not read');
    }
  }

  // Concurrent scrapes share one read, so none sees the metrics half reset.
  let inFlight: Promise<string> | undefined;
  return {
    registry,
    render() {
      inFlight ??= (async () => {
        await Promise.all([part('postgres', readPostgres), part('redis', readRedis)]);
        return registry.metrics();
      })().finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}

export interface WorkerMetrics {
  readonly registry: Registry;
  readonly observeJob: JobObserver;
}

/** A worker process's own metrics: how long its jobs take, how they end. */
export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const durations = new Histogram({
    name: 'langnghe_job_duration_seconds',
    help: 'Time a job took in this worker process, by queue, job name and outcome (completed, failed).',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  return {
    registry,
    observeJob: (job, seconds, outcome) => durations.observe({ queue: job.queue, job: job.name, outcome }, seconds),
  };
}

/**
 * Who may read /metrics: the bearer METRICS_TOKEN (Prometheus), compared in constant time. The API
 * also accepts any API token or session (src/http/metrics.routes.ts).
 */
export function hasMetricsToken(authorization: string | undefined | null, token: string | undefined): boolean {
  if (!token || !authorization) return false;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!bearer) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(bearer), digest(token));
}

export interface MetricsListener {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A worker's /metrics on its own port. With METRICS_TOKEN set, the token is required; without
 * it, anyone who can reach HOST:port may read (bind HOST to a private interface).
 */
export async function startMetricsListener(registry: Registry, options: { host: string; port: number; token?: string | undefined }, logger: Logger): Promise<MetricsListener> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' || url.pathname !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (options.token && !hasMetricsToken(request.headers.authorization, options.token)) {
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="langnghe-metrics"' }).end('unauthorized\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        logger.warn({ err: error }, 'metrics: could not render');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('error\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ host: options.host, port }, 'worker metrics listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
