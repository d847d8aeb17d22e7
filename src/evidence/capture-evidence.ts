// Evidence of an incident's member post, because posts get deleted: the text and the raw payload
// always; for a post with an http(s) URL, a full-page screenshot (PNG) and the HTML snapshot of the
// rendered page, through the shared Chromium with every request behind the SSRF guard
// (FETCH_ALLOW_HOSTS). Each artefact goes to the content store (DATA_DIR/evidence) under its
// sha256 and is listed in `evidence` with its capture time. A failure is a row with `error`: it
// never touches the incident; the job retries what is retryable (see workers/capture-evidence.job.ts).
import type { Page } from 'playwright-core';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import type { Db } from '../db/database.js';
import type { EvidenceKind } from '../db/schema.js';
import { PermanentCollectError } from '../collectors/collector.js';
import { FetchError } from '../collectors/safe-fetch.js';
import { gotoGuarded, newRefusals, openGuardedContext, politeWait, sharedBrowser } from '../collectors/web.collector.js';
import { postText } from '../posts/analyze-post.js';
import { ContentStore, ContentStoreError, EVIDENCE_AREA } from '../storage/content-store.js';
import { capturedKindsSince, recordEvidence } from './evidence.repository.js';

export { EVIDENCE_AREA };
/** What each kind is stored as (the API serves HTML snapshots as plain-text attachments). */
export const EVIDENCE_CONTENT_TYPES: Readonly<Record<EvidenceKind, string>> = {
  screenshot: 'image/png',
  html: 'text/html; charset=utf-8',
  raw: 'application/json',
  text: 'text/plain; charset=utf-8',
};
/** A page is evidence with its images: only audio and video are not loaded. */
const EVIDENCE_BLOCKED_RESOURCES: ReadonlySet<string> = new Set(['media']);
const VIEWPORT = { width: 1280, height: 900 } as const;
const SETTLE_MS = 3_000;
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

export type EvidenceDeps = {
  readonly db: Db;
  readonly config: Pick<AppConfig, 'DATA_DIR' | 'FETCH_ALLOW_HOSTS' | 'CHROMIUM_PATH' | 'WEB_NAV_TIMEOUT_MS' | 'WEB_POLITENESS_MS'>;
  readonly logger?: Logger;
  /** Defaults to ContentStore.forDataDir(DATA_DIR, 'evidence'). */
  readonly store?: ContentStore;
};

export interface CaptureFailure {
  readonly kind: EvidenceKind;
  readonly error: string;
  /** Worth another attempt (server error, timeout, disk full); false for a refused URL, a 4xx. */
  readonly retryable: boolean;
}

export interface CaptureOutcome {
  readonly incidentId: string;
  readonly postId: string;
  readonly status: 'captured' | 'incomplete' | 'skipped';
  readonly captured: readonly EvidenceKind[];
  readonly failures: readonly CaptureFailure[];
  readonly reason?: string;
}

export interface CaptureOptions {
  /** Kinds captured successfully at or after this time are not captured again (a retry of one job). */
  readonly skipCapturedSince?: Date;
}

interface Artefact {
  readonly kind: EvidenceKind;
  readonly content: Buffer;
  readonly capturedAt: Date;
  readonly sourceUrl: string | null;
}

