import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/analysis/normalize.js';
import { NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, scoreSentiment, sentimentLabel } from '../../src/analysis/sentiment.js';
import type { SentimentLabel } from '../../src/analysis/types.js';

const sentiment = (text: string) => scoreSentiment(tokenize(text));
const score = (text: string) => sentiment(text).score;

describe('scoreSentiment labels', () => {
  const cases: ReadonlyArray<readonly [string, SentimentLabel, string]> = [
    // plain lexicon
    ['Dịch vụ rất tốt', 'positive', 'intensified praise'],
    ['Cảm ơn các anh bộ đội đã giúp bà con', 'positive', 'thanks'],
    ['Cán bộ xã hách dịch, nhũng nhiễu dân', 'negative', 'complaint about conduct'],
    ['Đường thôn xuống cấp, ổ gà khắp nơi', 'negative', 'complaint about roads'],
    ['Hôm nay trời mưa', 'neutral', 'no cue'],
    ['Thông báo họp thôn lúc 7h tối thứ Sáu tại nhà văn hoá', 'neutral', 'announcement'],
    // negation and its scope
    ['không tốt', 'negative', 'negated praise'],
    ['Thái độ phục vụ chẳng hề nhiệt tình', 'negative', 'chẳng hề'],
    ['chẳng ai giải quyết', 'negative', '"chẳng ai" + an expectation'],
    ['Đơn gửi 3 tháng không ai trả lời', 'negative', '"không ai" + an expectation'],
    ['chưa được bồi thường', 'negative', 'chưa được + an expectation'],
    ['Dân thôn tôi đã được bồi thường đầy đủ', 'positive', 'affirmed expectation, no negation'],
    ['Có tốt đâu', 'negative', 'có … đâu'],
    ['Đâu có tốt', 'negative', 'đâu có'],
    ['không tệ', 'positive', 'negated complaint is mild praise'],
    ['không những tốt mà còn đẹp', 'positive', '"không những … mà còn" is not negation'],
    ['không khí trong lành', 'positive', '"không khí" is air, not negation'],
    ['Tôi không biết, nhưng đường mới rất đẹp', 'positive', 'the scope ends at the clause'],
    ['Không đi được vì mưa to quá, đường mới làm đẹp lắm', 'positive', 'scope ends at the comma'],
    ['chả giò ở chợ ngon lắm', 'positive', '"chả giò" is food, not negation'],
    ['Dự án có tốt không?', 'neutral', 'a question is not praise'],
    // contrast and concession
    ['Cán bộ nhiệt tình nhưng thủ tục rườm rà quá', 'negative', 'the clause after "nhưng" weighs more'],
    ['Thủ tục hơi rườm rà nhưng cán bộ rất nhiệt tình', 'positive', 'the clause after "nhưng" weighs more'],
    ['Tuy hơi chậm nhưng cán bộ rất nhiệt tình', 'positive', 'tuy … nhưng'],
    ['Đường đẹp, song chậm tiến độ cả năm trời', 'negative', 'song'],
    // emoji and emoticons
    ['😡😡', 'negative', 'angry emoji'],
    ['Đường mới đẹp quá ❤️', 'positive', 'heart'],
    ['mất điện cả tối :((', 'negative', 'sad emoticon'],
    ['👍👍', 'positive', 'thumbs up'],
    // typed without diacritics, with teencode
    ['duong ngap qua ko ai giai quyet', 'negative', 'no diacritics, teencode'],
    ['cam on cac anh rat nhiet tinh', 'positive', 'no diacritics'],
    ['dich vu o day tot lam', 'positive', 'no diacritics, post-intensifier'],
    ['chua dc boi thuong gi ca', 'negative', 'no diacritics, chưa được'],
    ['cho minh hoi lich tiem phong cho con', 'neutral', '"hoi" is hỏi here, not hôi'],
    // sarcasm and mockery
    ['Chính quyền giỏi thật, dân kêu mấy năm chẳng ai giải quyết =))', 'negative', 'ironic praise in a complaint'],
    ['Đường mới làm 3 tháng đã nứt toác, hay nhỉ', 'negative', '"hay nhỉ" after a complaint'],
    ['haha vui quá', 'positive', 'friendly laughter'],
    // profanity and insults read as negative
    ['đm đường gì mà như cc', 'negative', 'profanity'],
  ];
  it.each(cases)('%s → %s (%s)', (text, label) => {
    expect(sentiment(text).label).toBe(label);
  });
});

