// Scale-out: a hash-tagged QUEUE_PREFIX (`{name}`) keeps every key of the deployment in one Redis
// Cluster slot, as BullMQ requires on Cluster; WORKER_QUEUES limits the queues a process works.
// There is no Redis Cluster here: the tests run on the machine's single Redis and check the key
// names and their slots (computed as Redis Cluster does), not MOVED redirections.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config/env.js';
import { createLogger } from '../src/config/logger.js';
import { openContext } from '../src/bootstrap.js';
import { jobDefinitions, QUEUE_NAMES, type JobName } from '../src/queue/jobs.js';
import { JobQueues, startWorkers, type JobHandlers } from '../src/queue/queue.js';
import { createLoginThrottle } from '../src/users/login-throttle.js';
import { startWorkerPool } from '../workers/workers.js';
import { SLA_CHECK_SCHEDULER_ID } from '../workers/sla-check.job.js';
import { ALERTS_SCAN_SCHEDULER_ID } from '../workers/alerts.job.js';
import { createTestServices, uniqueName, waitFor, type TestServices } from './support/services.js';

/** CRC16/XMODEM of the key's hash tag (or of the whole key), modulo 16384: Redis Cluster's key slot. */
function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** Handlers that only record what they were given. */
function recordingHandlers(): { handlers: JobHandlers; calls: { name: JobName; payload: unknown }[] } {
  const calls: { name: JobName; payload: unknown }[] = [];
  const handlers = Object.fromEntries(
    (Object.keys(jobDefinitions) as JobName[]).map((name) => [name, async (payload: unknown) => void calls.push({ name, payload })]),
  ) as unknown as JobHandlers;
  return { handlers, calls };
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const tags: string[] = [];
let services: TestServices;
let redis: Redis;

async function keysOf(tag: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `*${tag}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** A fresh hash-tagged prefix; its keys are deleted after the file (services' cleanup only knows `name:*`). */
function hashTaggedPrefix(label: string): { tag: string; prefix: string } {
  const tag = uniqueName(`lt_${label}`);
  tags.push(tag);
  return { tag, prefix: `{${tag}}` };
}

beforeAll(async () => {
  const { prefix } = hashTaggedPrefix('qprefix');
  services = await createTestServices('qprefix', { QUEUE_PREFIX: prefix });
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  for (const tag of tags) {
    const keys = await keysOf(tag);
    if (keys.length) await redis.del(...keys);
  }
  redis?.disconnect();
  await services?.cleanup();
});

describe('key slot', () => {
  it('matches Redis Cluster for known keys', () => {
    expect(keySlot('123456789')).toBe(0x31c3 % 16384);
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'));
  });
});

describe('hash-tagged QUEUE_PREFIX', () => {
  it('is accepted by the environment schema', () => {
    expect(services.config.QUEUE_PREFIX).toMatch(/^\{lt_qprefix_[a-z0-9_]+\}$/);
    expect(() => parseConfig({ QUEUE_PREFIX: 'lang nghe' })).toThrow(ConfigError);
  });

  it('a job round trip, a job scheduler and the login throttle keep every key in the one slot', async () => {
    const prefix = services.config.QUEUE_PREFIX;
    const tag = prefix.slice(1, -1);
    const logger = createLogger(services.config);
    const queues = new JobQueues({ redisUrl: REDIS_URL, prefix }, logger);
    const { handlers, calls } = recordingHandlers();
    const running = startWorkers(queues.settings, handlers, logger, 2);
    try {
      await queues.enqueue('analyze', { postId: '42' }, { jobId: 'analyze-42' });
      await queues.upsertSchedule('sla-check', 'sla-check', 3_600_000, {});
      await waitFor(async () => (calls.some((c) => c.name === 'analyze') ? true : undefined), 20_000, 'the analyze job');
      expect(calls.find((c) => c.name === 'analyze')?.payload).toEqual({ postId: '42' });
      await waitFor(async () => ((await queues.queue('analyze').getCompletedCount()) === 1 ? true : undefined), 10_000, 'completion');

      const throttle = createLoginThrottle(queues.redis, prefix);
      await throttle.recordFailure('Alice', '203.0.113.9');
      expect(await throttle.retryAfter('alice', '203.0.113.9')).toBe(0);
    } finally {
      await running.close();
      await queues.close();
    }

    const keys = await keysOf(tag);
    // Queue keys (meta, events, id, completed…), the scheduler's, the throttle's counters.
    expect(keys.some((k) => k.startsWith(`${prefix}:analyze:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${prefix}:sla:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${prefix}:login-fail:`))).toBe(true);
    for (const key of keys) expect(key.startsWith(`${prefix}:`), key).toBe(true);
    expect(new Set(keys.map(keySlot))).toEqual(new Set([keySlot(tag)]));
  });
});

describe('WORKER_QUEUES', () => {
  it('defaults to every queue, accepts a comma list, refuses an unknown queue', () => {
    expect(parseConfig({}).WORKER_QUEUES).toEqual(QUEUE_NAMES);
    expect(parseConfig({ WORKER_QUEUES: 'analyze, collect-web,analyze' }).WORKER_QUEUES).toEqual(['analyze', 'collect-web']);
    expect(() => parseConfig({ WORKER_QUEUES: 'analyze,analyse' })).toThrow(/WORKER_QUEUES/);
  });

  it('a worker limited to analyze takes analyze jobs and leaves sla jobs waiting', async () => {
    const { prefix } = hashTaggedPrefix('qlimit');
    const config = parseConfig({ ...process.env, WORKER_QUEUES: 'analyze', LOG_LEVEL: 'silent' });
    const logger = createLogger(config);
    const queues = new JobQueues({ redisUrl: REDIS_URL, prefix }, logger);
    const { handlers, calls } = recordingHandlers();
    const running = startWorkers(queues.settings, handlers, logger, 2, config.WORKER_QUEUES);
    try {
      expect(running.workers.map((w) => w.name)).toEqual(['analyze']);
      // The sla job is enqueued first: if this worker took sla jobs, it would run before the analyze one.
      await queues.enqueue('sla-check', {}, { jobId: 'sla-once' });
      await queues.enqueue('analyze', { postId: '7' }, { jobId: 'analyze-7' });
      await waitFor(async () => ((await queues.queue('analyze').getCompletedCount()) === 1 ? true : undefined), 20_000, 'the analyze job');
      expect(calls.map((c) => c.name)).toEqual(['analyze']);
      expect(await queues.queue('sla').getWaitingCount()).toBe(1);
    } finally {
      await running.close();
      await queues.close();
    }
  });

  it('a worker pool limited to analyze starts and still declares the schedules', async () => {
    const { prefix } = hashTaggedPrefix('qpool');
    const config = { ...services.config, QUEUE_PREFIX: prefix, WORKER_QUEUES: ['analyze' as const] };
    const context = await openContext(config, { migrate: false });
    try {
      const pool = await startWorkerPool(context);
      try {
        expect(await context.queues.listScheduleIds('sla-check')).toContain(SLA_CHECK_SCHEDULER_ID);
        expect(await context.queues.listScheduleIds('alerts-scan')).toContain(ALERTS_SCAN_SCHEDULER_ID);
      } finally {
        await pool.close();
      }
      // Nothing here works the sla queue: its scheduled job is still there, not done.
      expect(await context.queues.queue('sla').getCompletedCount()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
