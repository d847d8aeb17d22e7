// RSS/Atom against a misbehaving world: stalls, huge bodies, redirect loops, broken XML, Atom.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, safeFetch } from '../src/collectors/safe-fetch.js';
import { rssCollector, rssConfigSchema, RSS_MAX_BYTES } from '../src/collectors/rss.collector.js';
import { PermanentCollectError } from '../src/collectors/collector.js';

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Diễn đàn Phủ Thông</title>
  <link href="https://diendan.example.vn/"/>
  <updated>2026-11-10T08:00:00+07:00</updated>
  <id>urn:uuid:feed-1</id>
  <entry>
    <title type="html">Đường &lt;b&gt;liên thôn&lt;/b&gt; sạt lở</title>
    <link rel="alternate" href="/bai/1?fbclid=zzz"/>
    <id>urn:uuid:entry-1</id>
    <updated>2026-11-10T09:30:00+07:00</updated>
    <author><name>Người dân</name></author>
    <content type="html">&lt;p&gt;Đoạn đường qua thôn Nà Pài bị sạt lở nặng sau mưa.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Không có id</title>
    <link href="https://diendan.example.vn/bai/2"/>
    <updated>2026-11-10T10:00:00+07:00</updated>
    <summary>Bà con phản ánh nước sinh hoạt đục.</summary>
  </entry>
</feed>`;

let server: http.Server;
let base: string;
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/atom') return void res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(ATOM);
    if (path === '/stall-headers') return; // accepts, never answers
    if (path === '/stall-body') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>');
      return; // then nothing, forever
    }
    if (path === '/trickle') {
      // A byte every 200 ms: never idle long enough for the idle timeout, stopped by the total one.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (path === '/huge') {
      // 50 MB, streamed, without Content-Length: the cap must stop reading well before the end.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 50) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = 99));
      pump();
      return;
    }
    if (path === '/huge-declared') return void res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).end();
    if (path === '/loop') return void res.writeHead(301, { location: '/loop' }).end();
    if (path === '/ping-pong/a') return void res.writeHead(302, { location: '/ping-pong/b' }).end();
    if (path === '/ping-pong/b') return void res.writeHead(302, { location: '/ping-pong/a' }).end();
    if (path === '/invalid') {
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a & b</titl></item>');
    }
    if (path === '/empty-item') {
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item></item><item><title>  </title><description><![CDATA[<p> </p>]]></description></item><item><title>Tin thật</title><link>https://xa.example.vn/t</link></item></channel></rss>');
    }
    res.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const allow = { allowHosts: ['127.0.0.1'] };
const config = (path: string, extra: Record<string, unknown> = {}) => rssConfigSchema.parse({ url: `${base}${path}`, ...extra });

describe('RSS against a misbehaving server', () => {
  it('reads Atom: entry id, html title and content reduced to text, relative link resolved and canonical', async () => {
    const outcome = await rssCollector.collect(config('/atom'), {}, allow);
    expect(outcome.items).toHaveLength(2);
    const [first, second] = outcome.items;
    expect(first).toMatchObject({ externalId: 'urn:uuid:entry-1', title: 'Đường liên thôn sạt lở', body: 'Đoạn đường qua thôn Nà Pài bị sạt lở nặng sau mưa.' });
    expect(first!.url).toBe(`${base}/bai/1`);
    expect(first!.publishedAt?.toISOString()).toBe('2026-11-10T02:30:00.000Z');
    expect(second).toMatchObject({ externalId: 'https://diendan.example.vn/bai/2', body: 'Bà con phản ánh nước sinh hoạt đục.' });
  });

  it('skips empty items with a counted reason and keeps the rest', async () => {
    const outcome = await rssCollector.collect(config('/empty-item'), {}, allow);
    expect(outcome.items.map((i) => i.body)).toEqual(['Tin thật']);
    expect(outcome.skipped).toEqual({ 'no text': 2 });
  });

  it('gives up on a server that accepts and never answers (idle timeout), retryably', async () => {
    const started = Date.now();
    const error = await safeFetch(`${base}/stall-headers`, { ...allow, connectTimeoutMs: 500, totalTimeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).permanent).toBe(false);
    expect((error as Error).message).toMatch(/no data from 127\.0\.0\.1/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up on a body that stalls half-way, retryably, within the total timeout', async () => {
    const started = Date.now();
    const error = await rssCollector.collect(config('/stall-body', { timeoutSeconds: 1 }), {}, allow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).permanent).toBe(false);
    expect((error as Error).message).toMatch(/timed out|no data/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a server trickling bytes is stopped by the total timeout', async () => {
    const started = Date.now();
    const error = await safeFetch(`${base}/trickle`, { ...allow, connectTimeoutMs: 1_000, totalTimeoutMs: 1_500 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/timed out after/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('refuses a 50 MB body at the cap, without reading it all', async () => {
    const error = await rssCollector.collect(config('/huge'), {}, allow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentCollectError);
    expect((error as Error).message).toContain(`larger than ${RSS_MAX_BYTES} bytes`);
    const declared = await rssCollector.collect(config('/huge-declared'), {}, allow).catch((e: unknown) => e);
    expect((declared as Error).message).toMatch(/Content-Length 52428800/);
  });

  it('stops a redirect loop after 5 hops', async () => {
    for (const path of ['/loop', '/ping-pong/a']) {
      const error = await rssCollector.collect(config(path), {}, allow).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentCollectError);
      expect((error as Error).message).toMatch(/too many redirects/);
    }
  });

  it('reports invalid XML as a permanent failure with the parser reason', async () => {
    const error = await rssCollector.collect(config('/invalid'), {}, allow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentCollectError);
    expect((error as Error).message).toMatch(/not a valid RSS\/Atom feed/);
  });

  it('refuses SSRF targets in every form', async () => {
    for (const url of ['http://127.0.0.1/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://localhost/', 'http://0x7f000001/']) {
      const error = await safeFetch(url).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(FetchError);
      expect((error as FetchError).permanent, url).toBe(true);
      expect((error as Error).message, url).toMatch(/private or reserved/);
    }
  });
});
