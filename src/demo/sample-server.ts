// A small local HTTP server that serves the bundled sample feeds, as a news site would:
// with ETag and Last-Modified, so the demo exercises conditional GET too.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

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

export interface RunningSampleServer {
  readonly baseUrl: string;
  urlOf(feed: SampleFeed): string;
  close(): Promise<void>;
}

export async function startSampleServer(port = 0): Promise<RunningSampleServer> {
  const startedAt = new Date();
  const server = http.createServer(async (request, response) => {
    const feed = SAMPLE_FEEDS.find((f) => request.url === `/feeds/${f.file}`);
    if (!feed || request.method !== 'GET') {
      response.writeHead(404).end('not found');
      return;
    }
    const body = await readFile(new URL(feed.file, `file://${SAMPLES_DIR}`));
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': feed.contentType, etag, 'last-modified': startedAt.toUTCString() }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    urlOf: (feed) => `${baseUrl}/feeds/${feed.file}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
