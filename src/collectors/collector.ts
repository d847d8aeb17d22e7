// The one interface every source type implements.
import type { z } from 'zod';
import type { SourceType } from '../db/schema.js';

/** An item as a collector saw it, before it is stored. Text is already reduced to plain text and capped. */
export interface CollectedItem {
  readonly externalId: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly body: string;
  readonly author: string | null;
  readonly publishedAt: Date | null;
  readonly engagement: number;
  readonly parentExternalId: string | null;
  readonly raw: Record<string, unknown>;
}

export interface CollectOutcome {
  readonly items: CollectedItem[];
  /** Items dropped, counted by reason ("no text", "no link or id"...). */
  readonly skipped: Record<string, number>;
  /** State to keep for the next run (ETag, Last-Modified, cursors). */
  readonly fetchState: Record<string, unknown>;
  /** The source answered "nothing new" (HTTP 304). */
  readonly notModified: boolean;
}

export interface CollectContext {
  readonly allowHosts: readonly string[];
  readonly signal?: AbortSignal;
  /** Graph API defaults for Facebook Page sources (GRAPH_API_URL, GRAPH_API_VERSION). */
  readonly graph?: { readonly baseUrl: string; readonly version: string };
  /** Web page sources: Chromium, navigation timeout, least time between requests to one host. */
  readonly web?: { readonly chromiumPath: string; readonly navigationTimeoutMs: number; readonly politenessMs: number };
}

/** Collector settings from the validated environment. */
export function collectContextFrom(config: {
  readonly FETCH_ALLOW_HOSTS: readonly string[];
  readonly GRAPH_API_URL: string;
  readonly GRAPH_API_VERSION: string;
  readonly CHROMIUM_PATH: string;
  readonly WEB_NAV_TIMEOUT_MS: number;
  readonly WEB_POLITENESS_MS: number;
}): CollectContext {
  return {
    allowHosts: config.FETCH_ALLOW_HOSTS,
    graph: { baseUrl: config.GRAPH_API_URL, version: config.GRAPH_API_VERSION },
    web: { chromiumPath: config.CHROMIUM_PATH, navigationTimeoutMs: config.WEB_NAV_TIMEOUT_MS, politenessMs: config.WEB_POLITENESS_MS },
  };
}

/** A failure that retrying will not fix (bad config, refused URL, revoked token): the source turns unhealthy. */
export class PermanentCollectError extends Error {
  override readonly name = 'PermanentCollectError';
}

/**
 * A failure that goes away by waiting (rate limit, throttling): the source is not retried before
 * `retryAfterMs` has passed — its scheduled runs are skipped until then rather than hammering the API.
 */
export class RetryableCollectError extends Error {
  override readonly name = 'RetryableCollectError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

export interface Collector<Config> {
  readonly type: SourceType;
  readonly configSchema: z.ZodType<Config>;
  collect(config: Config, fetchState: Record<string, unknown>, context: CollectContext): Promise<CollectOutcome>;
}
