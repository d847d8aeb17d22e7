import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/analysis/query.js';
import { compileRules, RuleCompileError } from '../../src/analysis/rules.js';
import { CATEGORIES } from '../../src/analysis/types.js';

/** Strings made of the query language's own pieces, so the parser is pushed past the lexer. */
const queryPiece = fc.constantFrom(
  'AND', 'OR', 'NOT', 'NEAR', 'NEAR/3', 'NEAR/', 'NEAR/x', '(', ')', '"', '*', ' ', ' ', 'bồi', 'thường', 'ko', 'UBND',
  'tham*', '"giải phóng"', 'Giê-sùa', '😡', '=))', 'http://x.vn', '#tag', '@a', '12', ',', '.', '“', '”', '\n', 'hoà',
);
const queryLike = fc.array(queryPiece, { maxLength: 30 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 100 }), queryLike);

describe('parseQuery never throws', () => {
  it('returns a result or a parse error for any string', () => {
    fc.assert(
      fc.property(anyText, (src) => {
        const result = parseQuery(src);
        if (result.ok) {
          expect(result.ast).toBeTypeOf('object');
        } else {
          expect(result.error.position).toBeGreaterThanOrEqual(0);
          expect(result.error.position).toBeLessThanOrEqual(src.length);
          expect(result.error.expected.length).toBeGreaterThan(0);
          expect(result.error.message).toMatch(/^At position \d+: expected /);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compileRules throws nothing but RuleCompileError', () => {
  const ruleLike = fc.record({
    id: fc.oneof(fc.constantFrom('r1', 'r-2', 'bad id', ''), fc.stringMatching(/^[a-z0-9]{1,8}$/)),
    category: fc.oneof(fc.constantFrom(...CATEGORIES), fc.constant('none')),
    query: anyText,
    severity: fc.option(fc.constantFrom('critical', 'high', 'medium', 'low', 'urgent'), { nil: undefined }),
    requires_about: fc.option(fc.boolean(), { nil: undefined }),
  });
  it('compiles or reports problems for random rules', () => {
    fc.assert(
      fc.property(fc.array(ruleLike, { maxLength: 5 }), (rules) => {
        try {
          const set = compileRules(rules as never);
          // Whatever compiled can match without throwing either.
          set.match([], [], '');
        } catch (e) {
          expect(e).toBeInstanceOf(RuleCompileError);
          expect((e as RuleCompileError).problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
