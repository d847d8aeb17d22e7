// The searchable form of a post for Postgres: the analyzer's tokens of its text (normalize.ts —
// NFC, tone placement, teencode expanded) as a tsvector of FOLDED syllables with positions.
// Search is then an index look-up on folded syllables (so "boi thuong" and "bồi thường" meet),
// and the real matcher re-checks the few candidates (search-query.ts). Pure.
//
// Positions are token indexes (1-based) plus one per sentence boundary, so `a <-> b` in a tsquery
// never spans two sentences — the analyzer's phrases never do either. Postgres keeps at most
// 16,383 as a position and 256 positions per lexeme; a post that goes past either gets the
// OVERFLOW_LEXEME, and search-query.ts lets such posts through on the terms alone.
//
// Besides each syllable, each pair of adjacent syllables of a sentence is a lexeme ("giai phong",
// at the position of its first syllable): Vietnamese words are syllable pairs, and a phrase looked
// up by its pairs reads their short posting lists instead of those of its common syllables
// ("phong", "mat", "bang").
import { MAX_ANALYZED_LENGTH } from '../analysis/analyzer.js';
import { tokenize } from '../analysis/normalize.js';
import type { AnalysisToken } from '../analysis/types.js';

/** Postgres' largest tsvector position (MAXENTRYPOS - 1). */
const MAX_POSITION = 16_383;
/** Postgres keeps 256 positions per lexeme (MAXNUMPOS); one fewer, so nothing is dropped silently. */
const MAX_POSITIONS_PER_LEXEME = 255;
/** Longer tokens (long URLs) are not indexed; search-query.ts never asks for them either. */
export const MAX_LEXEME_BYTES = 200;
/** Marks a post whose positions are incomplete. Contains a space: no token ever does. */
export const OVERFLOW_LEXEME = ' overflow';

/** The text search reads: what the analyzer reads (postText, capped the same way). */
export function searchableText(text: string): string {
  return text.length > MAX_ANALYZED_LENGTH ? text.slice(0, MAX_ANALYZED_LENGTH) : text;
}

export function indexableLexeme(folded: string): boolean {
  return folded.length > 0 && Buffer.byteLength(folded, 'utf8') <= MAX_LEXEME_BYTES;
}

/** The lexeme of two adjacent syllables (folded). */
export function pairLexeme(first: string, second: string): string {
  return `${first} ${second}`;
}

/** A lexeme quoted for the tsvector / tsquery input syntax. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsvector (input syntax) of tokens. */
export function searchVectorOfTokens(tokens: readonly AnalysisToken[]): string {
  const positions = new Map<string, number[]>();
  let overflow = false;
  const add = (lexeme: string, at: number) => {
    let position = at;
    if (position > MAX_POSITION) {
      position = MAX_POSITION;
      overflow = true;
    }
    const list = positions.get(lexeme);
    if (list === undefined) positions.set(lexeme, [position]);
    else if (list.length < MAX_POSITIONS_PER_LEXEME) {
      if (list[list.length - 1] !== position) list.push(position);
    } else overflow = true;
  };
  tokens.forEach((token, i) => {
    if (!indexableLexeme(token.folded)) return;
    const position = i + 1 + token.sentence;
    add(token.folded, position);
    const previous = tokens[i - 1];
    if (previous && previous.sentence === token.sentence && indexableLexeme(previous.folded)) add(pairLexeme(previous.folded, token.folded), position - 1);
  });
  const entries = [...positions].map(([lexeme, at]) => `${quoteLexeme(lexeme)}:${at.join(',')}`);
  if (overflow) entries.push(quoteLexeme(OVERFLOW_LEXEME));
  return entries.join(' ');
}

/** The tsvector (input syntax) of a post's text; '' (empty vector) for an empty text. */
export function searchVectorOf(text: string): string {
  return searchVectorOfTokens(tokenize(searchableText(text)));
}
