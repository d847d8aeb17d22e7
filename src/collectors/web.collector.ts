// Public web pages through a real Chromium (pages rendered by JavaScript): per-source selectors,
// a page limit, robots.txt honoured, a politeness delay per host. Every request the page makes is
// fetched by Node through safeFetch (DNS checked in the socket lookup, allow-list from the config),
// so neither the page URL nor anything the page loads can reach a private address; images, media
// and fonts are not loaded at all. One browser per process, reused, relaunched after a crash.
import { createRequire } from 'node:module';
import { chromium, errors as playwrightErrors, type Browser, type BrowserContext, type Page, type Response, type Route } from 'playwright-core';
import { z } from 'zod';
import { FetchError, safeFetch } from './safe-fetch.js';
import { canonicalUrl, capText, contentHash, MAX_BODY_CHARS, MAX_TITLE_CHARS } from './text.js';
import { parsePageDate } from './date-format.js';
import {
  PermanentCollectError,
  RetryableCollectError,
  type CollectContext,
  type CollectedItem,
  type Collector,
  type CollectOutcome,
} from './collector.js';

export const ROBOTS_USER_AGENT = 'langnghe';
const USER_AGENT = 'Mozilla/5.0 (compatible; langnghe/0.1; +https://github.com/langnghe/langnghe)';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Defence in depth: Chromium itself can reach nothing. Every request it makes is answered by the
  // route below (through safeFetch); anything that escapes the route (a redirect it follows on its
  // own, a prefetch) hits a dead proxy — loopback included — or a resolver that resolves nothing.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
];
const BLOCKED_RESOURCE_TYPES = new Set(['image', 'media', 'font']);
const MAX_REDIRECTS = 5;

/** "css" reads the element's text; "css@attr" an attribute; "@attr" the item element's own attribute. */
const selector = z.string().trim().min(1).max(500);
export const webSelectorsSchema = z.object({
  item: selector,
  title: selector.optional(),
  text: selector.optional(),
  link: selector.optional(),
  date: selector.optional(),
  /** e.g. "dd/MM/yyyy HH:mm" (Vietnam time); default: ISO or the usual day-first forms. */
  dateFormat: z.string().max(50).optional(),
  /** Link to the next page of the list, followed up to maxPages. */
  next: selector.optional(),
});
export const webConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  selectors: webSelectorsSchema,
  maxPages: z.number().int().min(1).max(10).default(1),
  maxItems: z.number().int().min(1).max(500).default(100),
});
export type WebConfig = z.infer<typeof webConfigSchema>;

const DEFAULT_WEB = { chromiumPath: '/usr/bin/chromium', navigationTimeoutMs: 20_000, politenessMs: 5_000 };

// --- One browser per process -------------------------------------------------------------------

class SharedBrowser {
  #browser: Promise<Browser> | undefined;
  launches = 0;

