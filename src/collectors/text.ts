// Small text helpers shared by collectors: HTML to text, caps, canonical URLs, hashes.
import { createHash, createHmac } from 'node:crypto';
import { decodeHTML } from 'entities';

export const MAX_TITLE_CHARS = 500;
export const MAX_BODY_CHARS = 20_000;

/** Reduces HTML to readable text: drops scripts/styles, keeps paragraph breaks, decodes entities. */
export function htmlToText(html: string): string {
  const withoutBlocks = html
    .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
  return decodeHTML(withoutBlocks)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}

export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not cut a surrogate pair in half.
  const cut = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, cut);
}

const TRACKING_PARAMS = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|zarsrc|_hsenc|_hsmi|mc_cid|mc_eid|igshid|ref_src|__tn__|__cft__\[0\])$/i;

/** Canonical form of a link so that shares of one story group together. Null when not http(s). */
export function canonicalUrl(raw: string | undefined | null, base?: string): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

export function contentHash(...parts: (string | null | undefined)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part ?? '').update('\u0000');
  return hash.digest('hex');
}

/** Authors are stored pseudonymised: a keyed hash, stable per source type, not reversible without the key. */
export function pseudonymise(secretKey: string, namespace: string, author: string | null | undefined): string | null {
  if (!author) return null;
  return createHmac('sha256', secretKey).update(`${namespace}\u0000${author}`).digest('hex').slice(0, 32);
}
