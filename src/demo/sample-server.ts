// A small local HTTP server that serves the bundled sample feeds, as a news site would — with ETag
// and Last-Modified, so the demo exercises conditional GET too — and the article page of every
// item, so that evidence (screenshot, HTML) of a demo incident is captured from a real page.
//
// The sample files link to made-up sites (phuthong.example.vn…) that do not exist: the feeds are
// served with each item link pointing at this server instead (/site/<host>/<path>), where the page
// of that item is. Item ids (<guid>, <id>) are kept, so posts keep their identity across runs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { escapeHtml } from '../alerts/message.js';

export const SAMPLES_DIR = fileURLToPath(new URL('./samples/', import.meta.url));

export interface SampleFeed {
  readonly name: string;
  readonly file: string;
  readonly contentType: string;
  readonly isCommuneChannel: boolean;
}

export const SAMPLE_FEEDS: readonly SampleFeed[] = [
  { name: 'Tin tức xã Phủ Thông (mẫu)', file: 'bao-phu-thong.rss.xml', contentType: 'application/rss+xml; charset=utf-8', isCommuneChannel: false },
  { name: 'Góc phản ánh cư dân Phủ Thông (mẫu)', file: 'dien-dan-phu-thong.atom.xml', contentType: 'application/atom+xml; charset=utf-8', isCommuneChannel: false },
];

/** The made-up sites the sample files link to. */
const SAMPLE_LINK = /(<link>|<link rel="alternate" href=")https:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*\.example\.vn)\//g;

export interface RunningSampleServer {
  readonly baseUrl: string;
  urlOf(feed: SampleFeed): string;
  close(): Promise<void>;
}

interface SamplePage {
  readonly title: string;
  readonly date: string | undefined;
  readonly text: string;
  readonly site: string;
}

/** Every item of the sample feeds by its original link (https://<host>/<path>). */
async function samplePages(): Promise<Map<string, SamplePage>> {
  const parser = new Parser();
  const pages = new Map<string, SamplePage>();
  for (const feed of SAMPLE_FEEDS) {
    const parsed = await parser.parseString(await readFile(`${SAMPLES_DIR}${feed.file}`, 'utf8'));
    for (const item of parsed.items) {
      if (!item.link) continue;
      pages.set(item.link, { title: item.title ?? '', date: item.isoDate, text: item.contentSnippet ?? '', site: parsed.title ?? feed.name });
    }
  }
  return pages;
}

function pageHtml(page: SamplePage): string {
  const paragraphs = page.text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(page.title)} – ${escapeHtml(page.site)}</title>
<style>body{font-family:'Noto Sans',sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}header{border-bottom:3px solid #b3261e;margin-bottom:1rem}time{color:#666}</style></head>
<body><header><strong>${escapeHtml(page.site)}</strong> <small>(trang mẫu của bản demo langnghe)</small></header>
<article><h1>${escapeHtml(page.title)}</h1>${page.date ? `<time datetime="${escapeHtml(page.date)}">${escapeHtml(page.date)}</time>` : ''}
${paragraphs}</article></body></html>`;
}

export async function startSampleServer(port = 0): Promise<RunningSampleServer> {
  const startedAt = new Date();
  const pages = await samplePages();
  let baseUrl = '';
  const server = http.createServer(async (request, response) => {
    if (request.method !== 'GET') {
      response.writeHead(405).end('method not allowed');
      return;
    }
    const path = (request.url ?? '/').split('?')[0]!;
    const site = /^\/site\/([a-z0-9.-]+)(\/.*)$/.exec(path);
    if (site) {
      const page = pages.get(`https://${site[1]}${site[2]}`);
      if (!page) response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'last-modified': startedAt.toUTCString() }).end(pageHtml(page));
      return;
    }
    const feed = SAMPLE_FEEDS.find((f) => path === `/feeds/${f.file}`);
    if (!feed) {
      response.writeHead(404).end('not found');
      return;
    }
    const xml = (await readFile(`${SAMPLES_DIR}${feed.file}`, 'utf8')).replace(SAMPLE_LINK, (_, opening: string, host: string) => `${opening}${baseUrl}/site/${host}/`);
    const body = Buffer.from(xml, 'utf8');
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': feed.contentType, etag, 'last-modified': startedAt.toUTCString() }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    urlOf: (feed) => `${baseUrl}/feeds/${feed.file}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
