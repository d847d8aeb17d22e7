// BullMQ needs Redis to keep every key: with an eviction policy, Redis under memory pressure drops
// queue keys and jobs vanish silently. Checked at the start of every process (src/bootstrap.ts).
import type { Logger } from '../config/logger.js';

export type EvictionPolicyVerdict =
  | { readonly status: 'ok'; readonly policy: 'noeviction' }
  | { readonly status: 'evicting'; readonly policy: string }
  | { readonly status: 'unknown' };

/** Reads the answer to `CONFIG GET maxmemory-policy` (RESP2: a flat [name, value] list; RESP3: a map). */
export function evictionPolicyVerdict(answer: unknown): EvictionPolicyVerdict {
  let policy: unknown;
  if (Array.isArray(answer)) {
    const at = answer.findIndex((v) => String(v).toLowerCase() === 'maxmemory-policy');
    policy = at >= 0 ? answer[at + 1] : undefined;
  } else if (answer && typeof answer === 'object') {
    policy = (answer as Record<string, unknown>)['maxmemory-policy'];
  }
  if (typeof policy !== 'string' && !Buffer.isBuffer(policy)) return { status: 'unknown' };
  const value = String(policy).trim().toLowerCase();
  if (value === '') return { status: 'unknown' };
  return value === 'noeviction' ? { status: 'ok', policy: 'noeviction' } : { status: 'evicting', policy: value };
}

/**
 * Warns unless Redis is set to `noeviction`. Managed Redis often refuses CONFIG: then says so at
 * info level and goes on. Never throws.
 */
export async function checkRedisEvictionPolicy(redis: { config(subcommand: 'GET', parameter: string): Promise<unknown> }, logger: Logger): Promise<EvictionPolicyVerdict> {
  let verdict: EvictionPolicyVerdict;
  try {
    verdict = evictionPolicyVerdict(await redis.config('GET', 'maxmemory-policy'));
  } catch (error) {
    logger.info({ err: error }, 'redis maxmemory-policy could not be checked (CONFIG refused?); BullMQ needs noeviction');
    return { status: 'unknown' };
  }
  if (verdict.status === 'evicting') {
    logger.warn(
      { policy: verdict.policy },
      'redis maxmemory-policy is not noeviction: under memory pressure Redis may delete queue keys and jobs are lost; set maxmemory-policy noeviction',
    );
  } else if (verdict.status === 'unknown') {
    logger.info('redis maxmemory-policy could not be read; BullMQ needs noeviction');
  }
  return verdict;
}
