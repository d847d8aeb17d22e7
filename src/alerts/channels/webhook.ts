// Generic webhook: POST of a JSON body, signed. X-Langnghe-Timestamp is the Unix time in seconds;
// X-Langnghe-Signature is "sha256=" + hex HMAC-SHA256(secret, "<timestamp>.<body>") (README).
import { createHmac } from 'node:crypto';
import { ChannelError, permanentStatus, postJson, type AlertChannel, type AlertMessage, type ChannelDeps } from './channel.js';

export interface WebhookConfig {
  readonly secret: string;
  readonly now?: () => Date;
}

export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The recipient is the URL. */
export function webhookChannel(config: WebhookConfig, deps: ChannelDeps): AlertChannel {
  return {
    async send(message: AlertMessage, recipient: string) {
      const body = JSON.stringify({ ...message.data, text: message.text });
      const timestamp = String(Math.floor((config.now?.() ?? new Date()).getTime() / 1000));
      const response = await postJson(recipient, body, { 'x-langnghe-timestamp': timestamp, 'x-langnghe-signature': webhookSignature(config.secret, timestamp, body) }, deps);
      if (response.status >= 200 && response.status < 300) return;
      const retryAfter = Number(response.headers['retry-after']);
      throw new ChannelError(`webhook HTTP ${response.status}`, permanentStatus(response.status), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    },
  };
}
