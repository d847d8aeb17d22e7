// `preview-source`: runs a collector once, as configured on the command line, and prints the
// normalized posts as JSON Lines — no database, no queue. The same view the "add source" form shows.
import type { Writable } from 'node:stream';
import type { AppConfig } from '../config/env.js';
import { collectContextFrom, type CollectedItem, type Collector } from '../collectors/collector.js';
import { facebookCollector } from '../collectors/facebook.collector.js';
import { rssCollector } from '../collectors/rss.collector.js';
import { closeSharedBrowser, webCollector } from '../collectors/web.collector.js';
import { pseudonymise } from '../collectors/text.js';

export interface PreviewArgs {
  readonly type?: string;
  readonly url?: string;
  readonly selectors?: string;
  readonly page?: string;
  readonly token?: string;
  readonly graphUrl?: string;
}

export class PreviewError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new PreviewError(`--${flag} is required`);
  return value;
}

function parseConfig<C>(collector: Collector<C>, raw: unknown): C {
  const parsed = collector.configSchema.safeParse(raw);
  if (!parsed.success) throw new PreviewError(`invalid ${collector.type} config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** One output line: the analyze-friendly normalized post. Authors are shown pseudonymised, as stored. */
export function previewLine(item: CollectedItem, secretKey: string, type: string): string {
  return JSON.stringify({
    external_id: item.externalId,
    url: item.url,
    title: item.title,
    text: item.body,
    published_at: item.publishedAt?.toISOString() ?? null,
    author: pseudonymise(secretKey, type, item.author),
    parent_external_id: item.parentExternalId,
    engagement: item.engagement,
  });
}

/** One normalized post, as `preview-source` prints it (one JSON line each). */
export interface PreviewPost {
  readonly external_id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly text: string;
  readonly published_at: string | null;
  readonly author: string | null;
  readonly parent_external_id: string | null;
  readonly engagement: number;
}

/**
 * Collects once as `args` describe and returns the normalized posts, without writing anything.
 * Shared by the CLI and the dashboard's "add source" preview. The shared browser is left open
 * (a long-running process reuses it); one-shot callers pass `closeBrowser`.
 */
export async function collectPreview(config: AppConfig, args: PreviewArgs, options: { closeBrowser?: boolean } = {}): Promise<PreviewPost[]> {
  const context = collectContextFrom(config);
  let items: CollectedItem[];
  let type: string;
  switch (args.type) {
    case 'rss': {
      const collector = rssCollector;
      type = collector.type;
      items = (await collector.collect(parseConfig(collector, { url: required(args.url, 'url') }), {}, context)).items;
      break;
    }
    case 'web': {
      let selectors: unknown;
      try {
        selectors = JSON.parse(required(args.selectors, 'selectors'));
      } catch (error) {
        if (error instanceof PreviewError) throw error;
        throw new PreviewError(`--selectors is not valid JSON: ${(error as Error).message}`);
      }
      if (!selectors || typeof selectors !== 'object' || Array.isArray(selectors)) throw new PreviewError('--selectors must be a JSON object like {"item":".post","title":"h2","link":"a"}');
      // {url, item, title, text, link, date, format|dateFormat, next, maxPages, maxItems}: --url wins over "url".
      const { url: _url, format, maxPages, maxItems, ...rest } = selectors as Record<string, unknown>;
      const collector = webCollector;
      type = collector.type;
      const webConfig = parseConfig(collector, {
        url: required(args.url, 'url'),
        selectors: { ...(format !== undefined ? { dateFormat: format } : {}), ...rest },
        ...(maxPages !== undefined ? { maxPages } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
      });
      try {
        items = (await collector.collect(webConfig, {}, context)).items;
      } finally {
        if (options.closeBrowser) await closeSharedBrowser();
      }
      break;
    }
    case 'facebook': {
      const collector = facebookCollector;
      type = collector.type;
      const fbConfig = parseConfig(collector, {
        pageId: required(args.page, 'page'),
        token: required(args.token, 'token'),
        ...(args.graphUrl ? { graphUrl: args.graphUrl } : {}),
      });
      items = (await collector.collect(fbConfig, {}, context)).items;
      break;
    }
    default:
      throw new PreviewError(`--type must be rss, web or facebook${args.type ? ` (not ${args.type})` : ''}`);
  }
  return items.map((item) => JSON.parse(previewLine(item, config.SECRET_KEY, type)) as PreviewPost);
}

export async function previewSource(config: AppConfig, args: PreviewArgs, out: Writable): Promise<number> {
  const posts = await collectPreview(config, args, { closeBrowser: true });
  // `… | head`: a reader that leaves early is not an error.
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  for (const post of posts) out.write(`${JSON.stringify(post)}\n`);
  return 0;
}
