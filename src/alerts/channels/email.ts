// E-mail over SMTP (nodemailer). The SMTP host passes the same SSRF guard as HTTP channels: a
// private address is refused unless it is in FETCH_ALLOW_HOSTS.
import dns from 'node:dns/promises';
import nodemailer from 'nodemailer';
import { isBlockedAddress } from '../../collectors/safe-fetch.js';
import { ChannelError, type AlertChannel, type AlertMessage, type ChannelDeps } from './channel.js';

export interface EmailConfig {
  /** smtp://user:pass@host:port or smtps://… */
  readonly smtpUrl: string;
  readonly from: string;
}

/** A file sent with an e-mail (the scheduled report's PDF and XLSX); other channels ignore it. */
export interface EmailAttachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
}

/** A message that may carry attachments: an AlertMessage everywhere else. */
export type EmailMessage = AlertMessage & { readonly attachments?: readonly EmailAttachment[] };

export function emailChannel(config: EmailConfig, deps: ChannelDeps): AlertChannel {
  return {
    async send(message: EmailMessage, recipient: string) {
      let url: URL;
      try {
        url = new URL(config.smtpUrl);
      } catch {
        throw new ChannelError('the SMTP URL is not valid', true);
      }
      if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ChannelError(`only smtp: and smtps: URLs, not ${url.protocol}`, true);
      const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      if (!deps.allowHosts.includes(host)) {
        const addresses = await dns.lookup(host, { all: true }).catch(() => {
          throw new ChannelError(`cannot resolve ${host}`, false);
        });
        const blocked = addresses.find((a) => isBlockedAddress(a.address));
        if (blocked) throw new ChannelError(`refused: ${host} resolves to a private or reserved address (${blocked.address})`, true);
      }
      const transport = nodemailer.createTransport(config.smtpUrl, {});
      try {
        await transport.sendMail({ from: config.from, to: recipient, subject: message.subject, text: message.text, attachments: message.attachments?.map((a) => ({ ...a })) });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const text = error instanceof Error ? error.message : String(error);
        throw new ChannelError(`smtp: ${text.split(config.smtpUrl).join('***')}`, typeof code === 'number' && code >= 500 && code < 600);
      } finally {
        transport.close();
      }
    },
  };
}
