// /api/docs: the JSON API, route by route (method, path, roles, request and response schemas).
import type { Role } from '../../src/db/schema.js';
import { vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';

export interface DocRoute {
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  /** null: not described yet. */
  readonly roles: readonly Role[] | 'public' | null;
  readonly params?: Record<string, unknown> | undefined;
  readonly query?: Record<string, unknown> | undefined;
  readonly body?: Record<string, unknown> | undefined;
  readonly response?: Record<string, unknown> | undefined;
  readonly status: number;
}

const t = vi.admin.docs;

function Schema({ title, schema }: { title: string; schema: Record<string, unknown> | undefined }) {
  if (!schema) return null;
  return (
    <details>
      <summary>{title}</summary>
      <pre>{JSON.stringify(schema, null, 2)}</pre>
    </details>
  );
}

export function ApiDocsPage({ user, routes }: { user: LayoutProps['user']; routes: readonly DocRoute[] }) {
  return (
    <Layout title={t.title} user={user}>
      <h1>{t.title}</h1>
      <p class="note">{t.intro}</p>
      <p>
        <a href="/api/docs/openapi.json">{t.openapi}</a>
      </p>
      <section class="card">
        {routes.map((r) => (
          <div class="api-route" id={`${r.method}-${r.path}`}>
            <div class="admin-item-head">
              <span class="method">{r.method}</span>
              <code class="wrap">{r.path}</code>
            </div>
            {r.summary ? <div>{r.summary}</div> : null}
            {r.roles ? (
              <div class="note">
                {t.roles}: {r.roles === 'public' ? t.public : r.roles.length === 3 ? t.anyRole : r.roles.map((role) => vi.admin.roles[role]).join(', ')}
              </div>
            ) : null}
            <Schema title={`${t.params} (path)`} schema={r.params} />
            <Schema title={`${t.params} (query)`} schema={r.query} />
            <Schema title={t.request} schema={r.body} />
            <Schema title={`${t.response} (${r.status})`} schema={r.response} />
          </div>
        ))}
      </section>
    </Layout>
  );
}
