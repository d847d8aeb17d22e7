// Access to dashboard pages: signed-out users go to /login, a role that may not use the page
// sees a 403 page; every state-changing form carries the session's CSRF token in `_csrf`.
import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../db/schema.js';
import type { SessionPrincipal } from '../users/user.repository.js';
import { ForbiddenPage } from '../../dashboards/pages/forbidden.js';
import { sessionOf, type AuthEnv } from './auth.js';

type Reply = Response | Promise<Response>;
export type PageAccess = { readonly session: SessionPrincipal; readonly refusal?: undefined } | { readonly session?: undefined; readonly refusal: Reply };

/** The session when its role may use the page, otherwise the response to send instead. */
export function pageSession(c: Context<AuthEnv>, roles: readonly Role[] = []): PageAccess {
  const session = sessionOf(c);
  if (!session) {
    const next = c.req.method === 'GET' ? c.req.path : '/';
    return { refusal: c.redirect(`/login?next=${encodeURIComponent(next)}`, c.req.method === 'GET' ? 302 : 303) };
  }
  if (roles.length && !roles.includes(session.role)) return { refusal: c.html(<ForbiddenPage user={session} reason="role" />, 403) };
  return { session };
}

/** The 403 page for a form without the session's CSRF token (or null when the token matches). */
export function csrfRefusal(c: Context<AuthEnv>, session: SessionPrincipal, form: Record<string, unknown>): Reply | null {
  return form._csrf === session.csrfToken ? null : c.html(<ForbiddenPage user={session} reason="csrf" />, 403);
}

export type GuardedForm = { readonly session: SessionPrincipal; readonly form: Record<string, unknown> };

/** A signed-in session of one of `roles` plus its parsed form with a valid CSRF token, or the refusal to send. */
export async function guardedForm(c: Context<AuthEnv>, roles: readonly Role[]): Promise<GuardedForm | { refusal: Response }> {
  const { session, refusal } = pageSession(c, roles);
  if (refusal) return { refusal: await refusal };
  const form = await c.req.parseBody();
  const refused = csrfRefusal(c, session, form);
  if (refused) return { refusal: await refused };
  return { session, form };
}

/** A form field as a string ("" when missing, or a file where text was expected). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** Middleware form of pageSession: runs before the body is read (body limits, parsing). */
export function pageRoles(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const { refusal } = pageSession(c, roles);
    if (refusal) return refusal;
    await next();
  };
}
