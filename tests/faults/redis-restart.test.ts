// Fault: Redis restarts (cleanly, or killed like a crash) while posts are being analysed. Its queue
// survives (append-only file, fsync always — what a deployment must run), the worker reconnects
// and the pending work finishes: every post analysed once, every story one incident.
import { afterEach, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../../src/bootstrap.js';
import { createApp } from '../../src/http/app.js';
import { settleWithin, startOwnRedis, startWorkerProcess, waitWhileRunning, type OwnRedis, type WorkerProcess } from '../support/own-servers.js';
import { createTestServices, type TestServices } from '../support/services.js';
import { analysedCount, buildCorpus, expectedInvariants, injectCorpus, invariants, prepareCommune, workerEnv } from './scenario.js';

let redis: OwnRedis | undefined;
let services: TestServices | undefined;
let context: OpenedContext | undefined;
let worker: WorkerProcess | undefined;

afterEach(async () => {
  await worker?.kill();
  if (context) await settleWithin(context.close());
  await redis?.destroy();
  await services?.cleanup();
  worker = context = redis = services = undefined;
});

describe.each([
  { how: 'shut down and started again', outage: (server: OwnRedis) => server.stop() },
  { how: 'killed (SIGKILL) and started again', outage: (server: OwnRedis) => server.crash() },
])('Redis $how during processing', ({ outage }) => {
  it('the worker reconnects and every pending post is analysed once', async () => {
    const server = (redis = await startOwnRedis());
    const own = (services = await createTestServices('fault_redis', { REDIS_URL: server.url }));
    const ctx = (context = await openContext(own.config));
    const corpus = buildCorpus(100, 5, 2500);
    const source = await prepareCommune(ctx.db);
    const total = await injectCorpus(ctx.db, ctx.queues, own.config, source, corpus);
    expect(total).toBe(3000);

    const running = (worker = startWorkerProcess(workerEnv(own.config)));
    await waitWhileRunning(running, async () => ((await analysedCount(ctx.db)) >= 200 ? true : undefined), 60_000, 'the first analyses');
    await outage(server);
    const duringOutage = await analysedCount(ctx.db);
    expect(duringOutage).toBeLessThan(total);
    const down = await createApp(ctx).request('/readyz');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ checks: { redis: false, postgres: true } });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await server.start();

    await waitWhileRunning(running, async () => ((await analysedCount(ctx.db)) === total ? true : undefined), 75_000, 'every post analysed after the restart');
    expect((await createApp(ctx).request('/readyz')).status).toBe(200);
    const analyze = ctx.queues.queue('analyze');
    await waitWhileRunning(running, async () => ((await analyze.getActiveCount()) + (await analyze.getWaitingCount()) + (await analyze.getDelayedCount()) === 0 ? true : undefined), 30_000, 'an empty analyze queue');
    expect(await analyze.getFailedCount()).toBe(0);
    expect(await invariants(ctx.db, corpus)).toEqual(expectedInvariants(corpus));
    await running.stop();
  }, 180_000);
});
