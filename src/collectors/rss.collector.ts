// RSS 2.0 / Atom feeds: conditional GET, charset detection, HTML reduced to text, canonical links.
import iconv from 'iconv-lite';
import Parser from 'rss-parser';
import { z } from 'zod';
import { FetchError, safeFetch } from './safe-fetch.js';
import { canonicalUrl, capText, contentHash, htmlToText, MAX_BODY_CHARS, MAX_TITLE_CHARS } from './text.js';
import { PermanentCollectError, type CollectedItem, type Collector, type CollectOutcome } from './collector.js';

export const rssConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  maxItems: z.number().int().min(1).max(1000).default(200),
  /** Whole fetch, redirects included (default 30); a server that stalls fails after this long (retried later). */
  timeoutSeconds: z.number().int().min(1).max(120).optional(),
});

/** Larger feeds are refused (a feed of a few hundred items is well under 5 MB). */
export const RSS_MAX_BYTES = 10 * 1024 * 1024;
export type RssConfig = z.infer<typeof rssConfigSchema>;

const fetchStateSchema = z.object({ etag: z.string().optional(), lastModified: z.string().optional() }).catch({});

type FeedItem = Parser.Item & { 'content:encoded'?: string; id?: string; author?: string; summary?: string };
const parser: Parser<Record<string, unknown>, FeedItem> = new Parser({
  customFields: { item: ['content:encoded', 'id', 'author', 'summary'] },
});

export const rssCollector: Collector<RssConfig> = {
  type: 'rss',
  configSchema: rssConfigSchema,
  async collect(config, previousState, context): Promise<CollectOutcome> {
    const state = fetchStateSchema.parse(previousState);
    const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5' };
    if (state.etag) headers['if-none-match'] = state.etag;
    if (state.lastModified) headers['if-modified-since'] = state.lastModified;

    let response;
    try {
      response = await safeFetch(config.url, {
        allowHosts: context.allowHosts,
        headers,
        maxBytes: RSS_MAX_BYTES,
        connectTimeoutMs: Math.min(10_000, (config.timeoutSeconds ?? 30) * 1000),
        totalTimeoutMs: (config.timeoutSeconds ?? 30) * 1000,
      });
    } catch (error) {
      if (error instanceof FetchError && error.permanent) throw new PermanentCollectError(error.message);
      throw error;
    }
    if (response.status === 304) return { items: [], skipped: {}, fetchState: state, notModified: true };
    if (response.status === 404 || response.status === 410 || response.status === 401 || response.status === 403) {
      throw new PermanentCollectError(`feed answered HTTP ${response.status}`);
    }
    if (response.status < 200 || response.status >= 300) throw new FetchError(`feed answered HTTP ${response.status}`, false, response.status);

    const xml = decodeBody(response.body, headerValue(response.headers['content-type']));
    let feed;
    try {
      feed = await parser.parseString(xml);
    } catch (error) {
      throw new PermanentCollectError(`not a valid RSS/Atom feed: ${(error as Error).message.slice(0, 200)}`);
    }
    const skipped: Record<string, number> = {};
    const items: CollectedItem[] = [];
    const seen = new Set<string>();
    for (const entry of (feed.items ?? []).slice(0, config.maxItems)) {
      const mapped = mapFeedItem(entry, response.finalUrl);
      if ('skip' in mapped) {
        skipped[mapped.skip] = (skipped[mapped.skip] ?? 0) + 1;
        continue;
      }
      if (seen.has(mapped.externalId)) {
        skipped['duplicate in feed'] = (skipped['duplicate in feed'] ?? 0) + 1;
        continue;
      }
      seen.add(mapped.externalId);
      items.push(mapped);
    }
    const fetchState: Record<string, unknown> = {};
    const etag = headerValue(response.headers.etag);
    const lastModified = headerValue(response.headers['last-modified']);
    if (etag) fetchState.etag = etag;
    if (lastModified) fetchState.lastModified = lastModified;
    return { items, skipped, fetchState, notModified: false };
  },
};

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Charset from the Content-Type header, else the XML prolog, else UTF-8. */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  let charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (!charset) charset = /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1];
  const encoding = charset && iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(body, encoding).replace(/^\uFEFF/, '');
}

/**
 * The text of a feed field. rss-parser passes on what xml2js made of an element: a string, or an
 * object when the element has attributes (`{ _: text, $: attrs }`), an href (`<link href>`) or
 * child elements (`<author><name>`, unescaped HTML in a title) — never assume a string.
 */
function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return fieldText(value[0]);
  if (value && typeof value === 'object') {
    const node = value as { _?: unknown; $?: { href?: unknown }; name?: unknown };
    if (typeof node._ === 'string') return node._;
    if (typeof node.$?.href === 'string') return node.$.href;
    if (node.name !== undefined) return fieldText(node.name);
  }
  return undefined;
}

/** One feed entry to a CollectedItem, or the reason it is skipped. */
export function mapFeedItem(entry: FeedItem, feedUrl: string): CollectedItem | { skip: string } {
  const titleText = fieldText(entry.title);
  const title = titleText ? capText(htmlToText(titleText), MAX_TITLE_CHARS) : null;
  const html = fieldText(entry['content:encoded']) ?? fieldText(entry.content) ?? fieldText(entry.summary) ?? '';
  const text = capText(htmlToText(html), MAX_BODY_CHARS);
  const body = text || title || '';
  if (!body.trim()) return { skip: 'no text' };
  const url = canonicalUrl(fieldText(entry.link), feedUrl);
  const guid = (fieldText(entry.guid) ?? fieldText(entry.id))?.trim();
  const externalId = guid ? capText(guid, 500) : (url ?? `sha256:${contentHash(title, body)}`);
  const published = fieldText(entry.isoDate) ?? fieldText(entry.pubDate);
  const publishedAt = published && !Number.isNaN(Date.parse(published)) ? new Date(published) : null;
  return {
    externalId,
    url,
    title,
    body,
    author: fieldText(entry.creator) ?? fieldText(entry.author) ?? null,
    publishedAt,
    engagement: 0,
    parentExternalId: null,
    raw: { guid: guid ?? null, link: entry.link ?? null, categories: entry.categories ?? [] },
  };
}
