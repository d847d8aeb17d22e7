import { readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/analysis/normalize.js';
import {
  detectOffensive,
  findOffensiveTerms,
  isOffensive,
  OFFENSIVE_THRESHOLD,
  OFFENSIVE_THRESHOLD_WITHOUT_HIT,
  referenceScore,
} from '../../src/analysis/offensive.js';
import { buildResources, obfuscationHits, type OffensiveLexiconData } from '../../src/analysis/offensive-features.js';

const detect = (text: string) => detectOffensive(tokenize(text), text);

describe('detectOffensive', () => {
  const offensive: ReadonlyArray<readonly [string, string]> = [
    ['đ.m', 'dotted abbreviation'],
    ['đ.m thằng kia', 'dotted abbreviation in a sentence'],
    ['d m chính quyền', 'spaced letters'],
    ['Đ.M thằng hàng xóm đổ rác sang nhà tao', 'upper case, dotted'],
    ['vcl', 'abbreviation'],
    ['dm cq xa lam an nhu cut', 'abbreviation, no diacritics'],
    ['đ!t mẹ mày', 'punctuation inside the word'],
    ['Đ*t mẹ cái nhà mạng', 'wildcard inside the word'],
    ['n g u vãi', 'spaced letters'],
    ['thằng này nguuuu quá', 'repeated letters'],
    ['l0n', 'leetspeak'],
    ['đồ khốn nạn', 'insult'],
    ['thằng chủ tịch xã ngu như bò', 'insult about an official'],
    ['oc cho', 'insult without diacritics'],
    ['Mấy thằng xe ôm lái ẩu vl', 'slang profanity'],
    ['bọn 3/// phản động', 'political slur written with symbols'],
    ['Con đấy nói chuyện như l*n', 'masked profanity'],
  ];
  it.each(offensive)('%s is offensive (%s)', (text) => {
    const result = detect(text);
    expect(result.offensive).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(OFFENSIVE_THRESHOLD);
  });

  const clean: ReadonlyArray<readonly [string, string]> = [
    ['con cá to quá', '"con" + an innocent noun'],
    ['đi làm về muộn', '"làm" is not an insult'],
    ['ngu ngơ', '"ngu ngơ" is naive'],
    ['lon bia', 'a beer can'],
    ['thằng bé nhà tôi học giỏi', 'a little boy'],
    ['Nhà tôi nuôi con chó rất khôn', 'a real dog'],
    ['Cán bộ xã nhũng nhiễu, hách dịch', 'a complaint is not offensive language'],
    ['2 người chết trong vụ tai nạn', 'news of a death'],
    ['Nước lũ lên nhanh, bà con thôn Nà Pài sơ tán', 'a flood, not "a gang"'],
    ['nha minh mat dien ca buoi toi, khong ngu duoc', 'diacritic-free "buổi" and "ngủ"'],
    ['Cảm ơn các anh bộ đội', 'thanks'],
    ['Hội Phụ nữ xã trao 5 con bò giống cho hộ nghèo', 'cattle'],
    ['Đề nghị UBND xã sửa đường liên thôn trước mùa mưa', 'a request'],
    ['', 'empty text'],
  ];
  it.each(clean)('%s is clean (%s)', (text) => {
    expect(detect(text).offensive).toBe(false);
  });

  it('scores stay in [0, 1], for any text', () => {
    const words = ['đ.m', 'n g u', 'ngu', 'vcl', 'thằng', 'chó', 'đ!t', 'l0n', 'mẹ', '3///', 'tốt', 'xã', '😡', '...', 'c*c'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        const result = detectOffensive(tokenize(text), text);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        if (result.offensive) expect(result.score).toBeGreaterThanOrEqual(OFFENSIVE_THRESHOLD - 0.0005);
      }),
      { numRuns: 300 },
    );
  });

  it('the fast scorer equals the feature sums the model was trained on', () => {
    const texts = [
      'Đ.M thằng hàng xóm đổ rác sang cửa nhà tao lần thứ 3 rồi',
      'Cán bộ một cửa UBND xã thái độ quá tệ, hỏi có mấy câu mà trả lời cộc lốc 😡',
      'thang nay nguuu nhu bo, noi mai ko hieu, vl that',
      'Hội Phụ nữ xã trao 5 con bò giống cho hộ nghèo, các chị em hẹn nhau chăm bò thật tốt',
      'ngu ngơ thằng bé lon bia',
      '',
    ];
    for (const text of texts) {
      const tokens = tokenize(text);
      expect(detectOffensive(tokens, text).score).toBeCloseTo(referenceScore(tokens, text), 3);
    }
  });

  it('the pruned decision equals the full score, for any text', () => {
    const words = ['đ.m', 'ngu', 'vcl', 'thằng', 'chó', 'đ!t', 'mẹ', 'mày', 'óc', 'chết', 'xã', 'cán bộ', 'tốt', '😡', 'ko', 'dm', 'lừa đảo'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        const tokens = tokenize(text);
        expect(isOffensive(tokens, text)).toBe(detectOffensive(tokens, text).offensive);
        expect(detectOffensive(tokens, text).score).toBeCloseTo(referenceScore(tokens, text), 3);
      }),
      { numRuns: 300 },
    );
  });

  it('needs a surer model score when the lexicon finds nothing', () => {
    expect(OFFENSIVE_THRESHOLD_WITHOUT_HIT).toBeGreaterThanOrEqual(OFFENSIVE_THRESHOLD);
  });
});

