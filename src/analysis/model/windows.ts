// Where the model reads a long text piece by piece. It was trained on posts of up to about a
// hundred words; it sums a weight per word, so on a press article or a weekly digest the routine
// paragraphs outweigh the one that matters and the complaint inside is lost. A text longer than
// the posts it learned from is scored in windows of whole sentences the size of a post, and a
// category a window is sure of is the text's (textCategoryMask).
import { CATEGORIES, type AnalysisToken } from '../types.js';
import { INCIDENT_MASK } from './model-file.js';

export interface WindowPolicy {
  /** Texts of at most this many words are scored whole, as in training. */
  readonly wholeUpTo: number;
  /** Words per window, at most (a longer run-on sentence is cut). */
  readonly size: number;
}

/**
 * Longest posts of the base data are about 120 words, nearly all under 80: up to 80 words a text
 * is scored whole, as the model learned. Windows of up to 60 words: a post's length, long enough
 * for a complaint and its context, short enough that a routine paragraph does not drown it
 * (`npm run eval`, the long-text section).
 */
export const DEFAULT_WINDOW_POLICY: WindowPolicy = { wholeUpTo: 80, size: 60 };

export interface TokenWindow {
  /** Token range, `to` exclusive. */
  readonly from: number;
  readonly to: number;
  readonly words: number;
  /** The text the window covers: from its first token to where the next window begins. */
  readonly start: number;
  readonly end: number;
}

/**
 * Consecutive sentences packed into windows of at most `size` words, or null when the text is
 * short enough to score whole. Every token is in exactly one window.
 */
export function modelWindows(tokens: readonly AnalysisToken[], textLength: number, policy: WindowPolicy = DEFAULT_WINDOW_POLICY): TokenWindow[] | null {
  if (tokens.length <= policy.wholeUpTo) return null;
  let words = 0;
  for (const token of tokens) if (token.kind === 'word') words++;
  if (words <= policy.wholeUpTo) return null;

  // Cut points: where a sentence starts, and every `size` words inside a run-on sentence.
  const pieces: { from: number; to: number; words: number }[] = [];
  let from = 0;
  let pieceWords = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const newSentence = i > from && token.sentence !== tokens[i - 1]!.sentence;
    if (newSentence || (token.kind === 'word' && pieceWords === policy.size)) {
      pieces.push({ from, to: i, words: pieceWords });
      from = i;
      pieceWords = 0;
    }
    if (token.kind === 'word') pieceWords++;
  }
  pieces.push({ from, to: tokens.length, words: pieceWords });

  const ranges: { from: number; to: number; words: number }[] = [];
  let current: { from: number; to: number; words: number } | null = null;
  for (const piece of pieces) {
    if (current !== null && current.words + piece.words > policy.size) {
      ranges.push(current);
      current = null;
    }
    current = current === null ? { ...piece } : { from: current.from, to: piece.to, words: current.words + piece.words };
  }
  if (current !== null) ranges.push(current);

  return ranges.map((range, k) => {
    const next = ranges[k + 1];
    return { ...range, start: tokens[range.from]!.start, end: next === undefined ? textLength : tokens[next.from]!.start };
  });
}

/**
 * A long text's categories from its windows'. A window's category is one of a dozen chances, and
 * most of a long text's extra categories came from a window only just over a threshold: the text
 * keeps the categories some window is sure of (LearnedModel.withoutUnsure). Whether it is an
 * incident stays the windows' call: when windows found an incident but none was sure of its kind,
 * the text keeps the incident category its windows scored highest.
 * `found`: the union of the windows' categories; `sure`: the union of those they were sure of;
 * `best`: per category, its highest score in a window that found it.
 */
export function textCategoryMask(found: number, sure: number, best: ArrayLike<number>): number {
  if ((found & INCIDENT_MASK) === 0 || (sure & INCIDENT_MASK) !== 0) return sure;
  let likeliest = -1;
  for (let k = 0; k < CATEGORIES.length; k++) {
    if ((found & INCIDENT_MASK & (1 << k)) !== 0 && (likeliest < 0 || best[k]! > best[likeliest]!)) likeliest = k;
  }
  return sure | (1 << likeliest);
}
