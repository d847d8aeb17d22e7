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
}

/** A failure that retrying will not fix (bad config, refused URL, revoked token): the source turns unhealthy. */
export class PermanentCollectError extends Error {
  override readonly name = 'PermanentCollectError';
}

export interface Collector<Config> {
  readonly type: SourceType;
  readonly configSchema: z.ZodType<Config>;
  collect(config: Config, fetchState: Record<string, unknown>, context: CollectContext): Promise<CollectOutcome>;
}
