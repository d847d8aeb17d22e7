// The excerpt of a search result: a window of the post's text around its first match, cut at
// spaces, with the matched spans moved into it. Pure; whoever renders it escapes the text.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Excerpt {
  readonly text: string;
  /** Matched spans as offsets into `text`, in order, not overlapping. */
  readonly highlights: Span[];
}

export const EXCERPT_LENGTH = 280;
/** Text kept before the first match, so it is read in context. */
const LEAD = 80;
const ELLIPSIS = '…';

/** `text` may be long; `spans` are offsets into it (from the matcher). Line breaks become spaces. */
export function excerptOf(text: string, spans: readonly Span[] = [], length = EXCERPT_LENGTH): Excerpt {
  const first = spans[0];
  let start = first ? Math.max(0, first.start - LEAD) : 0;
  // Start at a word: after the last space before `start` (none found: cut where it is).
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    if (space >= 0 && start - space < 20) start = space + 1;
  }
  let end = Math.min(text.length, Math.max(start + length, first ? first.end : 0));
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && end - space < 20 && (!first || space >= first.end)) end = space;
  }
  // Never cut a surrogate pair (an emoji) in two.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const shift = prefix.length - start;
  const highlights: Span[] = [];
  let last = -1;
  for (const span of spans) {
    const s = Math.max(span.start, start);
    const e = Math.min(span.end, end);
    if (e <= s || s < last) continue;
    highlights.push({ start: s + shift, end: e + shift });
    last = e;
  }
  return { text: prefix + text.slice(start, end).replace(/[\r\n\t]/g, ' ') + suffix, highlights };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
