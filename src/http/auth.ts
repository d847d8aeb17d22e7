// Who is calling: an API token (Authorization: Bearer) or a dashboard session cookie.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { authenticateSession, authenticateToken, type Principal, type SessionPrincipal } from '../users/user.repository.js';

export const SESSION_COOKIE = 'langnghe_session';

export type AuthEnv = { Variables: { principal: Principal | undefined } };

export function resolvePrincipal(db: Db): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    let principal: Principal | undefined;
    const authorization = c.req.header('authorization');
    const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (bearer) {
      principal = await authenticateToken(db, bearer);
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) principal = await authenticateSession(db, cookie);
    }
    c.set('principal', principal);
    await next();
  };
}

/** API guard: 401 without credentials, 403 when the role may not do this. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer realm="langnghe"');
      return c.json({ error: 'unauthorized', message: 'Authorization: Bearer TOKEN required' }, 401);
    }
    if (roles.length && !roles.includes(principal.role)) return c.json({ error: 'forbidden', message: `requires role ${roles.join(' or ')}` }, 403);
    await next();
  };
}

export function sessionOf(c: Context<AuthEnv>): SessionPrincipal | undefined {
  const principal = c.get('principal');
  return principal?.kind === 'session' ? (principal as SessionPrincipal) : undefined;
}
