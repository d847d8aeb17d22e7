// Alerts for incident events. Crash-safe chain, every step idempotent:
//   alerts-scan (scheduled) -> notify {eventId} -> one alert_deliveries row per (alert, channel,
//   recipient) -> deliver {deliveryId}.
// The scan reads incident_events of the alerting kinds not yet in alert_events (within a lookback
// window, so an event whose transaction commits late is still seen — a plain id cursor would skip
// it), enqueues notify with a deterministic job id, then remembers the event. The delivery row's
// UNIQUE (alert_key, channel_id, recipient) is the idempotency key; a deliver job claims its row
// (pending|failed -> sending) before sending, so a second run of the same job never sends again.
// Alerts that are not incident events (spikes, sources, the digest: alert-checks.ts) are stored in
// `alerts` with their message and planned by planStandaloneAlert into the same deliveries.
import { UnrecoverableError } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import type { AlertChannelType, AlertEventKind, AlertRulesTable, AlertStandaloneKind } from '../db/schema.js';
import { jobIds } from '../queue/jobs.js';
import { severityRank } from '../sla/policy.js';
import type { Severity } from '../analysis/types.js';
import { ChannelError, type AlertMessage } from './channels/channel.js';
import { buildChannel } from './channels/index.js';
import { buildAlertMessage, escalatedMessage, testMessage } from './message.js';
import { quietHoursEnd } from './quiet-hours.js';
import { jsonb } from '../db/jsonb.js';

type Ctx = Pick<AppContext, 'db' | 'config' | 'queues' | 'logger'>;

export const EVENT_KINDS: Record<string, AlertEventKind> = {
  created: 'incident_created',
  severity_raised: 'severity_raised',
  sla_due_soon: 'sla_due_soon',
  sla_breached: 'sla_breached',
};
const SCAN_LOOKBACK_MS = 2 * 86_400_000;
/** A delivery stuck in "sending" this long (its worker died) may be claimed again. */
const STALE_CLAIM_MS = 5 * 60_000;

/** Picks up new incident events of the alerting kinds; returns the ids handed to notify. */
export async function scanAlertEvents(context: Ctx, now = new Date()): Promise<string[]> {
  const events = await context.db
    .selectFrom('incident_events as e')
    .select('e.id')
    .where('e.type', 'in', Object.keys(EVENT_KINDS))
    .where('e.at', '>=', new Date(now.getTime() - SCAN_LOOKBACK_MS))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('alert_events as a').select('a.event_id').whereRef('a.event_id', '=', 'e.id'))))
    .orderBy('e.id')
    .limit(500)
    .execute();
  if (!events.length) return [];
  await context.queues.enqueueMany(
    'notify',
    events.map((e) => ({ payload: { eventId: e.id }, jobId: jobIds.notify(e.id) })),
  );
  await context.db
    .insertInto('alert_events')
    .values(events.map((e) => ({ event_id: e.id })))
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
  return events.map((e) => e.id);
}

export interface PlannedDelivery {
  readonly id: string;
  readonly channelId: string;
  readonly recipient: string;
  readonly status: string;
  readonly notBefore: Date | null;
}

/** Writes the deliveries of one event (idempotent) and enqueues their deliver jobs. */
export async function planAlert(context: Ctx, eventId: string, now = new Date()): Promise<PlannedDelivery[]> {
  const event = await context.db.selectFrom('incident_events').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!event) return [];
  const kind = EVENT_KINDS[event.type];
  if (!kind) return [];
  const incident = await context.db.selectFrom('incidents').select(['id', 'severity']).where('id', '=', event.incident_id).executeTakeFirstOrThrow();
  const after = event.after ?? {};
  const severity = typeof after.severity === 'string' ? after.severity : incident.severity;
  const rules = await context.db.selectFrom('alert_rules').selectAll().where('enabled', '=', true).where('event_kind', '=', kind).orderBy('id').execute();
  for (const rule of rules) {
    if (severityRank(severity as Severity) < severityRank(rule.min_severity)) continue;
    // A rule alerts on what happens after it exists, never on history.
    if (rule.created_at > event.at) continue;
    if (!rule.channel_ids.length && !rule.escalation_recipients.length) continue;
    const channels = await enabledChannels(context, rule);
    const suppressed = await inCooldown(context, rule, { incidentId: incident.id, eventId: event.id }, now);
    const notBefore = severity === 'critical' ? null : quietHoursEnd(now, rule.quiet_start, rule.quiet_end);
    await insertRuleDeliveries(context, rule, channels, { alert_key: `event-${event.id}`, event_id: event.id, incident_id: incident.id }, { suppressed, notBefore });
  }
  const rows = await context.db.selectFrom('alert_deliveries').selectAll().where('event_id', '=', event.id).orderBy('id').execute();
  return enqueuePendingDeliveries(context, rows, now);
}

