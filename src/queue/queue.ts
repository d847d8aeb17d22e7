// The only module that talks to BullMQ. Producers call `enqueue`; the worker entry calls `startWorkers`.
import { Queue, Worker, UnrecoverableError, type Job, type JobsOptions } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { ZodError } from 'zod';
import type { Logger } from '../config/logger.js';
import { payloadLogBindings, withLogBindings } from '../observability/log-context.js';
import { jobDefinitions, QUEUE_NAMES, queueWorkerOptions, type JobName, type JobPayload, type QueueName } from './jobs.js';

export interface QueueSettings {
  readonly redisUrl: string;
  /** Key prefix; wrap it in {braces} on Redis Cluster so a queue's keys share a slot. */
  readonly prefix: string;
  /** redisUrl is a seed node of a Redis Cluster (REDIS_CLUSTER). */
  readonly cluster?: boolean;
  /** Workers' job lock duration and stalled-job check interval (WORKER_STALLED_INTERVAL_MS); BullMQ's 30 s when unset. */
  readonly stalledIntervalMs?: number;
  /** Told of every job run by startWorkers: how long it took and how it ended (job duration metrics). */
  readonly jobObserver?: JobObserver;
}

export type JobOutcome = 'completed' | 'failed';
export type JobObserver = (job: { readonly queue: QueueName; readonly name: string }, seconds: number, outcome: JobOutcome) => void;

/** A single Redis or a Redis Cluster client: the same commands either way. */
export type RedisConnection = Redis | Cluster;

export function createRedis(redisUrl: string, cluster = false): RedisConnection {
  // BullMQ needs maxRetriesPerRequest null on connections used by workers.
  if (!cluster) return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
  const url = new URL(redisUrl);
  return new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    enableReadyCheck: true,
    redisOptions: {
      maxRetriesPerRequest: null,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
}

export class JobQueues {
  readonly #queues = new Map<QueueName, Queue>();
  readonly #connection: RedisConnection;

  constructor(
    readonly settings: QueueSettings,
    private readonly logger: Logger,
  ) {
    this.#connection = createRedis(settings.redisUrl, settings.cluster);
    this.#connection.on('error', (error) => this.logger.warn({ err: error }, 'redis connection error'));
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection: this.#connection, prefix: settings.prefix });
      queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'queue error'));
      this.#queues.set(name, queue);
    }
  }

  queue(name: QueueName): Queue {
    const queue = this.#queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  get redis(): RedisConnection {
    return this.#connection;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: { jobId?: string; delay?: number } = {}): Promise<void> {
    const definition = jobDefinitions[name];
    const data = definition.payload.parse(payload);
    await this.queue(definition.queue).add(name, data, { ...defaultJobOptions(name), ...options });
  }

  async enqueueMany<N extends JobName>(name: N, jobs: { payload: JobPayload<N>; jobId: string }[]): Promise<void> {
    if (jobs.length === 0) return;
    const definition = jobDefinitions[name];
    await this.queue(definition.queue).addBulk(
      jobs.map((job) => ({ name, data: definition.payload.parse(job.payload), opts: { ...defaultJobOptions(name), jobId: job.jobId } })),
    );
  }

  /**
   * Creates or updates a repeating job; safe to call at every start. `jitterMs`: a new scheduler
   * starts after a random delay up to this, so schedulers created together do not fire together.
   */
  async upsertSchedule<N extends JobName>(
    name: N,
    schedulerId: string,
    /** Milliseconds between runs, or a cron pattern in a time zone (e.g. '0 7 * * *', 'Asia/Ho_Chi_Minh'). */
    everyMs: number | { readonly pattern: string; readonly tz?: string },
    payload: JobPayload<N>,
    options: { jitterMs?: number } = {},
  ): Promise<void> {
    const definition = jobDefinitions[name];
    const jitter = options.jitterMs ? Math.floor(Math.random() * options.jitterMs) : 0;
    await this.queue(definition.queue).upsertJobScheduler(
      schedulerId,
      typeof everyMs !== 'number'
        ? { pattern: everyMs.pattern, ...(everyMs.tz ? { tz: everyMs.tz } : {}) }
        : jitter > 0
          ? { every: everyMs, startDate: Date.now() + jitter }
          : { every: everyMs },
      { name, data: definition.payload.parse(payload), opts: defaultJobOptions(name) },
    );
  }

  async removeSchedule(name: JobName, schedulerId: string): Promise<void> {
    await this.queue(jobDefinitions[name].queue).removeJobScheduler(schedulerId);
  }

  async listScheduleIds(name: JobName): Promise<string[]> {
    const schedulers = await this.queue(jobDefinitions[name].queue).getJobSchedulers();
    return schedulers.map((s) => s.key);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((q) => q.close()));
    await this.#connection.quit().catch(() => this.#connection.disconnect());
  }
}

