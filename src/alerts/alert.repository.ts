// Channels and rules, as the CLI and the API create them. Secrets are sealed before storage.
import { severitySchema, type Severity } from '../analysis/types.js';
import type { Db } from '../db/database.js';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AlertChannelType, AlertEventKind, AlertRuleKind, AlertRulesTable } from '../db/schema.js';
import { channelConfigSchemas, redactChannelConfig, sealChannelConfig } from './channels/index.js';
import { jsonb } from '../db/jsonb.js';

export const CHANNEL_TYPES: readonly AlertChannelType[] = ['telegram', 'zalo', 'email', 'webhook'];
export { severitySchema };

export interface NewChannelWithRule {
  readonly type: AlertChannelType;
  readonly name?: string;
  readonly config: Record<string, unknown>;
  readonly minSeverity?: Severity;
  readonly eventKind?: AlertEventKind;
}

/** Validates the config of its type, seals its secrets, stores the channel and one rule using it. */
export async function createChannelWithRule(db: Db, secretKey: string, input: NewChannelWithRule): Promise<{ channelId: string; ruleId: string }> {
  const config = channelConfigSchemas[input.type].parse(input.config) as Record<string, unknown>;
  const minSeverity = input.minSeverity ?? 'high';
  const eventKind = input.eventKind ?? 'incident_created';
  return db.transaction().execute(async (tx) => {
    const channel = await tx
      .insertInto('alert_channels')
      .values({ type: input.type, name: input.name ?? `${input.type}`, config: jsonb(sealChannelConfig(secretKey, input.type, config)) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rule = await tx
      .insertInto('alert_rules')
      .values({ name: `${eventKind} ≥ ${minSeverity} → ${input.name ?? input.type}`, event_kind: eventKind, min_severity: minSeverity, channel_ids: [channel.id] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { channelId: channel.id, ruleId: rule.id };
  });
}

export async function listChannels(db: Db) {
  const rows = await db.selectFrom('alert_channels').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ ...r, config: redactChannelConfig(r.type, r.config) }));
}

export async function listDeliveries(db: Db, options: { limit: number; status?: string }) {
  let query = db
    .selectFrom('alert_deliveries as d')
    .innerJoin('alert_channels as c', 'c.id', 'd.channel_id')
    .select(['d.id', 'd.alert_key', 'd.event_id', 'd.incident_id', 'd.rule_id', 'd.channel_id', 'c.type as channel_type', 'c.name as channel_name', 'd.recipient', 'd.status', 'd.error', 'd.attempts', 'd.not_before', 'd.sent_at', 'd.created_at'])
    .orderBy('d.id', 'desc')
    .limit(options.limit);
  if (options.status) query = query.where('d.status', '=', options.status as never);
  return query.execute();
}

/** Turns a channel on or off (a disabled channel gets no new deliveries); false when there is no such channel. */
export async function setChannelEnabled(db: Db, channelId: string, enabled: boolean): Promise<boolean> {
  const row = await db.updateTable('alert_channels').set({ enabled, updated_at: new Date() }).where('id', '=', channelId).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** A recipient as the dashboard shows it: enough to recognise, not enough to reuse. */
export function maskRecipient(recipient: string): string {
  const value = recipient.trim();
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.host}/…`;
    } catch {
      return '…';
    }
  }
  const at = value.lastIndexOf('@');
  if (at > 0) return `${value.slice(0, 1)}***${value.slice(at)}`;
  if (value.length <= 4) return '***';
  return `${value.slice(0, 2)}***${value.slice(-2)}`;
}

// Rules: create, edit, delete (API and dashboard). The shape is validated here once.
export const RULE_KINDS = ['incident_created', 'severity_raised', 'sla_due_soon', 'sla_breached', 'spike', 'source_failing', 'source_silent', 'daily_digest'] as const satisfies readonly AlertRuleKind[];
const ruleId = z.string().regex(/^\d{1,18}$/, 'a numeric id');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** Postgres text cannot hold NUL: refused here as bad input, not as a database error (500). */
const noNul = (s: string) => !s.includes('\0');
const recipient = z.string().trim().min(1).max(500).refine(noNul, 'must not contain NUL characters');
const ruleFields = {
  name: z.string().trim().min(1).max(200).refine(noNul, 'must not contain NUL characters'),
  event_kind: z.enum(RULE_KINDS),
  /** Incident events only; spikes, sources and the digest have no severity. */
  min_severity: severitySchema,
  channel_ids: z.array(ruleId).max(20),
  /** Empty: each channel's own recipient. */
  recipients: z.array(recipient).max(50),
  /** Also receive the alerts, marked "[Báo cáo lãnh đạo]" (e.g. the commune leader on sla_breached). */
  escalation_recipients: z.array(z.object({ channel_id: ruleId, recipient }).strict()).max(20),
  quiet_start: hhmm.nullable(),
  quiet_end: hhmm.nullable(),
  cooldown_minutes: z.number().int().min(0).max(7 * 24 * 60),
  escalation: z.boolean(),
  enabled: z.boolean(),
};
export const ruleCreateSchema = z
  .object({
    ...ruleFields,
    min_severity: ruleFields.min_severity.default('high'),
    channel_ids: ruleFields.channel_ids.default([]),
    recipients: ruleFields.recipients.default([]),
    escalation_recipients: ruleFields.escalation_recipients.default([]),
    quiet_start: ruleFields.quiet_start.default(null),
    quiet_end: ruleFields.quiet_end.default(null),
    cooldown_minutes: ruleFields.cooldown_minutes.default(0),
    escalation: ruleFields.escalation.default(false),
    enabled: ruleFields.enabled.default(true),
  })
  .strict();
export const ruleUpdateSchema = z.object(ruleFields).partial().strict();
export type RuleInput = z.infer<typeof ruleCreateSchema>;
export type RuleUpdate = z.infer<typeof ruleUpdateSchema>;

export class RuleError extends Error {
  override readonly name = 'RuleError';
  constructor(
    readonly code: 'quiet_hours' | 'unknown_channel' | 'no_channel',
    message: string,
  ) {
    super(message);
  }
}

function ruleJson(row: Selectable<AlertRulesTable>) {
  return { ...row, escalation_recipients: row.escalation_recipients };
}

export async function listRules(db: Db) {
  return (await db.selectFrom('alert_rules').selectAll().orderBy('id').execute()).map(ruleJson);
}

export async function getRule(db: Db, id: string) {
  const row = await db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? ruleJson(row) : undefined;
}

async function checkRule(db: Db, rule: RuleInput): Promise<void> {
  if ((rule.quiet_start === null) !== (rule.quiet_end === null)) throw new RuleError('quiet_hours', 'quiet_start and quiet_end go together');
  const ids = [...new Set([...rule.channel_ids, ...rule.escalation_recipients.map((e) => e.channel_id)])];
  if (!ids.length) throw new RuleError('no_channel', 'a rule needs a channel or an escalation recipient');
  const found = await db.selectFrom('alert_channels').select('id').where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new RuleError('unknown_channel', `no such channel: ${missing.join(', ')}`);
}

function ruleValues(rule: RuleInput) {
  return { ...rule, escalation_recipients: jsonb(rule.escalation_recipients) };
}

export async function createRule(db: Db, input: RuleInput) {
  await checkRule(db, input);
  const row = await db.insertInto('alert_rules').values(ruleValues(input)).returningAll().executeTakeFirstOrThrow();
  return ruleJson(row);
}

/** Applies the fields given; undefined when there is no such rule. */
export async function updateRule(db: Db, id: string, patch: RuleUpdate) {
  const current = await db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) return undefined;
  const { id: _id, created_at: _c, updated_at: _u, ...fields } = current;
  const merged: RuleInput = { ...fields, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as RuleInput;
  await checkRule(db, merged);
  // Deleted meanwhile: no such rule.
  const row = await db.updateTable('alert_rules').set({ ...ruleValues(merged), updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? ruleJson(row) : undefined;
}

/** Deletes a rule (its past deliveries stay in the log, rule_id set to null); false when there is none. */
export async function deleteRule(db: Db, id: string): Promise<boolean> {
  const row = await db.deleteFrom('alert_rules').where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}
