// Matched terms in a post, for display: the stored analysis matches are UTF-16 offsets into the
// analysed text (postText: title + "\n" + body). The text is split at those offsets into plain and
// matched segments; whoever renders them escapes every segment (hono/jsx does for string children).
import { postText } from '../posts/analyze-post.js';

export interface TextSegment {
  readonly text: string;
  /** The rule that matched this segment, or undefined for plain text. */
  readonly rule?: string;
}

interface StoredMatch {
  readonly start: number;
  readonly end: number;
  readonly rule?: string;
  readonly text?: string;
}

function isMatch(value: unknown): value is StoredMatch {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return Number.isInteger(m.start) && Number.isInteger(m.end) && (m.start as number) >= 0 && (m.end as number) > (m.start as number);
}

/**
 * Splits `text` at the matches' offsets. Matches out of range, not matching their recorded slice
 * (the post changed since it was analysed) or overlapping an earlier match are left out.
 */
export function highlightSegments(text: string, matches: unknown): TextSegment[] {
  const valid = (Array.isArray(matches) ? matches : [])
    .filter(isMatch)
    .filter((m) => m.end <= text.length && (m.text === undefined || text.slice(m.start, m.end) === m.text))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const m of valid) {
    if (m.start < at) continue;
    if (m.start > at) segments.push({ text: text.slice(at, m.start) });
    segments.push({ text: text.slice(m.start, m.end), rule: m.rule ?? '' });
    at = m.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/** The post's analysed text, split for display. */
export function postSegments(post: { title: string | null; body: string }, matches: unknown): TextSegment[] {
  return highlightSegments(postText(post), matches);
}