  async get(executablePath: string): Promise<Browser> {
    if (this.#browser) {
      const existing = await this.#browser.catch(() => undefined);
      if (existing?.isConnected()) return existing;
      this.#browser = undefined;
    }
    const launching = chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    this.#browser = launching;
    try {
      const browser = await launching;
      this.launches++;
      browser.on('disconnected', () => {
        if (this.#browser === launching) this.#browser = undefined;
      });
      return browser;
    } catch (error) {
      this.#browser = undefined;
      throw new FetchError(`cannot start Chromium at ${executablePath}: ${(error as Error).message.split('\n')[0]}`, false);
    }
  }

  async close(): Promise<void> {
    const pending = this.#browser;
    this.#browser = undefined;
    const browser = await pending?.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}

export const sharedBrowser = new SharedBrowser();

/** For the worker's shutdown and one-shot commands. */
export function closeSharedBrowser(): Promise<void> {
  return sharedBrowser.close();
}

// --- Politeness and robots.txt ------------------------------------------------------------------

const nextSlotByHost = new Map<string, number>();

/** Waits until this host may be asked again; slots are reserved, so concurrent runs queue up. */
export async function politeWait(host: string, delayMs: number): Promise<void> {
  const now = Date.now();
  const slot = Math.max(now, nextSlotByHost.get(host) ?? 0);
  nextSlotByHost.set(host, slot + delayMs);
  if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
}

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS whose typings declare an ESM default export; require it as it is.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => Robots;
const robotsCache = new Map<string, { robots: Robots; at: number }>();
const ROBOTS_TTL_MS = 60 * 60_000;

async function robotsFor(url: URL, allowHosts: readonly string[]): Promise<Robots> {
  const origin = url.origin;
  const cached = robotsCache.get(origin);
  if (cached && Date.now() - cached.at < ROBOTS_TTL_MS) return cached.robots;
  const robotsUrl = `${origin}/robots.txt`;
  let response;
  try {
    response = await safeFetch(robotsUrl, { allowHosts, maxBytes: 512 * 1024, totalTimeoutMs: 10_000 });
  } catch (error) {
    if (error instanceof FetchError && error.permanent) throw new PermanentCollectError(`robots.txt: ${error.message}`);
    throw new FetchError(`robots.txt of ${origin} unreachable (${(error as Error).message}); not crawling until it answers`, false);
  }
  let robots: Robots;
  if (response.status >= 200 && response.status < 300) robots = robotsParser(robotsUrl, response.body.toString('utf8'));
  else if (response.status >= 400 && response.status < 500) robots = robotsParser(robotsUrl, ''); // no robots.txt: everything allowed
  else throw new FetchError(`robots.txt of ${origin} answered HTTP ${response.status}; not crawling until it answers`, false, response.status);
  robotsCache.set(origin, { robots, at: Date.now() });
  return robots;
}

/** Refuses (permanently, with the reason) a URL that the site's robots.txt disallows; returns its crawl delay. */
export async function checkRobots(url: URL, allowHosts: readonly string[]): Promise<number> {
  const robots = await robotsFor(url, allowHosts);
  if (robots.isAllowed(url.toString(), ROBOTS_USER_AGENT) === false) {
    const line = robots.getMatchingLineNumber(url.toString(), ROBOTS_USER_AGENT);
    throw new PermanentCollectError(`robots.txt of ${url.origin} disallows ${url.pathname} for ${ROBOTS_USER_AGENT}${line > 0 ? ` (line ${line})` : ''}`);
  }
  return (robots.getCrawlDelay(ROBOTS_USER_AGENT) ?? 0) * 1000;
}

// --- Extraction -----------------------------------------------------------------------------------

interface RawWebItem {
  readonly title: string | null;
  readonly text: string | null;
  readonly link: string | null;
  readonly date: string | null;
}

// Runs inside the page. Kept as source text: a compiled function may carry bundler helpers
// (esbuild's __name) that do not exist in the page.
const EXTRACT_SOURCE = `(args) => {
  const pick = (root, spec, defaultAttr, isDate) => {
    if (!spec) return null;
    const at = spec.lastIndexOf('@');
    const css = (at >= 0 ? spec.slice(0, at) : spec).trim();
    const attr = at >= 0 ? spec.slice(at + 1).trim() : defaultAttr;
    const el = css ? root.querySelector(css) : root;
    if (!el) return null;
    if (attr) {
      const value = el.getAttribute(attr);
      if (value === null) return null;
      if (attr === 'href' || attr === 'src') { try { return new URL(value, document.baseURI).href; } catch { return null; } }
      return value;
    }
    if (isDate && el.getAttribute('datetime')) return el.getAttribute('datetime');
    return (el.innerText !== undefined ? el.innerText : el.textContent) || '';
  };
  const items = Array.from(document.querySelectorAll(args.item)).slice(0, args.max).map((el) => ({
    title: pick(el, args.title),
    text: args.text ? pick(el, args.text) : (el.innerText || el.textContent || ''),
    link: pick(el, args.link, 'href'),
    date: pick(el, args.date, undefined, true),
  }));
  const nextEl = args.next ? pick(document, args.next, 'href') : null;
  return { items, next: nextEl };
}`;

function extractScript(selectors: WebConfig['selectors'], max: number): string {
  // The selectors are config (JSON), embedded as a JSON literal, never as code.
  const args = { item: selectors.item, title: selectors.title, text: selectors.text, link: selectors.link, date: selectors.date, next: selectors.next, max };
  return `(${EXTRACT_SOURCE})(${JSON.stringify(args)})`;
}

export function mapWebItem(raw: RawWebItem, pageUrl: string, dateFormat: string | undefined): CollectedItem | { skip: string } {
  const title = raw.title ? capText(raw.title.replace(/\s+/g, ' ').trim(), MAX_TITLE_CHARS) || null : null;
  const text = capText((raw.text ?? '').replace(/[ \t\u00A0]+/g, ' ').replace(/ *\n[ \n]*/g, '\n').trim(), MAX_BODY_CHARS);
  const body = text || title || '';
  if (!body) return { skip: 'no text' };
  const url = canonicalUrl(raw.link, pageUrl);
  return {
    externalId: url ?? `sha256:${contentHash(title, body)}`,
    url,
    title,
    body,
    author: null,
    publishedAt: parsePageDate(raw.date, dateFormat),
    engagement: 0,
    parentExternalId: null,
    raw: { page_url: pageUrl, link: raw.link, date_text: raw.date },
  };
}

// --- Requests from the page -----------------------------------------------------------------------

const DROP_REQUEST_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'keep-alive', 'upgrade', 'proxy-connection']);
const DROP_RESPONSE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive']);

