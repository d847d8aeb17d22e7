// Issue 9, item 4: /metrics in the Prometheus text format with the values of the seeded state,
// refused without credentials; job durations and log fields from a real worker; the Redis
// eviction-policy check. Real Postgres and Redis.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { createWorkerMetrics, startMetricsListener } from '../src/observability/metrics.js';
import { currentLogBindings, requestLogBindings, withLogBindings } from '../src/observability/log-context.js';
import { checkRedisEvictionPolicy, evictionPolicyVerdict } from '../src/observability/redis-policy.js';
import { jobDefinitions, type JobName } from '../src/queue/jobs.js';
import { startWorkers, type JobHandlers } from '../src/queue/queue.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';

let services: TestServices;
let context: OpenedContext;
let app: App;

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info', mixin: currentLogBindings }, stream) };
}

beforeAll(async () => {
  services = await createTestServices('metrics', { METRICS_TOKEN });
  context = await openContext(services.config);
  app = createApp(context);
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

/** The value of one series in Prometheus text, e.g. series(text, 'langnghe_open_incidents{severity="high"}'). */
function series(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('/metrics', () => {
  beforeAll(async () => {
    const { db } = context;
    const rss = (await upsertSource(db, { name: 'Báo Phủ Thông', type: 'rss', config: { url: 'https://example.org/rss' } })).id;
    const manual = (await upsertSource(db, { name: 'Báo cáo thủ công', type: 'manual', config: {} })).id;
    await db.updateTable('sources').set({ health: 'failing', consecutive_failures: 4 }).where('id', '=', rss).execute();
    const posts = await db
      .insertInto('posts')
      .values([1, 2, 3].map((n) => ({ source_id: n < 3 ? rss : manual, external_id: `e${n}`, body: `bài ${n}`, content_hash: `h${n}`, raw: '{}' })))
      .returning('id')
      .execute();
    const analysis = (postId: string, categories: string[]) => ({
      post_id: postId,
      flag: categories.length > 0,
      categories,
      about: true,
      sentiment_label: 'negative' as const,
      sentiment_score: -0.5,
      offensive: false,
      severity: null,
      matches: '[]',
    });
    await db
      .insertInto('analyses')
      .values([analysis(posts[0]!.id, ['moi_truong', 'dat_dai']), analysis(posts[1]!.id, ['moi_truong']), analysis(posts[2]!.id, [])])
      .execute();
    await db
      .insertInto('incidents')
      .values([
        { title: 'a', category: 'moi_truong', severity: 'high' },
        { title: 'b', category: 'moi_truong', severity: 'high' },
        { title: 'c', category: 'dat_dai', severity: 'critical', resolve_breached_at: new Date(), ack_breached_at: new Date() },
        { title: 'd', category: 'dat_dai', severity: 'medium', status: 'resolved', resolved_at: new Date(), ack_breached_at: new Date() },
      ])
      .execute();
    const channel = await db.insertInto('alert_channels').values({ type: 'webhook', name: 'hook', config: '{}' }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('alert_deliveries')
      .values([
        { alert_key: 'k1', channel_id: channel.id, recipient: 'r', status: 'sent' },
        { alert_key: 'k2', channel_id: channel.id, recipient: 'r', status: 'sent' },
        { alert_key: 'k3', channel_id: channel.id, recipient: 'r', status: 'failed' },
      ])
      .execute();
    await context.queues.enqueue('analyze', { postId: posts[0]!.id }, { jobId: 'm1' });
    await context.queues.enqueue('analyze', { postId: posts[1]!.id }, { jobId: 'm2' });
    // A job that has waited an hour (its creation time set in the past).
    await context.queues.queue('alerts').add('alerts-scan', {}, { jobId: 'old-scan', timestamp: Date.now() - 3_600_000 });
  });

  it('is refused without credentials or with a wrong token', async () => {
    const anonymous = await app.request('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await app.request('/metrics', { headers: { authorization: 'Bearer not-the-metrics-token-at-all' } });
    expect(wrong.status).toBe(401);
  });

  it('serves the Prometheus text with METRICS_TOKEN', async () => {
    const response = await app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();

    expect(series(text, 'langnghe_queue_jobs{queue="analyze",state="waiting"}')).toBe(2);
    expect(series(text, 'langnghe_queue_jobs{queue="collect-rss",state="waiting"}')).toBe(0);
    const oldest = series(text, 'langnghe_queue_oldest_waiting_job_age_seconds{queue="alerts"}');
    expect(oldest).toBeGreaterThanOrEqual(3_600);
    expect(oldest).toBeLessThan(3_600 + 600);
    expect(series(text, 'langnghe_queue_oldest_waiting_job_age_seconds{queue="sla"}')).toBe(0);

    expect(series(text, 'langnghe_open_incidents{severity="high"}')).toBe(2);
    expect(series(text, 'langnghe_open_incidents{severity="critical"}')).toBe(1);
    expect(series(text, 'langnghe_open_incidents{severity="medium"}')).toBe(0);
    expect(series(text, 'langnghe_open_incidents_breached{severity="critical"}')).toBe(1);
    expect(series(text, 'langnghe_open_incidents_breached{severity="high"}')).toBe(0);
    expect(text).toContain('# TYPE langnghe_sla_breaches_total counter');
    expect(series(text, 'langnghe_sla_breaches_total{deadline="acknowledge",severity="critical"}')).toBe(1);
    expect(series(text, 'langnghe_sla_breaches_total{deadline="acknowledge",severity="medium"}')).toBe(1);
    expect(series(text, 'langnghe_sla_breaches_total{deadline="resolve",severity="critical"}')).toBe(1);
    expect(series(text, 'langnghe_sla_breaches_total{deadline="resolve",severity="medium"}')).toBe(0);

    expect(series(text, 'langnghe_analyses_total{category="moi_truong"}')).toBe(2);
    expect(series(text, 'langnghe_analyses_total{category="dat_dai"}')).toBe(1);
    expect(series(text, 'langnghe_analyses_total{category="none"}')).toBe(1);

    const [rss, manual] = await context.db.selectFrom('sources').select('id').orderBy('id').execute();
    expect(series(text, `langnghe_items_collected_total{source_id="${rss!.id}",source_type="rss"}`)).toBe(2);
    expect(series(text, `langnghe_items_collected_total{source_id="${manual!.id}",source_type="manual"}`)).toBe(1);
    expect(series(text, `langnghe_source_consecutive_failures{source_id="${rss!.id}",source_type="rss"}`)).toBe(4);
    expect(series(text, 'langnghe_sources{health="failing"}')).toBe(1);
    expect(series(text, 'langnghe_sources{health="unknown"}')).toBe(1);

    expect(series(text, 'langnghe_alert_deliveries{status="sent",channel_type="webhook"}')).toBe(2);
    expect(series(text, 'langnghe_alert_deliveries{status="failed",channel_type="webhook"}')).toBe(1);
    expect(series(text, 'langnghe_metrics_scrape_ok{part="postgres"}')).toBe(1);
    expect(series(text, 'langnghe_metrics_scrape_ok{part="redis"}')).toBe(1);
    // The process's own metrics.
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
  });

  it('is readable with an API token of any role', async () => {
    const { token } = await createApiToken(context.db, { name: 'grafana', role: 'reviewer' });
    const response = await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(series(await response.text(), 'langnghe_open_incidents{severity="high"}')).toBe(2);
  });
});

describe('worker metrics and job logs', () => {
  it('times every job by queue, name and outcome, and logs with the job and payload ids', async () => {
    const { lines, logger } = capturingLogger();
    const metrics = createWorkerMetrics();
    const noop = async () => undefined;
    const handlers = Object.fromEntries((Object.keys(jobDefinitions) as JobName[]).map((name) => [name, noop])) as unknown as JobHandlers;
    handlers['collect-rss'] = async (payload) => {
      logger.info('collecting');
      if (payload.sourceId === '13') throw new Error('feed down');
      return undefined;
    };
    const running = startWorkers({ ...context.queues.settings, jobObserver: metrics.observeJob }, handlers, logger, 1);
    try {
      await context.queues.enqueue('collect-rss', { sourceId: '12' }, { jobId: 'w12' });
      await context.queues.enqueue('collect-rss', { sourceId: '13' }, { jobId: 'w13' });
      const text = await waitFor(async () => {
        const out = await metrics.registry.metrics();
        const done = series(out, 'langnghe_job_duration_seconds_count{queue="collect-rss",job="collect-rss",outcome="completed"}');
        const failed = series(out, 'langnghe_job_duration_seconds_count{queue="collect-rss",job="collect-rss",outcome="failed"}');
        // Attempts: 3 for collect-rss, so the failing job fails at least once before we look.
        return done === 1 && (failed ?? 0) >= 1 ? out : undefined;
      });
      expect(text).toContain('# TYPE langnghe_job_duration_seconds histogram');
    } finally {
      await running.close();
    }
    const collecting = lines.filter((l) => l.msg === 'collecting');
    expect(collecting).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ queue: 'collect-rss', job: 'w12', jobName: 'collect-rss', source: '12' }),
        expect.objectContaining({ queue: 'collect-rss', job: 'w13', jobName: 'collect-rss', source: '13' }),
      ]),
    );
    expect(lines.find((l) => l.msg === 'job failed')).toMatchObject({ job: 'w13', jobName: 'collect-rss', source: '13' });
  });

  it('adds the ids of a request path to its log lines, nested bindings adding up', async () => {
    expect(requestLogBindings('/api/incidents/42/status')).toEqual({ incident: '42' });
    expect(requestLogBindings('/incidents/7')).toEqual({ incident: '7' });
    expect(requestLogBindings('/api/sources/3')).toEqual({ source: '3' });
    expect(requestLogBindings('/api/incidents')).toEqual({});
    const { lines, logger } = capturingLogger();
    await withLogBindings(requestLogBindings('/api/incidents/42'), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      withLogBindings({ post: '9' }, () => logger.info('inner'));
      logger.info({ incident: 'explicit wins' }, 'outer');
    });
    logger.info('outside');
    expect(lines.map((l) => [l.msg, l.incident, l.post])).toEqual([
      ['inner', '42', '9'],
      ['outer', 'explicit wins', undefined],
      ['outside', undefined, undefined],
    ]);
  });

  it('serves a worker registry on its own port, behind METRICS_TOKEN', async () => {
    const { logger } = capturingLogger();
    const metrics = createWorkerMetrics();
    metrics.observeJob({ queue: 'analyze', name: 'analyze' }, 0.2, 'completed');
    const listener = await startMetricsListener(metrics.registry, { host: '127.0.0.1', port: 0, token: METRICS_TOKEN }, logger);
    try {
      const url = `http://127.0.0.1:${listener.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      expect(series(await response.text(), 'langnghe_job_duration_seconds_bucket{le="0.25",queue="analyze",job="analyze",outcome="completed"}')).toBe(1);
      expect((await fetch(`http://127.0.0.1:${listener.port}/other`)).status).toBe(404);
    } finally {
      await listener.close();
    }
  });
});

