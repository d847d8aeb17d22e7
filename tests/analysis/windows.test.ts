// Long texts are read by the model in windows the size of the posts it learned from: the cuts
// cover every token once, on sentence boundaries, and cut a run-on sentence; a complaint inside a
// long weekly digest is found (scored whole, the routine paragraphs drown it); short posts are
// analysed exactly as before.
import { describe, expect, it } from 'vitest';
import { createAnalyzer, loadDefaultRulePack } from '../../src/analysis/index.js';
import { tokenize } from '../../src/analysis/normalize.js';
import { loadDefaultModel } from '../../src/analysis/model/default-model.js';
import { DEFAULT_WINDOW_POLICY, modelWindows, textCategoryMask } from '../../src/analysis/model/windows.js';
import { CATEGORIES, type Category } from '../../src/analysis/types.js';
import { COMPLAINT, ROUTINE } from './long-text-fixtures.js';

const PROFILE = { commune: 'Phú Thông', aliases: ['xã Phú Thông'], places: ['thôn Nà Pài', 'chợ Phú Thông', 'Trường Tiểu học Phú Thông'] };

const DIGEST = ['BẢN TIN XÃ PHÚ THÔNG TUẦN NÀY', ROUTINE[0], ROUTINE[1], COMPLAINT, ROUTINE[2], ROUTINE[3]].join('\n\n');

function wordCount(text: string): number {
  return tokenize(text).filter((t) => t.kind === 'word').length;
}

describe('modelWindows', () => {
  it('leaves a post as short as the training posts whole', () => {
    expect(modelWindows(tokenize(COMPLAINT), COMPLAINT.length)).toBeNull();
    expect(wordCount(DIGEST)).toBeGreaterThan(DEFAULT_WINDOW_POLICY.wholeUpTo);
  });

  it('cuts a long text into contiguous windows of whole sentences, each token once', () => {
    const tokens = tokenize(DIGEST);
    const windows = modelWindows(tokens, DIGEST.length)!;
    expect(windows.length).toBeGreaterThan(2);
    expect(windows[0]!.from).toBe(0);
    expect(windows.at(-1)!.to).toBe(tokens.length);
    expect(windows.at(-1)!.end).toBe(DIGEST.length);
    for (let k = 0; k < windows.length; k++) {
      const w = windows[k]!;
      expect(w.words).toBeLessThanOrEqual(DEFAULT_WINDOW_POLICY.size);
      expect(w.words).toBe(tokens.slice(w.from, w.to).filter((t) => t.kind === 'word').length);
      expect(w.start).toBe(tokens[w.from]!.start);
      const next = windows[k + 1];
      if (next === undefined) continue;
      expect(next.from).toBe(w.to);
      expect(next.start).toBe(w.end);
      // A cut falls between sentences: the complaint's paragraph is never split.
      expect(tokens[w.to]!.sentence).not.toBe(tokens[w.to - 1]!.sentence);
    }
    const complaintStart = DIGEST.indexOf(COMPLAINT);
    expect(windows.some((w) => w.start <= complaintStart && w.end >= complaintStart + COMPLAINT.length)).toBe(true);
  });

  it('cuts a run-on text with no sentence break every `size` words', () => {
    const runOn = Array.from({ length: 150 }, (_, i) => ['đường', 'làng', 'xã', 'mình', 'lầy', 'lội'][i % 6]).join(' ');
    const windows = modelWindows(tokenize(runOn), runOn.length, { wholeUpTo: 80, size: 60 })!;
    expect(windows.map((w) => w.words)).toEqual([60, 60, 30]);
  });
});

describe('the analyzer on a long text', () => {
  const analyzer = createAnalyzer({ rules: loadDefaultRulePack().rules, profile: PROFILE, model: loadDefaultModel() });

  it('finds a complaint inside a long weekly digest, and explains it with words of the complaint', () => {
    const analysis = analyzer.analyze(DIGEST);
    expect(analysis.flag).toBe(true);
    expect(analysis.categories).toContain('phan_anh_kien_nghi');
    const complaintStart = DIGEST.indexOf(COMPLAINT);
    // No rule of the category matched the digest: the model added it and says why.
    const added = analysis.model?.added.find((a) => a.category === 'phan_anh_kien_nghi');
    expect(added?.reasons.length).toBeGreaterThan(0);
    for (const reason of added!.reasons) {
      if (reason.start === undefined) continue;
      expect(reason.start).toBeGreaterThanOrEqual(complaintStart);
      expect(reason.end!).toBeLessThanOrEqual(complaintStart + COMPLAINT.length);
      expect(DIGEST.slice(reason.start, reason.end)).toBe(reason.text);
    }
    const p = analysis.model!.polarity;
    expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 2);
    // The category's score is its best window's, not a mean that the routine paragraphs pull down.
    expect(analysis.model!.category_scores.phan_anh_kien_nghi).toBeGreaterThan(analysis.model!.category_scores.bau_cu);
  });

  it('does not flag a long digest of routine news', () => {
    const analysis = analyzer.analyze(['BẢN TIN XÃ PHÚ THÔNG TUẦN NÀY', ...ROUTINE].join('\n\n'));
    expect(analysis.flag).toBe(false);
    expect(analysis.categories.filter((c) => c !== 'tich_cuc')).toEqual([]);
  });

  it('analyses a post as short as the training posts exactly as a whole-text analyzer does', () => {
    const whole = createAnalyzer({ rules: loadDefaultRulePack().rules, profile: PROFILE, model: loadDefaultModel(), windowPolicy: { wholeUpTo: Number.POSITIVE_INFINITY, size: 60 } });
    for (const text of [COMPLAINT, ...ROUTINE, `${ROUTINE[1]} ${COMPLAINT}`]) {
      expect(wordCount(text)).toBeLessThanOrEqual(DEFAULT_WINDOW_POLICY.wholeUpTo);
      expect(analyzer.analyze(text)).toEqual(whole.analyze(text));
    }
  });
});

describe('textCategoryMask', () => {
  const bit = (...categories: Category[]): number => categories.reduce((mask, c) => mask | (1 << CATEGORIES.indexOf(c)), 0);
  const best = (scores: Partial<Record<Category, number>>): number[] => CATEGORIES.map((c) => scores[c] ?? 0);

  it('keeps the categories some window was sure of', () => {
    const found = bit('phan_anh_kien_nghi', 'tham_nhung_tieu_cuc', 'tich_cuc');
    expect(textCategoryMask(found, bit('phan_anh_kien_nghi'), best({ phan_anh_kien_nghi: 0.9, tham_nhung_tieu_cuc: 0.6, tich_cuc: 0.7 }))).toBe(bit('phan_anh_kien_nghi'));
    // Good news only a window was unsure of is dropped: it raises no alarm either way.
    expect(textCategoryMask(bit('tich_cuc'), 0, best({ tich_cuc: 0.6 }))).toBe(0);
  });

  it('keeps an incident the windows found with the kind they scored highest when none was sure of it', () => {
    const found = bit('phan_anh_kien_nghi', 'tham_nhung_tieu_cuc', 'tich_cuc');
    const sure = bit('tich_cuc');
    expect(textCategoryMask(found, sure, best({ phan_anh_kien_nghi: 0.55, tham_nhung_tieu_cuc: 0.7, tich_cuc: 0.95 }))).toBe(bit('tham_nhung_tieu_cuc', 'tich_cuc'));
    expect(textCategoryMask(found, 0, best({ phan_anh_kien_nghi: 0.75, tham_nhung_tieu_cuc: 0.7 }))).toBe(bit('phan_anh_kien_nghi'));
  });
});
