import { vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';

/** 403: the role may not use this page, or the form's CSRF token is missing or stale. */
export function ForbiddenPage({ user, reason }: { user: LayoutProps['user']; reason: 'role' | 'csrf' }) {
  return (
    <Layout title={vi.forbidden.title} user={user}>
      <section class="card narrow">
        <h1>{vi.forbidden.title}</h1>
        <p class="error" role="alert">
          {reason === 'csrf' ? vi.forbidden.csrf : vi.forbidden.text}
        </p>
        <p>
          <a href="/">{vi.forbidden.back}</a>
        </p>
      </section>
    </Layout>
  );
}
