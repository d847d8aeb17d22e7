// The default pack on posts written for this test (not taken from the fixtures), checking the
// categories a collaborator would expect. Categories are content: the profile only decides `flag`.
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.js';
import { loadDefaultRulePack } from '../../src/analysis/index.js';
import { CATEGORIES } from '../../src/analysis/types.js';

const pack = loadDefaultRulePack();
const analyzer = createAnalyzer({ rules: pack.rules, profile: { commune: 'Tân Sơn', places: ['thôn Khe Mạ', 'bản Pắc Ta'] } });
const categoriesOf = (text: string): readonly string[] => analyzer.analyze(text).categories;

describe('default rule pack', () => {
  it('is valid, compiles and covers every category', () => {
    expect(pack.rules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(pack.rules.map((r) => r.category))).toEqual(new Set(CATEGORIES));
    expect(analyzer.ruleCount).toBe(pack.rules.length);
  });

  it.each([
    ['Dự án mở rộng quốc lộ qua xã Tân Sơn thu hồi đất nhà tôi 2 năm rồi mà tiền bồi thường vẫn chưa nhận được', 'phan_anh_kien_nghi'],
    ['Đường vào thôn Khe Mạ ổ gà chi chít, mưa xuống lầy lội, xe máy không đi được', 'phan_anh_kien_nghi'],
    ['nop ho so cap so do o xa Tan Son 3 thang roi ma van hen lan hen lua', 'phan_anh_kien_nghi'],
    ['Bản Pắc Ta mất điện 3 ngày liền không ai báo', 'phan_anh_kien_nghi'],
    ['Cán bộ địa chính xã Tân Sơn ăn chặn tiền hỗ trợ của dân', 'tham_nhung_tieu_cuc'],
    ['muon lam ho so nhanh thi phai dua phong bi cho can bo xa', 'tham_nhung_tieu_cuc'],
    ['Nghe nói chủ tịch xã Tân Sơn sắp bị bắt, có thật không mọi người?', 'tin_sai_su_that'],
    ['CHIA SẺ GẤP: xã Tân Sơn sắp thu hồi toàn bộ đất rừng của bà con', 'tin_sai_su_that'],
    ['Chế độ độc tài này chỉ biết bóc lột dân', 'xuyen_tac'],
    ['Có người lạ vào bản Pắc Ta truyền đạo trái phép, bảo bà con bỏ thờ cúng tổ tiên', 'dan_toc_ton_giao'],
    ['Hàng trăm người kéo lên ủy ban xã Tân Sơn phản đối bãi rác', 'an_ninh_trat_tu'],
    ['Hai nhóm thanh niên đánh nhau ở chợ Tân Sơn, một người bị thương', 'an_ninh_trat_tu'],
    ['Danh sách cử tri thôn Khe Mạ thiếu tên nhiều người, đề nghị tổ bầu cử kiểm tra lại', 'bau_cu'],
    ['Kêu gọi mọi người tẩy chay bầu cử', 'bau_cu'],
    ['Lũ quét tràn qua thôn Khe Mạ, nhiều nhà bị cuốn trôi', 'thien_tai_dich_benh'],
    ['Dịch tả lợn châu Phi xuất hiện ở bản Pắc Ta, nhiều con lợn chết', 'thien_tai_dich_benh'],
    ['Lễ khánh thành nhà văn hóa thôn Khe Mạ diễn ra trong không khí vui tươi', 'tich_cuc'],
    ['Hội Cựu chiến binh xã Tân Sơn trao tặng 10 suất quà cho hộ nghèo', 'tich_cuc'],
  ])('%s → includes %s', (text, category) => {
    expect(categoriesOf(text)).toContain(category);
  });

  it.each([
    'Phim này chán thật, diễn viên đơ, kịch bản nhạt',
    'Sáng nay tắc đường ở Cầu Giấy cả tiếng đồng hồ',
    'Shop ơi áo này còn size M không ạ, ship về Hà Nội bao nhiêu',
    'Chúc mọi người cuối tuần vui vẻ',
    'UBND xã Tân Sơn thông báo lịch tiếp công dân tháng 12',
    'Đội tuyển Việt Nam thắng rồi, cả phố đi bão',
  ])('%s → no incident category', (text) => {
    expect(categoriesOf(text).filter((c) => c !== 'tich_cuc')).toEqual([]);
  });

  it('flags only posts about the commune', () => {
    expect(analyzer.analyze('Lũ quét tràn qua thôn Khe Mạ, nhiều nhà bị cuốn trôi').flag).toBe(true);
    expect(analyzer.analyze('Lũ quét tràn qua một xã ở Yên Bái, nhiều nhà bị cuốn trôi').flag).toBe(false);
  });
});
