// Channels and rules, as the CLI and the API create them. Secrets are sealed before storage.
import { severitySchema, type Severity } from '../analysis/types.js';
import type { Db } from '../db/database.js';
import type { AlertChannelType, AlertEventKind } from '../db/schema.js';
import { channelConfigSchemas, redactChannelConfig, sealChannelConfig } from './channels/index.js';

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
      .values({ type: input.type, name: input.name ?? `${input.type}`, config: JSON.stringify(sealChannelConfig(secretKey, input.type, config)) })
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
