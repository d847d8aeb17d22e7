// Zalo Official Account API: POST {base}/v3.0/oa/message/cs with the OA access token in the
// `access_token` header. Zalo answers HTTP 200 even on failure: {"error": <non-zero>, "message": …}.
import { ChannelError, parseJsonBody, postJson, type AlertChannel, type AlertMessage, type ChannelDeps } from './channel.js';

export interface ZaloConfig {
  readonly baseUrl: string;
  readonly accessToken: string;
}

/** Zalo errors a retry may get past (rate / quota limits, internal errors); others are permanent. */
const RETRYABLE_ZALO = new Set([-32, -201, -124, -1]);

export function zaloChannel(config: ZaloConfig, deps: ChannelDeps): AlertChannel {
  return {
    async send(message: AlertMessage, recipient: string) {
      const url = `${config.baseUrl.replace(/\/+$/, '')}/v3.0/oa/message/cs`;
      // Zalo caps a text message at 2000 characters.
      const text = message.text.length > 2000 ? `${message.text.slice(0, 1999)}…` : message.text;
      const response = await postJson(url, { recipient: { user_id: recipient }, message: { text } }, { access_token: config.accessToken }, deps);
      const body = parseJsonBody(response.body);
      if (response.status >= 500) throw new ChannelError(`zalo HTTP ${response.status}`, false);
      if (!body) throw new ChannelError(`zalo HTTP ${response.status}: not JSON`, response.status >= 400 && response.status < 500);
      const code = typeof body.error === 'number' ? body.error : Number(body.error ?? 0);
      if (response.status === 200 && code === 0) return;
      const detail = typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
      throw new ChannelError(`zalo ${code}: ${detail}`, !RETRYABLE_ZALO.has(code));
    },
  };
}
