// Telegram Bot API: POST {base}/bot{token}/sendMessage, HTML parse mode (the text is escaped by
// the message builder). Errors come as {"ok":false,"error_code":N,"description":…}, a flood limit
// with parameters.retry_after (seconds).
import { ChannelError, parseJsonBody, permanentStatus, postJson, type AlertChannel, type AlertMessage, type ChannelDeps } from './channel.js';

export interface TelegramConfig {
  readonly baseUrl: string;
  readonly token: string;
}

export function telegramChannel(config: TelegramConfig, deps: ChannelDeps): AlertChannel {
  return {
    async send(message: AlertMessage, recipient: string) {
      const url = `${config.baseUrl.replace(/\/+$/, '')}/bot${config.token}/sendMessage`;
      const response = await postJson(url, { chat_id: recipient, text: message.html, parse_mode: 'HTML', disable_web_page_preview: true }, {}, deps).catch((error: unknown) => {
        // Never let the token (in the path) reach a log or the delivery log.
        if (error instanceof ChannelError) throw new ChannelError(error.message.split(config.token).join('***'), error.permanent);
        throw error;
      });
      const body = parseJsonBody(response.body);
      if (response.status === 200 && body?.ok === true) return;
      const code = typeof body?.error_code === 'number' ? body.error_code : response.status;
      const description = typeof body?.description === 'string' ? body.description : `HTTP ${response.status}`;
      const parameters = body?.parameters as { retry_after?: unknown } | undefined;
      if (code === 429) {
        const seconds = typeof parameters?.retry_after === 'number' ? parameters.retry_after : 30;
        throw new ChannelError(`telegram ${code}: ${description} (retry after ${seconds} s)`, false, seconds * 1000);
      }
      throw new ChannelError(`telegram ${code}: ${description}`, permanentStatus(code));
    },
  };
}