/**
 * What happened to the page's requests: refused URLs with the reason; `navigation`, the main
 * frame's refusal; `redirect`, where the main frame was sent. Chromium follows a fulfilled
 * redirect by itself, outside the route (and so outside the guard): main-frame redirects are
 * therefore never handed to it — the collector navigates to the target, which comes back here.
 */
export interface Refusals {
  readonly all: Map<string, string>;
  navigation: string | undefined;
  redirect: string | undefined;
}

export function newRefusals(): Refusals {
  return { all: new Map(), navigation: undefined, redirect: undefined };
}

async function fetchForPage(route: Route, allowHosts: readonly string[], refused: Refusals, blocked: ReadonlySet<string>): Promise<void> {
  const request = route.request();
  if (blocked.has(request.resourceType())) return route.abort('blockedbyclient');
  const url = request.url();
  if (!/^https?:/i.test(url)) return route.abort('blockedbyclient');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(await request.allHeaders())) {
    if (!name.startsWith(':') && !DROP_REQUEST_HEADERS.has(name)) headers[name] = value;
  }
  const mainFrameNavigation = request.isNavigationRequest() && request.frame().parentFrame() === null;
  try {
    const response = await safeFetch(url, {
      allowHosts,
      method: request.method(),
      headers,
      body: request.postDataBuffer() ?? undefined,
      // Subresources: every hop re-checked by safeFetch. The page itself: see Refusals.
      followRedirects: !mainFrameNavigation,
      maxBytes: 5 * 1024 * 1024,
      totalTimeoutMs: 15_000,
    });
    const location = response.headers.location;
    if (mainFrameNavigation && response.status >= 300 && response.status < 400 && location) {
      refused.redirect = new URL(location, url).toString();
      return route.abort('aborted');
    }
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || DROP_RESPONSE_HEADERS.has(name)) continue;
      out[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
    }
    await route.fulfill({ status: response.status, headers: out, body: response.body });
  } catch (error) {
    const reason = `${url}: ${(error as Error).message}`;
    refused.all.set(url, reason);
    if (mainFrameNavigation) refused.navigation ??= reason;
    await route.abort(error instanceof FetchError && error.permanent ? 'blockedbyclient' : 'failed').catch(() => undefined);
  }
}

// --- A guarded page (the collector here, evidence capture in src/evidence/) ----------------------

