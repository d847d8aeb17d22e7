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

describe('gazetteer: names as people write them', () => {
  const coast = buildGazetteer({
    commune: 'xã Ea Tiêu',
    places: ['bãi tắm Mũi Gành', 'Công ty Giày Vĩnh Phát', 'Trường THCS Hoa Sen Đỏ', 'đường Trần Hưng Đạo', 'giáo xứ Hòa Bình', 'Sông Lô Hạ Online'],
  });
  const aboutCoast = (text: string): boolean => coast.isAbout(tokenize(text), undefined, text);

  it.each([
    // A place without the words that say what kind of place it is.
    ['sáng nay sóng lớn ở Mũi Gành', true],
    ['ra mui ganh tam di mn', true],
    ['công nhân Giày Vĩnh Phát ngừng việc', true],
    // A name after an acronym ("THCS") is still the name.
    ['học sinh Hoa Sen Đỏ đạt giải', true],
    // A person's name (a street, a school) is in every town: it needs its "đường".
    ['đọc sách về Trần Hưng Đạo', false],
    ['đường Trần Hưng Đạo ngập', true],
    // A common expression stays common without its "giáo xứ".
    ['mong đất nước hòa bình', false],
    // A name written in capitals throughout is one name: "Lô Hạ" alone is not "Sông Lô Hạ Online".
    ['đi Lô Hạ chơi', false],
    // The commune by its initials, after "xã" and its bodies only; "et" spells a syllable, so in capitals.
    ['cán bộ xã ET đòi bồi dưỡng', true],
    ['ubnd xa ET lam viec kieu gi', true],
    ['tram y te ET het thuoc', true],
    ['phim ET hay quá', false],
    ['ubnd xa et', false],
    // Tagged.
    ['chiều nay trời mát #EaTieu', true],
    ['#XaEaTieu mất điện', true],
    ['#EaTieuMoi', false],
  ])('%j → %s', (text, expected) => {
    expect(aboutCoast(text)).toBe(expected);
  });

  it('takes initials that spell no syllable in any case, and those that do only in capitals', () => {
    const songLo = buildGazetteer({ commune: 'xã Sông Lô Hạ' });
    expect(songLo.isAbout(tokenize('ubnd xa slh lam viec kieu gi'))).toBe(true);
    const anNhon = buildGazetteer({ commune: 'xã An Nhơn' });
    const text = 'can bo xa an tien dan';
    expect(anNhon.isAbout(tokenize(text), undefined, text)).toBe(false);
    const written = 'cán bộ xã AN ăn tiền dân';
    expect(anNhon.isAbout(tokenize(written), undefined, written)).toBe(true);
    // Without the text, how the initials were written is unknown: they do not count.
    expect(anNhon.isAbout(tokenize(written))).toBe(false);
    expect(anNhon.mentions(tokenize(written), undefined, written)).toContainEqual({ start: 2, end: 4 });
  });

  it('does not take initials that read as a word: "xã HN" is Hà Nội, not Hải Ninh', () => {
    const haiNinh = buildGazetteer({ commune: 'Hải Ninh' });
    expect(haiNinh.isAbout(tokenize('cán bộ xã HN ăn chênh lệch'))).toBe(false);
    expect(haiNinh.isAbout(tokenize('cán bộ xã Hải Ninh ăn chênh lệch'))).toBe(true);
  });

  it('reports a tag as a mention', () => {
    expect(coast.mentions(tokenize('mất điện #EaTieu'))).toEqual([{ start: 2, end: 3 }]);
  });
});
