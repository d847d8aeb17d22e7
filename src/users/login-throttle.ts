// Login throttling: after too many failed sign-ins for one username or from one address within
// a window, further attempts are refused (even with the right password) until the window ends.
// Counters live in Redis under the queue prefix: they are short-lived and need no history.
import type { RedisConnection } from '../queue/queue.js';

export interface ThrottleSettings {
  /** Failures allowed per username within the window. */
  readonly maxPerUser: number;
  /** Failures allowed per client address within the window (several users may share one NAT). */
  readonly maxPerIp: number;
  readonly windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { maxPerUser: 5, maxPerIp: 20, windowSeconds: 15 * 60 };

export interface LoginThrottle {
  /** Seconds to wait before trying again, or 0 when an attempt may be made. */
  retryAfter(username: string, ip: string): Promise<number>;
  recordFailure(username: string, ip: string): Promise<void>;
  /** A successful sign-in clears the username's counter (the address's stays). */
  recordSuccess(username: string): Promise<void>;
}

export function createLoginThrottle(redis: RedisConnection, prefix: string, settings: ThrottleSettings = DEFAULT_THROTTLE): LoginThrottle {
  const userKey = (username: string) => `${prefix}:login-fail:user:${username.trim().toLowerCase().slice(0, 64)}`;
  const ipKey = (ip: string) => `${prefix}:login-fail:ip:${ip.slice(0, 64)}`;

  async function wait(key: string, max: number): Promise<number> {
    const [count, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
    if (Number(count ?? 0) < max) return 0;
    return ttl > 0 ? ttl : settings.windowSeconds;
  }

  async function bump(key: string): Promise<void> {
    const count = await redis.incr(key);
    if (count === 1) await redis.expire(key, settings.windowSeconds);
  }

  return {
    async retryAfter(username, ip) {
      const [user, address] = await Promise.all([wait(userKey(username), settings.maxPerUser), wait(ipKey(ip), settings.maxPerIp)]);
      return Math.max(user, address);
    },
    async recordFailure(username, ip) {
      await Promise.all([bump(userKey(username)), bump(ipKey(ip))]);
    },
    async recordSuccess(username) {
      await redis.del(userKey(username));
    },
  };
}
