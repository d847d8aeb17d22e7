// The compiled matcher (phrase trie, trigger phrases, typed-array occurrences) against a
// naive evaluator of the same queries: they must agree on which rules match.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diacriticlessSentences, tokenize } from '../../src/analysis/normalize.js';
import { parseQuery, type QueryNode } from '../../src/analysis/query.js';
import { checkQuery, compileRules } from '../../src/analysis/rules.js';
import type { AnalysisToken } from '../../src/analysis/types.js';

const WORDS = ['bồi', 'thường', 'đất', 'chậm', 'ban', 'bán', 'bàn', 'ma', 'mà', 'xã', 'lũ', 'quét', 'không'];

/** Token spans where a phrase occurs, found by brute force. */
function occurrences(node: Extract<QueryNode, { type: 'phrase' }>, tokens: readonly AnalysisToken[], plain: readonly boolean[]): [number, number][] {
  const found: [number, number][] = [];
  const n = node.syllables.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    const isPlain = plain[tokens[i]!.sentence] === true;
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const t = tokens[i + k]!;
      const s = node.syllables[k]!;
      const last = k === n - 1 && node.prefix;
      const [have, want] = isPlain ? [t.folded, s.folded] : [t.norm, s.norm];
      ok = t.sentence === tokens[i]!.sentence && (last ? have.startsWith(want) : have === want);
    }
    if (ok) found.push([i, i + n]);
  }
  return found;
}

function naive(node: QueryNode, tokens: readonly AnalysisToken[], plain: readonly boolean[]): [number, number][] | null {
  switch (node.type) {
    case 'phrase': {
      const found = occurrences(node, tokens, plain);
      return found.length > 0 ? found : null;
    }
    case 'and': {
      const all: [number, number][] = [];
      for (const child of node.children) {
        const got = naive(child, tokens, plain);
        if (got === null) return null;
        all.push(...got);
      }
      return all;
    }
    case 'or': {
      let any: [number, number][] | null = null;
      for (const child of node.children) {
        const got = naive(child, tokens, plain);
        if (got !== null) (any ??= []).push(...got);
      }
      return any;
    }
    case 'not':
      return naive(node.child, tokens, plain) === null ? [] : null;
    case 'near': {
      const left = naive(node.left, tokens, plain);
      const right = naive(node.right, tokens, plain);
      if (left === null || right === null) return null;
      const close = left.some(([as, ae]) => right.some(([bs, be]) => (ae <= bs ? bs - ae : be <= as ? as - be : 0) <= node.distance));
      return close ? [...left, ...right] : null;
    }
  }
}

const term = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `"${a} ${b}"`),
  fc.constantFrom('bồ*', '"bồi thư*"', 'b*'),
);
const query: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    term,
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a}) AND (${b})`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a}) OR (${b})`),
    fc.tuple(tie('q'), term).map(([a, b]) => `(${a}) AND NOT ${b}`),
    fc.tuple(term, term, fc.integer({ min: 0, max: 4 })).map(([a, b, n]) => `${a} NEAR/${n} ${b}`),
  ),
})).q;
const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS, 'bồi', 'thường', 'boi', 'thuong', 'dat', 'cham', '.', ','), fc.constant('xyz')), { maxLength: 25 })
  .map((words) => words.join(' '));

describe('compiled matcher agrees with a naive evaluator', () => {
  it('on random queries and texts', () => {
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 6 }), text, (queries, body) => {
        const valid = queries.filter((q) => checkQuery(q) === null);
        // Tokens made before compiling may lack syllable ids the index registers: the string path.
        const early = [...tokenize(body)];
        const set = compileRules(valid.map((q, i) => ({ id: `r${i}`, category: 'bau_cu' as const, query: q })));
        const tokens = tokenize(body);
        const plain = diacriticlessSentences(tokens);
        const got = set.match(tokens, plain, body).map((hit) => hit.rule.id);
        const gotEarly = set.match(early, diacriticlessSentences(early), body).map((hit) => hit.rule.id);
        const expected = valid.flatMap((q, i) => {
          const parsed = parseQuery(q);
          if (!parsed.ok) return [];
          const spans = naive(parsed.ast, tokens, plain);
          return spans !== null && spans.length > 0 ? [`r${i}`] : [];
        });
        expect(got).toEqual(expected);
        expect(gotEarly).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });
});
