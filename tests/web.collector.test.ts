// The web page collector in the real Debian Chromium, against a local site rendered by JavaScript.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedBrowser, politeWait, sharedBrowser, webCollector, webConfigSchema } from '../src/collectors/web.collector.js';
import { parsePageDate } from '../src/collectors/date-format.js';
import { PermanentCollectError } from '../src/collectors/collector.js';
import { FetchError } from '../src/collectors/safe-fetch.js';
import { CHROMIUM_PATH } from './support/browser.js';

const ITEMS = [
  { title: 'Dân thôn Nà Pài phản ánh đường hỏng', text: 'Đường liên thôn Nà Pài hỏng nặng, xe không đi được.', link: '/bai/1?utm_source=zalo', date: '10/11/2026 08:30' },
  { title: 'Gương sáng thôn Bản Cháo', text: 'Anh Nam trả lại ví tiền cho người đánh rơi.', link: '/bai/2', date: '09/11/2026 17:05' },
  { title: '', text: '', link: '/bai/empty', date: '' },
];

const seen: string[] = [];
let server: http.Server;
let base: string;
let port: number;

const listPage = (page: number) => `<!doctype html><html><head><meta charset="utf-8"><title>Diễn đàn</title>
<style>@font-face { font-family: Lang; src: url(/font.woff2); } body { font-family: Lang, sans-serif; }</style></head><body>
<img src="/tracker.png"><div id="list"></div>
${page === 1 ? '<a class="next" href="/list?page=2">Trang sau</a>' : ''}
<script>
  // Items arrive from an API call, after a delay: only a real browser sees them.
  fetch('http://localhost:${'PORT'}/secret').catch(() => {});
  setTimeout(async () => {
    const items = await (await fetch('/api/items?page=${page}')).json();
    const list = document.getElementById('list');
    for (const item of items) {
      const el = document.createElement('article');
      el.className = 'post';
      el.innerHTML = '<h2></h2><p class="body"></p><a class="more">Xem</a><span class="when"></span>';
      el.querySelector('h2').textContent = item.title;
      el.querySelector('.body').textContent = item.text;
      el.querySelector('a').setAttribute('href', item.link);
      el.querySelector('.when').textContent = 'Đăng lúc ' + item.date;
      list.appendChild(el);
    }
  }, 300);
</script></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${req.headers.host?.split(':')[0]} ${url.pathname}`);
    if (url.pathname === '/robots.txt') {
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n\nUser-agent: langnghe\nDisallow: /no-bots\nDisallow: /private\n');
    }
    if (url.pathname === '/list') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listPage(Number(url.searchParams.get('page') ?? 1)).replace('PORT', String(port)));
    if (url.pathname === '/api/items') {
      const page = Number(url.searchParams.get('page'));
      const items = page === 1 ? ITEMS : [{ title: 'Tin trang 2', text: 'Bà con thôn Phiêng Lầu hỏi về lịch tiêm phòng.', link: '/bai/3', date: '08/11/2026 07:00' }];
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(items));
    }
    if (url.pathname === '/moved') return void res.writeHead(301, { location: '/list' }).end();
    if (url.pathname === '/to-private') return void res.writeHead(302, { location: `http://localhost:${port}/list` }).end();
    if (url.pathname === '/slow') return; // never answers
    if (url.pathname === '/missing') return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await closeSharedBrowser();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const context = { allowHosts: ['127.0.0.1'], web: { chromiumPath: CHROMIUM_PATH, navigationTimeoutMs: 3_000, politenessMs: 0 } };
const selectors = { item: 'article.post', title: 'h2', text: '.body', link: 'a.more', date: '.when', dateFormat: 'dd/MM/yyyy HH:mm', next: 'a.next' };