describe('scoreSentiment weights', () => {
  it('intensifiers strengthen and diminishers soften', () => {
    expect(score('rất tốt')).toBeGreaterThan(score('tốt'));
    expect(score('tốt quá')).toBeGreaterThan(score('tốt'));
    expect(score('cực kỳ tốt')).toBeGreaterThan(score('rất tốt'));
    expect(score('hơi tốt')).toBeLessThan(score('tốt'));
    expect(score('hơi tốt')).toBeGreaterThan(0);
    expect(score('rất tệ')).toBeLessThan(score('tệ'));
    expect(score('hơi chậm')).toBeGreaterThan(score('chậm'));
    expect(score('hơi chậm')).toBeLessThan(0);
  });

  it('negated praise is negative, negated complaint only mildly positive', () => {
    expect(score('không tốt')).toBeLessThan(0);
    expect(score('không tệ')).toBeGreaterThan(0);
    expect(score('không tệ')).toBeLessThan(score('tốt'));
  });

  it('a negator reaches a few syllables, not the whole sentence', () => {
    expect(score('không ai đến')).toBeLessThan(0);
    expect(score('không có ai ở nhà vào hôm đó cả mà mọi việc vẫn tốt')).toBeGreaterThan(0);
  });

  it('diacritic-free text scores like the same text with diacritics', () => {
    const pairs = [
      ['Cán bộ rất nhiệt tình, chu đáo', 'can bo rat nhiet tinh, chu dao'],
      ['Đường ngập, bức xúc quá', 'duong ngap, buc xuc qua'],
      ['chẳng ai quan tâm', 'chang ai quan tam'],
    ] as const;
    for (const [marked, plain] of pairs) {
      expect(Math.sign(score(plain))).toBe(Math.sign(score(marked)));
      expect(sentiment(plain).label).toBe(sentiment(marked).label);
    }
  });

  it('a diacritic-free look-alike does not match inside text that has diacritics', () => {
    // "ban" is bạn/bàn/bán, never "bẩn", and it is typed with diacritics elsewhere here.
    expect(sentiment('Hôm nay ban quản lý chợ họp với các hộ kinh doanh').label).toBe('neutral');
  });
});

describe('scoreSentiment contract', () => {
  it('empty input is neutral', () => {
    expect(scoreSentiment([])).toEqual({ label: 'neutral', score: 0 });
  });

  it('score stays in [-1, 1] and agrees with the label, for any text', () => {
    const words = ['không', 'tốt', 'rất', 'tệ', 'nhưng', 'chẳng', 'ai', 'giải quyết', '😡', '=))', 'giỏi', 'thật', 'đâu', 'có', 'haha', 'quá', ',', '.', 'ko', 'tot'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
        const s = scoreSentiment(tokenize(parts.join(' ')));
        expect(s.score).toBeGreaterThanOrEqual(-1);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(s.label).toBe(sentimentLabel(s.score));
      }),
      { numRuns: 300 },
    );
  });

  it('thresholds are ordered', () => {
    expect(NEGATIVE_THRESHOLD).toBeLessThan(0);
    expect(POSITIVE_THRESHOLD).toBeGreaterThan(0);
  });
});

describe('the general social-media lexicon', () => {
  it('reads praise, slang and insults the commune lexicon does not list', () => {
    expect(sentiment('Cô chững chạc hơn nhiều rồi').label).toBe('positive');
    expect(sentiment('quán này xịn xò thật sự').label).toBe('positive');
    expect(sentiment('đúng là đồ óc chó').label).toBe('negative');
    expect(sentiment('nghe mà bùn ghê').label).toBe('negative');
  });

  it('composes its words with negation and intensifiers like the project lexicon', () => {
    expect(score('không xịn xò')).toBeLessThan(0);
    expect(score('rất chững chạc')).toBeGreaterThan(score('chững chạc'));
  });

  it('matches a single syllable only where it is typed with diacritics', () => {
    // "ngu" (stupid) is how "ngủ" (sleep) looks typed without diacritics.
    expect(score('toi di ngu som')).toBe(0);
    expect(score('thằng này ngu thật')).toBeLessThan(0);
  });

  it('never overrides a phrase the project lists: "không khí" stays air', () => {
    expect(sentiment('không khí hôm nay').label).toBe('neutral');
  });
});
