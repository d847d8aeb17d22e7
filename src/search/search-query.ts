// A search-box query: the analyzer's rule language (src/analysis/query.ts — quotes, AND/OR/NOT,
// NEAR/n, prefix*) compiled twice from one parse:
// - into a tsquery over the folded syllables of search-vector.ts, for the GIN index: a superset of
//   the posts the query matches (phrases by their syllable pairs, `<->` apart; prefixes as `:*`;
//   NOT and NEAR left to the re-check, since a folded NOT would also drop posts whose marks differ);
// - into the real matcher (compileSearchQuery), which re-checks each candidate on its own text
//   and gives the spans to highlight.
// Pure. The tsquery text travels as a bound parameter (`$1::tsquery`), never inside SQL.
import { compileSearchQuery, RuleCompileError, type CompiledSearchQuery, type QueryNode } from '../analysis/index.js';
import { indexableLexeme, pairLexeme, quoteLexeme } from './search-vector.js';

/** Longest query accepted by the search box and GET /api/posts. */
export const MAX_SEARCH_QUERY_LENGTH = 500;

export class SearchQueryError extends Error {
  override readonly name = 'SearchQueryError';
  constructor(
    /** Offset into the query, or null. */
    readonly position: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface SearchQuery {
  readonly text: string;
  readonly matcher: CompiledSearchQuery;
  /** tsquery input syntax; null only when the index cannot narrow anything (no indexable term). */
  readonly tsquery: string | null;
}

/** The tsquery of a node; null stands for "true" (the index cannot narrow on it). */
export function tsqueryOf(node: QueryNode): string | null {
  switch (node.type) {
    case 'phrase': {
      const syllables = node.syllables.map((s) => s.folded);
      if (syllables.length === 0 || syllables.some((s) => !indexableLexeme(s))) return null;
      const star = (lexeme: string, last: boolean) => quoteLexeme(lexeme) + (node.prefix && last ? ':*' : '');
      if (syllables.length === 1) return star(syllables[0]!, true);
      // A phrase by its syllable pairs, one position apart (search-vector.ts indexes both).
      const pairs = syllables.slice(1).map((s, i) => star(pairLexeme(syllables[i]!, s), i === syllables.length - 2));
      return pairs.length === 1 ? pairs[0]! : `(${pairs.join(' <-> ')})`;
    }
    case 'and':
    case 'near': {
      const children = node.type === 'and' ? node.children : [node.left, node.right];
      const parts = children.map(tsqueryOf).filter((p): p is string => p !== null);
      if (parts.length === 0) return null;
      return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
    }
    case 'or': {
      const parts = node.children.map(tsqueryOf);
      if (parts.some((p) => p === null)) return null;
      return `(${parts.join(' | ')})`;
    }
    case 'not':
      // NOT NOT x is x; a single NOT narrows nothing safely (see the module comment).
      return node.child.type === 'not' ? tsqueryOf(node.child.child) : null;
  }
}

/** Throws SearchQueryError (with the position and the parser's message) for a bad query. */
export function compileSearch(q: string): SearchQuery {
  const text = q.trim();
  if (text.length > MAX_SEARCH_QUERY_LENGTH) throw new SearchQueryError(MAX_SEARCH_QUERY_LENGTH, `a query of at most ${MAX_SEARCH_QUERY_LENGTH} characters`);
  let matcher: CompiledSearchQuery;
  try {
    matcher = compileSearchQuery(text);
  } catch (error) {
    if (error instanceof RuleCompileError) {
      const problem = error.problems[0];
      throw new SearchQueryError(problem?.position ?? null, problem?.message ?? error.message);
    }
    throw error;
  }
  return { text, matcher, tsquery: tsqueryOf(matcher.query) };
}
