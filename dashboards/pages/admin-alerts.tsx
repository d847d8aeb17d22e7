// Alert channels (admin): the list (secrets never shown), one form per channel type, on/off and
// "send test"; the delivery log (reviewers and admins). Plain forms with the session's CSRF token.
import type { AlertChannelType, Role } from '../../src/db/schema.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';
import { CsrfField, FormMessages } from './form-parts.js';

type User = NonNullable<LayoutProps['user']> & { csrfToken: string; role: Role };
const t = vi.admin.alerts;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** The form fields of each channel type, in order (names as the channel config stores them). */
export const CHANNEL_FIELDS: Record<AlertChannelType, readonly { name: string; secret?: boolean; kind?: 'url' | 'email' }[]> = {
  telegram: [{ name: 'token', secret: true }, { name: 'chat_id' }],
  zalo: [{ name: 'token', secret: true }, { name: 'user_id' }],
  email: [{ name: 'smtp_url', secret: true }, { name: 'from', kind: 'email' }, { name: 'to' }],
  webhook: [{ name: 'url', kind: 'url' }, { name: 'secret', secret: true }],
};

export interface ChannelRow {
  readonly id: string;
  readonly type: AlertChannelType;
  readonly name: string;
  readonly enabled: boolean;
  readonly created_at: Date;
}

export interface DeliveryRow {
  readonly id: string;
  readonly created_at: Date;
  readonly sent_at: Date | null;
  readonly channel_type: string;
  readonly channel_name: string;
  /** Already masked. */
  readonly recipient: string;
  readonly status: string;
  readonly error: string | null;
}

/** Values typed into a refused form, to show it again (never the secrets). */
export interface ChannelFormValues {
  readonly type: AlertChannelType;
  readonly values: Record<string, string>;
}

export function DeliveryLog({ deliveries }: { deliveries: readonly DeliveryRow[] }) {
  if (deliveries.length === 0) return <p class="empty">{t.logNone}</p>;
  return (
    <div class="table-scroll">
      <table class="delivery-log">
        <thead>
          <tr>
            <th>{t.columns.time}</th>
            <th>{t.columns.channel}</th>
            <th>{t.columns.recipient}</th>
            <th>{t.columns.status}</th>
            <th>{t.columns.reason}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr data-delivery-id={d.id} data-status={d.status}>
              <td>{formatDateTime(d.sent_at ?? d.created_at)}</td>
              <td>
                {d.channel_name} <span class="hint">({label(t.types, d.channel_type)})</span>
              </td>
              <td class="mono">{d.recipient}</td>
              <td>{label(t.statuses, d.status)}</td>
              <td class="reason">{d.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChannelForm({ user, type, refused }: { user: User; type: AlertChannelType; refused?: ChannelFormValues | undefined }) {
  const values = refused?.type === type ? refused.values : {};
  return (
    <details class="action-form" open={refused?.type === type} data-channel-type={type}>
      <summary>{t.addType(label(t.types, type))}</summary>
      <form method="post" action="/admin/alerts/channels">
        <CsrfField user={user} />
        <input type="hidden" name="type" value={type} />
        <label>
          {t.name} <span class="hint">{vi.optional}</span>
          <input name="name" maxlength={100} autocomplete="off" value={values.name ?? ''} />
        </label>
        {CHANNEL_FIELDS[type].map((f) => (
          <label>
            {label(t.fields, f.name)}
            <input
              name={f.name}
              type={f.secret ? 'password' : f.kind === 'url' ? 'url' : 'text'}
              required
              maxlength={2000}
              autocomplete={f.secret ? 'new-password' : 'off'}
              value={f.secret ? '' : (values[f.name] ?? '')}
            />
          </label>
        ))}
        <label>
          {t.minSeverity}
          <select name="min_severity" required>
            {SEVERITIES.map((s) => (
              <option value={s} selected={s === (values.min_severity ?? 'high')}>
                {label(vi.severities, s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t.add}</button>
      </form>
    </details>
  );
}

export function AlertChannelsPage(props: {
  user: User;
  channels: readonly ChannelRow[];
  deliveries: readonly DeliveryRow[];
  refused?: ChannelFormValues;
  notice?: string;
  errors?: readonly string[];
}) {
  const { user, channels } = props;
  return (
    <Layout title={t.title} user={user}>
      <h1>{t.title}</h1>
      <p class="note">
        {t.intro} <a href="#nhat-ky">{t.logLink}</a>
      </p>
      <FormMessages notice={props.notice} errors={props.errors} />
      {channels.length === 0 ? <p class="empty">{t.none}</p> : null}
      <ul class="admin-list">
        {channels.map((ch) => (
          <li class={ch.enabled ? 'admin-item' : 'admin-item disabled'} data-channel-id={ch.id}>
            <div class="admin-item-head">
              <strong class="wrap">{ch.name}</strong>
              <span class="badge">{label(t.types, ch.type)}</span>
              <span class="badge">{ch.enabled ? t.enabled : t.disabled}</span>
            </div>
            <div class="actions">
              <form method="post" action={`/admin/alerts/channels/${ch.id}/enabled`} class="inline">
                <CsrfField user={user} />
                <input type="hidden" name="enabled" value={ch.enabled ? 'false' : 'true'} />
                <button type="submit" class="secondary">
                  {ch.enabled ? t.disable : t.enable}
                </button>
              </form>
              <form method="post" action={`/admin/alerts/channels/${ch.id}/test`} class="inline">
                <CsrfField user={user} />
                <button type="submit" class="secondary">
                  {t.sendTest}
                </button>
              </form>
            </div>
          </li>
        ))}
      </ul>
      <section class="card" id="them-kenh">
        <h2>{t.add}</h2>
        {(['telegram', 'zalo', 'email', 'webhook'] as const).map((type) => (
          <ChannelForm user={user} type={type} refused={props.refused} />
        ))}
      </section>
      <section class="card" id="nhat-ky">
        <h2>{t.log}</h2>
        <p class="note">{t.logIntro}</p>
        <DeliveryLog deliveries={props.deliveries} />
      </section>
    </Layout>
  );
}

export function DeliveriesPage({ user, deliveries }: { user: User; deliveries: readonly DeliveryRow[] }) {
  return (
    <Layout title={t.log} user={user}>
      <h1>{t.log}</h1>
      <p class="note">{t.logIntro}</p>
      <DeliveryLog deliveries={deliveries} />
    </Layout>
  );
}
