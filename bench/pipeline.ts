// Posts stored at the collector boundary → analyze jobs through real Redis → analyses and
// incidents in real Postgres, with the worker pool of this process. Measures sustained
// throughput and the latency from storage to analysis.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { parseConfig } from '../src/config/env.js';
import { openContext } from '../src/bootstrap.js';
import { ensureDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { storeCollectedItems } from '../src/posts/post.repository.js';
import { enqueueAnalysis } from '../src/posts/enqueue-analysis.js';
import type { CollectedItem } from '../src/collectors/collector.js';
import { startWorkerPool } from '../workers/workers.js';

const TEXTS = [
  'Dân thôn Nà Pài xã Phủ Thông bức xúc vì chưa được bồi thường giải phóng mặt bằng dự án đường',
  'Gương người tốt việc tốt: anh Nông Văn Minh thôn Bản Cháo xã Phủ Thông trả lại ví tiền cho người đánh rơi',
  'Tối nay đội tuyển đá rất hay, cả xóm hò reo, mai đi làm muộn mất thôi',
  'nghe noi can bo xa Phu Thong an chan tien ho tro lu lut cua dan, chia se gap',
  'Đường liên thôn Phiêng Lầu xuống cấp nghiêm trọng, ổ gà khắp nơi, đề nghị xã sửa chữa',
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchPipeline(): Promise<Record<string, unknown>> {
  const durationS = Number(process.env.BENCH_PIPELINE_SECONDS ?? 15);
  const rate = Number(process.env.BENCH_PIPELINE_RATE ?? 300); // posts per second offered
  const name = `langnghe_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const config = parseConfig({ ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: name, LOG_LEVEL: 'silent', WORKER_CONCURRENCY: '16' });
  const context = await openContext(config);
  try {
    await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: [], places: ['thôn Nà Pài', 'thôn Phiêng Lầu', 'thôn Bản Cháo'] });
    const source = await upsertSource(context.db, { name: 'bench', type: 'manual', config: {} });
    const pool = await startWorkerPool(context);
    const started = Date.now();
    let sent = 0;
    const batchMs = 100;
    while (Date.now() - started < durationS * 1000) {
      const tickStart = Date.now();
      const due = Math.floor(((tickStart - started) / 1000) * rate) - sent;
      if (due > 0) {
        const items: CollectedItem[] = Array.from({ length: due }, (_, i) => ({
          externalId: `b${sent + i}`,
          url: `https://example.vn/b/${(sent + i) % 997}`,
          title: null,
          body: `${TEXTS[(sent + i) % TEXTS.length]} #${sent + i}`,
          author: `user${(sent + i) % 50}`,
          publishedAt: null,
          engagement: 0,
          parentExternalId: null,
          raw: {},
        }));
        const stored = await storeCollectedItems(context.db, source, items, config.SECRET_KEY);
        await enqueueAnalysis(context.queues, stored.pendingAnalysis);
        sent += due;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, batchMs - (Date.now() - tickStart))));
    }
    // Drain.
    const drainDeadline = Date.now() + 120_000;
    for (;;) {
      const row = await context.db.selectFrom('analyses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      if (Number(row.n) >= sent || Date.now() > drainDeadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const elapsedS = (Date.now() - started) / 1000;
    const latencies = await context.db
      .selectFrom('analyses')
      .innerJoin('posts', 'posts.id', 'analyses.post_id')
      .select(['posts.collected_at', 'analyses.analyzed_at'])
      .execute();
    const ms = latencies.map((l) => l.analyzed_at.getTime() - l.collected_at.getTime()).sort((a, b) => a - b);
    await pool.close();
    return {
      bench: 'pipeline',
      posts_per_s: Math.round(ms.length / elapsedS),
      offered_per_s: rate,
      posts: ms.length,
      p50_ms: percentile(ms, 50),
      p95_ms: percentile(ms, 95),
      workers: 1,
      concurrency: config.WORKER_CONCURRENCY,
      seconds: Math.round(elapsedS),
    };
  } finally {
    await context.close();
    const redis = new Redis(config.REDIS_URL);
    const keys = await redis.keys(`${name}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