/**
 * Whether the rule already alerted within its cooldown on the same incident (another event of it)
 * or the same subject (a spike's series, a source) under another alert.
 */
async function inCooldown(
  context: Ctx,
  rule: RuleRow,
  scope: { incidentId: string; eventId: string } | { subject: string; alertKey: string },
  now: Date,
): Promise<boolean> {
  if (rule.cooldown_minutes <= 0) return false;
  let query = context.db
    .selectFrom('alert_deliveries')
    .select('id')
    .where('rule_id', '=', rule.id)
    .where('status', 'in', ['pending', 'sending', 'sent'])
    .where('created_at', '>', new Date(now.getTime() - rule.cooldown_minutes * 60_000));
  query = 'incidentId' in scope
    ? query.where('incident_id', '=', scope.incidentId).where('event_id', '<>', scope.eventId)
    : query.where('subject', '=', scope.subject).where('alert_key', '<>', scope.alertKey);
  return (await query.executeTakeFirst()) !== undefined;
}

/** One delivery row per target of the rule (idempotent on alert, channel, recipient). */
async function insertRuleDeliveries(
  context: Ctx,
  rule: RuleRow,
  channels: readonly ChannelRow[],
  alert: { alert_key: string; event_id?: string; incident_id?: string; subject?: string | null },
  plan: { suppressed: boolean; notBefore: Date | null },
): Promise<void> {
  for (const target of await ruleTargets(context, rule, channels)) {
    await context.db
      .insertInto('alert_deliveries')
      .values({
        ...alert,
        rule_id: rule.id,
        channel_id: target.channelId,
        recipient: target.recipient,
        escalated: target.escalated,
        status: plan.suppressed ? 'suppressed' : 'pending',
        error: plan.suppressed ? `cooldown ${rule.cooldown_minutes} min (rule ${rule.id})` : null,
        not_before: plan.notBefore,
      })
      .onConflict((oc) => oc.columns(['alert_key', 'channel_id', 'recipient']).doNothing())
      .execute();
  }
}

/** Enqueues the deliver job of every pending row (after quiet hours when they apply). */
async function enqueuePendingDeliveries(
  context: Ctx,
  rows: readonly { id: string; channel_id: string; recipient: string; status: string; not_before: Date | null }[],
  now: Date,
): Promise<PlannedDelivery[]> {
  const planned: PlannedDelivery[] = [];
  for (const row of rows) {
    planned.push({ id: row.id, channelId: row.channel_id, recipient: row.recipient, status: row.status, notBefore: row.not_before });
    if (row.status !== 'pending') continue;
    const delay = row.not_before ? Math.max(0, row.not_before.getTime() - now.getTime()) : 0;
    await context.queues.enqueue('deliver', { deliveryId: row.id }, { jobId: jobIds.deliver(row.id), ...(delay ? { delay } : {}) });
  }
  return planned;
}

type RuleRow = Selectable<AlertRulesTable>;
type ChannelRow = { id: string; type: AlertChannelType; config: Record<string, unknown>; name: string };

/** The rule's channels and those its escalation list names, enabled ones only. */
async function enabledChannels(context: Ctx, rule: RuleRow): Promise<ChannelRow[]> {
  const ids = [...new Set([...rule.channel_ids, ...rule.escalation_recipients.map((e) => e.channel_id)])];
  if (!ids.length) return [];
  return context.db.selectFrom('alert_channels').select(['id', 'type', 'config', 'name']).where('id', 'in', ids).where('enabled', '=', true).execute();
}

interface Target {
  readonly channelId: string;
  readonly recipient: string;
  readonly escalated: boolean;
}