describe('web collector', () => {
  it('reads a page rendered by JavaScript, follows the next page, and maps the items', async () => {
    seen.length = 0;
    const outcome = await webCollector.collect(webConfigSchema.parse({ url: `${base}/list`, selectors, maxPages: 2 }), {}, context);
    expect(outcome.items.map((i) => i.title)).toEqual(['Dân thôn Nà Pài phản ánh đường hỏng', 'Gương sáng thôn Bản Cháo', 'Tin trang 2']);
    const [first] = outcome.items;
    expect(first).toMatchObject({ externalId: `${base}/bai/1`, url: `${base}/bai/1`, body: 'Đường liên thôn Nà Pài hỏng nặng, xe không đi được.' });
    expect(first!.publishedAt?.toISOString()).toBe('2026-11-10T01:30:00.000Z');
    expect(outcome.skipped['no text']).toBe(1);

    // Images and fonts never requested; the page's call to a private name never left the browser.
    expect(seen).not.toContain('127.0.0.1 /tracker.png');
    expect(seen).not.toContain('127.0.0.1 /font.woff2');
    expect(seen.filter((s) => s.startsWith('localhost'))).toEqual([]);
    expect(outcome.skipped['requests refused (private address or error)']).toBeGreaterThanOrEqual(1);
    expect(seen).toContain('127.0.0.1 /robots.txt');
  });

  it('reuses one browser, closes every page, and relaunches after a crash', async () => {
    const config = webConfigSchema.parse({ url: `${base}/list`, selectors });
    await webCollector.collect(config, {}, context);
    const launches = sharedBrowser.launches;
    const browser = await sharedBrowser.get(CHROMIUM_PATH);
    await webCollector.collect(config, {}, context);
    expect(sharedBrowser.launches).toBe(launches);
    expect(browser.contexts()).toHaveLength(0);

    await browser.close(); // as good as a crash, from the collector's side
    const outcome = await webCollector.collect(config, {}, context);
    expect(outcome.items.length).toBe(2);
    expect(sharedBrowser.launches).toBe(launches + 1);
  });

  it('follows a redirect of the page itself, through the guard', async () => {
    const outcome = await webCollector.collect(webConfigSchema.parse({ url: `${base}/moved`, selectors }), {}, context);
    expect(outcome.items.map((i) => i.url)).toEqual([`${base}/bai/1`, `${base}/bai/2`]);
  });

  it('honours robots.txt with a clear reason, before starting a browser', async () => {
    for (const path of ['/private/list', '/no-bots']) {
      const error = await webCollector.collect(webConfigSchema.parse({ url: `${base}${path}`, selectors }), {}, context).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentCollectError);
      expect((error as Error).message).toMatch(new RegExp(`robots\\.txt of ${base.replace(/\./g, '\\.')} disallows ${path} for langnghe`));
    }
    expect(seen).not.toContain('127.0.0.1 /no-bots');
  });

  it('refuses a private page URL and a redirect to a private host', async () => {
    const direct = await webCollector.collect(webConfigSchema.parse({ url: `${base}/list`, selectors }), {}, { ...context, allowHosts: [] }).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(PermanentCollectError);
    expect((direct as Error).message).toMatch(/private or reserved/);

    seen.length = 0;
    const redirected = await webCollector.collect(webConfigSchema.parse({ url: `${base}/to-private`, selectors }), {}, context).catch((e: unknown) => e);
    expect(redirected).toBeInstanceOf(PermanentCollectError);
    expect((redirected as Error).message).toMatch(/localhost resolves to a private or reserved address/);
    expect(seen.filter((s) => s.startsWith('localhost'))).toEqual([]);
  });

  it('times out a page that never loads, retryably; a 404 is permanent', async () => {
    const slow = await webCollector.collect(webConfigSchema.parse({ url: `${base}/slow`, selectors }), {}, context).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(FetchError);
    expect((slow as FetchError).permanent).toBe(false);
    const missing = await webCollector.collect(webConfigSchema.parse({ url: `${base}/missing`, selectors }), {}, context).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PermanentCollectError);
    expect((missing as Error).message).toMatch(/HTTP 404/);
  });

  it('waits between two requests to one host', async () => {
    const started = Date.now();
    await politeWait('polite.example:80', 300);
    await politeWait('polite.example:80', 300);
    await politeWait('other.example:80', 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(600);
  });
});

describe('parsePageDate', () => {
  it.each([
    ['Đăng lúc 10/11/2026 08:30', 'dd/MM/yyyy HH:mm', '2026-11-10T01:30:00.000Z'],
    ['Thứ ba, 1-2-26', 'd-M-yy', '2026-01-31T17:00:00.000Z'],
    ['31/02/2026', 'dd/MM/yyyy', null],
    ['2026-11-10T08:30:00+07:00', undefined, '2026-11-10T01:30:00.000Z'],
    ['2026-11-10 08:30', undefined, '2026-11-10T01:30:00.000Z'],
    ['08:30 10/11/2026', undefined, '2026-11-10T01:30:00.000Z'],
    ['10/11/2026', undefined, '2026-11-09T17:00:00.000Z'],
    ['hôm qua', undefined, null],
    ['', 'dd/MM/yyyy', null],
  ])('%s with %s', (text, format, expected) => {
    expect(parsePageDate(text, format)?.toISOString() ?? null).toBe(expected);
  });
});
