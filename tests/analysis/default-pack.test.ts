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

// A third commune (Thanh Lương, thôn Khe Mo, bản Nà Lừa) written independently of the fixtures:
// many ways of saying the same thing, each checked as typed and again without diacritics.
// "cat" = the post carries that category; "!cat" = it must not; "!" = no incident category.
const THIRD_COMMUNE_CASES: [string, string][] = [
  // xuyen_tac
  ['xuyen_tac', 'Đảng ta lúc nào cũng hô vì dân, thực ra chỉ vì cái ghế của mấy ông, dân Thanh Lương vẫn nghèo rớt mồng tơi'],
  ['xuyen_tac', 'Bọn cộng sản bịt mồm dân, ai nói thật là bị bắt, xã Thanh Lương cũng thế thôi'],
  ['xuyen_tac', 'Nghe đài RFA mới biết sự thật, báo trong nước toàn nói láo'],
  ['xuyen_tac', 'Khẩu hiệu dân giàu nước mạnh treo đầy thôn Khe Mo, nói cho hay chứ dân vẫn đói, toàn lừa bịp'],
  ['xuyen_tac', 'Sáp nhập xã chỉ là để họ chia nhau ghế, dân thì chịu thiệt, chế độ này hết thuốc chữa rồi'],
  ['xuyen_tac', 'Việt Nam phải đa đảng thì mới hết tham nhũng'],
  ['xuyen_tac', 'Lịch sử toàn do cộng sản viết lại, sách giáo khoa dạy toàn điều bịa đặt'],
  ['xuyen_tac', 'Hãy đứng lên đòi quyền tự do dân chủ, đừng để lũ quan tham cưỡi đầu cưỡi cổ mãi'],
  ['xuyen_tac', 'Đất nước này bị bán cho Tàu từ lâu rồi, luật đặc khu cho thuê 99 năm, bà con tỉnh ngộ đi'],
  ['xuyen_tac', 'cs ăn hết của dân rồi còn bắt dân phải biết ơn đảng'],
  ['xuyen_tac', 'Ngày 30/4 là ngày quốc hận chứ giải phóng gì'],
  ['xuyen_tac', 'Đừng tin báo quốc doanh, toàn tin định hướng của ban tuyên giáo'],
  ['xuyen_tac', 'Việt cộng chỉ giỏi tuyên truyền, dân Thanh Lương đói rách mặc kệ'],
  ['xuyen_tac', 'Chính quyền cộng sản chưa bao giờ đứng về phía người nông dân'],
  ['xuyen_tac', 'Tinh gọn bộ máy thực chất là đảng thanh trừng nhau, dân thì gánh hậu quả'],
  ['xuyen_tac', 'Đảng viên bây giờ toàn lũ sâu dân mọt nước, vào đảng để kiếm chác'],
  ['xuyen_tac', 'Mấy ông trong đảng ủy xã Thanh Lương chỉ giỏi nói, dân chủ gì mà dân không được nói'],
  ['xuyen_tac', 'Nước mình làm gì có tự do ngôn luận, cứ nói thật là bị công an mời lên'],
  ['xuyen_tac', 'Chủ nghĩa xã hội là con đường dẫn dân tộc vào ngõ cụt'],
  ['xuyen_tac', 'Bà con Khe Mo xem kênh Việt Tân đi để biết đảng đang lừa mình thế nào'],
  ['!xuyen_tac', 'Chi bộ thôn Khe Mo tổ chức học tập, quán triệt nghị quyết Đại hội Đảng bộ xã Thanh Lương'],
  ['!xuyen_tac', 'Đảng ủy xã Thanh Lương triển khai công tác phòng chống tham nhũng năm 2026'],
  ['!xuyen_tac', 'Tự do đi chợ phiên Nà Lừa, đông vui lắm mọi người ơi'],
  ['!xuyen_tac', 'Kỷ niệm 96 năm ngày thành lập Đảng, xã Thanh Lương tổ chức văn nghệ chào mừng'],
  ['!xuyen_tac', 'Chủ tịch xã Thanh Lương đối thoại với nhân dân về dự án đường tránh'],
  // tham_nhung_tieu_cuc
  ['tham_nhung_tieu_cuc', 'Trưởng thôn Khe Mo thu mỗi hộ 200 nghìn làm đường mà chẳng thấy làm, tiền chắc vào túi ông ấy rồi'],
  ['tham_nhung_tieu_cuc', 'Muốn được vào danh sách hộ nghèo thì phải biếu cán bộ xã chút quà, không thì đừng mơ'],
  ['tham_nhung_tieu_cuc', 'Tiền hỗ trợ lũ lụt về xã Thanh Lương bị cắt xén mỗi hộ một ít, dân chỉ nhận được nửa'],
  ['tham_nhung_tieu_cuc', 'Con đường bê tông mới làm 3 tháng đã vỡ nát, rõ là bị rút bớt xi măng, nhà thầu với xã bắt tay nhau ăn'],
  ['tham_nhung_tieu_cuc', 'Ông phó chủ tịch xã lương có mấy triệu mà xây nhà ba tầng, mua ô tô, tiền ở đâu ra?'],
  ['tham_nhung_tieu_cuc', 'Đất công ích của xã bị cán bộ chia cho người nhà canh tác mấy năm nay'],
  ['tham_nhung_tieu_cuc', 'Con gái chủ tịch xã vừa ra trường đã vào làm kế toán xã, người khác thi mãi không đỗ'],
  ['tham_nhung_tieu_cuc', 'xin giay xac nhan o xa phai dua 500k moi lam cho, khong thi hen lan hen lua'],
  ['tham_nhung_tieu_cuc', 'Cán bộ địa chính nhận tiền của dân để làm sổ đỏ nhanh, ai không có tiền thì ngâm hồ sơ'],
  ['tham_nhung_tieu_cuc', 'Hộ nghèo ở bản Nà Lừa toàn người nhà cán bộ, nhà xây to vẫn được hộ nghèo'],
  ['tham_nhung_tieu_cuc', 'Nghi vấn chủ tịch xã Thanh Lương biển thủ tiền đền bù của dân'],
  ['tham_nhung_tieu_cuc', 'bon can bo xa an dut tien cua dan het roi'],
  ['tham_nhung_tieu_cuc', 'Nhà văn hóa thôn mới làm đã nứt toác, bao nhiêu tiền chui vào túi ai?'],
  ['tham_nhung_tieu_cuc', 'Thanh tra huyện kết luận xã Thanh Lương chi sai nguyên tắc hơn 1 tỷ đồng'],
  ['tham_nhung_tieu_cuc', 'Phải lót tay 2 triệu thì cán bộ mới chịu ký giấy'],
  ['tham_nhung_tieu_cuc', 'Đấu giá đất ở xã chỉ là hình thức, lô đẹp đều vào tay người quen của lãnh đạo'],
  ['tham_nhung_tieu_cuc', 'Ông trưởng bản lấy gạo cứu trợ mang về nhà mình dùng'],
  ['tham_nhung_tieu_cuc', 'Bọn quan tham xã Thanh Lương chấm mút hết tiền làm đường rồi'],
  ['tham_nhung_tieu_cuc', 'Cán bộ xã ăn tiền của nhà thầu nên công trình làm ẩu cũng nghiệm thu'],
  ['tham_nhung_tieu_cuc', 'Kế toán xã Thanh Lương bị bắt vì chiếm đoạt tiền chi trả chính sách'],
  ['tham_nhung_tieu_cuc', 'Tiền đóng góp xây cổng làng thu mấy trăm triệu mà không công khai chi tiêu, dân hỏi thì lờ đi'],
  ['tham_nhung_tieu_cuc', 'Chạy vào biên chế giáo viên ở huyện mất 300 triệu, ai cũng biết'],
  ['!tham_nhung_tieu_cuc', 'Hội nghị triển khai công tác phòng, chống tham nhũng, tiêu cực năm 2026 tại xã Thanh Lương'],
  ['!tham_nhung_tieu_cuc', 'Mẹ tôi cho tiền mừng tuổi vào phong bì đỏ cho các cháu'],
  ['!tham_nhung_tieu_cuc', 'Trả lại tiền thừa cho khách là chuyện nên làm'],
  ['!tham_nhung_tieu_cuc', 'Anh ấy chăm chỉ trồng quế nên xây được nhà to, ai cũng quý'],
  ['!tham_nhung_tieu_cuc', 'Chị ơi bán cho em 2 cân thịt, em gửi tiền qua chuyển khoản nhé'],
  // tin_sai_su_that
  ['tin_sai_su_that', 'Nghe bảo sắp tới xã Thanh Lương thu hồi hết đất nương để làm khu công nghiệp, ai biết thật không?'],
  ['tin_sai_su_that', 'Có người bảo trường tiểu học Khe Mo có học sinh bị bắt cóc, phụ huynh cẩn thận nhé'],
  ['tin_sai_su_that', 'UBND xã Thanh Lương khẳng định thông tin cho vay 50 triệu không lãi là giả mạo'],
  ['tin_sai_su_that', 'Tin trên mạng nói chủ tịch xã bỏ trốn là bịa, ông vẫn đang làm việc bình thường'],
  ['tin_sai_su_that', 'Ai đó đăng clip lũ cuốn trôi nhà ở Thanh Lương nhưng đó là clip năm 2018 ở tỉnh khác'],
  ['tin_sai_su_that', 'nghe dau ong bi thu xa sap bi ky luat vi an tien den bu, co ai biet ko'],
  ['tin_sai_su_that', 'Trên nhóm zalo thôn đang truyền tai nhau là mỗi hộ sẽ được phát 10 triệu tiền hỗ trợ, đề nghị xã xác minh'],
  ['tin_sai_su_that', 'Có tin tiêm vắc xin sởi ở trạm y tế Thanh Lương làm trẻ bị liệt, bà con đừng tin'],
  ['tin_sai_su_that', 'Thông tin xã Thanh Lương bắt mỗi hộ nộp 5 triệu để làm đường là không chính xác'],
  ['tin_sai_su_that', 'Đang có tin nhắn mạo danh công an xã Thanh Lương yêu cầu chuyển tiền'],
  ['tin_sai_su_that', 'Nghe mấy bà ngoài chợ nói đập thủy điện trên bản Nà Lừa sắp vỡ, chả biết đúng sai'],
  ['tin_sai_su_that', 'Mọi người ơi tin nội bộ: sắp có đợt cưỡng chế đất ở Khe Mo, share cho bà con biết'],
  ['tin_sai_su_that', 'Người ta truyền nhau là xã sắp sáp nhập thôn Khe Mo với Nà Lừa rồi bán đất trụ sở, chẳng biết thực hư'],
  ['tin_sai_su_that', 'Đừng tin mấy cái bài trên mạng nói trạm y tế Thanh Lương để chết người, hoàn toàn bịa đặt'],
  ['!tin_sai_su_that', 'Nghe nói bộ phim mới chiếu rạp hay lắm, cuối tuần đi xem không'],
  ['!tin_sai_su_that', 'Tập huấn kỹ năng nhận diện tin giả cho đoàn viên xã Thanh Lương'],
  // dan_toc_ton_giao
  ['dan_toc_ton_giao', 'Mấy người từ nơi khác đến bản Nà Lừa vận động bà con theo đạo, bảo theo thì không phải cúng ma nữa'],
  ['dan_toc_ton_giao', 'Người Mông ở Khe Mo bị người dưới xuôi coi như mọi, nói chuyện thì khinh ra mặt'],
  ['dan_toc_ton_giao', 'Có nhóm người tối nào cũng tập trung ở nhà ông Sùng A Páo đọc kinh, hát, nghe nói là đạo lạ'],
  ['dan_toc_ton_giao', 'Hội thánh Đức Chúa Trời đang lôi kéo thanh niên Thanh Lương, bắt nộp tiền dâng hiến'],
  ['dan_toc_ton_giao', 'Người Dao ở xã mình chỉ được đi làm nương, việc ngon toàn người Kinh hưởng'],
  ['dan_toc_ton_giao', 'Nhà thờ giáo họ Khe Mo xây trên đất chưa được cấp phép, giáo dân phản đối việc dừng thi công'],
  ['dan_toc_ton_giao', 'Một số hộ người Mông ở bản Nà Lừa đã đập bỏ bàn thờ tổ tiên sau khi theo đạo mới'],
  ['dan_toc_ton_giao', 'Bọn mán mọi trên bản chỉ biết ngồi ăn trợ cấp'],
  ['dan_toc_ton_giao', 'Sư trụ trì chùa Thanh Lương bị tố lợi dụng cúng dường để trục lợi'],
  ['dan_toc_ton_giao', 'Có người đi từng nhà ở bản phát sách, đĩa bằng tiếng Mông, bảo ngày tận thế sắp đến'],
  ['dan_toc_ton_giao', 'Con gái tôi đi học bị bạn bè chế giễu vì là người Tày'],
  ['dan_toc_ton_giao', 'Dân tộc thiểu số được ưu tiên quá, người Kinh nghèo chẳng được gì, thật bất công'],
  ['dan_toc_ton_giao', 'nguoi hmong o ban Na Lua bi ep bo dao'],
  ['dan_toc_ton_giao', 'Pháp Luân Công tập trung tập luyện ở sân nhà văn hóa thôn Khe Mo'],
  ['!dan_toc_ton_giao', 'Lễ hội Lồng Tồng của đồng bào Tày xã Thanh Lương diễn ra vui tươi'],
  ['!dan_toc_ton_giao', 'Chùa Thanh Lương tổ chức lễ Vu Lan báo hiếu'],
  ['!dan_toc_ton_giao', 'Cô giáo người Dao dạy học ở bản Nà Lừa được khen'],
  ['!dan_toc_ton_giao', 'Mua con dao mới về chặt củi'],
  ['!dan_toc_ton_giao', 'Bài tập cho vòng mông săn chắc'],
  // an_ninh_trat_tu
  ['an_ninh_trat_tu', 'Khoảng 50 hộ dân thôn Khe Mo ra công trường không cho máy múc làm việc vì chưa nhận tiền đền bù'],
  ['an_ninh_trat_tu', 'Tối qua thanh niên hai thôn hỗn chiến ở sân bóng, có người bị đâm'],
  ['an_ninh_trat_tu', 'Nhà tôi ở Khe Mo vừa bị mất con trâu, kẻ gian dắt đi lúc nửa đêm'],
  ['an_ninh_trat_tu', 'Ở bản Nà Lừa có mấy thanh niên chơi đá, chơi ke ở lán nương'],
  ['an_ninh_trat_tu', 'Mai 8h sáng bà con thôn Khe Mo tập trung trước cổng ủy ban xã đòi tiền đền bù, đi càng đông càng tốt'],
  ['an_ninh_trat_tu', 'Xe tải chở đá tông xe máy ở dốc Khe Mo, một người chết tại chỗ'],
  ['an_ninh_trat_tu', 'Sòng bạc ở nhà ông T thôn Khe Mo sát phạt cả đêm, công an xã biết mà làm ngơ'],
  ['an_ninh_trat_tu', 'Hai nhà hàng xóm ở bản Nà Lừa vác dao đòi chém nhau vì ranh giới đất'],
  ['an_ninh_trat_tu', 'Bà con chặn máy xúc không cho làm đường qua ruộng'],
  ['an_ninh_trat_tu', 'Một nhóm dân cầm gậy vây xe của cán bộ địa chính khi xuống đo đất'],
  ['an_ninh_trat_tu', 'Có đối tượng nghiện ở Thanh Lương trộm xe máy liên tục'],
  ['an_ninh_trat_tu', 'lai co vu trom bo o khe mo, mat 2 con'],
  ['an_ninh_trat_tu', 'Thanh niên say xỉn đập phá quán karaoke ở trung tâm xã Thanh Lương'],
  ['an_ninh_trat_tu', 'Con gái 16 tuổi ở bản Nà Lừa mất tích, nghi bị lừa bán sang Trung Quốc'],
  ['an_ninh_trat_tu', 'Đám thanh niên lạng lách, rú ga trên đường liên thôn Khe Mo mỗi tối'],
  ['an_ninh_trat_tu', 'Bà con Khe Mo rủ nhau mai lên huyện làm đơn tập thể đòi đất'],
  ['!an_ninh_trat_tu', 'Công an xã Thanh Lương tuyên truyền phòng chống ma túy tại trường học'],
  ['!an_ninh_trat_tu', 'Đội bóng thôn Khe Mo thắng đậm 5-0 trong trận chung kết'],
  ['!an_ninh_trat_tu', 'Cả nhà tụ tập ăn mừng sinh nhật bà nội'],
  // bau_cu
  ['bau_cu', 'Mẹ tôi già yếu mà tổ bầu cử bảo để con đi bỏ hộ cũng được, vậy có đúng luật không?'],
  ['bau_cu', 'Danh sách cử tri ở thôn Khe Mo ghi sai ngày sinh cả chục người'],
  ['bau_cu', 'Đi bầu làm gì, toàn người họ chọn sẵn rồi'],
  ['bau_cu', 'Cán bộ thôn đến từng nhà dặn phải gạch tên ông A, bầu ông B'],
  ['bau_cu', 'Ứng viên HĐND xã Thanh Lương từng bị kỷ luật vì sai phạm đất đai mà vẫn được giới thiệu'],
  ['bau_cu', 'Ngày bầu cử mới 9h sáng tổ bầu cử đã báo đạt 100%, trong khi nhiều nhà chưa ai đi'],
  ['bau_cu', 'ai khong di bau se bi cat ho ngheo, nguoi ta bao the'],
  ['bau_cu', 'Bầu cử Quốc hội năm 2026 chỉ là trò diễn, dân bầu cho có'],
  ['bau_cu', 'Có người phát phong bì 200 nghìn cho cử tri bản Nà Lừa trước ngày bỏ phiếu'],
  ['bau_cu', 'Con tôi đi làm xa, tổ trưởng bảo cứ đưa thẻ cử tri để bầu giúp'],
  ['bau_cu', 'Ứng cử viên về tiếp xúc cử tri mà chẳng ai biết ông ta là ai'],
  ['!bau_cu', 'UBND xã Thanh Lương niêm yết danh sách cử tri tại nhà văn hóa các thôn'],
  ['!bau_cu', 'Bầu trời hôm nay trong xanh quá'],
  ['!bau_cu', 'Chị ấy đang bầu tháng thứ 7, ăn gì cho con khỏe'],
  ['!bau_cu', 'Bầu cử tổng thống Mỹ năm nay căng thẳng ghê'],
  // thien_tai_dich_benh
  ['thien_tai_dich_benh', 'Mưa to cả đêm, nước suối dâng cao, cầu tràn Khe Mo bị ngập, học sinh không đến trường được'],
  ['thien_tai_dich_benh', 'Đất đá từ đồi sau nhà tràn xuống làm sập bếp nhà ông Hùng ở bản Nà Lừa'],
  ['thien_tai_dich_benh', 'Gà nhà tôi chết cả đàn, nghe nói có dịch cúm, xã Thanh Lương kiểm tra giúp'],
  ['thien_tai_dich_benh', 'Trẻ con ở thôn Khe Mo nhiều đứa sốt, nổi mẩn, nghi sởi'],
  ['thien_tai_dich_benh', 'Rét quá, trâu bò ở bản Nà Lừa chết rét mấy con rồi'],
  ['thien_tai_dich_benh', 'Mưa đá to như quả trứng làm thủng mái nhà cả thôn'],
  ['thien_tai_dich_benh', 'Gió lốc làm tốc mái mấy chục nhà ở Thanh Lương'],
  ['thien_tai_dich_benh', 'Lợn chết hàng loạt ở Khe Mo, người ta vứt xác xuống suối'],
  ['thien_tai_dich_benh', 'Cả nhà ăn nấm hái trên rừng, giờ đang cấp cứu ở trạm y tế'],
  ['thien_tai_dich_benh', 'Cháy rừng trên núi sau thôn Khe Mo, khói mù mịt'],
  ['thien_tai_dich_benh', 'Nước lũ cuốn mất một người đi qua ngầm'],
  ['thien_tai_dich_benh', 'mua lu to qua, nuoc ngap het ruong lua o khe mo roi'],
  ['thien_tai_dich_benh', 'Bò nhà tôi bị lở mồm, chảy dãi, cả xóm mấy con như thế'],
  ['!thien_tai_dich_benh', 'Diễn tập phòng chống thiên tai tại xã Thanh Lương'],
  ['!thien_tai_dich_benh', 'Lịch tiêm vắc xin sởi cho trẻ tại trạm y tế xã'],
  ['!thien_tai_dich_benh', 'Dịch vụ giao hàng nhanh nội thành'],
  ['!thien_tai_dich_benh', 'Cơn bão giá xăng dầu làm dân khổ'],
  // phan_anh_kien_nghi
  ['phan_anh_kien_nghi', 'Đền bù có 50 nghìn một mét đất ruộng, bán mớ rau còn hơn, dân Khe Mo sống kiểu gì'],
  ['phan_anh_kien_nghi', 'Hồ sơ xin tách thửa nộp từ tháng 3 đến giờ vẫn bặt tin'],
  ['phan_anh_kien_nghi', 'Điện ở bản Nà Lừa cứ tối là yếu, bóng đèn đỏ quạch, tủ lạnh không chạy nổi'],
  ['phan_anh_kien_nghi', 'Nước máy nhà tôi mấy hôm nay chảy ra toàn bùn vàng'],
  ['phan_anh_kien_nghi', 'Con đường từ Khe Mo ra xã toàn ổ gà, mùa mưa thì trơn như đổ mỡ'],
  ['phan_anh_kien_nghi', 'Trường mầm non bản Nà Lừa mái dột, mưa là cô trò phải kê bàn sang một góc'],
  ['phan_anh_kien_nghi', 'Lên xã làm giấy khai sinh cho con mà cán bộ nói trống không, bảo chiều quay lại'],
  ['phan_anh_kien_nghi', 'Làm đường xong bỏ lại đống đất đá trước cửa nhà dân cả tháng không ai dọn'],
  ['phan_anh_kien_nghi', 'Bao giờ thôn Khe Mo mới có đường nhựa vậy xã ơi'],
  ['phan_anh_kien_nghi', 'Đất nhà em bị thu hồi làm trường học mà tiền chưa thấy đâu'],
  ['phan_anh_kien_nghi', 'Xã hứa làm cầu qua suối từ năm ngoái, đến giờ bà con vẫn phải lội'],
  ['phan_anh_kien_nghi', 'Trạm y tế xã Thanh Lương 10h sáng vẫn chưa mở cửa, người ốm phải ngồi chờ ngoài hiên'],
  ['phan_anh_kien_nghi', 'Bãi rác sau chợ Thanh Lương bốc mùi nồng nặc, ruồi nhặng bâu kín'],
  ['phan_anh_kien_nghi', 'Kính đề nghị xã xem xét lắp đèn đường đoạn dốc Khe Mo, tối đi rất nguy hiểm'],
  ['phan_anh_kien_nghi', 'dien mat suot, ca tuan nay ngay nao cung cup may lan'],
  ['phan_anh_kien_nghi', 'Giá đền bù đất ở Khe Mo thấp hơn giá thị trường nhiều lần'],
  ['phan_anh_kien_nghi', 'Cầu treo bản Nà Lừa ván mục, dây cáp gỉ, đi qua mà run'],
  ['!phan_anh_kien_nghi', 'Quán bún mới mở ở Hà Nội ngon lắm'],
  ['!phan_anh_kien_nghi', 'Tắc đường kinh khủng ở Ngã Tư Sở sáng nay'],
  ['!phan_anh_kien_nghi', 'Điện thoại mình hỏng màn hình, ai biết chỗ sửa không'],
  ['!phan_anh_kien_nghi', 'UBND xã thông báo lịch cắt điện ngày mai để bảo dưỡng đường dây'],
  // tich_cuc
  ['tich_cuc', 'Anh Lò Văn Hùng ở bản Nà Lừa nhặt được ví có 20 triệu đã mang lên công an xã trả người mất'],
  ['tich_cuc', 'Xã Thanh Lương có 3 em đỗ đại học năm nay, đều là con hộ nghèo, thật đáng tự hào'],
  ['tich_cuc', 'Bà con thôn Khe Mo góp tiền, góp công làm lại cây cầu tre qua suối'],
  ['tich_cuc', 'Đoàn thanh niên xã giúp bà con bản Nà Lừa gặt lúa chạy lũ'],
  ['tich_cuc', 'Nhờ trồng quế, nhiều hộ ở Khe Mo đã thoát nghèo, xây nhà mới'],
  ['tich_cuc', 'Chị Hoa mở lớp dạy chữ miễn phí cho phụ nữ Mông ở Nà Lừa'],
  ['tich_cuc', 'Cháu bé bị lạc được các chú công an xã Thanh Lương đưa về tận nhà, gia đình vô cùng biết ơn'],
  ['tich_cuc', 'Cảm ơn các anh bộ đội đã về giúp dân dọn bùn sau lũ'],
  ['tich_cuc', 'Cô giáo cắm bản Nà Lừa 15 năm được tặng bằng khen'],
  ['tich_cuc', 'Ông Sầm Văn Tư tự nguyện hiến 500m2 đất làm đường vào bản'],
  ['!tich_cuc', 'Trân trọng kính mời bà con dự họp thôn tối thứ bảy'],
  ['!tich_cuc', 'Làm giàu bất chính mà vẫn được làm lãnh đạo'],
  ['!', 'Phim này chán thật, diễn viên đơ, kịch bản nhạt'],
  ['!', 'Chúc cả nhà cuối tuần vui vẻ'],
  ['!', 'Cần bán gấp lô đất 200m2 ở trung tâm huyện, sổ đỏ chính chủ'],
  ['!', 'Mai trời rét, bà con nhớ giữ ấm cho trẻ nhỏ'],
];

describe('default rule pack on a third commune, with and without diacritics', () => {
  const third = createAnalyzer({ rules: pack.rules, profile: { commune: 'Thanh Lương', places: ['thôn Khe Mo', 'bản Nà Lừa'] } });
  const stripMarks = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const cases = THIRD_COMMUNE_CASES.flatMap(([expected, text]) => {
    const plain = stripMarks(text);
    return plain === text ? [[expected, text]] : [[expected, text], [expected, plain]];
  });
  it.each(cases)('%s: %s', (expected, text) => {
    const categories = third.analyze(text).categories as string[];
    if (expected === '!') expect(categories.filter((c) => c !== 'tich_cuc')).toEqual([]);
    else if (expected.startsWith('!')) expect(categories).not.toContain(expected.slice(1));
    else expect(categories).toContain(expected);
  });
});
