// Each test file gets its own database and its own queue prefix, so files run in parallel
// against the one Postgres and Redis of the machine without seeing each other.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { parseConfig, type AppConfig } from '../../src/config/env.js';
import { ensureDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestServices {
  readonly config: AppConfig;
  /** Drops the database and deletes the queue keys. */
  cleanup(): Promise<void>;
}

export function uniqueName(label: string): string {
  return `${label}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

export async function createTestServices(label: string, overrides: Record<string, string> = {}): Promise<TestServices> {
  const name = uniqueName(`lt_${label}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  // Evidence and uploads of this file go to its own temporary folder, never to ./data.
  const dataDir = path.join(os.tmpdir(), name);
  const config = parseConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: name,
    LOG_LEVEL: 'silent',
    PORT: '0',
    SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789',
    ...overrides,
  });
  return {
    config,
    async cleanup() {
      await rm(dataDir, { recursive: true, force: true });
      const redis = new Redis(REDIS_URL);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${name}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
