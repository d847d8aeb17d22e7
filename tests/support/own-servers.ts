// Servers a fault test may stop, kill or restart: its own Redis and Postgres on free ports, and
// the worker as a real child process. The shared 6379/5432 servers are never touched.
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

const run = promisify(execFile);
const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT_TAIL = 64 * 1024;

// If the test process dies before its teardown, its servers and workers must not outlive it.
const onExit = new Set<() => void>();
process.once('exit', () => {
  for (const stop of onExit) stop();
});

/** A port nobody listens on now: bind port 0 and let it go. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function poll(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface OwnRedis {
  readonly port: number;
  readonly url: string;
  /** Clean shutdown (the append-only file is kept), then the same server again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL, like a crash: only what the append-only file holds survives. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

/**
 * A redis-server of its own. Persisted like a deployment must be (append-only file, fsync at
 * every write): without it, a restart loses every queued job.
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--logfile', path.join(dir, 'redis.log')],
      { stdio: 'ignore' },
    );
    const spawned = child;
    onExit.add(() => spawned.kill('SIGKILL'));
    await poll(async () => {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    }, 15_000, `redis on ${port}`);
  };
  const stop = async () => {
    if (!child) return;
    const current = child;
    child = undefined;
    current.kill('SIGTERM'); // redis shuts down cleanly on SIGTERM, flushing the append-only file
    await exited(current);
  };
  const crash = async () => {
    if (!child) return;
    const current = child;
    child = undefined;
    current.kill('SIGKILL');
    await exited(current);
  };
  await start();
  return {
    port,
    url,
    start,
    stop,
    crash,
    async restart() {
      await stop();
      await start();
    },
    async destroy() {
      if (child) {
        child.kill('SIGKILL');
        await exited(child);
        child = undefined;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** True when nothing listens on this port now (a cluster node also needs port + 10000 for its bus). */
async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface OwnRedisCluster {
  /** One node's URL: the client discovers the others (REDIS_CLUSTER=true). */
  readonly url: string;
  readonly ports: readonly number[];
  destroy(): Promise<void>;
}

/** A Redis Cluster of its own: `masters` redis-server nodes, slots spread by `redis-cli --cluster create`. */
export async function startOwnRedisCluster(masters = 3): Promise<OwnRedisCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-cluster-'));
  const ports: number[] = [];
  while (ports.length < masters) {
    const port = await freePort();
    if (port + 10_000 <= 65_535 && !ports.includes(port) && (await portIsFree(port + 10_000))) ports.push(port);
  }
  const children = ports.map((port) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
        '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', path.join(dir, `redis-${port}.log`)],
      { stdio: 'ignore' },
    );
    onExit.add(() => child.kill('SIGKILL'));
    return child;
  });
  const info = async (port: number, ...command: string[]) => {
    const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return String(await probe.call(command[0]!, ...command.slice(1)));
    } finally {
      probe.disconnect();
    }
  };
  for (const port of ports) await poll(async () => (await info(port, 'PING')) === 'PONG', 15_000, `cluster node on ${port}`);
  await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
  for (const port of ports) await poll(async () => (await info(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'), 30_000, `cluster state ok on ${port}`);
  return {
    url: `redis://127.0.0.1:${ports[0]}`,
    ports,
    async destroy() {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnPostgres {
  readonly port: number;
  /** URL of a database of this server (created on first use by ensureDatabase). */
  databaseUrl(name: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A Postgres cluster of its own, run by the postgres OS user (initdb refuses root). */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const base = await mkdtemp(path.join(os.tmpdir(), 'langnghe-pg-'));
  const dataDir = path.join(base, 'data');
  const logFile = path.join(base, 'postgres.log');
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(base, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (bin: string, args: string[]) =>
    asPostgres ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]) : run(path.join(PG_BIN, bin), args);
  await pgRun('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = async () => {
    await pgRun('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '30', 'start']);
  };
  const stop = async () => {
    await pgRun('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
  };
  await start();
  const stopAtExit = () => {
    const args = [path.join(PG_BIN, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', 'stop'];
    if (asPostgres) spawnSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'ignore' });
    else spawnSync(args[0]!, args.slice(1), { stdio: 'ignore' });
  };
  onExit.add(stopAtExit);
  return {
    port,
    databaseUrl: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    start,
    stop,
    async destroy() {
      onExit.delete(stopAtExit);
      await pgRun('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** Is the server answering SQL now? */
export async function postgresAnswers(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface WorkerProcess {
  readonly pid: number;
  /** The last lines it printed (for failure messages). */
  output(): string;
  /** SIGKILL: no cleanup, no lock release, like a crash or the OOM killer. */
  kill(): Promise<void>;
  /** SIGTERM: finishes the jobs in progress, then exits. */
  stop(): Promise<void>;
  readonly exited: Promise<void>;
}

/** `workers/main.ts` as a real process (node --import tsx, one process: a SIGKILL kills it all). */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killAtExit = () => child.kill('SIGKILL');
  onExit.add(killAtExit);
  const done = exited(child).then(() => void onExit.delete(killAtExit));
  return {
    pid: child.pid ?? -1,
    output: () => tail,
    exited: done,
    async kill() {
      child.kill('SIGKILL');
      await done;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `check` while the worker runs; fails at once, with what it printed, if it exits, and on
 * timeout with what it printed.
 */
export async function waitWhileRunning<T>(worker: WorkerProcess, check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void worker.exited.then(() => (exited = true));
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (exited) throw new Error(`the worker exited while waiting for ${what}:\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}; worker output:\n${worker.output()}`);
}

/** For teardown after a failure: a close that waits for a server that is down gives up after `ms`. */
export async function settleWithin(work: Promise<unknown>, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Writes a file of `bytes` bytes (fills a small filesystem). */
export async function fillFile(file: string, bytes: number): Promise<void> {
  await writeFile(file, Buffer.alloc(bytes, 0x61)).catch(() => undefined);
}
