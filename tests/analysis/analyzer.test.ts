import { describe, expect, it } from 'vitest';
import { createAnalyzer, severityOf } from '../../src/analysis/analyzer.js';
import type { RuleHit } from '../../src/analysis/rules.js';
import type { Category, Severity } from '../../src/analysis/types.js';

const profile = { commune: 'Phủ Thông', aliases: [], places: ['thôn Nà Pài'] };
const analyzer = createAnalyzer({
  profile,
  rules: [
    { id: 'gpmb', category: 'phan_anh_kien_nghi', query: '"bồi thường" AND (chậm OR "không thỏa đáng")' },
    { id: 'lu', category: 'thien_tai_dich_benh', query: '"lũ quét"', requires_about: false },
    { id: 'tin-don', category: 'tin_sai_su_that', query: '"tin đồn"' },
    { id: 'khanh-thanh', category: 'tich_cuc', query: '"khánh thành"' },
    { id: 'off', category: 'bau_cu', query: '"bầu cử"', enabled: false },
  ],
});

describe('createAnalyzer', () => {
  it('counts enabled rules', () => {
    expect(analyzer.ruleCount).toBe(4);
  });

  it('flags a complaint about the commune, with matches pointing into the text', () => {
    const text = 'Tiền bồi thường ở thôn Nà Pài chậm quá';
    const result = analyzer.analyze(text);
    expect(result.about).toBe(true);
    expect(result.flag).toBe(true);
    expect(result.categories).toEqual(['phan_anh_kien_nghi']);
    expect(result.matches.map((m) => [m.rule, m.text, text.slice(m.start, m.end)])).toEqual([
      ['gpmb', 'bồi thường', 'bồi thường'],
      ['gpmb', 'chậm', 'chậm'],
    ]);
    expect(result.severity).not.toBeNull();
  });

  it('drops matches of rules that need the commune when the post is not about it', () => {
    const result = analyzer.analyze('Tiền bồi thường ở Hà Nội chậm quá');
    expect(result.about).toBe(false);
    expect(result.matches).toEqual([]);
    expect(result.categories).toEqual([]);
    expect(result.flag).toBe(false);
    expect(result.severity).toBeNull();
  });

  it('keeps matches of rules that do not need the commune, without flagging', () => {
    const result = analyzer.analyze('Lũ quét ở Lào Cai');
    expect(result.categories).toEqual(['thien_tai_dich_benh']);
    expect(result.flag).toBe(false);
    expect(result.severity).toBeNull();
  });

  it('treats the commune’s own channels as about the commune', () => {
    const result = analyzer.analyze('Có tin đồn sai về dự án', { fromCommuneChannel: true });
    expect(result.about).toBe(true);
    expect(result.flag).toBe(true);
    expect(result.categories).toEqual(['tin_sai_su_that']);
  });

  it('never flags good news alone', () => {
    const result = analyzer.analyze('Khánh thành cầu mới ở thôn Nà Pài');
    expect(result.categories).toEqual(['tich_cuc']);
    expect(result.flag).toBe(false);
    expect(result.severity).toBeNull();
  });

  it('lists categories once each, in the order of CATEGORIES', () => {
    const result = analyzer.analyze('Khánh thành xong mà tiền bồi thường vẫn chậm, lại có tin đồn. Thôn Nà Pài');
    expect(result.categories).toEqual(['tin_sai_su_that', 'phan_anh_kien_nghi', 'tich_cuc']);
  });

  it('reads the commune name without diacritics', () => {
    expect(analyzer.analyze('tien boi thuong o xa phu thong cham qua').flag).toBe(true);
  });

  it('returns sentiment and offensive fields', () => {
    const result = analyzer.analyze('Phủ Thông');
    expect(['negative', 'neutral', 'positive']).toContain(result.sentiment.label);
    expect(result.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(result.sentiment.score).toBeLessThanOrEqual(1);
    expect(typeof result.offensive).toBe('boolean');
  });
});

describe('severityOf', () => {
  const hit = (category: Category, severity: Severity | null): RuleHit => ({
    rule: { id: category, category, severity, requiresAbout: true, query: { type: 'phrase', text: 'x', syllables: [], prefix: false, position: 0 } },
    matches: [],
  });
  const negative = { label: 'negative', score: -0.8 } as const;
  const neutral = { label: 'neutral', score: 0 } as const;

  it.each([
    ['highest rule severity', [hit('bau_cu', 'high'), hit('phan_anh_kien_nghi', 'medium')], negative, false, 0, 'high'],
    ['raised when strongly negative and offensive', [hit('bau_cu', 'high')], negative, true, 0, 'critical'],
    ['raised for high engagement', [hit('phan_anh_kien_nghi', 'medium')], negative, false, 501, 'high'],
    ['never above critical', [hit('an_ninh_trat_tu', 'critical')], negative, true, 1000, 'critical'],
    ['a complaint without negative sentiment goes down', [hit('phan_anh_kien_nghi', 'medium')], neutral, false, 0, 'low'],
    ['never below low', [hit('phan_anh_kien_nghi', 'low')], neutral, false, 0, 'low'],
    ['not lowered when another category matched', [hit('phan_anh_kien_nghi', 'medium'), hit('bau_cu', 'medium')], neutral, false, 0, 'medium'],
    ['good news has none', [hit('tich_cuc', null)], neutral, false, 0, null],
  ] as const)('%s', (_name, hits, sentiment, offensive, engagement, expected) => {
    expect(severityOf(hits, sentiment, offensive, engagement)).toBe(expected);
  });
});
