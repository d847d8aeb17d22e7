// Fault: a worker is killed (SIGKILL) in the middle of the work. Its jobs come back after the
// stalled interval; a new worker finishes them: no post lost, none analysed twice into two incidents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../../src/bootstrap.js';
import { settleWithin, startWorkerProcess, waitWhileRunning, type WorkerProcess } from '../support/own-servers.js';
import { createTestServices, type TestServices } from '../support/services.js';
import { analysedCount, buildCorpus, expectedInvariants, injectCorpus, invariants, prepareCommune, workerEnv } from './scenario.js';

let services: TestServices;
let context: OpenedContext;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  services = await createTestServices('fault_kill');
  context = await openContext(services.config);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  if (context) await settleWithin(context.close());
  await services?.cleanup();
});

describe('a worker killed mid-batch', () => {
  it('loses no post and files no story twice', async () => {
    const corpus = buildCorpus(150, 10, 1500);
    const source = await prepareCommune(context.db);
    const total = await injectCorpus(context.db, context.queues, services.config, source, corpus);
    expect(total).toBe(3000);

    const first = startWorkerProcess(workerEnv(services.config));
    workers.push(first);
    // Some but not all analysed: the kill lands in the middle of the work.
    const before = await waitWhileRunning(first, async () => {
      const n = await analysedCount(context.db);
      return n >= 300 ? n : undefined;
    }, 60_000, 'the first analyses');
    await first.kill();
    const atKill = await analysedCount(context.db);
    expect(before).toBeLessThan(total);
    expect(atKill).toBeLessThan(total);

    const second = startWorkerProcess(workerEnv(services.config));
    workers.push(second);
    await waitWhileRunning(second, async () => ((await analysedCount(context.db)) === total ? true : undefined), 75_000, 'every post analysed after the kill');
    await second.stop();
    expect(await context.queues.queue('analyze').getFailedCount()).toBe(0);

    expect(await invariants(context.db, corpus)).toEqual(expectedInvariants(corpus));
  }, 150_000);
});