export interface GuardedContextOptions {
  /** Resource types never requested; default images, media and fonts (a list page needs none). */
  readonly blockedResourceTypes?: ReadonlySet<string>;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** A fresh context of the shared browser in which every request is fetched through safeFetch and WebSockets are closed. */
export async function openGuardedContext(browser: Browser, allowHosts: readonly string[], refused: Refusals, options: GuardedContextOptions = {}): Promise<BrowserContext> {
  const browserContext = await browser.newContext({
    userAgent: USER_AGENT,
    serviceWorkers: 'block',
    acceptDownloads: false,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(options.viewport ? { viewport: { ...options.viewport } } : {}),
  });
  try {
    const blocked = options.blockedResourceTypes ?? BLOCKED_RESOURCE_TYPES;
    await browserContext.route('**/*', (route) => fetchForPage(route, allowHosts, refused, blocked));
    await browserContext.routeWebSocket(/.*/, (ws) => ws.close({ code: 1008, reason: 'blocked by langnghe' }));
  } catch (error) {
    await browserContext.close().catch(() => undefined);
    throw error;
  }
  return browserContext;
}

/**
 * Navigates to `url` with every hop through the guard: a main-frame redirect is refused to
 * Chromium and navigated to here (re-checked by the route), at most MAX_REDIRECTS times;
 * `beforeRedirect` may refuse a hop by throwing (robots.txt of another origin).
 */
export async function gotoGuarded(
  page: Page,
  url: string,
  refused: Refusals,
  timeoutMs: number,
  beforeRedirect?: (from: URL, to: URL) => Promise<unknown>,
): Promise<Response | null> {
  let response: Response | null;
  for (let target = url, hop = 0; ; hop++) {
    refused.redirect = undefined;
    try {
      response = await page.goto(target, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    } catch (error) {
      if (refused.navigation) throw new PermanentCollectError(refused.navigation);
      if (refused.redirect) {
        if (hop >= MAX_REDIRECTS) throw new PermanentCollectError(`too many redirects (more than ${MAX_REDIRECTS})`);
        const next: URL = new URL(refused.redirect);
        if (!/^https?:$/.test(next.protocol)) throw new PermanentCollectError(`redirect to a ${next.protocol} URL refused`);
        await beforeRedirect?.(new URL(target), next);
        target = next.toString();
        continue;
      }
      if (error instanceof playwrightErrors.TimeoutError) throw new FetchError(`page did not load within ${timeoutMs} ms`, false);
      throw new FetchError(`page did not load: ${(error as Error).message.split('\n')[0]}`, false);
    }
    break;
  }
  if (refused.navigation) throw new PermanentCollectError(refused.navigation);
  return response;
}

// --- The collector ------------------------------------------------------------------------------

export const webCollector: Collector<WebConfig> = {
  type: 'web_page',
  configSchema: webConfigSchema,
  async collect(config, _fetchState, context: CollectContext): Promise<CollectOutcome> {
    const settings = context.web ?? DEFAULT_WEB;
    const skipped: Record<string, number> = {};
    const skip = (reason: string, n = 1) => {
      if (n > 0) skipped[reason] = (skipped[reason] ?? 0) + n;
    };
    const items: CollectedItem[] = [];
    const seen = new Set<string>();
    const refused = newRefusals();

    // Checked before a browser starts: a disallowed or refused page costs nothing.
    const firstUrl = new URL(config.url);
    let crawlDelay = await checkRobots(firstUrl, context.allowHosts);

    const browser = await sharedBrowser.get(settings.chromiumPath);
    const browserContext = await openGuardedContext(browser, context.allowHosts, refused);
    try {
      const page = await browserContext.newPage();
      page.setDefaultTimeout(settings.navigationTimeoutMs);
      try {
        const visited = new Set<string>();
        let pageUrl: URL | null = firstUrl;
        for (let n = 0; pageUrl && n < config.maxPages && items.length < config.maxItems; n++) {
          if (n > 0) crawlDelay = await checkRobots(pageUrl, context.allowHosts);
          visited.add(pageUrl.toString());
          await politeWait(pageUrl.host, Math.max(settings.politenessMs, Math.min(crawlDelay, 60_000)));
          const response = await gotoGuarded(page, pageUrl.toString(), refused, settings.navigationTimeoutMs, (from, next) =>
            next.origin !== from.origin ? checkRobots(next, context.allowHosts) : Promise.resolve(),
          );
          const status = response?.status() ?? 0;
          if (status === 429) {
            const retryAfter = Number(response?.headers()['retry-after']);
            throw new RetryableCollectError('page answered HTTP 429 (too many requests)', Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 15 * 60_000);
          }
          if (status >= 500) throw new FetchError(`page answered HTTP ${status}`, false, status);
          if (status >= 400) throw new PermanentCollectError(`page answered HTTP ${status}`);
          // Rendered by JavaScript: wait for the first item (or give up after the timeout: an empty list).
          const found = await page
            .waitForSelector(config.selectors.item, { state: 'attached', timeout: settings.navigationTimeoutMs })
            .then(() => true, () => false);
          if (!found) {
            skip('no element matched the item selector');
            break;
          }
          const result = (await page.evaluate(extractScript(config.selectors, config.maxItems - items.length))) as { items: RawWebItem[]; next: string | null };
          const here = page.url();
          for (const raw of result.items) {
            const mapped = mapWebItem(raw, here, config.selectors.dateFormat);
            if ('skip' in mapped) skip(mapped.skip);
            else if (seen.has(mapped.externalId)) skip('duplicate on page');
            else {
              seen.add(mapped.externalId);
              items.push(mapped);
            }
          }
          const next: string | null = result.next && /^https?:/i.test(result.next) ? result.next : null;
          pageUrl = next && !visited.has(next) ? new URL(next) : null;
        }
      } finally {
        await page.close().catch(() => undefined);
      }
    } catch (error) {
      if (!browser.isConnected()) throw new FetchError('Chromium crashed while collecting; it will be restarted', false);
      throw error;
    } finally {
      await browserContext.close().catch(() => undefined);
    }
    skip('requests refused (private address or error)', refused.all.size);
    return { items, skipped, fetchState: {}, notModified: false };
  },
};