function defaultJobOptions(name: JobName): JobsOptions {
  const definition = jobDefinitions[name];
  return {
    attempts: definition.attempts,
    backoff: { type: 'exponential', delay: 'backoffMs' in definition ? definition.backoffMs : 2_000 },
    // Keep finished jobs briefly (dedup window, inspection); failed ones longer with their reason.
    removeOnComplete: { age: 3_600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3_600 },
  };
}

/** A job handler: receives a validated payload. Throw to retry; throw UnrecoverableError to fail at once. */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<unknown>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

export interface RunningWorkers {
  close(): Promise<void>;
  readonly workers: readonly Worker[];
}

/**
 * Starts one BullMQ worker per queue dispatching by job name; every job name must have exactly one handler.
 * `queues`: only these queues' workers (WORKER_QUEUES), so a machine can run e.g. only analyze.
 */
export function startWorkers(
  settings: QueueSettings,
  handlers: JobHandlers,
  logger: Logger,
  concurrency: number,
  queues: readonly QueueName[] = QUEUE_NAMES,
): RunningWorkers {
  for (const name of Object.keys(jobDefinitions) as JobName[]) {
    if (typeof handlers[name] !== 'function') throw new Error(`job ${name} has no handler`);
  }
  const connections: RedisConnection[] = [];
  const workers = QUEUE_NAMES.filter((queueName) => queues.includes(queueName)).map((queueName) => {
    const connection = createRedis(settings.redisUrl, settings.cluster);
    connection.on('error', (error) => logger.warn({ err: error, queue: queueName }, 'worker redis error'));
    connections.push(connection);
    const worker = new Worker(
      queueName,
      async (job: Job) => {
        const started = performance.now();
        const name = job.name as JobName;
        const definition = jobDefinitions[name];
        const observe = (outcome: JobOutcome) =>
          settings.jobObserver?.({ queue: queueName, name: definition ? name : 'unknown' }, (performance.now() - started) / 1000, outcome);
        // Every log line written while the job runs carries its queue, id, name and payload ids.
        return withLogBindings({ queue: queueName, job: job.id, jobName: job.name }, async () => {
          try {
            const result = await runJob();
            observe('completed');
            return result;
          } catch (error) {
            observe('failed');
            throw error;
          }
        });
        async function runJob() {
          if (!definition || definition.queue !== queueName) throw new UnrecoverableError(`no handler for job ${job.name} on ${queueName}`);
          let payload: unknown;
          try {
            payload = definition.payload.parse(job.data);
          } catch (error) {
            // A malformed payload will never become valid: fail it once, with the reason.
            const reason = error instanceof ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(error);
            throw new UnrecoverableError(`invalid payload: ${reason}`);
          }
          const handler = handlers[name] as JobHandler<JobName>;
          return withLogBindings(payloadLogBindings(payload), () => handler(payload as JobPayload<JobName>, job));
        }
      },
      {
        connection,
        prefix: settings.prefix,
        concurrency: queueWorkerOptions[queueName]?.concurrency ?? concurrency,
        // A job is stalled only once its lock has expired, so both are lowered together.
        ...(settings.stalledIntervalMs ? { stalledInterval: settings.stalledIntervalMs, lockDuration: settings.stalledIntervalMs } : {}),
        ...(queueWorkerOptions[queueName]?.limiter ? { limiter: { ...queueWorkerOptions[queueName].limiter } } : {}),
      },
    );
    worker.on('error', (error) => logger.warn({ err: error, queue: queueName }, 'worker error'));
    worker.on('failed', (job, error) =>
      logger.warn({ err: error, queue: queueName, job: job?.id, jobName: job?.name, ...payloadLogBindings(job?.data), attempts: job?.attemptsMade }, 'job failed'),
    );
    return worker;
  });
  return {
    workers,
    async close() {
      // Waits for jobs in progress to finish.
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
