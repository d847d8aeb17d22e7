// Fault: Postgres stops for 20 s while posts are being analysed. Jobs fail and retry with backoff,
// /readyz says not ready meanwhile, and once it is back everything completes: nothing lost.
import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../../src/bootstrap.js';
import { parseConfig, type AppConfig } from '../../src/config/env.js';
import { ensureDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createApp } from '../../src/http/app.js';
import {
  postgresAnswers,
  settleWithin,
  startOwnPostgres,
  startOwnRedis,
  startWorkerProcess,
  waitWhileRunning,
  type OwnPostgres,
  type OwnRedis,
  type WorkerProcess,
} from '../support/own-servers.js';
import { uniqueName, waitFor } from '../support/services.js';
import { analysedCount, buildCorpus, expectedInvariants, injectCorpus, invariants, prepareCommune, workerEnv } from './scenario.js';

const OUTAGE_MS = 20_000;

let postgres: OwnPostgres;
let redis: OwnRedis;
let config: AppConfig;
let context: OpenedContext;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  const name = uniqueName('fault_pg');
  const databaseUrl = postgres.databaseUrl(name);
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  config = parseConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: name,
    DATA_DIR: path.join(os.tmpdir(), name),
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789',
  });
  context = await openContext(config);
}, 60_000);

afterAll(async () => {
  await worker?.kill();
  if (context) await settleWithin(context.close());
  await Promise.all([postgres?.destroy(), redis?.destroy()]);
  if (config) await rm(config.DATA_DIR, { recursive: true, force: true });
});

interface Readiness {
  status: number;
  body: { status: string; checks: { postgres: boolean; redis: boolean; migrations: boolean } };
}

async function readiness(): Promise<Readiness> {
  const response = await createApp(context).request('/readyz');
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

describe('Postgres stopped for 20 s', () => {
  it('fails and retries jobs, says not ready, and loses nothing', async () => {
    const ready = { status: 200, body: { status: 'ready', checks: { postgres: true, redis: true, migrations: true } } };
    const becomesReady = () =>
      waitFor(async () => {
        const answer = await readiness();
        return answer.status === 200 ? answer : undefined;
      }, 20_000, '/readyz 200');
    expect(await becomesReady()).toEqual(ready);
    const corpus = buildCorpus(100, 5, 2500);
    const source = await prepareCommune(context.db);
    const total = await injectCorpus(context.db, context.queues, config, source, corpus);
    expect(total).toBe(3000);

    worker = startWorkerProcess(workerEnv(config));
    const running = worker;
    await waitWhileRunning(running, async () => ((await analysedCount(context.db)) >= 200 ? true : undefined), 60_000, 'the first analyses');
    const beforeOutage = await analysedCount(context.db);
    await postgres.stop();
    const stoppedAt = Date.now();
    expect(beforeOutage).toBeLessThan(total);

    // Down: not ready, with the reason; the worker keeps running, its jobs fail and wait for a retry.
    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not_ready', checks: { postgres: false, redis: true } });
    expect(await postgresAnswers(config.DATABASE_URL)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    expect((await readiness()).status).toBe(503);
    const analyze = context.queues.queue('analyze');
    const retrying = await analyze.getDelayedCount();
    expect(retrying).toBeGreaterThan(0);

    await postgres.start();
    // Ready again once Postgres answers (the pool drops the connections the restart cut).
    expect(await becomesReady()).toEqual(ready);
    await waitWhileRunning(running, async () => ((await analysedCount(context.db)) === total ? true : undefined), 75_000, 'every post analysed after the outage');

    expect(await analyze.getFailedCount()).toBe(0);
    expect(await invariants(context.db, corpus)).toEqual(expectedInvariants(corpus));
    await running.stop();
  }, 180_000);
});
