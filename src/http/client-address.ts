// The caller's address for login throttling: the socket's remote address under @hono/node-server,
// "unknown" where there is none (app.request() in tests). X-Forwarded-For is read only when the
// socket peer is a configured trusted proxy: anyone else could rotate it to dodge the per-address
// limit (the per-username limit holds regardless).
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one address. */
function canonical(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed.toLowerCase();
}

/**
 * The client address as seen through trusted proxies: walking X-Forwarded-For from the right,
 * the first address that is not a trusted proxy (the left part could be forged by the client).
 */
export function forwardedClient(peer: string, forwardedFor: string | undefined, trustedProxies: readonly string[]): string {
  const trusted = new Set(trustedProxies.map(canonical));
  if (!trusted.has(canonical(peer)) || !forwardedFor) return canonical(peer);
  const hops = forwardedFor.split(',').map(canonical).filter((hop) => isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trusted.has(hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? canonical(peer);
}

export function clientAddress(c: Context, trustedProxies: readonly string[] = []): string {
  const peer = socketAddress(c);
  if (!peer) return 'unknown';
  return forwardedClient(peer, c.req.header('x-forwarded-for'), trustedProxies);
}

/** `?wait=N` on /login as whole minutes (1–60), or 0. */
export function waitMinutes(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 60) : 0;
}
