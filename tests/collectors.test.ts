import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFetch, FetchError } from '../src/collectors/safe-fetch.js';
import { isBlockedAddress } from '../src/collectors/address-guard.js';
import { canonicalUrl, htmlToText } from '../src/collectors/text.js';
import { rssCollector } from '../src/collectors/rss.collector.js';
import { PermanentCollectError } from '../src/collectors/collector.js';

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tin xã</title><link>https://xa.example.vn/</link>
<item><title>Dân thôn Nà Pài phản ánh</title><link>/tin/1?utm_source=fb&amp;a=1</link><guid>tin-1</guid>
<description><![CDATA[<p>Đường <b>hỏng</b> &amp; ngập</p><script>alert(1)</script>]]></description><pubDate>Tue, 10 Nov 2026 08:00:00 +0700</pubDate></item>
<item><title></title><description></description></item>
<item><title>Không có guid</title><link>https://xa.example.vn/tin/2#top</link><description>Nội dung</description></item>
<item><title>Trùng</title><guid>tin-1</guid><description>lặp lại</description></item>
</channel></rss>`;

let server: http.Server;
let base: string;
let requests: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.headers);
    if (req.url === '/feed') {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(RSS);
    }
    if (req.url === '/legacy') {
      const xml = `<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel><title>x</title><item><guid>a</guid><title>Cu Chi</title><description>Xa Phu Thong</description></item></channel></rss>`;
      return void res.writeHead(200, { 'content-type': 'text/xml' }).end(iconv.encode(xml, 'windows-1258'));
    }
    if (req.url?.startsWith('/redirect/')) {
      const n = Number(req.url.split('/')[2]);
      return void res.writeHead(302, { location: n > 0 ? `/redirect/${n - 1}` : '/feed' }).end();
    }
    if (req.url === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    if (req.url === '/big') return void res.writeHead(200).end('x'.repeat(2_000_000));
    if (req.url === '/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not a feed</body></html>');
    if (req.url === '/gone') return void res.writeHead(410).end();
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const allow = { allowHosts: ['127.0.0.1'] };

describe('SSRF guard', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1'])(
    'blocks %s',
    (address) => expect(isBlockedAddress(address)).toBe(true),
  );
  it.each(['1.1.1.1', '203.113.131.1', '2001:4860:4860::8888'])('allows %s', (address) => expect(isBlockedAddress(address)).toBe(false));

  it('refuses loopback unless the host is allow-listed', async () => {
    await expect(safeFetch(`${base}/feed`)).rejects.toThrow(/private or reserved/);
    await expect(safeFetch(`http://localhost:1/`)).rejects.toThrow(/private or reserved/);
    expect((await safeFetch(`${base}/feed`, allow)).status).toBe(200);
  });

  it('re-checks every redirect and caps their number', async () => {
    expect((await safeFetch(`${base}/redirect/3`, allow)).finalUrl).toBe(`${base}/feed`);
    await expect(safeFetch(`${base}/redirect/6`, allow)).rejects.toThrow(/too many redirects/);
    await expect(safeFetch(`${base}/to-metadata`, allow)).rejects.toThrow(/169\.254\.169\.254/);
  });

  it('caps the body size and refuses other schemes', async () => {
    await expect(safeFetch(`${base}/big`, { ...allow, maxBytes: 1_000_000 })).rejects.toThrow(/larger than/);
    const error = await safeFetch('file:///etc/passwd').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).permanent).toBe(true);
  });
});

describe('text helpers', () => {
  it.each([
    ['https://www.Example.vn/a/?utm_source=fb&fbclid=x&b=2&a=1#frag', 'https://example.vn/a?a=1&b=2'],
    ['/tin/1', 'https://xa.example.vn/tin/1'],
    ['javascript:alert(1)', null],
  ])('canonicalUrl(%s)', (input, expected) => expect(canonicalUrl(input, 'https://xa.example.vn/')).toBe(expected));

  it('reduces HTML to text without script content', () => {
    expect(htmlToText('<p>Đường <b>hỏng</b> &amp; ngập</p><script>alert(1)</script><p>Dòng 2</p>')).toBe('Đường hỏng & ngập\nDòng 2');
  });
});

describe('rssCollector', () => {
  it('maps items, skips empty ones with a counted reason, and remembers the ETag', async () => {
    const outcome = await rssCollector.collect({ url: `${base}/feed`, maxItems: 200 }, {}, allow);
    expect(outcome.items.map((i) => i.externalId)).toEqual(['tin-1', 'https://xa.example.vn/tin/2']);
    const first = outcome.items[0]!;
    expect(first.body).toBe('Đường hỏng & ngập');
    expect(first.url).toBe(`${base}/tin/1?a=1`);
    expect(first.publishedAt?.toISOString()).toBe('2026-11-10T01:00:00.000Z');
    expect(outcome.skipped).toEqual({ 'no text': 1, 'duplicate in feed': 1 });
    expect(outcome.fetchState).toEqual({ etag: '"v1"' });

    const again = await rssCollector.collect({ url: `${base}/feed`, maxItems: 200 }, outcome.fetchState, allow);
    expect(again.notModified).toBe(true);
    expect(requests.at(-1)?.['if-none-match']).toBe('"v1"');
  });

  it('decodes a legacy charset named in the XML prolog', async () => {
    const outcome = await rssCollector.collect({ url: `${base}/legacy`, maxItems: 10 }, {}, allow);
    expect(outcome.items[0]?.title).toBe('Cu Chi');
  });

  it('turns a page that is not a feed, a 410 and a refused address into permanent errors', async () => {
    await expect(rssCollector.collect({ url: `${base}/html`, maxItems: 10 }, {}, allow)).rejects.toBeInstanceOf(PermanentCollectError);
    await expect(rssCollector.collect({ url: `${base}/gone`, maxItems: 10 }, {}, allow)).rejects.toThrow(/HTTP 410/);
    await expect(rssCollector.collect({ url: `${base}/feed`, maxItems: 10 }, {}, { allowHosts: [] })).rejects.toBeInstanceOf(PermanentCollectError);
  });

  it('leaves a 5xx retryable', async () => {
    const error = await rssCollector.collect({ url: `${base}/boom`, maxItems: 10 }, {}, allow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).permanent).toBe(false);
  });
});