describe('Redis maxmemory-policy', () => {
  it.each([
    [['maxmemory-policy', 'noeviction'], 'ok'],
    [['maxmemory-policy', 'allkeys-lru'], 'evicting'],
    [['maxmemory-policy', 'volatile-ttl'], 'evicting'],
    [{ 'maxmemory-policy': 'noeviction' }, 'ok'],
    [{ 'maxmemory-policy': 'allkeys-lfu' }, 'evicting'],
    [[], 'unknown'],
    [null, 'unknown'],
    [['maxmemory-policy', ''], 'unknown'],
  ])('%j → %s', (answer, status) => {
    expect(evictionPolicyVerdict(answer).status).toBe(status);
  });

  it('warns when evicting, says so at info when CONFIG is refused', async () => {
    const evicting = capturingLogger();
    await checkRedisEvictionPolicy({ config: async () => ['maxmemory-policy', 'allkeys-lru'] }, evicting.logger);
    expect(evicting.lines).toEqual([expect.objectContaining({ level: 40, policy: 'allkeys-lru' })]);

    const refused = capturingLogger();
    const verdict = await checkRedisEvictionPolicy(
      {
        config: async () => {
          throw new Error("ERR unknown command 'CONFIG'");
        },
      },
      refused.logger,
    );
    expect(verdict).toEqual({ status: 'unknown' });
    expect(refused.lines).toEqual([expect.objectContaining({ level: 30, msg: expect.stringContaining('could not be checked') })]);
  });

  it('reads the real Redis (its setting left as it is)', async () => {
    const redis = new Redis(services.config.REDIS_URL);
    try {
      const actual = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
      const { lines, logger } = capturingLogger();
      const verdict = await checkRedisEvictionPolicy({ config: (s, p) => redis.config(s, p) }, logger);
      expect(verdict.status).toBe(actual === 'noeviction' ? 'ok' : 'evicting');
      expect(lines.some((l) => l.level === 40)).toBe(actual !== 'noeviction');
    } finally {
      redis.disconnect();
    }
  });
});

