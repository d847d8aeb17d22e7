// The server-rendered dashboard (pages live in dashboards/).
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { listIncidents } from '../incidents/incident.repository.js';
import { createSession, deleteSession, verifyCredentials } from '../users/user.repository.js';
import { LoginPage } from '../../dashboards/pages/login.js';
import { QueuePage } from '../../dashboards/pages/queue.js';
import { SESSION_COOKIE, sessionOf, type AuthEnv } from './auth.js';
import { reportPageRoutes } from './report-page.routes.js';
import { sourcesPageRoutes } from './sources-page.routes.js';

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
  return new Hono<AuthEnv>()
    .get('/login', (c) => c.html(<LoginPage failed={c.req.query('failed') === '1'} next={safeNext(c.req.query('next'))} />))
    .post('/login', async (c) => {
      const parsed = loginForm.safeParse(await c.req.parseBody());
      const user = parsed.success ? await verifyCredentials(db, parsed.data.username, parsed.data.password) : undefined;
      const next = safeNext(parsed.success ? parsed.data.next : undefined);
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
    .get('/', async (c) => {
      const session = sessionOf(c);
      if (!session) return c.redirect('/login', 302);
      const incidents = await listIncidents(db, { status: ['new', 'acknowledged', 'in_progress', 'on_hold'] });
      return c.html(<QueuePage user={session} incidents={incidents} now={new Date()} />);
    })
    .route('/', reportPageRoutes(context))
    .route('/', sourcesPageRoutes(context));
}
