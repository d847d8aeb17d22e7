import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/analysis/normalize.js';
import { buildGazetteer } from '../../src/analysis/profile.js';

const gazetteer = buildGazetteer({
  commune: 'Phủ Thông',
  aliases: ['UBND xã Phủ Thông'],
  places: ['thôn Nà Pài', 'Thông', 'bản Hòa Bình', 'Trường THCS Phủ Thông'],
});
const about = (text: string): boolean => gazetteer.isAbout(tokenize(text));

describe('gazetteer', () => {
  it.each([
    ['Người dân xã Phủ Thông bức xúc', true],
    ['PHỦ THÔNG hôm nay', true],
    ['Phủ Thông'.normalize('NFD') + ' mưa to', true],
    ['dan xa phu thong buc xuc lam', true],
    ['người dân xã Phu Thong bức xúc', true],
    ['học sinh trường phụ thông', false],
    ['trường phổ thông dân tộc', false],
    ['thôn Nà Pài', true],
    ['bà con Nà Pài', true],
    ['ba con na pai oi', true],
    ['thông tin mới nhất', false],
    ['thông báo của huyện', false],
    ['thôn Thông mất điện', true],
    ['Hòa Bình là tỉnh đẹp', false],
    ['bản Hòa Bình mất nước', true],
    ['UBND xã Phủ Thông', true],
    ['Ủy ban nhân dân xã Phủ Thông', true],
    ['trường trung học cơ sở Phủ Thông', true],
    ['Hà Nội tắc đường', false],
  ])('%j → %s', (text, expected) => {
    expect(about(text)).toBe(expected);
  });

  it('reports where the mention is', () => {
    const tokens = tokenize('Ở Nà Pài có lũ');
    expect(gazetteer.mentions(tokens)).toEqual([{ start: 1, end: 3 }]);
  });

  it('indexes nothing for an empty profile', () => {
    const empty = buildGazetteer({ commune: '' });
    expect(empty.size).toBe(0);
    expect(empty.isAbout(tokenize('xã Phủ Thông'))).toBe(false);
  });
});
