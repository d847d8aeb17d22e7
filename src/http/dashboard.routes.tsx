// The server-rendered dashboard (pages live in dashboards/).
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { createSession, deleteSession, verifyCredentials } from '../users/user.repository.js';
import { LoginPage } from '../../dashboards/pages/login.js';
import { SESSION_COOKIE, sessionOf, type AuthEnv } from './auth.js';
import { incidentPagesRoutes } from './incident-pages.routes.js';
import { reportPageRoutes } from './report-page.routes.js';
import { responseTimePageRoutes } from './response-time-pages.routes.js';
import { sourcesPageRoutes } from './sources-page.routes.js';
import { adminPageRoutes } from './admin-pages.routes.js';
import { alertPagesRoutes } from './alert-pages.routes.js';
import { channelsPageRoutes } from './channels-pages.routes.js';
import { searchPageRoutes } from './search-pages.routes.js';
import { trendsPageRoutes } from './trends-pages.routes.js';
import { createLoginThrottle } from '../users/login-throttle.js';
import { clientAddress, waitMinutes } from './client-address.js';

const loginForm = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  next: z.string().max(500).optional(),
});

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function dashboardRoutes(context: AppContext) {
  const { db, config } = context;
  const throttle = createLoginThrottle(context.queues.redis, config.QUEUE_PREFIX);
  return new Hono<AuthEnv>()
    .get('/login', (c) => c.html(<LoginPage failed={c.req.query('failed') === '1'} waitMinutes={waitMinutes(c.req.query('wait'))} next={safeNext(c.req.query('next'))} />))
    .post('/login', async (c) => {
      const parsed = loginForm.safeParse(await c.req.parseBody());
      const next = safeNext(parsed.success ? parsed.data.next : undefined);
      // Throttled before the password is checked: the 6th try is refused even when it is right.
      const ip = clientAddress(c, config.TRUSTED_PROXIES);
      const wait = parsed.success ? await throttle.retryAfter(parsed.data.username, ip) : 0;
      if (wait > 0) return c.redirect(`/login?wait=${Math.ceil(wait / 60)}&next=${encodeURIComponent(next)}`, 303);
      const user = parsed.success ? await verifyCredentials(db, parsed.data.username, parsed.data.password) : undefined;
      if (parsed.success) await (user ? throttle.recordSuccess(parsed.data.username) : throttle.recordFailure(parsed.data.username, ip));
      if (!user) return c.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
      const session = await createSession(db, user.id);
      setCookie(c, SESSION_COOKIE, session.cookieValue, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.COOKIE_SECURE,
        path: '/',
        expires: session.expiresAt,
      });
      return c.redirect(next, 303);
    })
    .post('/logout', async (c) => {
      const session = sessionOf(c);
      const form = await c.req.parseBody();
      if (session && form._csrf !== session.csrfToken) return c.text('CSRF token invalid', 403);
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) await deleteSession(db, cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect('/login', 303);
    })
    .route('/', incidentPagesRoutes(context))
    .route('/', reportPageRoutes(context))
    .route('/', responseTimePageRoutes(context))
    .route('/', sourcesPageRoutes(context))
    .route('/', alertPagesRoutes(context))
    .route('/', adminPageRoutes(context))
    .route('/', channelsPageRoutes(context))
    .route('/', searchPageRoutes(context))
    .route('/', trendsPageRoutes(context));
}
