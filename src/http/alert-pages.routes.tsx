// Alert channels (admin only): list, add (channel + rule through createChannelWithRule, as the
// CLI does), enable/disable, "send test" (sendTestAlert); the delivery log (reviewers and admins).
// Every POST carries the session's CSRF token in `_csrf`; secrets are never shown back.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ZodError, type z } from 'zod';
import type { AppContext } from '../context.js';
import type { AlertChannelType } from '../db/schema.js';
import { CHANNEL_TYPES, createChannelWithRule, createRule, deleteRule, listDeliveries, listRules, maskRecipient, RuleError, ruleCreateSchema, setChannelEnabled, severitySchema, updateRule } from '../alerts/alert.repository.js';
import { sendTestAlert } from '../alerts/alerts.js';
import type { SessionPrincipal } from '../users/user.repository.js';
import { label, vi } from '../../dashboards/i18n.js';
import { AlertChannelsPage, CHANNEL_FIELDS, DeliveriesPage, type ChannelFormValues, type DeliveryRow, type RuleFormValues } from '../../dashboards/pages/admin-alerts.js';
import type { AuthEnv } from './auth.js';
import { field, guardedForm, pageRoles, pageSession, type GuardedForm } from './page-guard.js';

const t = vi.admin.alerts;
const FORM_LIMIT = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('Payload Too Large', 413) });
const ID = /^\d{1,18}$/;
const LOG_SIZE = 100;

type Guarded = GuardedForm;

