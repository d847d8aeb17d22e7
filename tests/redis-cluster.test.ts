// Redis Cluster: a real three-node cluster of this file's own. A worker process analyses posts
// through it, the login throttle and /readyz use it, and every key of the deployment's
// hash-tagged prefix sits in one slot (so BullMQ's multi-key scripts are allowed).
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { parseConfig } from '../src/config/env.js';
import { createApp } from '../src/http/app.js';
import { createLoginThrottle } from '../src/users/login-throttle.js';
import { settleWithin, startOwnRedisCluster, startWorkerProcess, waitWhileRunning, type OwnRedisCluster, type WorkerProcess } from './support/own-servers.js';
import { createTestServices, uniqueName, type TestServices } from './support/services.js';
import { analysedCount, buildCorpus, expectedInvariants, injectCorpus, invariants, prepareCommune, workerEnv } from './faults/scenario.js';

let cluster: OwnRedisCluster;
let services: TestServices;
let context: OpenedContext;
let worker: WorkerProcess | undefined;
const prefix = `{${uniqueName('lt_cluster')}}`;

beforeAll(async () => {
  cluster = await startOwnRedisCluster(3);
  services = await createTestServices('redis_cluster', { REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', QUEUE_PREFIX: prefix });
  context = await openContext(services.config);
}, 60_000);

afterAll(async () => {
  await worker?.kill();
  if (context) await settleWithin(context.close());
  await services?.cleanup();
  await cluster?.destroy();
});

describe('Redis Cluster', () => {
  it('refuses a prefix that is not a hash tag', () => {
    expect(() => parseConfig({ REDIS_CLUSTER: 'true', QUEUE_PREFIX: 'langnghe' })).toThrow(/QUEUE_PREFIX: must start with a hash tag/);
    expect(parseConfig({ REDIS_CLUSTER: 'true', QUEUE_PREFIX: '{langnghe}' }).REDIS_CLUSTER).toBe(true);
  });

  it('carries the pipeline end to end through a worker process', async () => {
    const corpus = buildCorpus(8, 4, 60);
    const source = await prepareCommune(context.db);
    expect(context.queues.redis).toBeInstanceOf(Cluster);
    const total = await injectCorpus(context.db, context.queues, services.config, source, corpus);
    worker = startWorkerProcess(workerEnv(services.config, { REDIS_CLUSTER: 'true' }));
    await waitWhileRunning(worker, async () => ((await analysedCount(context.db)) === total ? true : undefined), 60_000, 'every post analysed through the cluster');
    expect(await invariants(context.db, corpus)).toEqual(expectedInvariants(corpus));
    expect(await context.queues.queue('analyze').getFailedCount()).toBe(0);
  }, 90_000);

  it('keeps every key of the prefix in one slot, on one node', async () => {
    const holders: number[] = [];
    let slot: number | undefined;
    for (const port of cluster.ports) {
      const node = new Redis(`redis://127.0.0.1:${port}`);
      try {
        const keys = await node.keys(`${prefix}*`);
        if (keys.length) holders.push(port);
        for (const key of keys.slice(0, 50)) {
          const keySlot = Number(await node.call('CLUSTER', 'KEYSLOT', key));
          slot ??= keySlot;
          expect(keySlot).toBe(slot);
        }
      } finally {
        node.disconnect();
      }
    }
    expect(slot).toBeDefined();
    expect(holders).toHaveLength(1);
  });

  it('serves the login throttle and /readyz', async () => {
    const throttle = createLoginThrottle(context.queues.redis, prefix, { maxPerUser: 2, maxPerIp: 100, windowSeconds: 60 });
    await throttle.recordFailure('ai-do', '198.51.100.7');
    expect(await throttle.retryAfter('ai-do', '198.51.100.7')).toBe(0);
    await throttle.recordFailure('ai-do', '198.51.100.7');
    expect(await throttle.retryAfter('ai-do', '198.51.100.7')).toBeGreaterThan(0);
    const ready = await createApp(context).request('/readyz');
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: { redis: boolean } }).checks.redis).toBe(true);
  });
});
