import { describe, expect, it } from 'vitest';
import { diacriticlessSentences, tokenize } from '../../src/analysis/normalize.js';
import { checkRules, compileRules, RuleCompileError, rulePackSchema, ruleSchema, type RuleInput } from '../../src/analysis/rules.js';

/** Ids of the rules that match `text`, one rule per query. */
function matchingQueries(queries: readonly string[], text: string): number[] {
  const set = compileRules(queries.map((query, i): RuleInput => ({ id: `q${i}`, category: 'phan_anh_kien_nghi', query })));
  const tokens = tokenize(text);
  return set.match(tokens, diacriticlessSentences(tokens), text).map((hit) => Number(hit.rule.id.slice(1)));
}
function matches(query: string, text: string): boolean {
  return matchingQueries([query], text).length === 1;
}
/** The original slices reported for a query. */
function slices(query: string, text: string): string[] {
  const set = compileRules([{ id: 'r', category: 'tin_sai_su_that', query }]);
  const tokens = tokenize(text);
  return set.match(tokens, diacriticlessSentences(tokens), text).flatMap((hit) => hit.matches.map((m) => text.slice(m.start, m.end)));
}

describe('operators', () => {
  it.each([
    // term and phrase
    ['bồi', 'tiền bồi thường', true],
    ['"bồi thường"', 'tiền bồi thường chậm', true],
    ['"bồi thường"', 'thường được bồi', false],
    ['bồi thường', 'thường được bồi', true],
    // AND / implicit AND
    ['đất AND chậm', 'đất đai giải quyết chậm', true],
    ['đất AND chậm', 'đất đai', false],
    ['đất chậm', 'chậm mà đất', true],
    // OR
    ['mưa OR bão', 'trời bão', true],
    ['mưa OR bão', 'trời nắng', false],
    // NOT
    ['"tham nhũng" NOT "phòng chống"', 'cán bộ tham nhũng', true],
    ['"tham nhũng" NOT "phòng chống"', 'công tác phòng chống tham nhũng', false],
    // parentheses
    ['(mưa OR bão) AND lũ', 'bão gây lũ', true],
    ['(mưa OR bão) AND lũ', 'bão to', false],
    // NEAR/n: at most n syllables between, in either order
    ['đường NEAR/2 hỏng', 'đường rất hỏng', true],
    ['đường NEAR/2 hỏng', 'đường lên bản hỏng', true],
    ['đường NEAR/2 hỏng', 'đường lên bản Nà hỏng', false],
    ['đường NEAR/0 hỏng', 'đường hỏng', true],
    ['đường NEAR/0 hỏng', 'đường bị hỏng', false],
    ['đường NEAR/1 hỏng', 'hỏng hết đường', true],
    ['"mặt bằng" NEAR/3 (chậm OR treo)', 'giải phóng mặt bằng bị treo mãi', true],
    // prefix
    ['"bồi thư*"', 'bồi thường', true],
    ['"bồi thư*"', 'bồi thưởng', true],
    ['"bồi thư*"', 'bồi dưỡng', false],
    ['tham*', 'thăm hỏi', false],
    ['tham*', 'tham nhũng', true],
    ['ng*', 'nghe nói', true],
    // teencode on both sides
    ['không', 'ko ai giải quyết', true],
    ['ubnd', 'Ủy ban nhân dân xã', true],
    ['"ủy ban nhân dân"', 'gửi UBND xã', true],
    ['hoà', 'hòa giải', true],
    // emoji
    ['😡', 'bực quá 😡😡', true],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('does not join a phrase across sentences', () => {
    expect(matches('"giải phóng mặt bằng"', 'giải phóng. Mặt bằng')).toBe(false);
  });
});

describe('text with and without diacritics', () => {
  it.each([
    // accented text is matched exactly
    ['bàn', 'cái bán hàng', false],
    ['bán', 'ngồi bàn bạc', false],
    ['mà', 'con ma trong truyện cổ tích này', false],
    ['ma', 'nói mà không làm gì cả', false],
    ['"phủ thông"', 'trường phổ thông phụ thông', false],
    // unaccented text is matched on folded forms
    ['bán', 'nguoi dan ban dat cho cong ty', true],
    ['"thu hồi đất"', 'xa dang thu hoi dat cua dan', true],
    ['"thu hồi đất"', 'xã đang thu hoi dat của dân', false],
    ['"tham nhũng"', 'can bo xa tham nhung qua', true],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('decides per sentence', () => {
    const text = 'Cán bộ xã làm việc rất tắc trách. Can bo xa tham nhung that su';
    expect(matches('"tham nhũng"', text)).toBe(true);
    expect(matches('"tắc trách"', text)).toBe(true);
  });
});

describe('match offsets', () => {
  it('point into the original text, for each positive occurrence', () => {
    const text = 'Tiền bồi thường chậm, bồi thường thấp';
    expect(slices('"bồi thường" AND (chậm OR thấp)', text)).toEqual(['bồi thường', 'chậm', 'bồi thường', 'thấp']);
  });
  it('cover the whole abbreviation that was expanded', () => {
    expect(slices('"ủy ban nhân dân"', 'Gửi UBND xã')).toEqual(['UBND']);
    expect(slices('"ủy ban"', 'Gửi UBND xã')).toEqual(['UBND']);
  });
  it('point into NFD text', () => {
    const text = 'Người dân bức xúc'.normalize('NFD');
    const [slice] = slices('"bức xúc"', text);
    expect(slice).toBe('bức xúc'.normalize('NFD'));
  });
  it('report only the NEAR operands that are close', () => {
    expect(slices('đường NEAR/1 hỏng', 'đường xa, đường hỏng')).toEqual(['đường', 'hỏng']);
  });
  it('leave negated terms out', () => {
    expect(slices('chậm AND NOT nhanh', 'chậm chạp')).toEqual(['chậm']);
  });
  it('carry rule id, category and text', () => {
    const set = compileRules([{ id: 'tin-don', category: 'tin_sai_su_that', query: '"tin đồn"' }]);
    const text = 'Có tin đồn rằng';
    const tokens = tokenize(text);
    expect(set.match(tokens, diacriticlessSentences(tokens), text)[0]!.matches).toEqual([
      { rule: 'tin-don', category: 'tin_sai_su_that', start: 3, end: 10, text: 'tin đồn' },
    ]);
  });
});

describe('compile', () => {
  it('applies the defaults of a rule', () => {
    const set = compileRules([
      { id: 'a', category: 'an_ninh_trat_tu', query: 'x' },
      { id: 'b', category: 'phan_anh_kien_nghi', severity: 'low', query: 'y', requires_about: false },
      { id: 'c', category: 'tich_cuc', query: 'z' },
      { id: 'd', category: 'bau_cu', query: 'w', enabled: false },
    ]);
    expect(set.rules.map((r) => [r.id, r.severity, r.requiresAbout])).toEqual([
      ['a', 'critical', true],
      ['b', 'low', false],
      ['c', null, true],
    ]);
  });

  it('indexes each distinct phrase once', () => {
    expect(compileRules([
      { id: 'a', category: 'bau_cu', query: '"bầu cử" OR "cử tri"' },
      { id: 'b', category: 'bau_cu', query: '"bầu cử" AND gian' },
    ]).phraseCount).toBe(3);
  });

  it.each([
    [{ id: 'r1', category: 'bau_cu', query: 'a AND' }, 'r1', 5, "rule r1: At position 5: expected a term, a quoted phrase or '(', found the end of the query."],
    [{ id: 'r2', category: 'bau_cu', query: 'NOT a' }, 'r2', 0, 'rule r2: At position 0: the query is true on a post containing none of its terms'],
    [{ id: 'r3', category: 'bau_cu', query: 'a OR NOT b' }, 'r3', 0, 'rule r3: At position 0: the query is true'],
    [{ id: 'r4', category: 'bau_cu', query: 'a NEAR/3 (NOT b)' }, 'r4', 10, 'rule r4: At position 10: expected a term, a phrase or a group of them as an operand of NEAR, found NOT.'],
    [{ id: 'Bad Id', category: 'bau_cu', query: 'a' }, 'Bad Id', null, 'rule Bad Id: invalid rule field "id"'],
    [{ id: 'r6', category: 'none', query: 'a' }, 'r6', null, 'rule r6: invalid rule field "category"'],
  ])('refuses %j', (rule, ruleId, position, message) => {
    let error: unknown;
    try {
      compileRules([rule as RuleInput]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleCompileError);
    const problems = (error as RuleCompileError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.ruleId).toBe(ruleId);
    expect(problems[0]!.position).toBe(position);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  it('lists every problem, duplicates included', () => {
    const problems = checkRules([
      { id: 'a', category: 'bau_cu', query: 'x' },
      { id: 'a', category: 'bau_cu', query: 'y' },
      { id: 'b', category: 'bau_cu', query: '(' },
    ]);
    expect(problems.map((p) => [p.ruleId, p.message.split(':')[0]])).toEqual([
      ['a', 'duplicate rule id'],
      ['b', 'At position 1'],
    ]);
  });
});

describe('schemas', () => {
  it('parses a pack with defaults', () => {
    const pack = rulePackSchema.parse({ version: '1', rules: [{ id: 'x-1', category: 'bau_cu', query: '"bầu cử"' }] });
    expect(pack.rules[0]).toEqual({ id: 'x-1', category: 'bau_cu', query: '"bầu cử"', requires_about: true, enabled: true });
  });
  it('refuses an unknown severity', () => {
    expect(ruleSchema.safeParse({ id: 'x', category: 'bau_cu', query: 'a', severity: 'urgent' }).success).toBe(false);
  });
});
