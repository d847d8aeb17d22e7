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

const r = t.rules;
const INCIDENT_KINDS = new Set(['incident_created', 'severity_raised', 'sla_due_soon', 'sla_breached']);
export const RULE_KINDS_UI = ['incident_created', 'severity_raised', 'sla_due_soon', 'sla_breached', 'spike', 'source_failing', 'source_silent', 'daily_digest'] as const;

/** A rule as the page shows and edits it (recipients already masked in `shown`). */
export interface RuleRow {
  readonly id: string;
  readonly name: string;
  readonly event_kind: string;
  readonly min_severity: string;
  readonly channel_ids: readonly string[];
  readonly recipients: readonly string[];
  readonly escalation_recipients: readonly { channel_id: string; recipient: string }[];
  readonly quiet_start: string | null;
  readonly quiet_end: string | null;
  readonly cooldown_minutes: number;
  readonly enabled: boolean;
}

/** Form values: the typed text, for a refused form or an existing rule. */
export interface RuleFormValues {
  readonly name: string;
  readonly event_kind: string;
  readonly min_severity: string;
  readonly channel_ids: readonly string[];
  readonly recipients: string;
  readonly escalation: string;
  readonly quiet_start: string;
  readonly quiet_end: string;
  readonly cooldown_minutes: string;
}

export function ruleFormValues(rule: RuleRow): RuleFormValues {
  return {
    name: rule.name,
    event_kind: rule.event_kind,
    min_severity: rule.min_severity,
    channel_ids: rule.channel_ids,
    recipients: rule.recipients.join('\n'),
    escalation: rule.escalation_recipients.map((e) => `${e.channel_id} ${e.recipient}`).join('\n'),
    quiet_start: rule.quiet_start ?? '',
    quiet_end: rule.quiet_end ?? '',
    cooldown_minutes: String(rule.cooldown_minutes),
  };
}

function RuleForm({ user, action, channels, values, submit }: { user: User; action: string; channels: readonly ChannelRow[]; values?: RuleFormValues | undefined; submit: string }) {
  const v = values;
  return (
    <form method="post" action={action} class="rule-form">
      <CsrfField user={user} />
      <label>
        {r.name}
        <input name="name" required maxlength={200} autocomplete="off" value={v?.name ?? ''} />
      </label>
      <label>
        {r.kind}
        <select name="event_kind" required>
          {RULE_KINDS_UI.map((k) => (
            <option value={k} selected={k === (v?.event_kind ?? 'incident_created')}>
              {label(r.kinds, k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {r.minSeverity}
        <select name="min_severity">
          {SEVERITIES.map((s) => (
            <option value={s} selected={s === (v?.min_severity ?? 'high')}>
              {label(vi.severities, s)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{r.channels}</legend>
        {channels.map((ch) => (
          <label class="inline">
            <input type="checkbox" name={`channel_${ch.id}`} value="on" checked={v?.channel_ids.includes(ch.id) ?? false} /> {ch.name} <span class="hint">(#{ch.id}, {label(t.types, ch.type)})</span>
          </label>
        ))}
      </fieldset>
      <label>
        {r.recipients}
        <textarea name="recipients" rows={2} maxlength={20000}>
          {v?.recipients ?? ''}
        </textarea>
      </label>
      <label>
        {r.escalation}
        <textarea name="escalation" rows={2} maxlength={20000}>
          {v?.escalation ?? ''}
        </textarea>
      </label>
      <label class="inline">
        {r.quietStart} <input type="time" name="quiet_start" value={v?.quiet_start ?? ''} />
      </label>
      <label class="inline">
        {r.quietEnd} <input type="time" name="quiet_end" value={v?.quiet_end ?? ''} />
      </label>
      <label>
        {r.cooldown}
        <input type="number" name="cooldown_minutes" min={0} max={10080} value={v?.cooldown_minutes ?? '0'} />
      </label>
      <button type="submit">{submit}</button>
    </form>
  );
}

function RuleSummary({ rule, channels }: { rule: RuleRow; channels: readonly ChannelRow[] }) {
  const names = rule.channel_ids.map((id) => channels.find((c) => c.id === id)?.name ?? `#${id}`);
  const parts = [
    names.join(', '),
    INCIDENT_KINDS.has(rule.event_kind) ? `≥ ${label(vi.severities, rule.min_severity)}` : '',
    rule.recipients.length ? r.recipientCount(rule.recipients.length) : '',
    rule.escalation_recipients.length ? r.escalationCount(rule.escalation_recipients.length) : '',
    rule.quiet_start && rule.quiet_end ? r.quiet(rule.quiet_start, rule.quiet_end) : '',
    rule.cooldown_minutes ? r.cooldownText(rule.cooldown_minutes) : '',
  ].filter(Boolean);
  return <span class="hint">{parts.join(' · ')}</span>;
}

export function AlertRulesSection({ user, rules, channels, refusedRule }: { user: User; rules: readonly RuleRow[]; channels: readonly ChannelRow[]; refusedRule?: { id: string | null; values: RuleFormValues } | undefined }) {
  return (
    <section class="card" id="quy-tac">
      <h2>{r.title}</h2>
      <p class="note">{r.intro}</p>
      {rules.length === 0 ? <p class="empty">{r.none}</p> : null}
      <ul class="admin-list">
        {rules.map((rule) => (
          <li class={rule.enabled ? 'admin-item' : 'admin-item disabled'} data-rule-id={rule.id}>
            <div class="admin-item-head">
              <strong class="wrap">{rule.name}</strong>
              <span class="badge">{label(r.kinds, rule.event_kind)}</span>
              <span class="badge">{rule.enabled ? t.enabled : t.disabled}</span>
            </div>
            <RuleSummary rule={rule} channels={channels} />
            <div class="actions">
              <form method="post" action={`/admin/alerts/rules/${rule.id}/enabled`} class="inline">
                <CsrfField user={user} />
                <input type="hidden" name="enabled" value={rule.enabled ? 'false' : 'true'} />
                <button type="submit" class="secondary">
                  {rule.enabled ? t.disable : t.enable}
                </button>
              </form>
              <form method="post" action={`/admin/alerts/rules/${rule.id}/delete`} class="inline">
                <CsrfField user={user} />
                <button type="submit" class="secondary">
                  {r.delete}
                </button>
              </form>
            </div>
            <details class="action-form" open={refusedRule?.id === rule.id}>
              <summary>{r.edit}</summary>
              <RuleForm user={user} action={`/admin/alerts/rules/${rule.id}`} channels={channels} values={refusedRule?.id === rule.id ? refusedRule.values : ruleFormValues(rule)} submit={r.save} />
            </details>
          </li>
        ))}
      </ul>
      <details class="action-form" open={refusedRule !== undefined && refusedRule.id === null}>
        <summary>{r.add}</summary>
        <RuleForm user={user} action="/admin/alerts/rules" channels={channels} values={refusedRule?.id === null ? refusedRule.values : undefined} submit={r.add} />
      </details>
    </section>
  );
}

export function AlertChannelsPage(props: {
  user: User;
  channels: readonly ChannelRow[];
  deliveries: readonly DeliveryRow[];
  refused?: ChannelFormValues;
  notice?: string;
  errors?: readonly string[];
  rules?: readonly RuleRow[];
  refusedRule?: { id: string | null; values: RuleFormValues };
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
      {props.rules ? <AlertRulesSection user={user} rules={props.rules} channels={channels} refusedRule={props.refusedRule} /> : null}
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
