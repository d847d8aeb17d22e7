// The caller's address for login throttling: the socket's remote address under @hono/node-server,
// "unknown" where there is none (app.request() in tests). X-Forwarded-For is not trusted: a client
// could rotate it to dodge the per-address limit (the per-username limit holds regardless).
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `?wait=N` on /login as whole minutes (1–60), or 0. */
export function waitMinutes(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 60) : 0;
}
