import type { Child } from 'hono/jsx';
import type { Role } from '../../src/db/schema.js';
import { vi } from '../i18n.js';
import { AdminNav } from './admin-nav.js';

export interface LayoutProps {
  readonly title: string;
  readonly user?: { displayName: string; csrfToken: string; role?: Role } | undefined;
  readonly autoRefreshSeconds?: number;
  readonly children?: Child;
}

export function Layout({ title, user, autoRefreshSeconds, children }: LayoutProps) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${vi.appName}`}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body data-refresh-seconds={autoRefreshSeconds ? String(autoRefreshSeconds) : undefined}>
        <header class="topbar">
          <a class="brand" href="/">
            {vi.appName}
          </a>
          <span class="tagline">{vi.appTagline}</span>
          {user ? (
            <form method="post" action="/logout" class="logout">
              <input type="hidden" name="_csrf" value={user.csrfToken} />
              <span class="who">{user.displayName}</span>
              <button type="submit">{vi.logout}</button>
              <button type="submit" formaction="/logout/everywhere">
                {vi.logoutEverywhere}
              </button>
            </form>
          ) : null}
          {user ? (
            <nav class="mainnav" aria-label={vi.nav.label}>
              <a href="/">{vi.nav.queue}</a>
              {user.role === 'collaborator' || user.role === 'admin' ? <a href="/reports/new">{vi.nav.report}</a> : null}
              <a href="/search">{vi.nav.search}</a>
              <a href="/trends">{vi.nav.trends}</a>
              <a href="/sources">{vi.nav.sources}</a>
              <a href="/reports/response-time">{vi.responseTime.nav}</a>
              <a href="/reports/channels">{vi.channels.nav}</a>
              {user.role === 'reviewer' ? <a href="/alerts/deliveries">{vi.admin.alerts.log}</a> : null}
              {user.role === 'admin' ? <AdminNav /> : null}
            </nav>
          ) : null}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
