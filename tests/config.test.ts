import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config/env.js';

describe('parseConfig', () => {
  it('gives defaults that point at local Postgres and Redis', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/langnghe');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.FETCH_ALLOW_HOSTS).toEqual([]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ QUEUE_PREFIX: 'has:colon' }, 'QUEUE_PREFIX'],
  ])('names the bad variable %o', (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('treats an empty variable as unset and splits the allow-list', () => {
    const config = parseConfig({ PORT: '', FETCH_ALLOW_HOSTS: ' 127.0.0.1, Intranet.Local ,' });
    expect(config.PORT).toBe(3000);
    expect(config.FETCH_ALLOW_HOSTS).toEqual(['127.0.0.1', 'intranet.local']);
  });
});
