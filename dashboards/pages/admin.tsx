// The admin screens: users and roles, API tokens, the commune profile, rules (list with hits and
// precision, pack editor with errors in place, test bench, version history with rollback).
// Plain forms, each with the session's CSRF token; collected and typed text is always escaped.
import type { Role } from '../../src/db/schema.js';
import { formatDateTime, vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';
import { CsrfField, FormMessages } from './form-parts.js';

type User = NonNullable<LayoutProps['user']> & { csrfToken: string };
const t = vi.admin;
const ROLES: readonly Role[] = ['admin', 'collaborator', 'reviewer'];

function RoleSelect({ name, value }: { name: string; value?: Role | undefined }) {
  return (
    <select name={name} required>
      {ROLES.map((r) => (
        <option value={r} selected={r === value}>
          {t.roles[r]}
        </option>
      ))}
    </select>
  );
}

// ---------------------------------------------------------------------------------------------
// Users

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly display_name: string;
  readonly role: Role;
  readonly created_at: Date;
  readonly disabled_at: Date | null;
}

export interface NewUserValues {
  readonly username: string;
  readonly display_name: string;
  readonly role: string;
}

export function UsersPage(props: { user: User & { userId: string | null }; users: readonly UserRow[]; values?: NewUserValues; notice?: string; errors?: readonly string[] }) {
  const { user, users } = props;
  const values = props.values ?? { username: '', display_name: '', role: 'collaborator' };
  return (
    <Layout title={t.users.title} user={user}>
      <h1>{t.users.title}</h1>
      <FormMessages notice={props.notice} errors={props.errors} />
      <ul class="admin-list">
        {users.map((u) => (
          <li class={u.disabled_at ? 'admin-item disabled' : 'admin-item'} data-username={u.username}>
            <div class="admin-item-head">
              <strong class="wrap">{u.display_name}</strong>
              <span class="mono">{u.username}</span>
              {u.id === user.userId ? <span class="note">{t.users.you}</span> : null}
              <span class="badge">{t.roles[u.role]}</span>
              <span class="badge">{u.disabled_at ? t.users.disabled : t.users.active}</span>
            </div>
            <div class="note">
              {t.users.columns.created}: {formatDateTime(u.created_at)}
            </div>
            {u.id === user.userId ? null : (
              <div class="actions">
                <form method="post" action={`/admin/users/${u.id}/role`} class="inline row-form">
                  <CsrfField user={user} />
                  <label class="sr-label">
                    {t.users.columns.role}
                    <RoleSelect name="role" value={u.role} />
                  </label>
                  <button type="submit" class="secondary">
                    {t.users.changeRole}
                  </button>
                </form>
                <form method="post" action={`/admin/users/${u.id}/disabled`} class="inline">
                  <CsrfField user={user} />
                  <input type="hidden" name="disabled" value={u.disabled_at ? 'false' : 'true'} />
                  <button type="submit" class="secondary">
                    {u.disabled_at ? t.users.enable : t.users.disable}
                  </button>
                </form>
              </div>
            )}
          </li>
        ))}
      </ul>
      <section class="card" id="them-nguoi-dung">
        <h2>{t.users.create}</h2>
        <form method="post" action="/admin/users">
          <CsrfField user={user} />
          <label>
            {t.users.columns.username}
            <input name="username" required maxlength={64} autocomplete="off" value={values.username} />
          </label>
          <label>
            {t.users.displayName}
            <input name="display_name" required maxlength={200} value={values.display_name} />
          </label>
          <label>
            {t.users.password}
            <input name="password" type="password" required minlength={10} maxlength={256} autocomplete="new-password" />
          </label>
          <label>
            {t.users.role}
            <RoleSelect name="role" value={ROLES.find((r) => r === values.role)} />
          </label>
          <button type="submit">{t.users.create}</button>
        </form>
      </section>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// API tokens

export interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly created_at: Date;
  readonly last_used_at: Date | null;
  readonly revoked_at: Date | null;
}

export function TokensPage(props: { user: User; tokens: readonly TokenRow[]; created?: { name: string; token: string }; notice?: string; errors?: readonly string[] }) {
  const { user, tokens } = props;
  return (
    <Layout title={t.tokens.title} user={user}>
      <h1>{t.tokens.title}</h1>
      <p class="note">{t.tokens.intro}</p>
      <FormMessages notice={props.notice} errors={props.errors} />
      {props.created ? (
        <section class="card new-token" role="status">
          <p>
            <strong>{props.created.name}</strong> — {t.tokens.shownOnce}
          </p>
          <pre class="mono token-value">{props.created.token}</pre>
        </section>
      ) : null}
      {tokens.length === 0 ? <p class="empty">{t.tokens.none}</p> : null}
      <ul class="admin-list">
        {tokens.map((k) => (
          <li class={k.revoked_at ? 'admin-item disabled' : 'admin-item'} data-token-id={k.id}>
            <div class="admin-item-head">
              <strong class="wrap">{k.name}</strong>
              <span class="badge">{t.roles[k.role]}</span>
              <span class="badge">{k.revoked_at ? t.tokens.revoked : t.tokens.active}</span>
            </div>
            <div class="note">
              {t.tokens.columns.created}: {formatDateTime(k.created_at)} · {t.tokens.columns.lastUsed}:{' '}
              {k.last_used_at ? formatDateTime(k.last_used_at) : t.tokens.never}
              {k.revoked_at ? ` · ${t.tokens.revoked}: ${formatDateTime(k.revoked_at)}` : ''}
            </div>
            {k.revoked_at ? null : (
              <form method="post" action={`/admin/tokens/${k.id}/revoke`} class="inline">
                <CsrfField user={user} />
                <button type="submit" class="secondary">
                  {t.tokens.revoke}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <section class="card">
        <h2>{t.tokens.create}</h2>
        <form method="post" action="/admin/tokens">
          <CsrfField user={user} />
          <label>
            {t.tokens.name}
            <input name="name" required maxlength={100} autocomplete="off" />
          </label>
          <label>
            {t.tokens.role}
            <RoleSelect name="role" value="reviewer" />
          </label>
          <button type="submit">{t.tokens.create}</button>
        </form>
      </section>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Commune profile

export interface ProfileValues {
  readonly commune: string;
  readonly aliases: string;
  readonly places: string;
}

export function ProfilePage(props: { user: User; values: ProfileValues; updatedAt?: Date | null; notice?: string; errors?: readonly string[] }) {
  const { user, values } = props;
  return (
    <Layout title={t.profile.title} user={user}>
      <h1>{t.profile.title}</h1>
      <p class="note">{t.profile.intro}</p>
      <FormMessages notice={props.notice} errors={props.errors} />
      <section class="card">
        <form method="post" action="/admin/profile">
          <CsrfField user={user} />
          <label>
            {t.profile.commune}
            <input name="commune" required maxlength={200} value={values.commune} />
          </label>
          <label>
            {t.profile.aliases}
            <span class="hint">{t.profile.onePerLine}</span>
            <textarea name="aliases" rows={4}>
              {values.aliases}
            </textarea>
          </label>
          <label>
            {t.profile.places}
            <span class="hint">{t.profile.onePerLine}</span>
            <textarea name="places" rows={12}>
              {values.places}
            </textarea>
          </label>
          <button type="submit">{t.save}</button>
        </form>
        {props.updatedAt ? <p class="note">{formatDateTime(props.updatedAt)}</p> : null}
      </section>
    </Layout>
  );
}