describe('findOffensiveTerms', () => {
  it('points into the original text, obfuscated spellings included', () => {
    const text = 'Đ!t mẹ cái nhà mạng, trừ tiền vô lý, đồ khốn nạn';
    const found = findOffensiveTerms(tokenize(text), text).map((h) => text.slice(h.start, h.end));
    expect(found).toContain('Đ!t');
    expect(found.some((s) => s.includes('khốn nạn'))).toBe(true);
  });

  it('finds nothing in clean look-alikes', () => {
    for (const text of ['ngu ngơ', 'thằng bé', 'lon bia', 'Trộm chó hoành hành ở thôn Đông']) {
      expect(findOffensiveTerms(tokenize(text), text)).toEqual([]);
    }
  });
});

describe('obfuscation pass', () => {
  const data: OffensiveLexiconData = {
    version: 1,
    exact: [
      ['đm', 3],
      ['ngu', 2],
      ['địt', 3],
      ['vcl', 3],
    ],
    folded: [],
    raw: [['3///', 3]],
  };
  const res = buildResources(data);
  const cases: ReadonlyArray<readonly [string, number]> = [
    ['đ.m', 1],
    ['d.m', 1],
    ['đ m', 1],
    ['n g u', 1],
    ['nguuuu', 1],
    ['đ!t', 1],
    ['đ*t', 1],
    ['v.c.l', 1],
    ['v-c-l!!!', 1],
    ['bọn 3///', 1],
    ['ngu', 0], // plain words are the tokens' job
    ['đm.', 0],
    ['Sao.Không', 0],
    ['https://vcl.example.com/d.m', 0],
    ['a b c', 0],
  ];
  it.each(cases)('%s → %i hit(s)', (text, count) => {
    expect(obfuscationHits(text, res).obfuscated).toBe(count);
  });
});

describe('shipped data', () => {
  const dataDir = new URL('../../src/analysis/data/', import.meta.url);
  it('is compact and holds terms, not comments', () => {
    for (const file of ['offensive-lexicon.json', 'offensive-model.json']) {
      expect(statSync(new URL(file, dataDir)).size).toBeLessThan(1_500_000);
    }
    const lexicon = JSON.parse(readFileSync(new URL('offensive-lexicon.json', dataDir), 'utf8')) as OffensiveLexiconData;
    for (const [phrase] of [...lexicon.exact, ...lexicon.folded]) {
      expect(phrase.split(' ').length).toBeLessThanOrEqual(6);
    }
  });

  it('keeps model weights rounded to 4 decimals', () => {
    const model = JSON.parse(readFileSync(new URL('offensive-model.json', dataDir), 'utf8')) as { unigram: number[]; pairs: number[] };
    for (const w of [...model.unigram.slice(0, 2000), ...model.pairs.slice(0, 3000)]) expect(Math.round(w * 1e4) / 1e4).toBe(w);
  });
});
