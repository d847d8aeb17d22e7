// End to end: synthetic posts injected at the collector boundary (storeCollectedItems +
// enqueueAnalysis) at a fixed rate, through real Redis and Postgres, analysed and filed into
// incidents by real worker processes (`workers/main.ts`, analyze queue only). One line per worker
// process count (BENCH_PIPELINE_WORKERS, default "1,2"), each on a fresh database.
//
// posts_per_s: posts fully processed / time from the first injection until the last is processed.
// Latency of a post: collected_at → its analysis (analyses.analyzed_at) and, when it is filed,
// → its filing (incident_posts.added_at); p50/p95 are of the later of the two.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { parseConfig } from '../src/config/env.js';
import { openContext } from '../src/bootstrap.js';
import { ensureDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { storeCollectedItems } from '../src/posts/post.repository.js';
import { enqueueAnalysis } from '../src/posts/enqueue-analysis.js';
import type { CollectedItem } from '../src/collectors/collector.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Posts are injected every TICK_MS (BENCH_PIPELINE_TICK_MS): a collector storing what one fetch returned. */
const TICK_MS = Number(process.env.BENCH_PIPELINE_TICK_MS ?? 200);
const WARM_UP_POSTS = 400;
const DRAIN_TIMEOUT_MS = 180_000;

// --- Synthetic posts --------------------------------------------------------------------------

interface Labelled {
  readonly text: string;
  readonly flag: boolean;
}

const FILLER = (
  'là và của có không được cho người một những các này thì mà đã với để đi làm ở ra cũng rồi nhưng khi còn lại đến về nào gì ai ' +
  'như vậy thế rất quá lắm nữa đang sẽ vẫn chỉ mới đây đó nhà ngày năm tháng hôm nay mai qua sau trước trong ngoài trên dưới giờ lúc ' +
  'bao nhiêu hay hoặc nếu vì nên thấy biết nói bảo hỏi xem nghe muốn phải cần chưa đều cả mình bạn anh chị em ông bà họ tôi chúng ta ' +
  'con cái việc sáng chiều tối mưa nắng gió chợ quán cà phê xe máy lúa ngô sắn chè quế hồi trâu bò lợn gà cá ao vườn nương bếp cơm'
).split(' ');
const PREFIXES = ['', '', 'Chia sẻ: ', 'Mọi người ơi, ', 'Nóng: ', 'Ai biết không, ', 'Cho hỏi ', 'Thông tin: '];
const SUFFIXES = ['', '', ' 😡', ' 😭', ' 👍', ' ❤️', ' #phuthong', ' mn chia sẻ giúp', ' =))', ' ai biết thì nói với'];

/** A small deterministic PRNG so every run offers the same posts. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function filler(random: () => number, words: number): string {
  return Array.from({ length: words }, () => pick(FILLER, random)).join(' ');
}

function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** The same story retold: a prefix, maybe a word changed, maybe typed without diacritics, a reaction. */
function retell(text: string, random: () => number): string {
  const words = text.split(' ');
  if (random() < 0.5) words[Math.floor(random() * words.length)] = pick(FILLER, random);
  let out = `${pick(PREFIXES, random)}${words.join(' ')}${pick(SUFFIXES, random)}`;
  if (random() < 0.3) out = stripDiacritics(out);
  return out;
}

/**
 * The mix, from the labelled fixture posts (tests/fixtures/commune-posts.jsonl, 44 % flagged):
 * reposts of 40 hot stories (near-duplicates, some sharing the story's link), new stories (a
 * flagged text drowned in its own words: no near-duplicate of anything), and everyday posts
 * (the fixture's unflagged ones, varied). About one post in ten is a comment in a recent thread.
 */
export class SyntheticPosts {
  readonly #random = lcg(20_261_122);
  readonly #flagged: readonly Labelled[];
  readonly #plain: readonly Labelled[];
  readonly #hot: readonly { text: string; link: string }[];
  #recent: string[] = [];
  #n = 0;

  constructor(readonly runId: string) {
    const lines = readFileSync(`${ROOT}tests/fixtures/commune-posts.jsonl`, 'utf8').trim().split('\n');
    const labelled = lines.map((line) => JSON.parse(line) as Labelled);
    this.#flagged = labelled.filter((l) => l.flag);
    this.#plain = labelled.filter((l) => !l.flag);
    this.#hot = this.#flagged.slice(0, 40).map((l, i) => ({ text: l.text, link: `https://baomoi.example.vn/tin/${runId}-${i}` }));
  }

  next(): CollectedItem {
    const random = this.#random;
    const n = this.#n++;
    const externalId = `p${n}`;
    const r = random();
    let body: string;
    let url = `https://facebook.example.vn/groups/phuthong/posts/${n}`;
    if (r < 0.1) {
      // Zipf-like: the first stories are reposted most.
      const story = this.#hot[Math.floor(this.#hot.length * random() * random())]!;
      body = retell(story.text, random);
      if (random() < 0.3) url = story.link;
    } else if (r < 0.16) {
      body = `${pick(this.#flagged, random).text} ${filler(random, 40)}`;
    } else {
      const base = pick(this.#plain, random).text;
      body = random() < 0.5 ? `${base} ${filler(random, 3 + Math.floor(random() * 12))}` : retell(base, random);
    }
    const parent = this.#recent.length && random() < 0.1 ? pick(this.#recent, random) : null;
    if (!parent) {
      this.#recent.push(externalId);
      if (this.#recent.length > 200) this.#recent = this.#recent.slice(-100);
    }
    return {
      externalId,
      url,
      title: null,
      body,
      author: `user${Math.floor(random() * 5_000)}`,
      publishedAt: new Date(Date.now() - Math.floor(random() * 3_600_000)),
      engagement: Math.floor(random() * random() * 500),
      parentExternalId: parent,
      raw: { n },
    };
  }
}

// --- CPU accounting (Linux /proc): where the time goes ------------------------------------------

const CLOCK_TICKS = 100;

async function processCpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
  } catch {
    return 0;
  }
}

/** CPU seconds of every process whose command is `name` (postgres backends, redis-server). */
async function cpuSecondsOf(name: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = (await readFile(`/proc/${entry}/comm`, 'utf8')).trim();
      if (comm.startsWith(name)) total += await processCpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function machineCpu(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3]! + line[4]!;
  const total = line.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

// --- Worker processes -----------------------------------------------------------------------------

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_PIPELINE_CPU_PROF=<dir>: each worker writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PIPELINE_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PIPELINE_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'workers/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    let started = false;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        let entry: { level?: number; msg?: string } = {};
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          process.stderr.write(`worker ${child.pid}: ${line}\n`);
          continue;
        }
        if (entry.msg === 'workers started' && !started) {
          started = true;
          resolve(child);
        } else if ((entry.level ?? 0) >= 40) process.stderr.write(`worker ${child.pid}: ${line}\n`);
      }
    });
    child.once('exit', (code) => {
      if (!started) reject(new Error(`worker exited with ${code} before starting`));
    });
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// --- One run ----------------------------------------------------------------------------------------

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runPipeline(workers: number, rate: number, durationS: number, concurrency: string | undefined): Promise<Record<string, unknown>> {
  const name = `langnghe_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: name,
    LOG_LEVEL: 'info',
    // Evidence capture, collection, SLA and alerts are not part of this path: their jobs wait.
    WORKER_QUEUES: 'analyze',
    ...(concurrency ? { WORKER_CONCURRENCY: concurrency } : {}),
  };
  const config = parseConfig({ ...process.env, ...env, LOG_LEVEL: 'warn' });
  const context = await openContext(config);
  const children: ChildProcess[] = [];
  try {
    const profile = JSON.parse(readFileSync(`${ROOT}tests/fixtures/commune-profile.json`, 'utf8')) as { commune: string; aliases: string[]; places: string[] };
    await saveCommuneProfile(context.db, profile);
    const source = await upsertSource(context.db, { name: 'bench', type: 'manual', config: {} });
    const posts = new SyntheticPosts(name.slice(-8));
    for (let i = 0; i < workers; i++) children.push(await startWorker(env));

    const inject = async (count: number) => {
      const items = Array.from({ length: count }, () => posts.next());
      const stored = await storeCollectedItems(context.db, source, items, config.SECRET_KEY);
      await enqueueAnalysis(context.queues, stored.pendingAnalysis);
      return stored.pendingAnalysis;
    };
    const analysedCount = async (fromId: string) => {
      const row = await context.db
        .selectFrom('analyses')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('post_id', '>=', fromId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };

    // Warm-up (JIT, rule compilation, connections): not measured.
    const warm = await inject(WARM_UP_POSTS);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && (await analysedCount(warm[0]!)) < warm.length; ) await sleep(200);

    const cpuBefore = {
      workers: await Promise.all(children.map((c) => processCpuSeconds(c.pid!))),
      bench: process.cpuUsage(),
      postgres: await cpuSecondsOf('postgres'),
      redis: await cpuSecondsOf('redis-server'),
      machine: await machineCpu(),
      load: os.loadavg(),
    };
    const started = Date.now();
    let sent = 0;
    let firstId: string | undefined;
    let injectMs = 0;
    while (Date.now() - started < durationS * 1000) {
      const tickStart = Date.now();
      const due = Math.floor(((tickStart - started) / 1000) * rate) - sent + (sent === 0 ? Math.ceil((rate * TICK_MS) / 1000) : 0);
      if (due > 0) {
        const ids = await inject(due);
        firstId ??= ids[0];
        sent += due;
        injectMs += Date.now() - tickStart;
      }
      await sleep(Math.max(0, TICK_MS - (Date.now() - tickStart)));
    }
    const injectedS = (Date.now() - started) / 1000;
    const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    let done = 0;
    while ((done = await analysedCount(firstId!)) < sent && Date.now() < drainDeadline) await sleep(250);
    const cpuAfter = {
      workers: await Promise.all(children.map((c) => processCpuSeconds(c.pid!))),
      bench: process.cpuUsage(cpuBefore.bench),
      postgres: await cpuSecondsOf('postgres'),
      redis: await cpuSecondsOf('redis-server'),
      machine: await machineCpu(),
    };

    const rows = await context.db
      .selectFrom('posts')
      .innerJoin('analyses', 'analyses.post_id', 'posts.id')
      .leftJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
      .select(['posts.collected_at', 'analyses.analyzed_at', 'analyses.flag', 'incident_posts.added_at', 'incident_posts.incident_id'])
      .where('posts.id', '>=', firstId!)
      .execute();
    const collected = rows.map((r) => r.collected_at.getTime());
    const firstCollected = Math.min(...collected);
    const doneAt = rows.map((r) => Math.max(r.analyzed_at.getTime(), r.added_at?.getTime() ?? 0));
    const elapsedS = (Math.max(...doneAt) - firstCollected) / 1000;
    const latency = rows.map((r, i) => doneAt[i]! - collected[i]!).sort((a, b) => a - b);
    const analysisLatency = rows.map((r) => r.analyzed_at.getTime() - r.collected_at.getTime()).sort((a, b) => a - b);
    const incidentLatency = rows
      .filter((r) => r.added_at)
      .map((r) => r.added_at!.getTime() - r.collected_at.getTime())
      .sort((a, b) => a - b);
    const flagged = rows.filter((r) => r.flag).length;
    const incidents = new Set(rows.filter((r) => r.incident_id).map((r) => r.incident_id)).size;
    const { duplicates } = await sql<{ duplicates: string }>`SELECT count(*) - count(DISTINCT post_id) AS duplicates FROM incident_posts`
      .execute(context.db)
      .then((r) => r.rows[0]!);
    const wallS = cpuAfter.machine.total - cpuBefore.machine.total;
    const cpuS = (after: number, before: number) => Math.round((after - before) * 10) / 10;
    return {
      bench: 'pipeline',
      posts_per_s: Math.round(done / elapsedS),
      p50_ms: percentile(latency, 50),
      p95_ms: percentile(latency, 95),
      workers,
      offered_per_s: Math.round(sent / injectedS),
      posts: sent,
      processed: done,
      seconds: Math.round(elapsedS * 10) / 10,
      analysis_p95_ms: percentile(analysisLatency, 95),
      incident_p50_ms: percentile(incidentLatency, 50),
      incident_p95_ms: percentile(incidentLatency, 95),
      max_ms: latency.at(-1) ?? 0,
      flagged_share: Math.round((flagged / Math.max(1, rows.length)) * 1000) / 1000,
      filed: incidentLatency.length,
      incidents,
      duplicate_filings: Number(duplicates),
      concurrency: concurrency ? Number(concurrency) : 'default',
      inject_ms_per_s: Math.round(injectMs / injectedS),
      // CPU seconds over the measured window (machine: all processes, other users included).
      cpu_s: {
        workers: cpuAfter.workers.map((after, i) => cpuS(after, cpuBefore.workers[i]!)),
        bench: Math.round((cpuAfter.bench.user + cpuAfter.bench.system) / 100_000) / 10,
        postgres: cpuS(cpuAfter.postgres, cpuBefore.postgres),
        redis: cpuS(cpuAfter.redis, cpuBefore.redis),
        machine_busy: cpuS(cpuAfter.machine.busy, cpuBefore.machine.busy),
        machine_capacity: Math.round(wallS),
      },
      load_before: cpuBefore.load.map((l) => Math.round(l * 100) / 100),
    };
  } finally {
    await Promise.all(children.map(stopWorker));
    await context.close();
    const redis = new Redis(config.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${name}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    // BENCH_PIPELINE_KEEP_DB=1 keeps the database (query plans can be looked at afterwards).
    if (process.env.BENCH_PIPELINE_KEEP_DB) process.stderr.write(`pipeline: database kept: ${name}\n`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** `npm run bench` calls this once: one line per worker count; the last is returned, the others printed. */
export async function benchPipeline(): Promise<Record<string, unknown>> {
  const durationS = Number(process.env.BENCH_PIPELINE_SECONDS ?? 60);
  const rate = Number(process.env.BENCH_PIPELINE_RATE ?? 1_200);
  const counts = (process.env.BENCH_PIPELINE_WORKERS ?? '1,2').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
  const concurrency = process.env.BENCH_PIPELINE_CONCURRENCY;
  let last: Record<string, unknown> = {};
  for (const [index, workers] of counts.entries()) {
    if (index > 0) process.stdout.write(`${JSON.stringify(last)}\n`);
    process.stderr.write(`pipeline: ${workers} worker process(es), ${rate} posts/s offered for ${durationS} s…\n`);
    last = await runPipeline(workers, rate, durationS, concurrency);
  }
  return last;
}
