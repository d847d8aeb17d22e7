// Fault: poison jobs. One whose handler throws at every attempt ends in the failed set with its
// reason after its retries; a malformed payload, or a job nobody handles, fails once with its
// reason; ids of no post handed to analysis among real ones poison nothing; every other post is analysed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../../src/bootstrap.js';
import { settleWithin, startWorkerProcess, waitWhileRunning, type WorkerProcess } from '../support/own-servers.js';
import { createTestServices, type TestServices } from '../support/services.js';
import { enqueueAnalysis } from '../../src/posts/enqueue-analysis.js';
import { storeCollectedItems } from '../../src/posts/post.repository.js';
import { analysedCount, buildCorpus, expectedInvariants, invariants, prepareCommune, workerEnv } from './scenario.js';

let services: TestServices;
let context: OpenedContext;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  services = await createTestServices('fault_poison');
  context = await openContext(services.config);
});

afterAll(async () => {
  await worker?.kill();
  if (context) await settleWithin(context.close());
  await services?.cleanup();
});

describe('a poison job', () => {
  it('ends in the failed set with its reason while the rest flows', async () => {
    // No story: nothing is filed, so the evidence queue holds only the poison.
    const corpus = buildCorpus(0, 0, 600);
    const source = await prepareCommune(context.db);
    const evidence = context.queues.queue('evidence');
    // Passes the payload schema (digits) but no bigint holds it: the handler's query throws every time.
    // Job-level attempts and backoff keep the test short; the mechanism is the one of the defaults.
    await evidence.add('capture-evidence', { incidentId: '99999999999999999999', postId: '1' }, { jobId: 'poison-throws', attempts: 3, backoff: { type: 'fixed', delay: 300 } });
    await evidence.add('capture-evidence', { incidentId: 'not-a-number', postId: '1' }, { jobId: 'poison-payload', attempts: 3, backoff: { type: 'fixed', delay: 300 } });
    await evidence.add('no-such-job', {}, { jobId: 'poison-name', attempts: 3, backoff: { type: 'fixed', delay: 300 } });
    // Posts handed to analysis together with ids of no post (one beyond bigint): the rest is analysed.
    const stored = await storeCollectedItems(context.db, source, corpus.items, services.config.SECRET_KEY);
    const total = stored.pendingAnalysis.length;
    const half = Math.floor(total / 2);
    await enqueueAnalysis(context.queues, [...stored.pendingAnalysis.slice(0, half), '99999999999999999999', '0', ...stored.pendingAnalysis.slice(half)]);

    worker = startWorkerProcess(workerEnv(services.config));
    const running = worker;
    await waitWhileRunning(running, async () => ((await evidence.getFailedCount()) === 3 ? true : undefined), 60_000, 'three failed poison jobs');
    await waitWhileRunning(running, async () => ((await analysedCount(context.db)) === total ? true : undefined), 60_000, 'every post analysed');

    const throws = await evidence.getJob('poison-throws');
    expect(await throws?.getState()).toBe('failed');
    expect(throws?.attemptsMade).toBe(3);
    expect(throws?.failedReason).toMatch(/out of range for type bigint/);
    const payload = await evidence.getJob('poison-payload');
    expect(await payload?.getState()).toBe('failed');
    expect(payload?.attemptsMade).toBe(1);
    expect(payload?.failedReason).toMatch(/^invalid payload: incidentId: /);
    const name = await evidence.getJob('poison-name');
    expect(await name?.getState()).toBe('failed');
    expect(name?.attemptsMade).toBe(1);
    expect(name?.failedReason).toBe('no handler for job no-such-job on evidence');

    expect(await context.queues.queue('analyze').getFailedCount()).toBe(0);
    expect(await invariants(context.db, corpus)).toEqual(expectedInvariants(corpus));
    await running.stop();
  }, 120_000);
});
