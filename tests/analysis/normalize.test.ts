import { describe, expect, it } from 'vitest';
import {
  diacriticlessSentences,
  foldDiacritics,
  hasDiacritics,
  normalizeSyllable,
  normalizeText,
  placeTone,
  squeezeStretched,
  tokenize,
} from '../../src/analysis/normalize.js';

/** [norm, original slice] of each token. */
function normsWithSlices(text: string): [string, string][] {
  return tokenize(text).map((t) => [t.norm, text.slice(t.start, t.end)]);
}

describe('normalizeSyllable: one canonical tone placement', () => {
  it.each([
    ['hoà', 'hòa'],
    ['hòa', 'hòa'],
    ['thuý', 'thúy'],
    ['thúy', 'thúy'],
    ['qùy', 'quỳ'],
    ['quỳ', 'quỳ'],
    ['khoẻ', 'khỏe'],
    ['khỏe', 'khỏe'],
    ['HOÀ', 'hòa'],
    ['Thuỷ', 'thủy'],
    ['hoàng', 'hoàng'],
    ['ngoài', 'ngoài'],
    ['người', 'người'],
    ['ngừơi', 'người'],
    ['tuổi', 'tuổi'],
    ['giữa', 'giữa'],
    ['gìn', 'gìn'],
    ['gìa', 'già'],
    ['thuở', 'thuở'],
    ['quý', 'quý'],
    ['khuỷu', 'khuỷu'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSyllable(input)).toBe(expected);
  });

  it('reads NFD input like NFC', () => {
    expect(normalizeSyllable('hoà'.normalize('NFD'))).toBe('hòa');
    expect(normalizeSyllable('Người'.normalize('NFD'))).toBe('người');
  });

  it('leaves words that are not Vietnamese syllables alone', () => {
    expect(placeTone('café')).toBe('café');
    expect(placeTone('xoong')).toBe('xoong');
  });
});

describe('squeezeStretched', () => {
  it.each([
    ['quáaaa', 'quá'],
    ['đẹppp', 'đẹp'],
    ['khôôông', 'không'],
    ['nhiềuuuu', 'nhiều'],
    ['điiii', 'đi'],
    ['xoong', 'xoong'],
    ['boong', 'boong'],
    ['xooong', 'xoong'],
    ['hưu', 'hưu'],
    ['người', 'người'],
    ['kkk', 'kkk'],
    ['hello', 'hello'],
  ])('%s → %s', (input, expected) => {
    expect(squeezeStretched(input)).toBe(expected);
  });
});

describe('foldDiacritics / hasDiacritics', () => {
  it.each([
    ['Phủ Thông', 'Phu Thong'],
    ['đường', 'duong'],
    ['ĐẢNG', 'DANG'],
    ['người'.normalize('NFD'), 'nguoi'],
    ['abc', 'abc'],
  ])('%s → %s', (input, expected) => {
    expect(foldDiacritics(input)).toBe(expected);
  });
  it('tells marked from unmarked text', () => {
    expect(hasDiacritics('phu thong')).toBe(false);
    expect(hasDiacritics('phủ thong')).toBe(true);
    expect(hasDiacritics('dan đi')).toBe(true);
  });
});

describe('tokenize: words', () => {
  it('lower-cases, squeezes and places tones, with offsets into the original', () => {
    expect(normsWithSlices('Hoà bình QUÁAAA đẹppp!')).toEqual([
      ['hòa', 'Hoà'],
      ['bình', 'bình'],
      ['quá', 'QUÁAAA'],
      ['đẹp', 'đẹppp'],
    ]);
  });

  it('maps NFD input back to original offsets', () => {
    const text = 'Xã Phủ Thông hoà'.normalize('NFD');
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['xã', 'phủ', 'thông', 'hòa']);
    for (const t of tokens) expect(text.slice(t.start, t.end).normalize('NFC').toLowerCase()).toBe(t.norm === 'hòa' ? 'hoà' : t.norm);
    expect(tokens[3]!.end).toBe(text.length);
  });

  it('splits hyphenated words into syllables', () => {
    expect(tokenize('Giê-sùa').map((t) => t.norm)).toEqual(['giê', 'sùa']);
  });

  it('gives folded forms', () => {
    expect(tokenize('Đường xá hỏng').map((t) => t.folded)).toEqual(['duong', 'xa', 'hong']);
  });
});

