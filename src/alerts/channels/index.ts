// A stored channel (alert_channels row) -> a working AlertChannel and its default recipients.
import { z } from 'zod';
import type { AppConfig } from '../../config/env.js';
import { isSealed, openSecret, sealSecret } from '../../config/secrets.js';
import type { AlertChannelType } from '../../db/schema.js';
import type { AlertChannel } from './channel.js';
import { emailChannel } from './email.js';
import { telegramChannel } from './telegram.js';
import { webhookChannel } from './webhook.js';
import { zaloChannel } from './zalo.js';

/** Config keys sealed at rest, per channel type. */
export const CHANNEL_SECRET_KEYS: Record<AlertChannelType, readonly string[]> = {
  telegram: ['token'],
  zalo: ['token'],
  email: ['smtp_url'],
  webhook: ['secret'],
};

const text = z.string().trim().min(1).max(2000);
export const channelConfigSchemas = {
  telegram: z.object({ token: text, chat_id: text }).strict(),
  zalo: z.object({ token: text, user_id: text }).strict(),
  email: z.object({ smtp_url: text.regex(/^smtps?:\/\//, 'smtp:// or smtps://'), from: text, to: text }).strict(),
  webhook: z.object({ url: z.url({ protocol: /^https?$/ }), secret: z.string().min(16, 'at least 16 characters').max(500) }).strict(),
} as const;

export function sealChannelConfig(secretKey: string, type: AlertChannelType, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const key of CHANNEL_SECRET_KEYS[type]) {
    const value = out[key];
    if (typeof value === 'string' && value !== '' && !isSealed(value)) out[key] = sealSecret(secretKey, value);
  }
  return out;
}

export function openChannelConfig(secretKey: string, config: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) if (typeof value === 'string') out[key] = isSealed(value) ? openSecret(secretKey, value) : value;
  return out;
}

/** What the API shows: secrets replaced by "[set]". */
export function redactChannelConfig(type: AlertChannelType, config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, CHANNEL_SECRET_KEYS[type].includes(k) || isSealed(v) ? '[set]' : v]));
}

export interface StoredChannel {
  readonly id: string;
  readonly type: AlertChannelType;
  readonly config: Record<string, unknown>;
}

export function buildChannel(config: AppConfig, row: StoredChannel): { channel: AlertChannel; defaultRecipients: string[] } {
  const c = openChannelConfig(config.SECRET_KEY, row.config);
  const deps = { allowHosts: config.FETCH_ALLOW_HOSTS };
  const need = (key: string) => {
    const value = c[key];
    if (!value) throw new Error(`channel ${row.id} (${row.type}) has no ${key}`);
    return value;
  };
  switch (row.type) {
    case 'telegram':
      return { channel: telegramChannel({ baseUrl: config.TELEGRAM_API_URL, token: need('token') }, deps), defaultRecipients: [need('chat_id')] };
    case 'zalo':
      return { channel: zaloChannel({ baseUrl: config.ZALO_API_URL, accessToken: need('token') }, deps), defaultRecipients: [need('user_id')] };
    case 'email':
      return { channel: emailChannel({ smtpUrl: need('smtp_url'), from: need('from') }, deps), defaultRecipients: need('to').split(',').map((s) => s.trim()).filter(Boolean) };
    case 'webhook':
      return { channel: webhookChannel({ secret: need('secret') }, deps), defaultRecipients: [need('url')] };
  }
}
