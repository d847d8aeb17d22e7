// E-mail over SMTP (nodemailer). The SMTP host passes the same SSRF guard as HTTP channels: a
// private address is refused unless it is in FETCH_ALLOW_HOSTS; nodemailer dials the address
// that was checked, not the name (its own resolver could answer otherwise).
import net from 'node:net';
import nodemailer from 'nodemailer';
import { AddressRefusedError, resolveChecked } from '../../collectors/safe-fetch.js';
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
      const addresses = await resolveChecked(host, deps.allowHosts.includes(host)).catch((error: unknown) => {
        if (error instanceof AddressRefusedError) throw new ChannelError(error.message, true);
        throw new ChannelError(`cannot resolve ${host}`, false);
      });
      // One address, IPv4 first as nodemailer prefers; TLS is still verified against the name.
      const address = addresses.find((a) => a.family === 4) ?? addresses[0];
      if (!address) throw new ChannelError(`cannot resolve ${host}`, false);
      const dialled = new URL(url);
      dialled.hostname = address.family === 6 ? `[${address.address}]` : address.address;
      // The setter ignores what it cannot take (a zone id): never let the name through.
      if (!net.isIP(dialled.hostname.replace(/^\[|\]$/g, ''))) throw new ChannelError(`cannot dial ${address.address}`, true);
      const transport = nodemailer.createTransport({ url: dialled.toString(), ...(net.isIP(host) ? {} : { servername: host }) });
      try {
        await transport.sendMail({ from: config.from, to: recipient, subject: message.subject, text: message.text, attachments: message.attachments?.map((a) => ({ ...a })) });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const text = error instanceof Error ? error.message : String(error);
        throw new ChannelError(`smtp: ${[config.smtpUrl, dialled.toString()].reduce((t, secret) => t.split(secret).join('***'), text)}`, typeof code === 'number' && code >= 500 && code < 600);
      } finally {
        transport.close();
      }
    },
  };
}