describe('tokenize: teencode and abbreviations', () => {
  it.each([
    ['ko', ['không']],
    ['k', ['không']],
    ['hok', ['không']],
    ['khum', ['không']],
    ['hem', ['không']],
    ['dc', ['được']],
    ['đc', ['được']],
    ['cq', ['chính', 'quyền']],
    ['ubnd', ['ủy', 'ban', 'nhân', 'dân']],
    ['UBND', ['ủy', 'ban', 'nhân', 'dân']],
    ['HĐND', ['hội', 'đồng', 'nhân', 'dân']],
    ['gpmb', ['giải', 'phóng', 'mặt', 'bằng']],
    ['ng', ['người']],
    ['mn', ['mọi', 'người']],
    ['j', ['gì']],
    ['wá', ['quá']],
    ['bít', ['biết']],
    ['thik', ['thích']],
    ['khummm', ['không']],
  ])('%s → %j', (input, expected) => {
    expect(tokenize(input).map((t) => t.norm)).toEqual(expected);
  });

  it('expansions share the offsets of what was typed and are marked expanded', () => {
    const text = 'Gửi UBND xã';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.norm, t.start, t.end, t.expanded])).toEqual([
      ['gửi', 0, 3, false],
      ['ủy', 4, 8, true],
      ['ban', 4, 8, true],
      ['nhân', 4, 8, true],
      ['dân', 4, 8, true],
      ['xã', 9, 11, false],
    ]);
  });

  it('reads abbreviations after a number as units', () => {
    expect(tokenize('5k').map((t) => t.norm)).toEqual(['5', 'nghìn']);
    expect(tokenize('200 tr').map((t) => t.norm)).toEqual(['200', 'triệu']);
    expect(tokenize('5 kg gạo').map((t) => t.norm)).toEqual(['5', 'kg', 'gạo']);
    expect(tokenize('ko kg').map((t) => t.norm)).toEqual(['không', 'không']);
  });

  it('reads context-dependent abbreviations', () => {
    expect(tokenize('ko bt').map((t) => t.norm)).toEqual(['không', 'biết']);
    expect(tokenize('bt thôi').map((t) => t.norm)).toEqual(['bình', 'thường', 'thôi']);
    expect(tokenize('bây h').map((t) => t.norm)).toEqual(['bây', 'giờ']);
  });

  it('reads slashed abbreviations', () => {
    expect(normsWithSlices('đ/c Hùng')).toEqual([
      ['đồng', 'đ/c'],
      ['chí', 'đ/c'],
      ['hùng', 'Hùng'],
    ]);
  });
});

describe('tokenize: emoji, emoticons, URLs, mentions, hashtags, numbers', () => {
  it.each([
    ['😡', '😡'],
    ['❤️', '❤'],
    ['👍🏻', '👍'],
    ['=))', '=))'],
    ['=))))', '=))'],
    [':(', ':('],
    [':((((', ':(('],
    [':))', ':))'],
    [':)', ':)'],
    [':D', ':D'],
    ['^^', '^^'],
    ['^_^', '^^'],
    ['-_-', '-_-'],
    ['T_T', 'T_T'],
    ['<3', '<3'],
    [':v', ':v'],
  ])('%s is an emoji token with norm %s', (input, norm) => {
    const tokens = tokenize(`vui ${input} lắm`);
    expect(tokens.map((t) => t.kind)).toEqual(['word', 'emoji', 'word']);
    expect(tokens[1]!.norm).toBe(norm);
    expect(tokens[1]!.start).toBe(4);
    expect(tokens[1]!.end).toBe(4 + input.length);
  });

  it('reads an emoticon glued to a word', () => {
    expect(tokenize('vui quá=))').map((t) => [t.kind, t.norm])).toEqual([
      ['word', 'vui'],
      ['word', 'quá'],
      ['emoji', '=))'],
    ]);
  });

  it('keeps URLs, mentions and hashtags whole', () => {
    const text = 'Xem https://facebook.com/abc?x=1, fb.com/xyz @nguyen.van và #PhủThông nhé';
    expect(tokenize(text).map((t) => [t.kind, text.slice(t.start, t.end)])).toEqual([
      ['word', 'Xem'],
      ['url', 'https://facebook.com/abc?x=1'],
      ['url', 'fb.com/xyz'],
      ['mention', '@nguyen.van'],
      ['word', 'và'],
      ['hashtag', '#PhủThông'],
      ['word', 'nhé'],
    ]);
    expect(tokenize('#PhủThông')[0]!.norm).toBe('#phủthông');
  });

  it('reads numbers with separators, times and dates', () => {
    const text = 'lúc 10:30 ngày 12/3/2026 giá 1.000.000 tăng 10%';
    expect(tokenize(text).filter((t) => t.kind === 'number').map((t) => t.norm)).toEqual(['10:30', '12/3/2026', '1.000.000', '10%']);
  });

  it('numbers sentences on . ! ? ; and newlines, once per run', () => {
    const tokens = tokenize('Một hai. Ba!!! Bốn\n\nNăm; sáu... bảy');
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 1, 2, 3, 4, 5]);
  });

  it('does not end a sentence at the dot of a URL or a number', () => {
    expect(tokenize('giá 1.000 tại baomoi.vn nhé').map((t) => t.sentence)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('diacriticlessSentences', () => {
  it('tells sentences typed without diacritics, each on its own', () => {
    const tokens = tokenize('Dan xa Phu Thong bi cuop dat. Người dân rất bức xúc về việc này.');
    expect(diacriticlessSentences(tokens)).toEqual([true, false]);
  });
  it('judges a short sentence by the whole post', () => {
    expect(diacriticlessSentences(tokenize('Dan xa Phu Thong bi cuop dat oi. Ban gi?'))).toEqual([true, true]);
    expect(diacriticlessSentences(tokenize('Người dân rất bức xúc về việc này. Ban gi?'))).toEqual([false, false]);
  });
  it('does not count teencode as evidence either way', () => {
    expect(diacriticlessSentences(tokenize('ko dc dau mn oi that la'))).toEqual([true]);
    expect(diacriticlessSentences(tokenize('ko dc đâu mọi người ơi'))).toEqual([false]);
  });
});

describe('normalizeText', () => {
  it('joins the norms of words', () => {
    expect(normalizeText('  Hoà   Bình, KO dc ')).toBe('hòa bình không được');
  });
});
