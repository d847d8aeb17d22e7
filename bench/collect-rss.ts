// A 500-item RSS feed served on 127.0.0.1 → collectSource (fetch, parse, map) → posts upserted
// in real Postgres → analyze jobs enqueued in real Redis. Measured per run on a fresh source,
// so every run inserts all 500; the median run is reported.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { parseConfig } from '../src/config/env.js';
import { openContext } from '../src/bootstrap.js';
import { ensureDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { collectSource } from '../src/collectors/collect-source.js';

const ITEMS = 500;
const TEXTS = [
  'Dân thôn Nà Pài xã Phủ Thông bức xúc vì chưa được bồi thường giải phóng mặt bằng dự án đường',
  'Gương người tốt việc tốt: anh Nông Văn Minh thôn Bản Cháo trả lại ví tiền cho người đánh rơi',
  'Đường liên thôn Phiêng Lầu xuống cấp nghiêm trọng, ổ gà khắp nơi, đề nghị xã sửa chữa',
];

function feed(): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const text = TEXTS[i % TEXTS.length]!;
    return `<item><guid>bench-${i}</guid><title>Tin ${i}: ${text.slice(0, 40)}</title><link>https://baoxa.example.vn/tin/${i}?utm_source=rss</link><description><![CDATA[<p>${text}</p><p>Bài số <b>${i}</b>.</p>]]></description><pubDate>${new Date(Date.UTC(2026, 10, 10, 0, i)).toUTCString()}</pubDate></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo xã</title>${items}</channel></rss>`;
}

export async function benchCollectRss(): Promise<Record<string, unknown>> {
  const runs = Number(process.env.BENCH_COLLECT_RUNS ?? 7);
  const body = feed();
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss`;

  const name = `langnghe_bench_${randomBytes(4).toString('hex')}`;
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  await ensureDatabase(dbUrl.toString());
  await migrate(dbUrl.toString());
  const config = parseConfig({ ...process.env, DATABASE_URL: dbUrl.toString(), QUEUE_PREFIX: name, LOG_LEVEL: 'silent', FETCH_ALLOW_HOSTS: '127.0.0.1' });
  const context = await openContext(config);
  try {
    const rates: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const source = await upsertSource(context.db, { name: `bench ${run}`, type: 'rss', config: { url, maxItems: 1000 } });
      const started = process.hrtime.bigint();
      const summary = await collectSource(context, source.id);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (summary.inserted !== ITEMS) throw new Error(`run ${run} inserted ${summary.inserted}, expected ${ITEMS}`);
      if (run > 0) rates.push(ITEMS / seconds); // run 0 warms up (JIT, connections)
    }
    rates.sort((a, b) => a - b);
    return {
      bench: 'collect_rss',
      items_per_s: Math.round(rates[Math.floor(rates.length / 2)]!),
      items: ITEMS,
      runs: rates.length,
      min_items_per_s: Math.round(rates[0]!),
      max_items_per_s: Math.round(rates.at(-1)!),
      feed_bytes: Buffer.byteLength(body),
    };
  } finally {
    await context.close();
    server.close();
    const redis = new Redis(config.REDIS_URL);
    const keys = await redis.keys(`${name}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
