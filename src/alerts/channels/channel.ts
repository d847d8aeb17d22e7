// One interface for every alert channel: send(message, recipient). A failure throws a ChannelError
// saying whether a retry can help (and, for rate limits, after how long).
import { FetchError, safeFetch } from '../../collectors/safe-fetch.js';

export interface AlertMessage {
  /** One line: the e-mail subject, the first line elsewhere. */
  readonly subject: string;
  /** Plain text (Zalo, e-mail, webhook). */
  readonly text: string;
  /** Telegram HTML (every value escaped). */
  readonly html: string;
  /** Structured form for the webhook body. */
  readonly data: Record<string, unknown>;
}

export interface AlertChannel {
  send(message: AlertMessage, recipient: string): Promise<void>;
}

export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    message: string,
    /** A refused address, a bad token, an unknown chat: retrying will not help. */
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface ChannelDeps {
  /** FETCH_ALLOW_HOSTS: hosts the SSRF guard lets through even when private (tests, intranet). */
  readonly allowHosts: readonly string[];
  readonly timeoutMs?: number;
}

/** POST JSON through the SSRF guard; network failures become retryable ChannelErrors. */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, deps: ChannelDeps) {
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  try {
    return await safeFetch(url, {
      method: 'POST',
      body: payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.length), ...headers },
      allowHosts: deps.allowHosts,
      followRedirects: false,
      totalTimeoutMs: deps.timeoutMs ?? 15_000,
      maxBytes: 1_000_000,
    });
  } catch (error) {
    if (error instanceof FetchError) throw new ChannelError(error.message, error.permanent);
    throw new ChannelError(error instanceof Error ? error.message : String(error), false);
  }
}

export function parseJsonBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** 4xx other than 408/429 are permanent; 5xx and the rest may pass on a retry. */
export const permanentStatus = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;
