// HTTP(S) GET for URLs that come from users or collected content: every hop (redirects included)
// is resolved and refused when it points at a loopback, private, link-local, CGNAT, multicast or
// metadata address — checked in the socket's own DNS lookup, so a rebinding answer cannot slip past.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

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

/** The SSRF guard refused the address (loopback, private, link-local, CGNAT, multicast, metadata). */
export class AddressRefusedError extends FetchError {
  constructor(message: string) {
    super(message, true);
  }
}

const blockedV4 = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blockedV4.addSubnet(prefix, bits, 'ipv4');
const blockedV6 = new net.BlockList();
for (const [prefix, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32], ['100::', 64],
] as const) blockedV6.addSubnet(prefix, bits, 'ipv6');

/** True for addresses a fetch of a user-supplied URL must never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blockedV4.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blockedV4.check(mapped[1], 'ipv4');
    return blockedV6.check(address, 'ipv6');
  }
  return true; // not an IP at all: refuse
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

function guardedLookup(hostname: string, allowed: boolean): net.LookupFunction {
  return (host, options, callback) => {
    dns.lookup(host, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as dns.LookupAddress[];
      const blocked = list.find((a) => isBlockedAddress(a.address));
      if (blocked && !allowed) {
        return callback(new AddressRefusedError(`refused: ${hostname} resolves to a private or reserved address (${blocked.address})`), '', 0);
      }
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
}

function requestOnce(url: URL, options: SafeFetchOptions, deadline: number): Promise<Omit<SafeFetchResponse, 'finalUrl'>> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = (options.allowHosts ?? []).includes(hostname);
  if (net.isIP(hostname) && isBlockedAddress(hostname) && !allowed) {
    return Promise.reject(new AddressRefusedError(`refused: ${hostname} is a private or reserved address`));
  }
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
