// HTTP(S) GET for URLs that come from users or collected content: every hop (redirects included)
// is resolved and refused when it points at an address that is not public unicast (address-guard:
// loopback, private, link-local, CGNAT, multicast, metadata, and the IPv6 forms that carry one) —
// checked in the socket's own DNS lookup, so a rebinding answer cannot slip past.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { classifyAddress, describeVerdict } from './address-guard.js';

export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    message: string,
    /** Permanent errors (refused address, 4xx) are not worth retrying. */
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The SSRF guard refused the address (not public unicast: see address-guard.ts). */
export class AddressRefusedError extends FetchError {
  constructor(message: string) {
    super(message, true);
  }
}

export interface SafeFetchOptions {
  /** Hosts allowed even when they resolve to a blocked address (admin allow-list, tests). */
  readonly allowHosts?: readonly string[];
  readonly headers?: Record<string, string>;
  readonly connectTimeoutMs?: number;
  readonly totalTimeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** false: a 3xx is returned as it is (the caller follows it, e.g. a browser asking through us). */
  readonly followRedirects?: boolean;
  readonly method?: string;
  readonly body?: Buffer;
}

export interface SafeFetchResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly finalUrl: string;
}

const USER_AGENT = 'langnghe/0.1 (+https://github.com/langnghe/langnghe; social listening for a commune)';

export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const maxRedirects = options.maxRedirects ?? 5;
  const deadline = Date.now() + (options.totalTimeoutMs ?? 20_000);
  let url = parseHttpUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(url, options, deadline);
    const location = response.headers.location;
    if (options.followRedirects !== false && response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      if (hop >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects})`, true);
      url = parseHttpUrl(new URL(location, url).toString());
      continue;
    }
    return { ...response, finalUrl: url.toString() };
  }
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError(`not a valid URL: ${raw.slice(0, 200)}`, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`only http and https URLs are fetched, not ${url.protocol}`, true);
  if (url.username || url.password) throw new FetchError('URLs with credentials are refused', true);
  return url;
}

/** The refusal for a resolver's answer, if one of its addresses is blocked (a host with a public and a private address is refused whole). */
export function refuseResolved(hostname: string, addresses: readonly { readonly address: string }[]): AddressRefusedError | undefined {
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.blocked) return new AddressRefusedError(`refused: ${hostname} resolves to a private or reserved address (${address}: ${describeVerdict(verdict)})`);
  }
  return undefined;
}

/** The refusal for an address literal (an IP in the URL: Node dials it without a lookup), if it is blocked. */
export function refuseLiteral(hostname: string): AddressRefusedError | undefined {
  const verdict = classifyAddress(hostname);
  return verdict.blocked ? new AddressRefusedError(`refused: ${hostname} is a private or reserved address (${describeVerdict(verdict)})`) : undefined;
}

function guardedLookup(hostname: string, allowed: boolean): net.LookupFunction {
  return (host, options, callback) => {
    dns.lookup(host, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as dns.LookupAddress[];
      const refusal = allowed ? undefined : refuseResolved(hostname, list);
      if (refusal) return callback(refusal, '', 0);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * The addresses `hostname` resolves to, by the same resolver and check as safeFetch's sockets, for
 * a client that dials by itself (SMTP): hand it one of these, never the name, or it resolves again.
 */
export function resolveChecked(hostname: string, allowed: boolean): Promise<dns.LookupAddress[]> {
  const family = net.isIP(hostname);
  if (family) {
    const refusal = allowed ? undefined : refuseLiteral(hostname);
    return refusal ? Promise.reject(refusal) : Promise.resolve([{ address: hostname, family }]);
  }
  return new Promise((resolve, reject) =>
    guardedLookup(hostname, allowed)(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses as unknown as dns.LookupAddress[]))),
  );
}

function requestOnce(url: URL, options: SafeFetchOptions, deadline: number): Promise<Omit<SafeFetchResponse, 'finalUrl'>> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = (options.allowHosts ?? []).includes(hostname);
  // Node dials an IP literal without calling the lookup below: it is checked here instead.
  const refusal = net.isIP(hostname) && !allowed ? refuseLiteral(hostname) : undefined;
  if (refusal) return Promise.reject(refusal);
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new FetchError('timed out', false));
  const client = url.protocol === 'https:' ? https : http;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { 'user-agent': USER_AGENT, accept: '*/*', ...options.headers, 'accept-encoding': 'identity' },
        lookup: guardedLookup(hostname, allowed),
        // A fresh connection per request: every connection passes the guarded lookup, and no
        // idle keep-alive socket holds a one-shot command open.
        agent: false,
        // Idle socket: no byte for this long (a server that accepts and then stalls).
        timeout: connectTimeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          request.destroy(new FetchError(`response larger than ${maxBytes} bytes (Content-Length ${declared})`, true));
          return;
        }
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy(new FetchError(`response larger than ${maxBytes} bytes`, true));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    const totalTimer = setTimeout(() => request.destroy(new FetchError(`timed out after ${Math.round(remaining / 1000)} s`, false)), remaining);
    let connectTimer: NodeJS.Timeout | undefined;
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => request.destroy(new FetchError(`could not connect to ${hostname} within ${connectTimeoutMs} ms`, false)), connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    request.on('timeout', () => request.destroy(new FetchError(`no data from ${hostname} for ${connectTimeoutMs} ms`, false)));
    request.on('error', (error) => reject(error instanceof FetchError ? error : new FetchError(`${error.message}`, false)));
    request.on('close', () => {
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
    });
    request.end(options.body);
  });
}