class PageCaptureError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** The http(s) URL of a post, if any. */
export function evidenceUrl(post: { url: string | null; canonical_url: string | null }): string | null {
  for (const candidate of [post.url, post.canonical_url]) {
    if (candidate && /^https?:\/\//i.test(candidate)) return candidate;
  }
  return null;
}

export async function captureEvidence(deps: EvidenceDeps, input: { incidentId: string; postId: string }, options: CaptureOptions = {}): Promise<CaptureOutcome> {
  const { db, config } = deps;
  const { incidentId, postId } = input;
  const post = await db
    .selectFrom('posts')
    .innerJoin('incident_posts', 'incident_posts.post_id', 'posts.id')
    .select(['posts.id', 'posts.url', 'posts.canonical_url', 'posts.title', 'posts.body', 'posts.raw'])
    .where('posts.id', '=', postId)
    .where('incident_posts.incident_id', '=', incidentId)
    .executeTakeFirst();
  if (!post) return { incidentId, postId, status: 'skipped', captured: [], failures: [], reason: 'the post is not a member of the incident' };

  const store = deps.store ?? ContentStore.forDataDir(config.DATA_DIR, EVIDENCE_AREA);
  const done = options.skipCapturedSince ? await capturedKindsSince(db, postId, options.skipCapturedSince) : new Set<EvidenceKind>();
  const captured: EvidenceKind[] = [];
  const failures: CaptureFailure[] = [];
  const fail = async (kind: EvidenceKind, error: string, retryable: boolean, sourceUrl: string | null, at = new Date()) => {
    failures.push({ kind, error, retryable });
    await recordEvidence(db, { incidentId, postId, kind, capturedAt: at, sourceUrl, error });
  };
  const keep = async (artefact: Artefact) => {
    let blob;
    try {
      blob = await store.put(artefact.content);
    } catch (error) {
      if (!(error instanceof ContentStoreError)) throw error;
      const full = error.code !== undefined && DISK_FULL.has(error.code);
      deps.logger?.error({ err: error, incident: incidentId, post: postId, kind: artefact.kind }, full ? 'evidence not stored: disk full' : 'evidence not stored');
      return fail(artefact.kind, `${full ? `disk full (${error.code})` : `storage failed${error.code ? ` (${error.code})` : ''}`}: ${error.message}`, true, artefact.sourceUrl, artefact.capturedAt);
    }
    captured.push(artefact.kind);
    await recordEvidence(db, {
      incidentId,
      postId,
      kind: artefact.kind,
      capturedAt: artefact.capturedAt,
      sourceUrl: artefact.sourceUrl,
      blob: { sha256: blob.sha256, bytes: blob.bytes, contentType: EVIDENCE_CONTENT_TYPES[artefact.kind] },
    });
  };

  // What the system read: always available, no browser needed.
  const now = new Date();
  if (!done.has('text')) await keep({ kind: 'text', content: Buffer.from(postText(post).normalize('NFC'), 'utf8'), capturedAt: now, sourceUrl: null });
  if (!done.has('raw')) await keep({ kind: 'raw', content: Buffer.from(JSON.stringify(post.raw ?? {}, null, 2), 'utf8'), capturedAt: now, sourceUrl: null });

  // What a person would have seen.
  const url = evidenceUrl(post);
  if (url && !(done.has('screenshot') && done.has('html'))) {
    try {
      const page = await capturePage(url, config);
      for (const artefact of page) await keep(artefact);
    } catch (error) {
      const failure = error instanceof PageCaptureError ? error : new PageCaptureError(`capture failed: ${(error as Error).message}`, true);
      deps.logger?.warn({ incident: incidentId, post: postId, url, reason: failure.message }, 'evidence page not captured');
      const at = new Date();
      for (const kind of ['screenshot', 'html'] as const) await fail(kind, failure.message, failure.retryable, url, at);
    }
  }
  return { incidentId, postId, status: failures.length ? 'incomplete' : 'captured', captured, failures };
}

/** The screenshot and the HTML snapshot of one page, in a fresh guarded context of the shared browser. */
async function capturePage(url: string, config: EvidenceDeps['config']): Promise<Artefact[]> {
  const timeoutMs = config.WEB_NAV_TIMEOUT_MS;
  await politeWait(new URL(url).host, config.WEB_POLITENESS_MS);
  const browser = await sharedBrowser.get(config.CHROMIUM_PATH).catch((error: unknown) => {
    throw new PageCaptureError((error as Error).message, true);
  });
  const refused = newRefusals();
  const context = await openGuardedContext(browser, config.FETCH_ALLOW_HOSTS, refused, { blockedResourceTypes: EVIDENCE_BLOCKED_RESOURCES, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    let response;
    try {
      response = await gotoGuarded(page, url, refused, timeoutMs);
    } catch (error) {
      if (error instanceof PermanentCollectError) throw new PageCaptureError(error.message, false);
      if (error instanceof FetchError) throw new PageCaptureError(error.message, !error.permanent);
      throw error;
    }
    const status = response?.status() ?? 0;
    if (status >= 400) throw new PageCaptureError(`page answered HTTP ${status}`, status >= 500 || status === 429 || status === 408);
    await settle(page, timeoutMs);
    const capturedAt = new Date();
    const screenshot = await page.screenshot({ fullPage: true, type: 'png', animations: 'disabled', timeout: timeoutMs });
    const html = Buffer.from(await page.content(), 'utf8');
    const sourceUrl = page.url();
    return [
      { kind: 'screenshot', content: screenshot, capturedAt, sourceUrl },
      { kind: 'html', content: html, capturedAt, sourceUrl },
    ];
  } catch (error) {
    if (error instanceof PageCaptureError) throw error;
    if (!browser.isConnected()) throw new PageCaptureError('Chromium crashed while capturing; it will be restarted', true);
    throw new PageCaptureError(`capture failed: ${(error as Error).message.split('\n')[0]}`, true);
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Lets scripts render: the load event, then a short quiet time, neither required. */
async function settle(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForLoadState('load', { timeout: Math.min(timeoutMs, 10_000) }).catch(() => undefined);
  await page.waitForLoadState('networkidle', { timeout: SETTLE_MS }).catch(() => undefined);
}
