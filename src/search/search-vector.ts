// The searchable form of a post for Postgres: the analyzer's tokens of its text (normalize.ts —
// NFC, tone placement, teencode expanded) as a tsvector of FOLDED syllables with positions.
// Search is then an index look-up on folded syllables (so "boi thuong" and "bồi thường" meet),
// and the real matcher re-checks the few candidates on the same tokens (post-search.ts). Pure.
//
// Positions are token indexes (1-based) plus one per sentence boundary, so `a <-> b` in a tsquery
// never spans two sentences — the analyzer's phrases never do either.
//
// Besides each syllable, each pair of adjacent syllables of a sentence is a lexeme ("giai phong",
// at the position of its first syllable): Vietnamese words are syllable pairs, and a phrase looked
// up by its pairs reads their short posting lists instead of those of its common syllables
// ("phong", "mat", "bang").
//
// Postgres keeps positions up to 16,383 and 256 positions per lexeme. So that the index never
// misses what the matcher would find, search reads a post up to the first token that would go past
// either (in practice: the first ~50,000 characters the analyzer reads, for all but the longest,
// most repetitive texts), and the re-check reads exactly those tokens.
import { MAX_ANALYZED_LENGTH } from '../analysis/analyzer.js';
import { tokenize } from '../analysis/normalize.js';
import type { AnalysisToken } from '../analysis/types.js';

/** Postgres' largest tsvector position (MAXENTRYPOS - 1). */
const MAX_POSITION = 16_383;
/** Postgres keeps 256 positions per lexeme (MAXNUMPOS); one fewer, so nothing is dropped silently. */
const MAX_POSITIONS_PER_LEXEME = 255;
/** Longer tokens (long URLs) are not indexed; search-query.ts never asks for them either. */
export const MAX_LEXEME_BYTES = 200;

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

const positionOf = (token: AnalysisToken, index: number) => index + 1 + token.sentence;

/** The lexemes a token adds at its position: its syllable, and the pair it ends. */
function lexemesOf(tokens: readonly AnalysisToken[], i: number): string[] {
  const token = tokens[i]!;
  if (!indexableLexeme(token.folded)) return [];
  const previous = tokens[i - 1];
  return previous && previous.sentence === token.sentence && indexableLexeme(previous.folded) ? [token.folded, pairLexeme(previous.folded, token.folded)] : [token.folded];
}

/** The tokens search reads of a post's text (postText): see the module comment. */
export function searchableTokens(text: string): AnalysisToken[] {
  const tokens = tokenize(text.length > MAX_ANALYZED_LENGTH ? text.slice(0, MAX_ANALYZED_LENGTH) : text);
  const counts = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    if (positionOf(tokens[i]!, i) > MAX_POSITION) return tokens.slice(0, i);
    const lexemes = lexemesOf(tokens, i);
    if (lexemes.some((l) => (counts.get(l) ?? 0) >= MAX_POSITIONS_PER_LEXEME)) return tokens.slice(0, i);
    for (const lexeme of lexemes) counts.set(lexeme, (counts.get(lexeme) ?? 0) + 1);
  }
  return tokens;
}

/** The tsvector (input syntax) of searchable tokens. */
export function searchVectorOfTokens(tokens: readonly AnalysisToken[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const position = positionOf(token, i);
    // A pair is at the position of its first syllable.
    lexemesOf(tokens, i).forEach((lexeme, k) => {
      const at = k === 0 ? position : position - 1;
      const list = positions.get(lexeme);
      if (list === undefined) positions.set(lexeme, [at]);
      else if (list[list.length - 1] !== at) list.push(at);
    });
  });
  return [...positions].map(([lexeme, at]) => `${quoteLexeme(lexeme)}:${at.join(',')}`).join(' ');
}

/** The tsvector (input syntax) of a post's text; '' (empty vector) for an empty text. */
export function searchVectorOf(text: string): string {
  return searchVectorOfTokens(searchableTokens(text));
}
