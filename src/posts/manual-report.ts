// Use case: a link or a text reported by hand (a Zalo group, a shared screenshot). The post is
// stored in the built-in manual source, analysed at once, and filed into an incident when flagged.
// A URL is previewed server-side behind the SSRF guard; a failed preview is recorded, not fatal.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AddressRefusedError, FetchError, safeFetch } from '../collectors/safe-fetch.js';
import { decodeBody } from '../collectors/rss.collector.js';
import { canonicalUrl, capText, contentHash, htmlToText, MAX_BODY_CHARS, MAX_TITLE_CHARS } from '../collectors/text.js';
import type { CollectedItem } from '../collectors/collector.js';
import { ensureManualSource } from '../sources/source.repository.js';
import { analyzePost, type AnalyzePostResult } from './analyze-post.js';
import { storeCollectedItems } from './post.repository.js';

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((s) => s?.trim() || undefined);

export const manualReportSchema = z
  .object({
    url: optionalText(2000).pipe(z.url({ protocol: /^https?$/, message: 'an http(s) URL' }).optional()),
    text: optionalText(MAX_BODY_CHARS),
  })
  .refine((r) => r.url !== undefined || r.text !== undefined, { message: 'give a url, a text, or both' });
export type ManualReportInput = z.infer<typeof manualReportSchema>;

export interface Reporter {
  readonly userId: string | null;
  readonly name: string;
}

export type PagePreview =
  | { readonly ok: true; readonly status: number; readonly finalUrl: string; readonly title: string | null; readonly text: string }
  | { readonly ok: false; readonly error: string; /** The SSRF guard refused the address. */ readonly refused?: boolean };

/** A screenshot kept with a report (already stored in the content store under its sha256). */
export interface ReportAttachment {
  readonly sha256: string;
  readonly contentType: string;
  readonly bytes: number;
}

export interface ManualReportOptions {
  readonly screenshot?: ReportAttachment;
  /** Refuse (store nothing) when the SSRF guard refuses the URL, instead of recording the failed preview. */
  readonly refuseBlockedUrl?: boolean;
}

/** The reported URL points at an address the SSRF guard refuses; nothing was stored. */
export class ReportUrlRefusedError extends Error {
  override readonly name = 'ReportUrlRefusedError';
}

const PREVIEW_TEXT_CHARS = 8_000;

/** Title and text of a page, fetched behind the SSRF guard (every redirect re-checked). */
export async function previewPage(url: string, allowHosts: readonly string[]): Promise<PagePreview> {
  let response;
  try {
    response = await safeFetch(url, {
      allowHosts,
      maxBytes: 3 * 1024 * 1024,
      totalTimeoutMs: 10_000,
      connectTimeoutMs: 5_000,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'accept-language': 'vi,en;q=0.5' },
    });
  } catch (error) {
    if (error instanceof AddressRefusedError) return { ok: false, error: error.message, refused: true };
    return { ok: false, error: error instanceof FetchError ? error.message : `preview failed: ${(error as Error).message}` };
  }
  if (response.status < 200 || response.status >= 300) return { ok: false, error: `page answered HTTP ${response.status}` };
  const contentType = String(response.headers['content-type'] ?? '');
  if (!/html|text\/plain|xml/i.test(contentType) && contentType !== '') {
    return { ok: true, status: response.status, finalUrl: response.finalUrl, title: null, text: '' };
  }
  const metaCharset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(response.body.subarray(0, 4096).toString('latin1'))?.[1];
  const html = decodeBody(response.body, /charset=/i.test(contentType) ? contentType : metaCharset ? `text/html; charset=${metaCharset}` : contentType);
  const rawTitle = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const title = rawTitle ? capText(htmlToText(rawTitle).replace(/\s+/g, ' '), MAX_TITLE_CHARS) || null : null;
  const bodyHtml = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html.replace(/<head[\s\S]*?<\/head>/i, ' ');
  const text = capText(htmlToText(bodyHtml.replace(/<(nav|header|footer|aside|form)\b[\s\S]*?<\/\1\s*>/gi, ' ')), PREVIEW_TEXT_CHARS);
  return { ok: true, status: response.status, finalUrl: response.finalUrl, title, text };
}

type ReportDeps = Pick<AppContext, 'db' | 'analyzers' | 'config'>;

export async function submitManualReport(deps: ReportDeps, input: ManualReportInput, reporter: Reporter, options: ManualReportOptions = {}): Promise<AnalyzePostResult> {
  const { db, config } = deps;
  const url = input.url ? canonicalUrl(input.url) : null;
  const preview = input.url ? await previewPage(input.url, config.FETCH_ALLOW_HOSTS) : undefined;
  if (options.refuseBlockedUrl && preview && !preview.ok && preview.refused) throw new ReportUrlRefusedError(preview.error);
  const source = await ensureManualSource(db);
  const screenshot = options.screenshot;
  const previewed = preview?.ok ? preview : undefined;
  const parts = [input.text, previewed?.title, previewed?.text].filter((p): p is string => Boolean(p));
  const body = capText(parts.join('\n\n'), MAX_BODY_CHARS) || url || '';
  const item: CollectedItem = {
    // The same link with the same words, reported twice, is one post.
    // A different screenshot makes a different report (its hash is kept on the raw payload).
    externalId: `report-${screenshot ? contentHash(url, input.text ?? '', screenshot.sha256) : contentHash(url, input.text ?? '')}`,
    url,
    title: previewed?.title ?? null,
    body,
    author: null,
    publishedAt: null,
    engagement: 0,
    parentExternalId: null,
    raw: {
      kind: 'manual_report',
      reported_by: reporter.name,
      reported_by_user_id: reporter.userId,
      reported_at: new Date().toISOString(),
      url: input.url ?? null,
      text: input.text ?? null,
      preview: preview === undefined ? null : preview.ok ? { status: preview.status, final_url: preview.finalUrl, title: preview.title } : { error: preview.error },
      ...(screenshot ? { screenshot: { sha256: screenshot.sha256, content_type: screenshot.contentType, bytes: screenshot.bytes } } : {}),
    },
  };
  await storeCollectedItems(db, source, [item], config.SECRET_KEY);
  const post = await db
    .selectFrom('posts')
    .select('id')
    .where('source_id', '=', source.id)
    .where('external_id', '=', item.externalId)
    .executeTakeFirstOrThrow();
  return analyzePost(deps, post.id);
}