/** The rule form's text as typed (kept to show a refused form again). */
function ruleFormOf(form: Record<string, unknown>): RuleFormValues {
  return {
    name: field(form, 'name').trim(),
    event_kind: field(form, 'event_kind'),
    min_severity: field(form, 'min_severity') || 'high',
    channel_ids: Object.keys(form).flatMap((k) => (/^channel_\d{1,18}$/.test(k) && form[k] === 'on' ? [k.slice('channel_'.length)] : [])),
    recipients: field(form, 'recipients'),
    escalation: field(form, 'escalation'),
    quiet_start: field(form, 'quiet_start').trim(),
    quiet_end: field(form, 'quiet_end').trim(),
    cooldown_minutes: field(form, 'cooldown_minutes').trim() || '0',
  };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The rule from its form, or the Vietnamese reasons it is refused. */
function parseRuleForm(values: RuleFormValues): { rule: z.infer<typeof ruleCreateSchema> } | { errors: string[] } {
  const escalation: { channel_id: string; recipient: string }[] = [];
  for (const line of lines(values.escalation)) {
    const m = /^#?(\d{1,18})\s+(\S.*)$/.exec(line);
    if (!m) return { errors: [t.rules.errors.escalation] };
    escalation.push({ channel_id: m[1]!, recipient: m[2]!.trim() });
  }
  const parsed = ruleCreateSchema.safeParse({
    name: values.name,
    event_kind: values.event_kind,
    min_severity: values.min_severity,
    channel_ids: values.channel_ids,
    recipients: lines(values.recipients),
    escalation_recipients: escalation,
    quiet_start: values.quiet_start || null,
    quiet_end: values.quiet_end || null,
    cooldown_minutes: Number(values.cooldown_minutes),
  });
  if (!parsed.success) return { errors: [...new Set(parsed.error.issues.map((i) => t.rules.errors.invalid(String(i.path[0] ?? ''))))] };
  return { rule: parsed.data };
}

/** Admin session + parsed form with a valid CSRF token, or the refusal to send. */
function adminForm(c: Context<AuthEnv>): Promise<Guarded | { refusal: Response }> {
  return guardedForm(c, ['admin']);
}

export function alertPagesRoutes(context: AppContext) {
  const { db } = context;

  const deliveries = async (): Promise<DeliveryRow[]> =>
    (await listDeliveries(db, { limit: LOG_SIZE })).map((d) => ({
      id: d.id,
      created_at: d.created_at,
      sent_at: d.sent_at,
      channel_type: d.channel_type,
      channel_name: d.channel_name,
      recipient: maskRecipient(d.recipient),
      status: d.status,
      error: d.error,
    }));

  const render = async (
    c: Context<AuthEnv>,
    session: SessionPrincipal,
    extra: { notice?: string; errors?: string[]; refused?: ChannelFormValues; refusedRule?: { id: string | null; values: RuleFormValues } } = {},
    status: 200 | 400 | 404 = 200,
  ) => {
    const [channels, log, rules] = await Promise.all([
      db.selectFrom('alert_channels').select(['id', 'type', 'name', 'enabled', 'created_at']).orderBy('id').execute(),
      deliveries(),
      listRules(db),
    ]);
    c.header('cache-control', 'no-store');
    return c.html(<AlertChannelsPage user={session} channels={channels} deliveries={log} rules={rules} {...extra} />, status);
  };

  const notices: Record<string, string> = {
    created: t.created,
    enabled: t.enabledNotice,
    disabled: t.disabledNotice,
    test_sent: t.testSent,
    rule_created: t.rules.created,
    rule_saved: t.rules.saved,
    rule_deleted: t.rules.deleted,
    rule_enabled: t.rules.enabledNotice,
    rule_disabled: t.rules.disabledNotice,
  };

  /** Creates (id null) or saves a rule from its form; a refusal shows the form again with the reasons. */
  const saveRule = async (c: Context<AuthEnv>, id: string | null) => {
    const g = await adminForm(c);
    if ('refusal' in g) return g.refusal;
    const values = ruleFormOf(g.form);
    const parsed = parseRuleForm(values);
    if ('errors' in parsed) return render(c, g.session, { errors: parsed.errors, refusedRule: { id, values } }, 400);
    try {
      if (id === null) await createRule(db, parsed.rule);
      else if (!(await updateRule(db, id, parsed.rule))) return render(c, g.session, { errors: [vi.admin.notFound] }, 404);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return render(c, g.session, { errors: [t.rules.errors[error.code]], refusedRule: { id, values } }, 400);
    }
    return c.redirect(`/admin/alerts?done=${id === null ? 'rule_created' : 'rule_saved'}#quy-tac`, 303);
  };

  return new Hono<AuthEnv>()
    .use('/admin/alerts', pageRoles('admin'))
    .use('/admin/alerts/*', pageRoles('admin'))
    .get('/admin/alerts', async (c) => {
      const { session, refusal } = pageSession(c, ['admin']);
      if (refusal) return refusal;
      const done = c.req.query('done');
      if (done === 'test_failed') return render(c, session, { errors: [t.testFailed] });
      return render(c, session, done && notices[done] ? { notice: notices[done] } : {});
    })
    .post('/admin/alerts/channels', FORM_LIMIT, async (c) => {
      const g = await adminForm(c);
      if ('refusal' in g) return g.refusal;
      const { session, form } = g;
      const type = (CHANNEL_TYPES as readonly string[]).includes(field(form, 'type')) ? (field(form, 'type') as AlertChannelType) : undefined;
      if (!type) return render(c, session, { errors: [t.errors.type] }, 400);
      const fields = CHANNEL_FIELDS[type];
      const config = Object.fromEntries(fields.map((f) => [f.name, field(form, f.name).trim()]));
      const name = field(form, 'name').trim();
      const severity = severitySchema.safeParse(field(form, 'min_severity'));
      // Shown again on a refusal, secrets left out.
      const refused: ChannelFormValues = {
        type,
        values: { name, min_severity: field(form, 'min_severity'), ...Object.fromEntries(fields.filter((f) => !f.secret).map((f) => [f.name, config[f.name] ?? ''])) },
      };
      const errors: string[] = [];
      if (name.length > 100) errors.push(t.errors.name);
      if (!severity.success) errors.push(t.errors.severity);
      if (errors.length || !severity.success) return render(c, session, { errors, refused }, 400);
      try {
        await createChannelWithRule(db, context.config.SECRET_KEY, { type, config, minSeverity: severity.data, ...(name ? { name } : {}) });
      } catch (error) {
        if (!(error instanceof ZodError)) throw error;
        const bad = [...new Set(error.issues.map((i) => String(i.path[0] ?? '')))].map((key) => t.errors.field(label(t.fields, key)));
        return render(c, session, { errors: bad, refused }, 400);
      }
      return c.redirect('/admin/alerts?done=created#thong-bao', 303);
    })
    .post('/admin/alerts/channels/:id/enabled', FORM_LIMIT, async (c) => {
      const g = await adminForm(c);
      if ('refusal' in g) return g.refusal;
      const id = c.req.param('id');
      const enabled = field(g.form, 'enabled') === 'true';
      if (!ID.test(id) || !(await setChannelEnabled(db, id, enabled))) return render(c, g.session, { errors: [vi.admin.notFound] }, 404);
      return c.redirect(`/admin/alerts?done=${enabled ? 'enabled' : 'disabled'}#thong-bao`, 303);
    })
    .post('/admin/alerts/channels/:id/test', FORM_LIMIT, async (c) => {
      const g = await adminForm(c);
      if ('refusal' in g) return g.refusal;
      const id = c.req.param('id');
      const exists = ID.test(id) ? await db.selectFrom('alert_channels').select('id').where('id', '=', id).executeTakeFirst() : undefined;
      if (!exists) return render(c, g.session, { errors: [vi.admin.notFound] }, 404);
      let ok = false;
      try {
        const results = await sendTestAlert(context, id);
        ok = results.length > 0 && results.every((r) => r.status === 'sent');
      } catch (error) {
        context.logger.warn({ err: error, channel: id }, 'alert test failed');
      }
      return c.redirect(`/admin/alerts?done=${ok ? 'test_sent' : 'test_failed'}#thong-bao`, 303);
    })
    .post('/admin/alerts/rules', FORM_LIMIT, (c) => saveRule(c, null))
    .post('/admin/alerts/rules/:id', FORM_LIMIT, async (c) => {
      const id = c.req.param('id');
      if (!ID.test(id)) return c.text('Not Found', 404);
      return saveRule(c, id);
    })
    .post('/admin/alerts/rules/:id/enabled', FORM_LIMIT, async (c) => {
      const g = await adminForm(c);
      if ('refusal' in g) return g.refusal;
      const id = c.req.param('id');
      const enabled = field(g.form, 'enabled') === 'true';
      const row = ID.test(id) ? await db.updateTable('alert_rules').set({ enabled, updated_at: new Date() }).where('id', '=', id).returning('id').executeTakeFirst() : undefined;
      if (!row) return render(c, g.session, { errors: [vi.admin.notFound] }, 404);
      return c.redirect(`/admin/alerts?done=${enabled ? 'rule_enabled' : 'rule_disabled'}#quy-tac`, 303);
    })
    .post('/admin/alerts/rules/:id/delete', FORM_LIMIT, async (c) => {
      const g = await adminForm(c);
      if ('refusal' in g) return g.refusal;
      const id = c.req.param('id');
      if (!ID.test(id) || !(await deleteRule(db, id))) return render(c, g.session, { errors: [vi.admin.notFound] }, 404);
      return c.redirect('/admin/alerts?done=rule_deleted#quy-tac', 303);
    })
    .get('/alerts/deliveries', async (c) => {
      const { session, refusal } = pageSession(c, ['reviewer', 'admin']);
      if (refusal) return refusal;
      c.header('cache-control', 'no-store');
      return c.html(<DeliveriesPage user={session} deliveries={await deliveries()} />);
    });
}
