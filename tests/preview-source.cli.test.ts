// The preview-source contract, through the real CLI process: JSON Lines on stdout, no database,
// one line on stderr and exit 1 on failure.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { CHROMIUM_PATH } from './support/browser.js';

const KEYS = ['external_id', 'url', 'title', 'text', 'published_at', 'author', 'parent_external_id', 'engagement'];

let site: http.Server;
let base: string;
let graph: FakeGraph;

beforeAll(async () => {
  site = http.createServer((req, res) => {
    if (req.url === '/rss') {
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><guid>g1</guid><title>Tin xã</title><link>https://xa.example.vn/1?utm_medium=x</link><description>Nội dung &lt;b&gt;tin&lt;/b&gt;</description><pubDate>Tue, 10 Nov 2026 08:00:00 +0700</pubDate></item></channel></rss>');
    }
    if (req.url === '/page') {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<body><ul id="l"></ul><script>setTimeout(() => { document.getElementById("l").innerHTML = "<li><b>Tiêu đề</b> <span>Nội dung trang</span> <a href=\\"/x\\">x</a></li>"; }, 100)</script></body>');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  graph = await startFakeGraph({
    pages: { '42': [{ id: '42_1', message: 'Bài của trang', created: new Date(Date.now() - 60_000), reactions: 2, comments: [{ id: '42_1_c', message: 'Bình luận', created: new Date(), from: { id: '7', name: 'An' } }] }] },
    tokens: { tok: 'ok', old: 'expired' },
  });
});
afterAll(async () => {
  await graph.close();
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'preview-source', ...args],
      // No database is reachable at this URL: the command must not need one.
      { env: { ...process.env, FETCH_ALLOW_HOSTS: '127.0.0.1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', CHROMIUM_PATH, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('preview-source', () => {
  it('rss', async () => {
    const { code, stdout, stderr } = await cli(['--type', 'rss', '--url', `${base}/rss`]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [item] = lines(stdout);
    expect(Object.keys(item!)).toEqual(KEYS);
    expect(item).toMatchObject({ external_id: 'g1', url: 'https://xa.example.vn/1', title: 'Tin xã', text: 'Nội dung tin', published_at: '2026-11-10T01:00:00.000Z', parent_external_id: null, engagement: 0 });
  });

  it('facebook, posts and comments, against --graph-url', async () => {
    const { code, stdout } = await cli(['--type', 'facebook', '--page', '42', '--token', 'tok', '--graph-url', graph.url]);
    expect(code).toBe(0);
    const items = lines(stdout);
    expect(items.map((i) => [i.external_id, i.parent_external_id])).toEqual([['42_1', null], ['42_1_c', '42_1']]);
    expect(items[0]!.engagement).toBe(3);
    expect(items[1]!.author).toMatch(/^[0-9a-f]{32}$/); // pseudonymised, as stored
  });

  it('web, rendered by JavaScript', async () => {
    const { code, stdout, stderr } = await cli(['--type', 'web', '--url', `${base}/page`, '--selectors', JSON.stringify({ item: '#l li', title: 'b', text: 'span', link: 'a' })]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual([{ external_id: `${base}/x`, url: `${base}/x`, title: 'Tiêu đề', text: 'Nội dung trang', published_at: null, author: null, parent_external_id: null, engagement: 0 }]);
  });

  it.each([
    [['--type', 'facebook', '--page', '42', '--token', 'old', '--graph-url', 'GRAPH'], /^langnghe: preview-source: token expired or invalid/],
    [['--type', 'rss', '--url', 'URL/rss'], /private or reserved/, { FETCH_ALLOW_HOSTS: '' }],
    [['--type', 'rss', '--url', 'URL/missing'], /feed answered HTTP 404/],
    [['--type', 'web', '--url', 'URL/page', '--selectors', '{nope'], /--selectors is not valid JSON/],
    [['--type', 'gopher'], /--type must be rss, web or facebook/],
  ] as [string[], RegExp, Record<string, string>?][])('fails with one line on stderr: %j', async (args, message, env = {}) => {
    const { code, stdout, stderr } = await cli(args.map((a) => a.replace('GRAPH', graph.url).replace('URL', base)), env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
