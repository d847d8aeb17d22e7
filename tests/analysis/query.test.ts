import { describe, expect, it } from 'vitest';
import { matchesWithoutTerms, negatedNearOperand, parseQuery, type QueryNode } from '../../src/analysis/query.js';

/** A compact rendering of an AST to compare shapes. */
function show(node: QueryNode): string {
  switch (node.type) {
    case 'phrase':
      return `"${node.syllables.map((s) => s.norm).join(' ')}${node.prefix ? '*' : ''}"`;
    case 'and':
      return `AND(${node.children.map(show).join(', ')})`;
    case 'or':
      return `OR(${node.children.map(show).join(', ')})`;
    case 'not':
      return `NOT(${show(node.child)})`;
    case 'near':
      return `NEAR${node.distance}(${show(node.left)}, ${show(node.right)})`;
  }
}

function parsed(src: string): string {
  const result = parseQuery(src);
  if (!result.ok) throw new Error(result.error.message);
  return show(result.ast);
}

describe('parseQuery: operators and precedence', () => {
  it.each([
    ['bồi', '"bồi"'],
    ['"bồi thường"', '"bồi thường"'],
    ['bồi thường', 'AND("bồi", "thường")'],
    ['a AND b', 'AND("a", "b")'],
    ['a OR b', 'OR("a", "b")'],
    ['NOT a', 'NOT("a")'],
    ['a NOT b', 'AND("a", NOT("b"))'],
    ['a AND NOT b', 'AND("a", NOT("b"))'],
    ['a OR b AND c', 'OR("a", AND("b", "c"))'],
    ['(a OR b) AND c', 'AND(OR("a", "b"), "c")'],
    ['a NEAR/3 b', 'NEAR3("a", "b")'],
    ['a NEAR b', 'NEAR5("a", "b")'],
    ['a NEAR/2 b AND c', 'AND(NEAR2("a", "b"), "c")'],
    ['a NEAR/2 b OR c', 'OR(NEAR2("a", "b"), "c")'],
    ['NOT a NEAR/2 b', 'NEAR2(NOT("a"), "b")'],
    ['a NEAR/1 b NEAR/2 c', 'NEAR2(NEAR1("a", "b"), "c")'],
    ['(a OR b) NEAR/4 "c d"', 'NEAR4(OR("a", "b"), "c d")'],
    ['NOT NOT a', 'NOT(NOT("a"))'],
    ['a OR b OR c', 'OR("a", "b", "c")'],
    ['tham*', '"tham*"'],
    ['"bồi thư*"', '"bồi thư*"'],
    ['"bồi thư *"', '"bồi thư*"'],
    ['ng*', '"ng*"'],
    ['UBND', '"ủy ban nhân dân"'],
    ['Giê-sùa', '"giê sùa"'],
    ['ko', '"không"'],
    ['Hoà', '"hòa"'],
    ['a and b', 'AND("a", "and", "b")'],
    ['“tin đồn”', '"tin đồn"'],
  ])('%s → %s', (src, expected) => {
    expect(parsed(src)).toBe(expected);
  });

  it('keeps the position of each term', () => {
    const result = parseQuery('alpha OR "beta gamma"');
    expect(result.ok).toBe(true);
    if (!result.ok || result.ast.type !== 'or') throw new Error('expected OR');
    expect(result.ast.children.map((c) => c.position)).toEqual([0, 9]);
  });
});

describe('parseQuery: errors name the position and what was expected', () => {
  it.each([
    ['', 0, "a term, a quoted phrase or '('"],
    ['   ', 3, "a term, a quoted phrase or '('"],
    ['a AND', 5, "a term, a quoted phrase or '('"],
    ['a OR OR b', 5, "a term, a quoted phrase or '('"],
    ['(a OR b', 7, "')' to close the '(' at position 0"],
    ['a OR b)', 6, "the end of the query (this ')' has no matching '(')"],
    ['"bồi thường', 11, 'a closing quote (") for the phrase opened at position 0'],
    ['a NEAR/x b', 7, 'a number of syllables after NEAR/ (for example NEAR/3)'],
    ['a NEAR/ b', 7, 'a number of syllables after NEAR/ (for example NEAR/3)'],
    ['a NEAR/500 b', 7, 'a NEAR distance of at most 100'],
    ['a NEAR/3', 8, "a term, a quoted phrase or '('"],
    ['()', 1, "a term, a quoted phrase or '(' inside the parentheses"],
    ['*', 0, "a syllable before '*'"],
    ['ab*c', 2, "'*' only at the end of a word"],
    ['"bồi* thường"', 4, "'*' only at the end of a phrase"],
    ['"!!!"', 0, 'a word (letters, digits or an emoji)'],
    ['NOT', 3, "a term, a quoted phrase or '('"],
  ])('%j fails at %i expecting %s', (src, position, expected) => {
    const result = parseQuery(src);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.position).toBe(position);
    expect(result.error.expected).toBe(expected);
    expect(result.error.message).toContain(`At position ${position}: expected ${expected}`);
  });

  it('says what it found', () => {
    const result = parseQuery('a OR )');
    expect(result.ok ? '' : result.error.message).toBe("At position 5: expected a term, a quoted phrase or '(', found ')'.");
  });

  it('refuses nesting that is too deep instead of overflowing the stack', () => {
    const result = parseQuery(`${'('.repeat(200)}a${')'.repeat(200)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.expected).toBe('at most 64 levels of nesting');
  });
});

describe('static checks', () => {
  const ast = (src: string): QueryNode => {
    const result = parseQuery(src);
    if (!result.ok) throw new Error(result.error.message);
    return result.ast;
  };
  it.each([
    ['a', false],
    ['NOT a', true],
    ['a OR NOT b', true],
    ['NOT (a AND b)', true],
    ['a AND NOT b', false],
    ['NOT NOT a', false],
    ['(NOT a) NEAR/2 b', false],
  ])('%s matches without any term: %s', (src, expected) => {
    expect(matchesWithoutTerms(ast(src))).toBe(expected);
  });
  it('finds a negated NEAR operand', () => {
    expect(negatedNearOperand(ast('a NEAR/2 (NOT b)'))?.position).toBe(10);
    expect(negatedNearOperand(ast('a NEAR/2 b AND NOT c'))).toBeNull();
  });
});