/** Who gets a rule's alert: its recipients (or each channel's own) on its channels, then its escalation list. */
async function ruleTargets(context: Ctx, rule: RuleRow, channels: readonly ChannelRow[]): Promise<Target[]> {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (t: Target) => {
    const key = `${t.channelId}\u0000${t.recipient}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(t);
  };
  for (const channel of channels) {
    if (!rule.channel_ids.includes(channel.id)) continue;
    let recipients = rule.recipients;
    if (!recipients.length) {
      try {
        recipients = buildChannel(context.config, channel).defaultRecipients;
      } catch (error) {
        context.logger.warn({ err: error, channel: channel.id }, 'alert channel misconfigured');
        continue;
      }
    }
    for (const recipient of recipients) add({ channelId: channel.id, recipient, escalated: false });
  }
  const enabled = new Set(channels.map((c) => c.id));
  for (const e of rule.escalation_recipients) if (enabled.has(e.channel_id)) add({ channelId: e.channel_id, recipient: e.recipient, escalated: true });
  return targets;
}

export interface StandaloneAlert {
  /** Deterministic: the same alert planned twice is one alert. */
  readonly key: string;
  readonly kind: AlertStandaloneKind;
  /** What the cooldown counts per (a spike's series, a source). */
  readonly subject: string | null;
  readonly message: AlertMessage;
}

/**
 * Stores an alert that is not an incident event (spike, source, digest) and plans its deliveries
 * to every enabled rule of its kind, with their recipients, escalation lists, quiet hours and
 * cooldown; enqueues the deliver jobs. Idempotent: a second call plans and sends nothing new.
 */
export async function planStandaloneAlert(context: Ctx, alert: StandaloneAlert, now = new Date()): Promise<PlannedDelivery[]> {
  await context.db
    .insertInto('alerts')
    .values({ alert_key: alert.key, kind: alert.kind, subject: alert.subject, message: jsonb(alert.message) })
    .onConflict((oc) => oc.column('alert_key').doNothing())
    .execute();
  const stored = await context.db.selectFrom('alerts').select('created_at').where('alert_key', '=', alert.key).executeTakeFirstOrThrow();
  const rules = await context.db.selectFrom('alert_rules').selectAll().where('enabled', '=', true).where('event_kind', '=', alert.kind).orderBy('id').execute();
  for (const rule of rules) {
    // A rule alerts on what happens after it exists, never on history.
    if (rule.created_at > stored.created_at) continue;
    const channels = await enabledChannels(context, rule);
    const suppressed = alert.subject !== null && (await inCooldown(context, rule, { subject: alert.subject, alertKey: alert.key }, now));
    const notBefore = quietHoursEnd(now, rule.quiet_start, rule.quiet_end);
    await insertRuleDeliveries(context, rule, channels, { alert_key: alert.key, subject: alert.subject }, { suppressed, notBefore });
  }
  const rows = await context.db.selectFrom('alert_deliveries').selectAll().where('alert_key', '=', alert.key).orderBy('id').execute();
  return enqueuePendingDeliveries(context, rows, now);
}

export type DeliverOutcome = 'sent' | 'already_sent' | 'suppressed' | 'in_progress' | 'waiting' | 'gone' | 'rate_limited';

/** Sends one delivery at most once. Throws to let BullMQ retry (UnrecoverableError when pointless). */
export async function deliverAlert(context: Ctx, deliveryId: string, now = new Date()): Promise<DeliverOutcome> {
  const claimed = await context.db
    .updateTable('alert_deliveries')
    .set({ status: 'sending', claimed_at: now, attempts: sql`attempts + 1` })
    .where('id', '=', deliveryId)
    .where((eb) => eb.or([eb('status', 'in', ['pending', 'failed']), eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', new Date(now.getTime() - STALE_CLAIM_MS))])]))
    .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
  if (!claimed) {
    const row = await context.db.selectFrom('alert_deliveries').select(['status', 'not_before']).where('id', '=', deliveryId).executeTakeFirst();
    if (!row) return 'gone';
    if (row.status === 'sent') return 'already_sent';
    if (row.status === 'suppressed') return 'suppressed';
    if (row.status === 'sending') return 'in_progress';
    if (row.not_before && row.not_before > now) {
      // Quiet hours: run again when they end.
      await context.queues.enqueue('deliver', { deliveryId }, { jobId: jobIds.deliverLater(deliveryId, row.not_before.getTime()), delay: row.not_before.getTime() - now.getTime() });
      return 'waiting';
    }
    return 'in_progress';
  }
  const channelRow = await context.db.selectFrom('alert_channels').select(['id', 'type', 'config', 'name']).where('id', '=', claimed.channel_id).executeTakeFirstOrThrow();
  try {
    const { channel } = buildChannel(context.config, channelRow);
    const message = claimed.event_id ? await messageForEvent(context, claimed.event_id, claimed.rule_id, claimed.escalated) : await storedMessage(context, claimed.alert_key, claimed.escalated) ?? testMessage(channelRow.name, context.config.PUBLIC_URL);
    await channel.send(message, claimed.recipient);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await context.db.updateTable('alert_deliveries').set({ status: 'failed', error: reason }).where('id', '=', deliveryId).execute();
    if (error instanceof ChannelError && error.retryAfterMs !== undefined && !error.permanent) {
      // A rate limit says when to come back: a new job at that time (the row stays "failed", claimable).
      await context.queues.enqueue('deliver', { deliveryId }, { jobId: jobIds.deliverLater(deliveryId, now.getTime() + error.retryAfterMs), delay: error.retryAfterMs });
      return 'rate_limited';
    }
    if (error instanceof ChannelError && error.permanent) throw new UnrecoverableError(reason);
    throw error instanceof Error ? error : new Error(reason);
  }
  await context.db.updateTable('alert_deliveries').set({ status: 'sent', sent_at: new Date(), error: null }).where('id', '=', deliveryId).execute();
  return 'sent';
}

/** The message of a stored alert; an escalated copy says it is one. */
async function storedMessage(context: Ctx, alertKey: string, escalated: boolean): Promise<AlertMessage | undefined> {
  const row = await context.db.selectFrom('alerts').select('message').where('alert_key', '=', alertKey).executeTakeFirst();
  return row ? (escalated ? escalatedMessage(row.message) : row.message) : undefined;
}

async function messageForEvent(context: Ctx, eventId: string, ruleId: string | null, escalated = false) {
  const event = await context.db.selectFrom('incident_events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
  const incident = await context.db
    .selectFrom('incidents')
    .select(['id', 'title', 'severity', 'category', 'ack_due_at', 'resolve_due_at', 'status', 'acknowledged_at'])
    .where('id', '=', event.incident_id)
    .executeTakeFirstOrThrow();
  const rule = ruleId ? await context.db.selectFrom('alert_rules').select('escalation').where('id', '=', ruleId).executeTakeFirst() : undefined;
  const clock = event.after?.clock === 'ack' || event.after?.clock === 'resolve' ? event.after.clock : undefined;
  return buildAlertMessage(
    { kind: EVENT_KINDS[event.type] ?? 'incident_created', eventId, escalation: escalated || (rule?.escalation ?? false), incident, ...(clock ? { clock } : {}), at: event.at },
    context.config.PUBLIC_URL,
  );
}

/** "Send test": sends now (not through the queue) to the channel's own recipients, logged. */
export async function sendTestAlert(context: Ctx, channelId: string): Promise<{ recipient: string; status: 'sent' | 'failed'; error: string | null }[]> {
  const row = await context.db.selectFrom('alert_channels').select(['id', 'type', 'config', 'name']).where('id', '=', channelId).executeTakeFirst();
  if (!row) throw new UnrecoverableError('no such channel');
  const { channel, defaultRecipients } = buildChannel(context.config, row);
  const key = `test-${randomUUID()}`;
  const results = [];
  for (const recipient of defaultRecipients) {
    let error: string | null = null;
    try {
      await channel.send(testMessage(row.name, context.config.PUBLIC_URL), recipient);
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    }
    const status = error ? ('failed' as const) : ('sent' as const);
    await context.db
      .insertInto('alert_deliveries')
      .values({ alert_key: key, channel_id: row.id, recipient, status, error, attempts: 1, sent_at: error ? null : new Date() })
      .execute();
    results.push({ recipient, status, error });
  }
  return results;
}

