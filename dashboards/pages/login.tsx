import { vi } from '../i18n.js';
import { Layout } from './layout.js';

export function LoginPage({ failed, next, waitMinutes = 0 }: { failed: boolean; next: string; waitMinutes?: number }) {
  return (
    <Layout title={vi.login}>
      <section class="card narrow">
        <h1>{vi.login}</h1>
        {waitMinutes > 0 ? (
          <p class="error" role="alert">
            {vi.loginThrottled(waitMinutes)}
          </p>
        ) : null}
        {failed && waitMinutes === 0 ? (
          <p class="error" role="alert">
            {vi.loginFailed}
          </p>
        ) : null}
        <form method="post" action="/login">
          <input type="hidden" name="next" value={next} />
          <label>
            {vi.username}
            <input name="username" autocomplete="username" required autofocus />
          </label>
          <label>
            {vi.password}
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit">{vi.login}</button>
        </form>
      </section>
    </Layout>
  );
}
