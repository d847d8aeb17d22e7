// The rule pack langnghe ships with, written from the duties of the Ban công tác 35 in the two
// commune plans (../shared/seeds): land clearance and compensation, public services, officials'
// conduct, rumours, hostile propaganda, corruption, ethnic and religious issues, gatherings and
// public order, the 2026 elections, disasters and epidemics, good news.
//
// How the rules are written, so they carry over to posts nobody has seen yet:
// - precise phrases and NEAR combinations rather than single words ("dịch" is also "dịch vụ",
//   "bão" also "bão giá", "Dao" also a knife, "Mông" also a body part);
// - a topic alone does not make a complaint or an election incident: it needs a cue that
//   something is wrong (COMPLAINT_CUES, ELECTION_PROBLEMS), so the commune's own announcements
//   do not reach the triage queue;
// - requires_about is false: a rule says what a post is about (its categories); whether it
//   concerns this commune is the gazetteer's job, and `flag` needs both. The schema default
//   (true) is for packs that want a rule silenced outside the commune.
import type { RuleInput } from './rules.js';

/** `("a" OR "b" OR …)` */
function any(...phrases: readonly string[]): string {
  return `(${phrases.map((p) => `"${p}"`).join(' OR ')})`;
}

/** Something is wrong, late, unfair or unanswered. */
const COMPLAINT_CUES = any(
  'chậm', 'chậm trễ', 'chưa được', 'chưa nhận', 'chưa có', 'chưa thấy', 'không được', 'không có', 'không ai',
  'chẳng ai', 'chả ai', 'bức xúc', 'khiếu nại', 'kiến nghị', 'phản ánh', 'bất công', 'thiệt thòi', 'thỏa đáng',
  'ép giá', 'ép dân', 'ép', 'rẻ mạt', 'đòi', 'mãi', 'treo', 'không giải quyết', 'chưa giải quyết', 'tại sao', 'vì sao',
  'sao lại', 'bao giờ', 'kêu cứu', 'khổ', 'vô lý', 'bất hợp lý', 'không hợp lý', 'không đồng ý', 'phản đối',
  'thiếu minh bạch', 'không minh bạch', 'không công khai', 'mập mờ', 'khuất tất', 'nợ', 'thấp',
  'lừa', 'mất trắng', 'không thỏa đáng', 'không đủ', 'thiếu', 'kém', 'tệ', 'chán', 'kiểu gì', 'làm ăn',
  'hỏng', 'xuống cấp', 'bỏ mặc', 'đùn đẩy', 'né tránh', 'mỏi mòn', 'trông chờ', 'ai chịu trách nhiệm',
  'chịu trách nhiệm', 'thất vọng', 'khốn khổ', 'vất vả', 'lo lắng', 'sợ', 'đề nghị xã', 'đề nghị chính quyền',
  'mong xã', 'mong chính quyền', 'xin hỏi', 'cho hỏi', 'hỏi xã', 'bao lâu', 'tháng trời', 'năm trời',
);

/** Land taken for projects, and what is paid for it. */
const LAND_CLEARANCE = `(${any('giải phóng mặt bằng', 'tái định cư', 'thu hồi đất', 'giải tỏa', 'cưỡng chế', 'bàn giao mặt bằng', 'kiểm đếm', 'áp giá', 'giá đền bù', 'tiền đền bù', 'tiền bồi thường', 'phương án bồi thường', 'giá đất')} OR (${any('bồi thường', 'đền bù')} NEAR/6 ${any('đất', 'ruộng', 'nương', 'vườn', 'hoa màu', 'cây cối', 'nhà cửa', 'mồ mả', 'dự án', 'thu hồi', 'di dời', 'làm đường', 'đường tránh', 'mặt bằng')}))`;

/** Election vocabulary. */
const ELECTION = any(
  'bầu cử', 'cử tri', 'ứng cử viên', 'ứng cử', 'đi bầu', 'phiếu bầu', 'lá phiếu', 'bỏ phiếu', 'hòm phiếu', 'thùng phiếu',
  'kiểm phiếu', 'trúng cử', 'tổ bầu cử', 'khu vực bỏ phiếu', 'đơn vị bầu cử', 'người ứng cử', 'tự ứng cử', 'hiệp thương',
  'đại biểu quốc hội', 'đại biểu hội đồng nhân dân', 'bầu đại biểu', 'ngày bầu', 'bầu hđnd', 'bầu quốc hội',
);
/** Something wrong with an election. */
const ELECTION_PROBLEMS = any(
  'thiếu tên', 'sai tên', 'không có tên', 'không thấy tên', 'mất tên', 'gian lận', 'ép', 'bắt buộc', 'bắt phải', 'cắt trợ cấp',
  'cắt hộ nghèo', 'bị cắt', 'phạt', 'đe dọa', 'dọa', 'làm cảnh', 'hình thức', 'dàn dựng', 'vô nghĩa', 'tại sao', 'sao lại', 'vì sao',
  'bức xúc', 'phản đối', 'nghe nói', 'nghe đồn', 'tin đồn', 'đồn', 'không biết mặt', 'chưa biết mặt', 'không tổ chức', 'tố cáo',
  'bị tố', 'ngu', 'ngồi gật', 'gật gù', 'người đã mất', 'người chết', 'đã chết', 'không sửa', 'chưa sửa', 'sai sót', 'kiểu gì', 'làm ăn',
  'chọn sẵn', 'cơ cấu sẵn', 'in sẵn', 'có sẵn', 'sắp đặt', 'mua phiếu', 'bầu hộ', 'bầu thay', 'bỏ phiếu hộ', 'bỏ phiếu thay',
  'tẩy chay', 'không đi bầu', 'đừng đi bầu', 'bầu làm gì', 'chật', 'chờ', 'đứng chờ', 'lộn xộn', 'thiếu', 'không công bằng',
  'không minh bạch', 'lừa', 'trò hề', 'giả hiệu', 'mị dân', 'không xứng', 'không đủ tư cách', 'sai phạm', 'lấn chiếm',
  'gạch hộ', 'gạch thay', 'tự gạch', 'ai kiểm tra', 'sai năm sinh', 'kệ',
);

/** Strong signs of a grievance about a public service or office, wherever they stand in a post. */
const GRIEVANCE = any(
  'không ai giải quyết', 'không ai quan tâm', 'không ai lên', 'không ai ra', 'không ai dọn', 'không ai sửa', 'không ai trả lời',
  'không ai trực', 'không ai mở', 'không ai hỏi', 'không ai xuống', 'không ai đến', 'chẳng ai', 'chả ai', 'chưa ai', 'không có ai trực', 'mãi không', 'mãi chưa', 'vẫn chưa', 'đến nay vẫn', 'đến giờ vẫn',
  'đến nay chưa', 'kiểu gì', 'làm ăn kiểu', 'làm ăn như', 'ăn hại', 'vô tích sự', 'ai chịu trách nhiệm', 'ai quản lý', 'có ai quản lý',
  'bỏ đó', 'bỏ mặc', 'dở dang', 'chưa sửa', 'không sửa', 'chưa thấy đâu', 'vẫn chưa thấy', 'khổ quá', 'khổ lắm', 'tiền thuế của dân',
  'xem lại việc', 'kêu trời', 'thấu không', 'cả tháng nay', 'mấy tháng nay', 'cả tuần nay', 'mấy hôm nay', 'mấy ngày nay', 'nửa năm',
);

/** Public services and the things they run. */
const PUBLIC_SERVICES = any(
  'đường', 'cầu treo', 'cầu tràn', 'ngầm tràn', 'cống thoát nước', 'cống rãnh', 'miệng cống', 'kênh mương', 'mương nước', 'điện lưới',
  'điện sinh hoạt', 'điện lực', 'cột điện', 'dây điện', 'tiền điện', 'nước sinh hoạt', 'nước sạch', 'nước máy', 'rác', 'rác thải',
  'trường học', 'nhà trường', 'điểm trường', 'trường mầm non', 'trường tiểu học', 'trường trung học', 'trạm y tế',
  'chợ xã', 'khu chợ', 'phiên chợ', 'chợ trung tâm', 'nhà văn hóa', 'hồ sơ', 'sổ đỏ', 'trợ cấp', 'hộ nghèo', 'hỗ trợ', 'tiền hỗ trợ',
  'đèn đường', 'quỹ thôn', 'quỹ xã', 'tiền quỹ', 'tiền đóng góp', 'nhà vệ sinh', 'thu phí', 'tiểu thương', 'ban quản lý chợ',
  'giấy tờ', 'thủ tục', 'bảo hiểm', 'đền bù', 'bồi thường', 'kênh', 'bể nước', 'sóng điện thoại',
);

/** Officials and offices. */
const OFFICIALS = any(
  'cán bộ', 'công chức', 'chủ tịch', 'phó chủ tịch', 'bí thư', 'trưởng thôn', 'trưởng bản', 'địa chính', 'công an', 'cán bộ xã',
  'lãnh đạo', 'ủy ban', 'lãnh đạo xã', 'chính quyền', 'quan chức', 'cán bộ thôn', 'kế toán', 'cán bộ tư pháp', 'một cửa', 'văn thư',
);

const RULES: RuleInput[] = [
  // ---------------------------------------------------------------- phan_anh_kien_nghi
  {
    id: 'pakn-gpmb-boi-thuong',
    category: 'phan_anh_kien_nghi',
    query: `${LAND_CLEARANCE} AND ${COMPLAINT_CUES}`,
    description: 'Land clearance, compensation and resettlement with a sign of grievance.',
  },
  {
    id: 'pakn-gpmb-ep-gia',
    category: 'phan_anh_kien_nghi',
    severity: 'high',
    query: `${any('ép giá', 'ép dân', 'cướp đất', 'lấy đất của dân', 'cưỡng chế', 'ép ký', 'ép nhận tiền', 'ép di dời', 'mất đất', 'không có đất')} NEAR/12 ${any('đền bù', 'bồi thường', 'dự án', 'thu hồi', 'đất', 'tái định cư', 'làm đường', 'giải tỏa')}`,
    description: 'Land taken by force or at a forced price.',
  },
  {
    id: 'pakn-dat-dai-tranh-chap',
    category: 'phan_anh_kien_nghi',
    query: `${any('tranh chấp đất', 'lấn chiếm', 'lấn đất', 'chiếm đất', 'đo đạc sai', 'đo sai', 'cấp sai', 'cấp trùng')} OR (${any('sổ đỏ', 'giấy chứng nhận quyền sử dụng đất', 'bìa đỏ', 'cấp sổ', 'cấp bìa', 'trích lục')} NEAR/10 ${any('chậm', 'chưa', 'mãi', 'không cấp', 'không được', 'tháng trời', 'năm trời', 'đi lại', 'hẹn', 'gây khó', 'bồi dưỡng', 'sai')})`,
    description: 'Land disputes, encroachment, land-use certificates delayed or wrong.',
  },
  {
    id: 'pakn-thu-tuc-hanh-chinh',
    category: 'phan_anh_kien_nghi',
    query: `${any('thủ tục', 'hồ sơ', 'giấy tờ', 'một cửa', 'bộ phận một cửa', 'giấy khai sinh', 'khai sinh', 'chứng thực', 'công chứng', 'căn cước', 'tạm trú', 'chuyển khẩu', 'đăng ký', 'dịch vụ công', 'xác nhận')} NEAR/12 ${any('chậm', 'chậm trễ', 'hẹn', 'hẹn lần', 'mãi', 'đi lại nhiều lần', 'đi lại mấy lần', 'đi mấy lần', 'không giải quyết', 'gây khó', 'gây khó dễ', 'trả về', 'bắt bổ sung', 'bổ sung mãi', 'phiền hà', 'rườm rà', 'nhũng nhiễu', 'không nhận', 'vắng', 'tháng trời', 'chờ mãi', 'chờ cả', 'đợi mãi', 'hành dân', 'làm khó', 'lòng vòng', 'quá hạn', 'trễ hẹn', 'không ai tiếp', 'không có ai', 'chưa có kết quả', 'vẫn chưa có', 'thiếu giấy', 'bảo thiếu', 'đi lại mấy', 'mấy chục cây số')}`,
    description: 'Administrative procedures that are slow, obstructed or pushed around.',
  },
  {
    id: 'pakn-can-bo-thai-do',
    category: 'phan_anh_kien_nghi',
    query: `${any('hách dịch', 'cửa quyền', 'nhũng nhiễu', 'sách nhiễu', 'hạch sách', 'gây khó dễ', 'làm khó dân', 'quát tháo', 'quát dân', 'chửi dân', 'mắng dân', 'đánh dân', 'coi thường dân', 'xem thường dân', 'thờ ơ', 'vô cảm', 'quan liêu', 'hành dân', 'ngồi chơi', 'đi muộn về sớm', 'xưng mày tao', 'lên mặt', 'vô trách nhiệm', 'thiếu trách nhiệm', 'tắc trách', 'lướt điện thoại', 'ngồi chơi xơi nước', 'không nghe máy', 'hỏi gì cũng gắt', 'cáu gắt', 'gắt gỏng')} OR (${OFFICIALS} NEAR/12 ${any('quát', 'mất dạy', 'láo', 'hỗn láo', 'tự ý', 'không báo trước', 'không đến', 'bắt chờ', 'bảo đợi', 'đuổi về', 'bỏ về', 'ăn hại', 'vô tích sự', 'say rượu', 'nhậu')}) OR ("thái độ" NEAR/6 ${any('hách dịch', 'khó chịu', 'cáu', 'quát', 'tệ', 'kém', 'lồi lõm', 'coi thường', 'xấc', 'láo', 'không tiếp', 'thờ ơ', 'phục vụ kém', 'như bố', 'không ra gì')})`,
    description: "Officials' conduct towards citizens.",
  },
  {
    id: 'pakn-dich-vu-cong-bat-cap',
    category: 'phan_anh_kien_nghi',
    query: `(${PUBLIC_SERVICES} OR ${OFFICIALS}) AND ${GRIEVANCE} NOT ${any('diễn tập', 'giả định', 'tập huấn')}`,
    description: 'A public service or office together with a strong sign of grievance.',
  },
  {
    id: 'pakn-khong-ai-giai-quyet',
    category: 'phan_anh_kien_nghi',
    query: `${any('không ai giải quyết', 'chẳng ai giải quyết', 'chả ai giải quyết', 'không ai quan tâm', 'chẳng ai quan tâm', 'không ai trả lời', 'chưa được giải quyết', 'không được giải quyết', 'chưa được trả lời', 'kêu trời không thấu', 'đùn đẩy trách nhiệm', 'đùn đẩy', 'bặt vô âm tín', 'im lặng', 'làm ngơ', 'ngó lơ', 'bỏ mặc', 'hứa suông', 'hứa mãi', 'hứa rồi để đó')} OR (${any('khiếu nại', 'kiến nghị', 'phản ánh', 'đơn thư', 'gửi đơn', 'làm đơn', 'đơn tố cáo', 'ký đơn')} NEAR/10 ${any('chưa', 'không', 'mãi', 'nhiều lần', 'mấy lần', 'nhiều tháng', 'mấy tháng', 'nhiều năm', 'mấy năm', 'tập thể', 'vượt cấp', 'lên tỉnh', 'lên huyện', 'thanh tra')})`,
    description: 'Petitions and complaints left unanswered.',
  },
  {
    id: 'pakn-duong-xa',
    category: 'phan_anh_kien_nghi',
    query: `(${any('đường', 'con đường', 'tuyến đường', 'đường liên thôn', 'đường liên xã', 'đường bê tông', 'mặt đường', 'cây cầu', 'cầu treo', 'cầu tràn', 'cầu dân sinh', 'ngầm tràn', 'rãnh thoát nước', 'cống thoát nước', 'cống qua đường', 'đèn đường')} NEAR/8 ${any('hỏng', 'hư hỏng', 'xuống cấp', 'ổ gà', 'ổ voi', 'lầy lội', 'sụt lún', 'lún', 'nứt', 'bong tróc', 'chưa sửa', 'không sửa', 'bụi mù', 'trơn trượt', 'làm dở', 'bỏ dở', 'thi công ẩu', 'kém chất lượng', 'không có đèn', 'không đi được', 'trơ đá', 'bùn', 'nát', 'nát hết', 'nát bét', 'dở dang', 'đào lên', 'bỏ đó', 'mục nát', 'ván mục', 'mục hết', 'gãy ván', 'trơn như', 'toàn ổ gà', 'đá dăm', 'đá hộc', 'chưa được sửa', 'chưa làm', 'chưa được làm', 'chưa có đường', 'đường đất')} OR (${any('cột điện', 'dây điện')} NEAR/8 ${any('nghiêng', 'võng xuống', 'bị võng', 'bị đứt', 'đứt dây', 'chập điện', 'chập cháy', 'sát đầu', 'chưa sửa', 'đề nghị')}) OR (${any('cái cống', 'miệng cống', 'cống rãnh', 'rãnh nước', 'mương thoát nước', 'cống thoát nước')} NEAR/8 ${any('bị tắc', 'tắc nghẽn', 'tắc hết', 'tắc cứng', 'đầy rác', 'nước tràn', 'tràn ra', 'ứ đọng', 'ùn ứ', 'khơi thông')}) OR (${any('biển báo', 'gờ giảm tốc', 'đèn tín hiệu', 'phân luồng', 'hàng rào')} NEAR/10 ${any('đề nghị', 'thiếu', 'không có', 'lắp đặt', 'lắp thêm', 'chưa có')})) AND ((NOT ${any('sạt lở', 'đất sạt', 'lũ quét', 'mưa lũ', 'nước lũ', 'lũ cuốn', 'cuốn trôi', 'đang ngập', 'bị ngập', 'ngập sâu', 'đất đá tràn')}) OR ${any('chưa sửa', 'không sửa', 'chưa được sửa', 'vẫn chưa', 'đến nay', 'đến giờ', 'từ năm', 'từ mùa', 'mấy tháng', 'cả tháng', 'đề nghị', 'bao giờ', 'không ai', 'chẳng ai', 'chưa khắc phục')})`,
    description: 'Roads, bridges, culverts broken or unfinished (a road cut by a flood today is a disaster, unless repair is asked for).',
  },
  {
    id: 'pakn-dien',
    category: 'phan_anh_kien_nghi',
    severity: 'low',
    query: `(${any('mất điện', 'cúp điện', 'cắt điện', 'điện yếu', 'điện chập chờn', 'chưa có điện', 'không có điện', 'chưa có lưới điện', 'thắp đèn dầu')} OR ("kéo điện" NEAR/15 ${any('hứa', 'chưa', 'vẫn', 'mãi')}) OR ("tiền điện" NEAR/6 ${any('tăng', 'cao', 'vô lý', 'bất thường', 'gấp đôi', 'gấp ba')})) NOT ${any('lịch cắt điện', 'lịch tạm ngừng cung cấp điện', 'thông báo tạm ngừng')}`,
    description: 'Electricity supply and bills.',
  },
  {
    id: 'pakn-nuoc-sach',
    category: 'phan_anh_kien_nghi',
    query: `(${any('nước sạch', 'nước sinh hoạt', 'nước máy', 'công trình nước', 'bể nước', 'giếng', 'nước giếng', 'nước tự chảy')} NEAR/10 ${any('không có', 'chưa có', 'thiếu', 'mất nước', 'đục', 'bẩn', 'có mùi', 'hôi', 'vàng', 'cặn', 'hỏng', 'bỏ hoang', 'không dùng được', 'cắt', 'khô')}) OR ${any('mất nước sinh hoạt', 'thiếu nước sinh hoạt', 'thiếu nước sạch', 'không có nước sạch', 'không có nước dùng', 'nước bẩn', 'nước đục', 'gánh nước suối', 'xách nước suối', 'đi gánh nước', 'đi xách nước', 'đi xin nước')} NOT ${any('không phải gánh', 'không còn phải', 'không phải xách', 'đã có nước')} OR (${any('nước sinh hoạt', 'nước máy', 'bể chứa', 'đầu nguồn', 'nước sạch')} NEAR/10 ${any('mất', 'cạn')}) OR ("mất nước" NEAR/6 ${any('ngày', 'hôm', 'tuần', 'sinh hoạt', 'tắm', 'nấu', 'dùng', 'nay')})`,
    description: 'Clean water missing or dirty.',
  },
  {
    id: 'pakn-moi-truong',
    category: 'phan_anh_kien_nghi',
    query: `${any('ô nhiễm', 'bốc mùi', 'hôi thối', 'xả thải', 'xả trộm', 'nước thải', 'khói bụi', 'khai thác cát trái phép', 'khai thác trái phép', 'cát tặc', 'phá rừng', 'chặt phá rừng', 'đổ trộm')} OR (${any('rác', 'rác thải', 'bãi rác', 'chất thải', 'xác lợn', 'xác động vật', 'trang trại', 'lò gạch', 'nhà máy', 'xưởng')} NEAR/8 ${any('ùn ứ', 'tồn đọng', 'không thu gom', 'chưa thu gom', 'vứt bừa', 'đổ bừa', 'bốc mùi', 'hôi', 'ruồi', 'muỗi', 'ô nhiễm', 'tràn', 'phản đối', 'gần khu dân cư', 'gần nhà', 'gần trường', 'vứt xuống', 'có mùi', 'cả tuần', 'tự phát', 'không ai dọn')}) OR (${any('tiếng ồn', 'ồn ào', 'hát karaoke', 'loa kẹo kéo', 'mở loa')} NEAR/8 ${any('đêm', 'khuya', 'karaoke', 'loa', 'máy xúc', 'xưởng', 'công trình', 'hàng xóm', 'không ngủ được', 'mất ngủ')}) OR ${any('bãi rác tự phát', 'đốt rác', 'vứt rác bừa bãi', 'đổ rác bừa bãi')} OR (${any('xe rác', 'thu gom rác', 'thu gom')} NEAR/10 ${any('cả tuần', 'mới qua', 'không qua', 'chưa đến', 'tăng chuyến', 'không thu', 'chưa thu')})`,
    description: 'Waste, pollution, noise, illegal sand mining and logging.',
  },
  {
    id: 'pakn-truong-hoc',
    category: 'phan_anh_kien_nghi',
    query: `${any('lạm thu', 'thu sai quy định', 'ép học thêm', 'bắt học thêm', 'dạy thêm', 'học thêm')} OR (${any('trường', 'điểm trường', 'lớp học', 'phòng học', 'giáo viên', 'thầy cô', 'cô giáo', 'thầy giáo', 'nhà trường', 'học sinh', 'bếp ăn', 'bán trú', 'nhà trẻ', 'mầm non')} NEAR/10 ${any('dột', 'xuống cấp', 'thiếu', 'thu tiền', 'quỹ', 'đóng góp', 'ép học', 'ép mua', 'ép đóng', 'bắt đóng', 'bắt nộp', 'bắt mua', 'bắt học thêm', 'đánh học sinh', 'đánh trẻ', 'bạo hành', 'phạt', 'xin tiền', 'bạo lực', 'bỏ học', 'không có', 'nứt', 'sập', 'mất an toàn', 'ngộ độc', 'bẩn', 'ăn uống', 'khổ', 'lội suối', 'bắt nạt')})`,
    description: 'Schools: fees, extra classes, buildings, safety.',
  },
  {
    id: 'pakn-y-te',
    category: 'phan_anh_kien_nghi',
    query: `${any('trạm y tế', 'y tế xã', 'bác sĩ', 'y sĩ', 'bệnh viện', 'bảo hiểm y tế', 'thẻ bảo hiểm', 'nhân viên y tế', 'trung tâm y tế')} NEAR/10 ${any('không có thuốc', 'thiếu thuốc', 'hết thuốc', 'đóng cửa', 'vắng', 'thái độ', 'cáu gắt', 'quát', 'chờ mãi', 'phải chờ', 'chờ cả', 'từ chối', 'không tiếp nhận', 'không khám', 'tắc trách', 'không ai ra', 'không có ai', 'không ai trực', 'không có ai trực', 'gõ cửa', 'thiếu trách nhiệm', 'chuyển tuyến', 'thu thêm', 'không được hưởng', 'chưa cấp', 'xuống cấp', 'không có bác sĩ')}`,
    description: 'Health station and health insurance.',
  },
  {
    id: 'pakn-chinh-sach-xa-hoi',
    category: 'phan_anh_kien_nghi',
    query: `${any('hộ nghèo', 'cận nghèo', 'bình xét', 'trợ cấp', 'chế độ chính sách', 'hưởng chế độ', 'tiền hỗ trợ', 'gạo cứu đói', 'gạo hỗ trợ', 'hỗ trợ', 'người có công', 'thương binh', 'bảo trợ xã hội', 'nhà tạm', 'làm nhà', 'xóa nhà tạm', 'tiền ăn')} NEAR/10 ${any('không công bằng', 'bất công', 'sai', 'người nhà', 'chưa nhận', 'chưa được', 'không được', 'bị cắt', 'cắt', 'thiên vị', 'bình xét sai', 'ăn chặn', 'mãi chưa', 'không đến tay', 'chậm', 'chưa thấy', 'vẫn chưa', 'chưa ai', 'quen ai', 'người quen', 'trong khi', 'chỉ được')}`,
    description: 'Social support: poor-household lists, allowances not received or unfairly shared.',
  },
  {
    id: 'pakn-thuy-loi-nong-nghiep',
    category: 'phan_anh_kien_nghi',
    query: `${any('kênh mương', 'mương', 'thủy lợi', 'đập tràn', 'giống', 'phân bón', 'cây giống', 'con giống', 'vật tư')} NEAR/8 ${any('hỏng', 'bồi lấp', 'không có nước', 'khô', 'kém chất lượng', 'chết', 'giả', 'không nảy mầm', 'chậm', 'thiếu', 'xuống cấp', 'vỡ', 'sạt', 'chưa sửa', 'tắc')}`,
    description: 'Irrigation and farming inputs.',
  },
  {
    id: 'pakn-song-internet',
    category: 'phan_anh_kien_nghi',
    severity: 'low',
    query: `${any('sóng điện thoại', 'sóng 4g', 'sóng wifi', 'mạng internet', 'mạng điện thoại', 'sóng di động')} NEAR/5 ${any('không có', 'yếu', 'mất', 'chập chờn', 'chưa có')}`,
    description: 'Phone signal and internet coverage.',
  },
  {
    id: 'pakn-de-nghi-xa',
    category: 'phan_anh_kien_nghi',
    severity: 'low',
    query: `${any('đề nghị xã', 'đề nghị ubnd', 'đề nghị ủy ban', 'đề nghị chính quyền', 'mong xã', 'mong chính quyền', 'mong các cấp', 'kiến nghị xã', 'xin xã', 'xin chính quyền', 'mong lãnh đạo', 'đề nghị lãnh đạo', 'đề nghị cơ quan chức năng', 'mong cơ quan chức năng')} NEAR/20 ${any('xem xét', 'xem lại', 'giải quyết', 'sửa', 'kiểm tra', 'làm rõ', 'vào cuộc', 'xử lý', 'bố trí', 'hỗ trợ', 'can thiệp', 'trả lời', 'lắp', 'khơi thông', 'tăng')}`,
    description: 'Citizens asking the commune to act.',
  },

  // ---------------------------------------------------------------- tham_nhung_tieu_cuc
  {
    id: 'tntc-tham-nhung',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('tham nhũng', 'tham ô', 'biển thủ', 'tư lợi', 'trục lợi', 'ăn của dân', 'đục khoét', 'sâu dân mọt nước')} NOT ${any('phòng chống tham nhũng', 'chống tham nhũng', 'phòng ngừa tham nhũng', 'công tác phòng')}`,
    description: 'Corruption named as such.',
  },
  {
    id: 'tntc-to-cao-tham-nhung',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('tố cáo', 'bị tố', 'dân tố', 'tố là', 'dấu hiệu', 'nghi ngờ', 'nghi là', 'nghi có', 'nghi vấn', 'đơn tố cáo', 'làm đơn', 'gửi đơn')} NEAR/8 ${any('tham nhũng', 'tham ô', 'sai phạm', 'khuất tất', 'ăn chặn', 'ăn tiền', 'lợi dụng chức vụ', 'lạm dụng chức vụ', 'chiếm đoạt', 'lấn chiếm đất công')} NOT ${any('phòng chống tham nhũng', 'chống tham nhũng', 'phòng ngừa tham nhũng')}`,
    description: 'Accusations of corruption or misconduct.',
  },
  {
    id: 'tntc-an-chan-bot-xen',
    category: 'tham_nhung_tieu_cuc',
    query: any('ăn chặn', 'ăn bớt', 'bớt xén', 'cắt xén', 'rút ruột', 'ăn chênh lệch', 'ăn hoa hồng', 'ăn phần trăm', 'ăn tiền', 'ăn dày', 'ăn đậm', 'khai khống', 'kê khống', 'nâng khống', 'quỹ đen', 'chia chác', 'xà xẻo', 'chiếm đoạt', 'rút tiền hỗ trợ', 'không đến tay dân'),
    description: 'Skimming of funds, padding of claims.',
  },
  {
    id: 'tntc-hoi-lo',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('hối lộ', 'đút lót', 'lót tay', 'tiền lót tay', 'bôi trơn', 'chi phí bôi trơn', 'tiền bôi trơn', 'chạy chọt', 'tiền chạy', 'mua chức', 'chạy chức', 'chạy quyền', 'chạy việc', 'chạy án', 'chạy biên chế', 'chạy dự án', 'vòi tiền', 'vòi vĩnh', 'xin đểu', 'tiền cà phê', 'tiền trà nước')} OR ("phong bì" NEAR/8 ${any('cán bộ', 'mới', 'phải', 'đưa', 'nhận', 'bồi dưỡng', 'làm nhanh', 'xong', 'không có')})`,
    description: 'Bribes, buying positions, envelopes for service.',
  },
  {
    id: 'tntc-loi-ich-nhom',
    category: 'tham_nhung_tieu_cuc',
    query: any('lợi ích nhóm', 'sân sau', 'con ông cháu cha', 'ưu ái người nhà', 'cài người nhà', 'người nhà cán bộ', 'người nhà trưởng thôn', 'người nhà lãnh đạo', 'quen ai thì', 'có quen mới', 'phải có người quen', 'cả họ làm quan', 'một người làm quan cả họ được nhờ', 'móc ngoặc', 'thông đồng', 'bao che', 'bảo kê', 'lạm dụng chức vụ', 'lợi dụng chức vụ', 'lạm quyền', 'lộng quyền', 'lạm dụng quyền hạn', 'vượt quyền'),
    description: 'Group interests, nepotism, collusion, abuse of office.',
  },
  {
    id: 'tntc-sai-pham-can-bo',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('sai phạm', 'vi phạm', 'gian lận', 'làm giả', 'giả mạo hồ sơ', 'khuất tất', 'mờ ám', 'không minh bạch', 'thất thoát', 'lãng phí', 'ăn tiền')} NEAR/10 ${any('cán bộ', 'chủ tịch', 'bí thư', 'trưởng thôn', 'địa chính', 'kế toán', 'lãnh đạo xã', 'ủy ban', 'dự án', 'công trình', 'quỹ', 'ngân sách', 'tiền hỗ trợ', 'đền bù', 'bồi thường', 'đấu thầu', 'nhà thầu', 'đất công')}`,
    description: 'Misconduct of officials or in public projects.',
  },
  {
    id: 'tntc-giau-bat-thuong',
    category: 'tham_nhung_tieu_cuc',
    severity: 'medium',
    query: `${any('xây nhà', 'nhà lầu', 'biệt thự', 'nhà mấy tầng', 'xe sang', 'mua ô tô', 'đất đai khắp nơi')} NEAR/25 ${any('lương', 'lương cán bộ', 'lấy đâu ra', 'ở đâu ra', 'từ đâu ra', 'bao nhiêu mà', 'làm sao mà')}`,
    description: 'Officials living beyond their salary.',
  },
  {
    id: 'tntc-dau-thau-chia-chac',
    category: 'tham_nhung_tieu_cuc',
    query: `(${any('đấu thầu', 'trúng thầu', 'gói thầu', 'nhà thầu', 'chỉ định thầu')} NEAR/15 ${any('hình thức', 'người nhà', 'sân sau', 'quân xanh', 'dàn xếp', 'bắt tay', 'thân tín', 'con cháu')}) OR (${any('cán bộ', 'lãnh đạo', 'xã', 'chủ tịch', 'cán bộ xã')} NEAR/6 ${any('chia nhau hết', 'chia nhau ghế', 'chia nhau tiền', 'chia nhau', 'ăn hết', 'bỏ túi')})`,
    description: 'Rigged tenders, officials sharing out funds.',
  },
  {
    id: 'tntc-tai-san-cong',
    category: 'tham_nhung_tieu_cuc',
    severity: 'medium',
    query: `(${any('xe công', 'tài sản công', 'đất công', 'nhà công vụ', 'kinh phí', 'ngân sách')} NEAR/12 ${any('việc riêng', 'đi ăn cưới', 'đi chơi', 'chở cả nhà', 'cá nhân', 'mang về nhà', 'cho thuê', 'tự ý')}) OR (${any('tự ý', 'lén', 'âm thầm')} NEAR/4 ${any('bán đất', 'bán', 'cho thuê', 'chuyển nhượng', 'cấp đất')})`,
    description: 'Public property used privately, land sold without authority.',
  },
  {
    id: 'tntc-giu-tien-dan',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('tiền bồi thường', 'tiền đền bù', 'tiền hỗ trợ', 'gạo hỗ trợ', 'tiền trợ cấp', 'hàng cứu trợ')} NEAR/15 ${any('giữ lại', 'bị trừ', 'trừ bớt', 'chỉ nhận được', 'thực nhận', 'một nửa', 'phí làm hồ sơ', 'chia nhau', 'không đến tay', 'ăn chặn', 'điều chỉnh')}`,
    description: "Money or aid meant for citizens held back or cut.",
  },
  {
    id: 'tntc-dieu-tra-ky-luat',
    category: 'tham_nhung_tieu_cuc',
    query: `${OFFICIALS} NEAR/12 ${any('bị bắt', 'bị khởi tố', 'khởi tố', 'bị kỷ luật', 'kỷ luật', 'mời lên làm việc', 'mời làm việc', 'bị điều tra', 'bị thanh tra', 'cách chức', 'đình chỉ công tác', 'bị tạm giữ')}`,
    description: 'Officials disciplined, investigated or arrested.',
  },
  {
    id: 'tntc-mua-chuc-mua-phieu',
    category: 'tham_nhung_tieu_cuc',
    query: `(("chạy" OR "lo") NEAR/3 ${any('triệu', 'tỷ', 'trăm triệu', 'tiền')} AND ${any('công chức', 'biên chế', 'vào làm', 'xin việc', 'chức', 'ghế', 'vào ngành', 'giáo viên')}) OR ${any('mua phiếu', 'mua bán phiếu', 'gian lận bầu cử', 'gạch hộ', 'phát tiền bầu', 'lo ghế', 'chạy ghế')} OR (${any('phát tiền', 'cho tiền', 'biếu tiền')} NEAR/10 ${any('bầu', 'bỏ phiếu', 'ứng cử viên')})`,
    description: 'Buying positions or votes.',
  },
  {
    id: 'tntc-lam-dung-quy',
    category: 'tham_nhung_tieu_cuc',
    severity: 'medium',
    query: `${any('thu tiền', 'bắt đóng', 'bắt nộp', 'tự đặt ra', 'thu thêm', 'thu quỹ', 'đóng góp', 'tiền đóng góp', 'quỹ', 'thu phí')} NEAR/20 ${any('không có biên lai', 'không biên lai', 'không có hóa đơn', 'sai quy định', 'trái quy định', 'không rõ', 'đi đâu', 'không công khai', 'tự ý', 'vô lý', 'bắt buộc', 'ai giữ', 'chưa thấy đâu', 'không thấy đâu', 'tiêu gì', 'không có sổ sách', 'không sổ sách', 'sổ sách gì', 'không có giấy tờ')}`,
    description: 'Unlawful levies and contributions.',
  },

  // ---------------------------------------------------------------- tin_sai_su_that
  {
    id: 'tsst-tin-gia',
    category: 'tin_sai_su_that',
    query: `${any('tin giả', 'tin đồn', 'tin vịt', 'tin nhảm', 'tin thất thiệt', 'thông tin thất thiệt', 'sai sự thật', 'không đúng sự thật', 'thông tin sai', 'thông tin bịa đặt', 'bịa đặt', 'bịa chuyện', 'vu khống', 'vu cáo', 'bôi nhọ', 'cắt ghép', 'ảnh ghép', 'dựng chuyện', 'tung tin', 'đưa tin sai', 'đính chính', 'bác bỏ', 'chưa được kiểm chứng', 'chưa kiểm chứng', 'không có căn cứ', 'thông tin không chính xác', 'tin đang lan', 'lan trong các nhóm', 'lan truyền trên mạng', 'giật tít', 'khẳng định không có', 'ảnh cũ', 'clip cũ', 'thực ra là ảnh', 'thực ra là clip', 'đừng share', 'đừng chia sẻ', 'share lung tung', 'chia sẻ lung tung', 'không có văn bản nào', 'không có quy định nào', 'không hề có', 'hoàn toàn không đúng')} NOT ${any('tập huấn', 'khuyến cáo', 'nâng cao nhận thức', 'kỹ năng nhận diện', 'không phải tin đồn')}`,
    description: 'Named falsehoods, rumours and their rebuttals.',
  },
  {
    id: 'tsst-nghe-noi',
    category: 'tin_sai_su_that',
    query: `${any('nghe nói', 'nghe đồn', 'đồn rằng', 'đồn là', 'người ta đồn', 'nghe bảo', 'nghe người ta nói', 'nghe đâu', 'thấy bảo', 'thấy nói', 'nghe phong thanh', 'có tin', 'tin nhắn lan truyền', 'đang lan truyền', 'lan truyền', 'rộ tin', 'xôn xao')} AND ${any('xã đã', 'xã sẽ', 'xã cho', 'xã bảo', 'xã mình', 'ủy ban', 'đảng ủy', 'chính quyền', 'cán bộ', 'chủ tịch', 'bí thư', 'công an', 'dự án', 'thu hồi', 'sắp', 'bị bắt', 'bị cắt', 'cắt', 'phạt', 'chết', 'giấu', 'che giấu', 'đền bù', 'bầu cử', 'đi bầu', 'có thật', 'thật không', 'thật ko', 'thật hay', 'đúng không', 'phải không', 'xác nhận', 'vỡ', 'dịch', 'ngộ độc', 'bắt cóc', 'mất tích', 'sập')}`,
    description: 'Hearsay about the commune, its officials or its projects.',
  },
  {
    id: 'tsst-chia-se-gap',
    category: 'tin_sai_su_that',
    query: any('chia sẻ gấp', 'share gấp', 'chia sẻ ngay', 'chia sẻ rộng rãi', 'chia sẻ cho mọi người cùng biết', 'lan tỏa gấp', 'khẩn cấp chia sẻ', 'cảnh báo khẩn', 'báo động', 'tin nóng', 'tin khẩn', 'sự thật là', 'sự thật về', 'sự thật đằng sau', 'báo chí không đưa', 'họ giấu', 'xã giấu', 'che giấu thông tin', 'giấu thông tin', 'giấu không cho dân biết', 'bưng bít', 'ỉm đi', 'ém nhẹm'),
    description: 'Calls to spread news urgently, "the truth is", cover-up claims.',
  },
  {
    id: 'tsst-lua-dao-mao-danh',
    category: 'tin_sai_su_that',
    query: `${any('mạo danh', 'giả danh', 'giả mạo', 'trang giả', 'fanpage giả', 'link lạ', 'đường link', 'bấm vào link', 'lừa đảo')} NEAR/15 ${any('xã', 'ủy ban', 'ubnd', 'công an', 'cán bộ', 'chính quyền', 'hỗ trợ', 'tin nhắn', 'zalo', 'facebook', 'trang', 'fanpage', 'cơ quan')} NOT ${any('khuyến cáo', 'tập huấn', 'tuyên truyền', 'nâng cao nhận thức')}`,
    description: 'Impersonation of the authorities, phishing in their name.',
  },
  {
    id: 'tsst-that-khong',
    category: 'tin_sai_su_that',
    severity: 'medium',
    query: `${any('có thật không', 'thật không', 'thật ko', 'có thật ko', 'là thật à', 'thật hả', 'có đúng không', 'đúng không mọi người', 'thật hay đùa', 'thật hay giả', 'thật giả', 'thực hư', 'chưa biết thật', 'ai xác nhận', 'xác nhận giúp', 'ai biết không', 'có ai biết', 'cho xin thông tin')} NEAR/25 ${any('tin', 'nghe', 'bảo', 'nói', 'đồn', 'vỡ', 'chết', 'bắt', 'cắt', 'thu hồi', 'sập', 'dịch')}`,
    description: 'Asking whether a circulating claim is true.',
  },

  // ---------------------------------------------------------------- xuyen_tac
  {
    id: 'xt-chong-che-do',
    category: 'xuyen_tac',
    query: any('độc tài', 'độc đảng', 'đảng trị', 'đảng cướp', 'cộng phỉ', 'cộng nô', 'bọn cộng sản', 'lũ cộng sản', 'chế độ cộng sản', 'chế độ thối nát', 'chế độ độc tài', 'đảng thối nát', 'đa đảng', 'đa nguyên', 'lật đổ', 'thoát cộng', 'phản động', 'việt tân', 'thế lực thù địch', 'tù nhân lương tâm', 'nhà hoạt động dân chủ', 'bán nước', 'hèn với giặc', 'ác với dân', 'bọn csvn', 'vẹm', 'bò đỏ', 'dư luận viên', 'dlv'),
    description: 'Attacks on the Party and the regime, hostile organisations.',
  },
  {
    id: 'xt-xuyen-tac-chinh-sach',
    category: 'xuyen_tac',
    query: `${any('xuyên tạc', 'nhồi sọ', 'tẩy não', 'ngu dân', 'mị dân', 'bịp bợm', 'lừa bịp', 'dàn dựng', 'màn kịch', 'trò hề', 'tô vẽ', 'tô hồng', 'sống bằng khẩu hiệu', 'khẩu hiệu suông', 'nói dối', 'giả dối', 'lừa dân', 'bịt miệng', 'đàn áp', 'không có tự do', 'làm gì có tự do', 'tự do ngôn luận', 'tự do tôn giáo', 'nhân quyền', 'mất nước', 'bán đất', 'bán rừng', 'bán đảo', 'cho trung quốc', 'người trung quốc', 'tàu cộng', 'thái thú', 'chư hầu', 'bắc thuộc')} NEAR/20 ${any('đảng', 'nhà nước', 'chế độ', 'chính quyền', 'cộng sản', 'nghị quyết', 'chủ trương', 'chính sách', 'tuyên giáo', 'báo chí', 'đảng viên', 'cán bộ', 'bộ máy', 'đảng ủy', 'ban tuyên giáo', 'cấm dân', 'trung quốc', 'cộng sản', 'csvn', 'đcsvn', 'cs')}`,
    description: 'Distortion of Party and State policy.',
  },
  {
    id: 'xt-bai-xich-nghi-quyet',
    category: 'xuyen_tac',
    query: `${any('nghị quyết', 'học tập nghị quyết', 'đại hội đảng', 'đại hội xiv', 'đảng lãnh đạo', 'sự lãnh đạo của đảng', 'đảng viên', 'chủ nghĩa mác', 'mác lênin', 'chủ nghĩa xã hội', 'xã hội chủ nghĩa', 'báo chí nhà nước', 'đảng cử dân bầu')} NEAR/20 ${any('viển vông', 'vô bổ', 'vô ích', 'vô nghĩa', 'lỗi thời', 'giáo điều', 'màn kịch', 'trò hề', 'dối trá', 'nói dối', 'lừa', 'bịp', 'dân vẫn nghèo', 'dân vẫn khổ', 'đừng tin', 'không tin', 'tô vẽ', 'khẩu hiệu', 'thất bại', 'ăn hại', 'sâu mọt', 'bóc lột', 'làm gì cho mệt', 'làm cảnh', 'dàn dựng')}`,
    description: "Ridicule of the Party's resolutions and leadership.",
  },
  {
    id: 'xt-che-do-dang',
    category: 'xuyen_tac',
    query: `${any('chế độ', 'chế độ này', 'đảng', 'đảng ta', 'nhà nước', 'cộng sản', 'đảng ủy', 'bộ máy')} NEAR/8 ${any('thối nát', 'mục nát', 'không vì dân', 'không bao giờ vì dân', 'hại dân', 'ăn hại', 'bóc lột', 'sụp đổ', 'tàn ác', 'độc ác', 'lừa dân', 'cướp của dân', 'chỉ lo thu thuế', 'thu thuế của dân', 'vơ vét', 'đè đầu cưỡi cổ', 'chỉ biết họp', 'sâu mọt', 'cướp đất', 'bán nước')}`,
    description: 'The regime or the Party described as rotten or against the people.',
  },
  {
    id: 'xt-trang-doc-lap',
    category: 'xuyen_tac',
    query: any('trang độc lập', 'báo độc lập', 'truyền thông độc lập', 'báo lề trái', 'lề trái', 'rfa', 'voa', 'đài á châu tự do', 'chân trời mới', 'nhà báo độc lập', 'đừng tin báo chí nhà nước', 'đừng tin báo đảng', 'báo đảng', 'báo lề phải'),
    description: 'Pointing people to hostile outlets.',
  },

  // ---------------------------------------------------------------- dan_toc_ton_giao
  {
    id: 'dttg-ta-dao',
    category: 'dan_toc_ton_giao',
    query: any('tà đạo', 'đạo lạ', 'theo đạo mới', 'đạo mới lạ', 'đạo mới này', 'nhóm đạo mới', 'giê sùa', 'giê sù', 'dương văn mình', 'dương văn minh', 'hà mòn', 'đạo hà mòn', 'pháp luân công', 'hội thánh của đức chúa trời', 'hội thánh đức chúa trời mẹ', 'đức chúa trời mẹ', 'ngọc phật hồ chí minh', 'bà cô dợ', 'thanh hải vô thượng sư', 'tâm linh lạ', 'truyền đạo trái phép', 'truyền đạo lén lút', 'tôn giáo lạ', 'hoạt động tôn giáo trái phép', 'nhóm họp trái phép', 'bỏ thờ cúng', 'không thờ cúng', 'phá bàn thờ', 'đốt bàn thờ', 'bỏ bàn thờ', 'mê tín dị đoan', 'buôn thần bán thánh', 'động long mạch', 'long mạch'),
    description: 'Unlawful religious activity, sects, superstition exploited.',
  },
  {
    id: 'dttg-truyen-dao',
    category: 'dan_toc_ton_giao',
    query: `${any('truyền đạo', 'theo đạo', 'vận động theo', 'rủ theo', 'lôi kéo', 'dụ dỗ', 'phát sách', 'phát tài liệu', 'cầu nguyện', 'nhóm họp', 'điểm nhóm', 'sinh hoạt tôn giáo', 'tin lành', 'mục sư', 'truyền giáo')} NEAR/15 ${any('trái phép', 'lén lút', 'lôi kéo', 'dụ dỗ', 'người lạ', 'bỏ thờ cúng', 'không phải đóng góp', 'không đi viện', 'chữa bệnh', 'ốm đau', 'cho tiền', 'cho gạo', 'đạo mới', 'đạo lạ', 'tiếng mông', 'giải tán', 'đàn áp', 'cấm', 'ngăn cản', 'tự do tôn giáo', 'tà đạo', 'ngày tận thế', 'tận thế')}`,
    description: 'Proselytising, religious gatherings and their restriction.',
  },
  {
    id: 'dttg-co-so-ton-giao',
    category: 'dan_toc_ton_giao',
    query: `${any('chùa', 'nhà thờ', 'giáo xứ', 'giáo họ', 'nhà nguyện', 'miếu', 'tượng phật', 'giáo dân', 'tín đồ', 'phật tử', 'chức sắc', 'linh mục', 'sư thầy', 'nhà sư', 'sư trụ trì', 'trụ trì', 'thầy cúng', 'thầy mo', 'tôn giáo', 'đất chùa', 'đất nhà thờ', 'cơ sở thờ tự')} NEAR/10 ${any('tranh chấp', 'đập phá', 'phá dỡ', 'phá bỏ', 'xô xát', 'chiếm đất', 'lấn chiếm', 'chiếm dụng', 'cưỡng chế', 'đàn áp', 'trái phép', 'không phép', 'chưa được cấp phép', 'chưa có giấy phép', 'dừng thi công', 'lôi kéo', 'tụ tập', 'xúc phạm', 'bôi nhọ', 'trộm', 'lừa đảo', 'lừa tiền', 'trục lợi', 'lợi dụng', 'thu tiền', 'bị tố', 'gặp họa', 'bị phạt', 'bị cấm', 'cấm đoán', 'ngăn cấm', 'ngăn cản', 'kích động', 'phản đối')}`,
    description: 'Places of worship and religious figures in conflict.',
  },
  {
    id: 'dttg-dan-toc-xung-dot',
    category: 'dan_toc_ton_giao',
    query: `${any('người mông', 'đồng bào mông', 'dân tộc mông', 'hmông', 'h mông', 'người mèo', 'người dao', 'đồng bào dao', 'dân tộc dao', 'người tày', 'đồng bào tày', 'dân tộc tày', 'người nùng', 'đồng bào nùng', 'dân tộc nùng', 'tày nùng', 'người sán chay', 'người sán dìu', 'người thái', 'người mường', 'người giáy', 'người lô lô', 'người khơ mú', 'người hà nhì', 'người phù lá', 'người la chí', 'người cao lan', 'người hoa', 'người kinh', 'dân tộc kinh', 'dưới xuôi', 'người dân tộc', 'đồng bào dân tộc', 'dân tộc thiểu số', 'đồng bào', 'hai dòng họ', 'giữa các dòng họ')} NEAR/12 ${any('chia rẽ', 'kích động', 'lôi kéo', 'xúi giục', 'xô xát', 'tranh chấp', 'mâu thuẫn', 'kỳ thị', 'miệt thị', 'phân biệt', 'coi thường', 'cướp', 'cướp trắng', 'mất hết', 'mất đất', 'cút', 'đuổi đi', 'mọi rợ', 'coi như mọi', 'khinh', 'khinh thường', 'khinh ra mặt', 'chê bai', 'chế giễu', 'trêu chọc', 'bắt nạt', 'xa lánh', 'phân biệt đối xử', 'ưu tiên quá', 'được ưu tiên quá', 'chẳng được gì', 'không được gì', 'toàn người kinh', 'người kinh hưởng', 'bất công', 'ép bỏ đạo', 'bỏ đạo', 'bỏ rơi', 'đối xử', 'không công bằng', 'công cụ', 'ăn bám', 'không biết làm ăn', 'man di', 'lạc hậu', 'ngu', 'bẩn thỉu', 'ly khai', 'tự trị', 'vương quốc', 'nhà nước riêng', 'đánh nhau', 'cãi nhau', 'truyền đạo', 'theo đạo', 'đàn áp', 'không cho', 'người ngoài', 'xua đuổi', 'cô lập', 'tẩy chay')}`,
    description: 'Ethnic groups in conflict, discrimination, separatism.',
  },
  {
    id: 'dttg-phong-tuc',
    category: 'dan_toc_ton_giao',
    query: `${any('phong tục', 'tập quán', 'lễ hội', 'rừng thiêng', 'rừng cấm', 'cúng thần', 'cúng rừng', 'già làng', 'bản sắc', 'tín ngưỡng', 'mộ tổ', 'khu đất mộ', 'đất mộ')} NEAR/15 ${any('bị cấm', 'cấm', 'mất cả', 'mất hết', 'lấn', 'phá', 'không cho', 'xâm phạm', 'không ai hỏi', 'tranh chấp', 'phản đối', 'căng thẳng')}`,
    description: 'Customs, sacred forests, graves and beliefs of ethnic communities under threat.',
  },
  {
    id: 'dttg-ly-khai',
    category: 'dan_toc_ton_giao',
    query: any('nhà nước mông', 'vương quốc mông', 'vương quốc hmông', 'nhà nước đề ga', 'nhà nước đê ga', 'fulro', 'ly khai', 'thành lập nhà nước riêng', 'vua mông', 'xưng vua', 'đón vua'),
    description: 'Separatist movements.',
  },
  {
    id: 'dttg-xuc-pham',
    category: 'dan_toc_ton_giao',
    query: `${any('xúc phạm', 'báng bổ', 'chế giễu', 'chế nhạo', 'trêu chọc', 'bêu riếu', 'bôi nhọ', 'miệt thị', 'kỳ thị', 'khinh miệt', 'coi khinh', 'phân biệt đối xử')} NEAR/8 ${any('tôn giáo', 'đức phật', 'phật giáo', 'nhà phật', 'đức chúa', 'thiên chúa', 'chúa giê su', 'đạo phật', 'đạo thiên chúa', 'công giáo', 'tin lành', 'dân tộc', 'đồng bào', 'người dân tộc', 'phong tục', 'tín ngưỡng', 'người tày', 'người mông', 'người dao', 'người nùng', 'người thái', 'người mường', 'người sán chay', 'người kinh', 'tiếng dân tộc', 'trang phục dân tộc')}`,
    description: 'Insults to religions and ethnic groups.',
  },

  // ---------------------------------------------------------------- an_ninh_trat_tu
  {
    id: 'antt-tu-tap-dong-nguoi',
    category: 'an_ninh_trat_tu',
    query: any('tụ tập đông người', 'khiếu kiện đông người', 'khiếu kiện tập thể', 'khiếu kiện vượt cấp', 'biểu tình', 'tuần hành', 'kéo lên xã', 'kéo lên ủy ban', 'kéo đến ủy ban', 'kéo nhau lên', 'kéo lên huyện', 'kéo lên tỉnh', 'kéo ra ủy ban', 'cùng nhau lên xã', 'kéo cả thôn', 'kéo cả bản', 'căng lều', 'căng biểu ngữ', 'căng băng rôn', 'giăng biểu ngữ', 'đông người thì họ mới sợ', 'đông người mới sợ', 'bao vây trụ sở', 'vây trụ sở', 'chiếm trụ sở', 'ngồi lì', 'không cho thi công', 'ngăn thi công', 'cản trở thi công', 'không cho làm đường', 'giữ xe không cho', 'giữ xe lại', 'dân giữ xe', 'giữ máy xúc', 'giữ người', 'bắt giữ cán bộ', 'giam người', 'đơn tập thể', 'nộp đơn tập thể', 'ký đơn tập thể'),
    description: 'Gatherings, mass petitions, blocking works, holding people or machines.',
  },
  {
    id: 'antt-tu-tap',
    category: 'an_ninh_trat_tu',
    query: `${any('tụ tập', 'kéo đến', 'kéo ra', 'kéo lên', 'đông người', 'cả trăm người', 'hàng trăm người', 'hàng chục người', 'cả làng', 'cả thôn', 'cả bản', 'cả xóm')} NEAR/12 ${any('trụ sở', 'ủy ban', 'ubnd', 'lên xã', 'công trường', 'phản đối', 'gây rối', 'đòi', 'không cho', 'chặn', 'biểu tình', 'căng thẳng', 'đòi tiền', 'đền bù', 'đập phá', 'xuống tỉnh', 'lên tỉnh', 'lên huyện', 'nộp đơn', 'khiếu kiện')}`,
    description: 'People gathering at the commune offices or a worksite.',
  },
  {
    id: 'antt-chan-duong',
    category: 'an_ninh_trat_tu',
    query: any('chặn đường', 'chặn xe', 'rào đường', 'lập barie', 'chắn đường', 'đốt lốp', 'đốt xe', 'đập xe', 'lật xe', 'tông chết', 'đâm chết'),
    description: 'Roads blocked, vehicles attacked, deadly collisions.',
  },
  {
    id: 'antt-xo-xat',
    category: 'an_ninh_trat_tu',
    query: any('đánh nhau', 'hỗn chiến', 'xô xát', 'ẩu đả', 'gây rối', 'đâm chém', 'chém nhau', 'đâm nhau', 'đâm người', 'chém người', 'đánh người', 'đánh hội đồng', 'hành hung', 'côn đồ', 'giang hồ', 'đòi nợ thuê', 'tín dụng đen', 'cho vay nặng lãi', 'bảo kê', 'to tiếng', 'dọa giết', 'đánh cho què', 'liệu hồn', 'đốt nhà', 'phóng hỏa', 'đập phá', 'án mạng', 'giết người', 'nổ súng', 'bắt cóc', 'cầm dao', 'vác dao', 'cầm gậy', 'dọa nhau', 'thách thức', 'gây gổ'),
    description: 'Fights, threats, violence, loan sharks.',
  },
  {
    id: 'antt-trom-cap-te-nan',
    category: 'an_ninh_trat_tu',
    severity: 'high',
    query: `${any('trộm cắp', 'ăn trộm', 'mất trộm', 'trộm', 'cướp giật', 'cướp tài sản', 'trộm chó', 'bắt trộm chó', 'ma túy', 'ma tuý', 'hút chích', 'kim tiêm', 'con nghiện', 'nghiện ma túy', 'nghiện hút', 'buôn bán ma túy', 'cờ bạc', 'đánh bạc', 'sới bạc', 'cá độ', 'lô đề', 'mại dâm', 'buôn người', 'bán sang trung quốc', 'người lạ mặt', 'nhóm người lạ', 'đua xe', 'bốc đầu')} NOT ${any('phòng chống ma túy', 'tuyên truyền phòng chống', 'tháng hành động')}`,
    description: 'Theft, drugs, gambling, trafficking, strangers at night.',
  },
  {
    id: 'antt-tai-nan',
    category: 'an_ninh_trat_tu',
    severity: 'high',
    query: `${any('tai nạn', 'va chạm', 'tông', 'đâm', 'lật', 'lao xuống', 'rơi xuống')} NEAR/8 ${any('chết', 'tử vong', 'thiệt mạng', 'bỏ chạy', 'nguy kịch', 'trọng thương', 'xe tải', 'xe công trình', 'xe khách', 'xe ben', 'vực', 'suối')}`,
    description: 'Serious accidents.',
  },

  // ---------------------------------------------------------------- bau_cu
  {
    id: 'bc-van-de-bau-cu',
    category: 'bau_cu',
    query: `${ELECTION} AND ${ELECTION_PROBLEMS} NOT ${any('niêm yết công khai', 'kính mời', 'xin liên hệ', 'theo quy định của luật')}`,
    description: 'The 2026 elections with a sign of a problem (lists, fraud, pressure, rumours).',
  },
  {
    id: 'bc-tay-chay',
    category: 'bau_cu',
    query: any('tẩy chay bầu cử', 'tẩy chay đi bầu', 'không đi bầu', 'đừng đi bầu', 'đi bầu làm gì', 'bầu làm gì', 'bầu cũng vậy', 'đảng cử dân bầu', 'đảng chọn dân bầu', 'bầu cử giả hiệu', 'bầu cử là trò hề', 'bầu cử là hình thức', 'bầu cử dân chủ giả', 'mua phiếu', 'mua bán phiếu', 'mua chuộc cử tri', 'gian lận bầu cử', 'bầu hộ', 'bầu thay', 'bỏ phiếu thay', 'bỏ phiếu hộ', 'đi bầu hộ', 'gạch tên', 'danh sách trúng cử'),
    description: 'Boycott calls, vote buying, proxy voting, "the Party picks, the people vote".',
  },
  {
    id: 'bc-ung-cu-vien',
    category: 'bau_cu',
    query: `${any('ứng cử viên', 'ứng viên', 'người ứng cử', 'đại biểu', 'ứng cử')} NEAR/15 ${any('bị tố', 'tố cáo', 'sai phạm', 'lấn chiếm', 'tham nhũng', 'không xứng', 'không đủ tư cách', 'ngu', 'dốt', 'ngồi gật', 'gật', 'chọn sẵn', 'cơ cấu', 'không biết mặt', 'chưa biết mặt', 'không tiếp xúc', 'không tổ chức', 'tại sao', 'sao vẫn', 'sao lại')}`,
    description: 'Candidates contested.',
  },

  // ---------------------------------------------------------------- thien_tai_dich_benh
  {
    id: 'ttdb-lu-sat-lo',
    category: 'thien_tai_dich_benh',
    query: `(${any('lũ quét', 'lũ ống', 'lũ lụt', 'lũ lớn', 'lũ dâng', 'nước lũ', 'mưa lũ', 'ngập lụt', 'ngập sâu', 'ngập úng', 'ngập nước', 'bị ngập', 'ngập hết', 'ngập cả', 'sạt lở', 'sạt lở đất', 'bị lở đất', 'vụ lở đất', 'lở đất vùi', 'đất lở', 'sạt taluy', 'sạt ta luy', 'đất sạt', 'sạt đất', 'đất sụt', 'sụt đất', 'sạt xuống', 'đá lăn', 'sụt lún', 'cuốn trôi', 'nước cuốn', 'vỡ đập', 'vỡ đê', 'vỡ hồ', 'xả lũ', 'tràn đập', 'bị cô lập', 'chia cắt', 'sơ tán', 'di dời khẩn cấp', 'mưa lớn kéo dài', 'mưa to kéo dài', 'lũ lên', 'lũ về', 'nước lên', 'nước dâng', 'dâng cao', 'đổ sập', 'vùi lấp')} OR (${any('sạt', 'nứt', 'vết nứt', 'sụt', 'tràn xuống', 'đổ xuống', 'lăn xuống', 'trôi xuống', 'đổ ập', 'vùi lấp', 'vùi', 'sập')} NEAR/6 ${any('quả đồi', 'sườn đồi', 'chân đồi', 'đồi sau', 'đồi núi', 'núi', 'đất đá', 'mảng đất', 'khối đất', 'taluy', 'ta luy', 'sườn', 'sau nhà', 'vách núi', 'vách đá')}) OR ("lũ" NEAR/2 ${any('lên', 'dâng', 'tràn', 'đổ về', 'về')}) OR ("ngập" NEAR/4 ${any('rồi', 'sâu', 'mét', 'đầu gối', 'nhà', 'đường', 'cầu', 'ruộng', 'lúa', 'hết', 'cả', 'nặng')})) NOT ${any('diễn tập', 'giả định', 'ngập tràn', 'ngập rác', 'ngập nợ')}`,
    description: 'Floods, flash floods, landslides, dam failures, evacuations.',
  },
  {
    id: 'ttdb-dap-ho',
    category: 'thien_tai_dich_benh',
    query: `${any('đập', 'hồ chứa', 'hồ thủy lợi', 'hồ đập', 'lòng hồ', 'bờ hồ', 'con đê', 'bờ đê', 'mặt đê', 'thân đê', 'chân đê', 'đê bao', 'tuyến đê', 'đê điều', 'bờ kè', 'kè đá', 'kè sông', 'kè suối', 'tuyến kè', 'đập thủy điện', 'thủy điện', 'đập thủy lợi', 'đập tràn')} NEAR/4 ${any('vỡ', 'bị vỡ', 'nứt', 'vết nứt', 'tràn', 'rò rỉ', 'sạt', 'sạt lở', 'thấm nước', 'bị thấm', 'xả lũ', 'xả nước', 'xả tràn', 'mực nước')}`,
    description: 'Dams, reservoirs and dikes at risk.',
  },
  {
    id: 'ttdb-bao-thoi-tiet',
    category: 'thien_tai_dich_benh',
    query: `${any('cơn bão', 'bão số', 'siêu bão', 'bão đổ bộ', 'bão lớn', 'hoàn lưu bão', 'áp thấp nhiệt đới', 'lốc xoáy', 'giông lốc', 'lốc cuốn', 'tốc mái', 'mưa đá', 'hạn hán', 'khô hạn', 'rét đậm', 'rét hại', 'băng giá', 'sương muối', 'động đất', 'cháy rừng', 'sét đánh', 'thiệt hại do mưa', 'gió giật', 'gió lốc', 'chết rét', 'chết cóng', 'rét buốt kéo dài', 'nắng nóng gay gắt', 'nắng hạn', 'thiếu nước tưới')} NOT ${any('bão giá', 'cơn bão giá', 'bão lòng', 'bão dư luận', 'bão mạng', 'bão like', 'bão sale', 'bão khuyến mãi', 'bão hàng', 'bão đơn', 'diễn tập', 'giả định')}`,
    description: 'Storms, whirlwinds, hail, drought, cold spells, forest fires, earthquakes.',
  },
  {
    id: 'ttdb-dich-benh',
    category: 'thien_tai_dich_benh',
    query: any('dịch bệnh', 'ổ dịch', 'bùng phát dịch', 'dịch bùng phát', 'dịch tả lợn', 'dịch tả lợn châu phi', 'tả lợn châu phi', 'dịch tả', 'dịch cúm', 'cúm gia cầm', 'dịch sởi', 'dịch sốt xuất huyết', 'lở mồm long móng', 'viêm da nổi cục', 'dịch hại', 'rầy nâu', 'ca mắc', 'ca bệnh', 'nhập viện', 'tiêu chảy', 'cách ly'),
    description: 'Outbreaks in people, livestock and crops.',
  },
  {
    id: 'ttdb-benh-truyen-nhiem',
    category: 'thien_tai_dich_benh',
    query: `${any('cúm a', 'h5n1', 'h5n6', 'cúm', 'sốt xuất huyết', 'tay chân miệng', 'bệnh sởi', 'sởi', 'bạch hầu', 'ho gà', 'viêm não', 'covid', 'bệnh dại', 'chó dại', 'sâu bệnh', 'sốt cao')} NOT ${any('tiêm chủng', 'tiêm phòng', 'vắc xin', 'tiêm vắc xin', 'phòng bệnh', 'tuyên truyền')}`,
    description: 'Infectious diseases named (vaccination notices excluded).',
  },
  {
    id: 'ttdb-ngo-doc',
    category: 'thien_tai_dich_benh',
    query: `${any('ngộ độc', 'ngộ độc thực phẩm', 'ngộ độc tập thể', 'nấm độc', 'lá ngón', 'rượu giả', 'ngộ độc rượu')} OR (${any('chết hàng loạt', 'chết dần', 'chết la liệt', 'chết nhiều')} NEAR/6 ${any('lợn', 'gà', 'vịt', 'trâu', 'bò', 'cá', 'gia súc', 'gia cầm', 'vật nuôi')})`,
    description: 'Poisonings and mass deaths of livestock.',
  },

  // ---------------------------------------------------------------- tich_cuc
  {
    id: 'tc-khanh-thanh',
    category: 'tich_cuc',
    query: `${any('khánh thành', 'lễ thông xe', 'chính thức thông xe', 'đưa vào sử dụng', 'bàn giao nhà', 'trao nhà', 'khởi công', 'đón nhận', 'về đích', 'đạt chuẩn', 'công nhận đạt chuẩn', 'nông thôn mới', 'xóa nhà tạm', 'nhà đại đoàn kết', 'nhà tình nghĩa', 'nhà tình thương', 'nhà nhân ái', 'chủ động bàn giao', 'hoàn thành bàn giao', 'hiến đất', 'hiến đất làm đường', 'góp công', 'ngày công')} NOT ${any('chưa bàn giao', 'không hiến', 'ép hiến', 'bắt hiến', 'bị ép')}`,
    description: 'Works inaugurated, new-countryside standards reached, land donated.',
  },
  {
    id: 'tc-trao-tang',
    category: 'tich_cuc',
    query: `(${any('trao', 'tặng', 'trao tặng')} NEAR/6 ${any('bò giống', 'con giống', 'cây giống', 'sổ tiết kiệm', 'ngôi nhà', 'căn nhà', 'nhà mới', 'xe lăn', 'suất quà', 'phần quà', 'món quà', 'gói quà', 'quà tết', 'quà tặng', 'học bổng', 'chăn màn', 'áo ấm')}) OR ${any('trao tặng', 'tặng quà', 'trao quà', 'thăm hỏi', 'thăm và tặng', 'trao học bổng', 'học bổng', 'trao xe đạp', 'tặng xe đạp', 'tặng áo ấm', 'trao hỗ trợ', 'hỗ trợ kịp thời', 'chung tay', 'tương thân tương ái', 'lá lành đùm lá rách', 'từ thiện', 'thiện nguyện', 'tình nguyện', 'hiến máu', 'ủng hộ đồng bào', 'quyên góp', 'mái ấm', 'giúp bà con', 'giúp đỡ bà con', 'hướng dẫn nhiệt tình', 'nhiệt tình', 'tận tình', 'dọn vệ sinh', 'cứu người', 'vận động ra lớp', 'ra lớp')} NOT ${any('không nhiệt tình', 'thiếu nhiệt tình', 'chẳng nhiệt tình', 'chả nhiệt tình', 'kém nhiệt tình', 'thiếu tận tình')}`,
    description: 'Gifts, visits, scholarships, charity.',
  },
  {
    id: 'tc-guong-nguoi-tot',
    category: 'tich_cuc',
    query: `${any('gương người tốt', 'người tốt việc tốt', 'gương sáng', 'tấm gương', 'điển hình tiên tiến', 'tuyên dương', 'khen thưởng', 'giấy khen', 'bằng khen', 'đạt giải', 'giải nhất', 'giải nhì', 'giải ba', 'huy chương', 'thủ khoa', 'niềm tự hào', 'dũng cảm', 'cứu người', 'cứu sống', 'trả lại tài sản', 'nhặt được', 'trả lại cho người đánh rơi', 'thoát nghèo', 'vươn lên', 'làm giàu', 'mô hình hiệu quả', 'thu nhập cao', 'được mùa', 'bội thu', 'khen ngợi', 'đáng khen', 'đáng quý', 'quý hóa', 'cảm phục', 'tấm lòng', 'tự bỏ tiền', 'quá đỉnh', 'khen cho')} NOT ${any('mỉa mai', 'chả tự hào', 'ông mặt trời', 'tận hưởng', 'làm giàu bất chính', 'giàu bất chính', 'bất minh', 'làm giàu trên')}`,
    description: 'Good people and good deeds, awards, escaping poverty.',
  },
  {
    id: 'tc-cam-on',
    category: 'tich_cuc',
    query: `${any('cảm ơn', 'cám ơn', 'biết ơn', 'trân trọng cảm ơn', 'hoan nghênh', 'cảm động', 'ấm lòng', 'ấm áp', 'phấn khởi', 'vui mừng', 'mừng quá', 'tuyệt vời', 'rất hài lòng', 'hài lòng')} NEAR/10 ${any('xã', 'cán bộ', 'chính quyền', 'công an', 'bộ đội', 'biên phòng', 'đoàn viên', 'thanh niên', 'bà con', 'thầy cô', 'y bác sĩ', 'trạm y tế', 'lực lượng', 'các đội', 'đội tình nguyện', 'đội xung kích', 'hội phụ nữ', 'hội nông dân', 'hội cựu chiến binh', 'chi hội', 'nhà mới', 'đường mới', 'con đường', 'có điện', 'có nước')} NOT ${any('không hài lòng', 'chưa hài lòng', 'chẳng hài lòng', 'mỉa mai', 'ông mặt trời', 'tận hưởng', 'ổ gà', 'không có nước', 'mất điện', 'mất nước', 'lầy lội', 'thật là chu đáo', 'chu đáo ghê')}`,
    description: 'Thanks and satisfaction with the commune or its people.',
  },
  {
    id: 'tc-phong-trao',
    category: 'tich_cuc',
    query: `${any('phong trào', 'ra quân', 'hưởng ứng', 'ngày hội', 'lễ hội', 'giải bóng', 'văn nghệ', 'hội thi', 'hội diễn', 'sinh hoạt văn hóa', 'bình dân học vụ số', 'chuyển đổi số', 'ocop', 'sản phẩm ocop', 'tết trồng cây')} NEAR/12 ${any('sôi nổi', 'thành công', 'hiệu quả', 'tích cực', 'đông đảo', 'vui', 'đẹp', 'ý nghĩa', 'thiết thực', 'phấn khởi', 'hào hứng', 'đạt giải', 'đạt kết quả', 'dọn vệ sinh', 'phát quang', 'trồng cây', 'trồng rừng')}`,
    description: 'Movements and community events that went well.',
  },

  {
    id: 'tc-hoc-gioi-lam-tot',
    category: 'tich_cuc',
    query: `${any('đỗ đại học', 'đậu đại học', 'thi đỗ', 'đỗ thủ khoa', 'học sinh giỏi', 'đáng tự hào', 'mở lớp dạy', 'dạy chữ', 'xóa mù chữ', 'dạy miễn phí', 'khám miễn phí', 'khám bệnh miễn phí', 'cấp thuốc miễn phí', 'tự nguyện hiến', 'hiến tặng', 'góp tiền làm', 'góp công làm', 'góp sức', 'chung sức', 'đồng lòng', 'đưa về tận nhà', 'trả lại cho', 'trả lại người', 'tìm lại được', 'giúp đỡ người', 'không lấy tiền', 'không lấy công', 'làm không công', 'tận tụy', 'hết lòng', 'tấm gương')} NOT ${any('mà vẫn', 'nói là', 'gọi là', 'ai ngờ', 'mỉa mai', 'giả vờ', 'làm màu', 'đánh bóng')}`,
    description: 'Students who succeed, free classes and care, donations, help and honesty.',
  },
  // ---------------------------------------------------------------- more ways people say it
  // Added for generality: synonyms, colloquial and hostile registers. Single syllables that
  // fold onto common words ("chùa"/"chưa", "đê"/"để", "quà"/"quá") are avoided or paired.
  {
    id: 'xt-dang-che-do-mia-mai',
    category: 'xuyen_tac',
    query: `${any('đảng ta', 'đảng cộng sản', 'đảng viên', 'cái đảng', 'bọn đảng', 'lũ đảng', 'đảng này', 'của đảng', 'đảng và nhà nước', 'đảng cầm quyền', 'chế độ này', 'chế độ', 'cộng sản', 'chính quyền cộng sản', 'nhà nước cộng sản', 'việt cộng', 'bọn cs', 'lũ cs', 'đcs', 'csvn', 'chủ nghĩa xã hội', 'xã hội chủ nghĩa', 'chủ nghĩa cộng sản')} NEAR/15 ${any('lừa dân', 'lừa bịp', 'lừa đảo', 'nói láo', 'nói điêu', 'nói dối', 'dối trá', 'nói một đằng', 'nói cho hay', 'nói thì hay', 'chỉ giỏi nói', 'chỉ giỏi tuyên truyền', 'giỏi tuyên truyền', 'chỉ biết tuyên truyền', 'vì cái ghế', 'chỉ vì ghế', 'giữ ghế', 'thanh trừng', 'đấu đá', 'bịt mồm', 'bịt miệng', 'khóa miệng', 'nhồi sọ', 'tẩy não', 'ngõ cụt', 'hết thuốc chữa', 'mục ruỗng', 'thối nát', 'ăn hết của dân', 'ăn của dân', 'hút máu dân', 'bóc lột', 'cướp đất', 'bán nước', 'bán đất cho', 'hại dân', 'dân vẫn nghèo', 'dân vẫn đói', 'dân vẫn khổ', 'đói rách', 'nghèo rớt', 'chưa bao giờ đứng về phía', 'không bao giờ đứng về phía', 'chưa bao giờ vì dân', 'không vì dân', 'bắt dân phải biết ơn', 'phải biết ơn', 'biết ơn đảng', 'sâu dân mọt nước', 'sâu mọt', 'kiếm chác', 'con rối', 'trò lừa', 'trò hề', 'màn kịch', 'bù nhìn', 'đàn áp', 'bỏ tù', 'độc tài')} NOT ${any('phản bác', 'đấu tranh phản bác', 'luận điệu', 'thế lực thù địch lợi dụng', 'cảnh giác', 'bảo vệ nền tảng tư tưởng')}`,
    description: 'The Party or the regime accused of lying, exploiting or failing the people.',
  },
  {
    id: 'xt-tu-do-nhan-quyen',
    category: 'xuyen_tac',
    query: `${any('tự do ngôn luận', 'tự do báo chí', 'tự do tôn giáo', 'tự do dân chủ', 'tự do hội họp', 'nhân quyền', 'quyền con người', 'dân chủ gì', 'dân chủ cái gì', 'dân chủ giả hiệu', 'dân chủ giả tạo', 'dân chủ bịp', 'làm gì có dân chủ', 'không có dân chủ', 'làm gì có tự do', 'không có tự do')} NEAR/15 ${any('bị bắt', 'bắt bớ', 'bắt người', 'bỏ tù', 'đi tù', 'ngồi tù', 'bịt miệng', 'bịt mồm', 'mời lên', 'bị mời', 'đàn áp', 'chà đạp', 'nói thật', 'không được nói', 'cấm nói', 'giả hiệu', 'giả tạo', 'làm gì có', 'không có', 'đứng lên', 'đòi quyền', 'đấu tranh', 'cộng sản', 'độc tài', 'chế độ', 'đảng')} NOT ${any('phản bác', 'luận điệu', 'thế lực thù địch lợi dụng', 'quy chế dân chủ')}`,
    description: 'Freedom and human rights invoked against the regime.',
  },
  {
    id: 'xt-kich-dong-lat-do',
    category: 'xuyen_tac',
    query: any('hãy đứng lên', 'đứng lên đòi quyền', 'đứng lên lật đổ', 'xuống đường đòi', 'hãy xuống đường', 'thay đổi chế độ', 'giải thể đảng', 'chấm dứt độc tài', 'chấm dứt chế độ', 'đả đảo', 'bắt dân phải biết ơn đảng', 'quốc hận', 'ngày quốc hận', 'báo quốc doanh', 'truyền thông quốc doanh', 'báo chí quốc doanh', 'báo lề đảng', 'tin định hướng', 'bị định hướng', 'dư luận viên', 'chế độ toàn trị', 'toàn trị', 'nhà nước công an', 'công an trị', 'tam quyền phân lập', 'bất đồng chính kiến', 'đấu tranh dân chủ', 'nhà dân chủ', 'việt cộng', 'bọn việt cộng', 'lũ việt cộng', 'bọn cs', 'lũ cs', 'bọn cộng', 'hán nô', 'tàu khựa', 'bán nước cho tàu', 'bán nước cho trung quốc', 'cho tàu thuê', 'thuê 99 năm', 'luật đặc khu', 'hiệp định thành đô', 'công hàm bán nước', 'đài bbc', 'bbc tiếng việt', 'đài rfa', 'đài voa', 'đài nước ngoài', 'đài địch', 'kênh việt tân', 'cờ vàng ba sọc'),
    description: 'Calls to overthrow, hostile slogans and outlets, sovereignty slurs.',
  },
  {
    id: 'xt-xuyen-tac-su-kien',
    category: 'xuyen_tac',
    query: `${any('lịch sử', 'sách giáo khoa', 'chiến thắng', 'giải phóng', 'bác hồ', 'hồ chí minh', 'cải cách ruộng đất', 'khẩu hiệu', 'băng rôn', 'sáp nhập', 'sáp nhập xã', 'sáp nhập tỉnh', 'tinh gọn bộ máy', 'tinh gọn', 'bỏ cấp huyện', 'chính sách', 'chủ trương', 'nghị quyết', 'luật đất đai')} NEAR/15 ${any('viết lại', 'bịa đặt', 'bịa ra', 'dối trá', 'lừa bịp', 'lừa dân', 'bịp bợm', 'tô vẽ', 'nói láo', 'nói cho hay', 'nói thì hay', 'thực chất là', 'bản chất là', 'chỉ là trò', 'chiêu trò', 'trò lừa', 'màn kịch', 'chia nhau ghế', 'chia ghế', 'giữ ghế', 'thanh trừng', 'đấu đá', 'dân chịu thiệt', 'dân gánh', 'dân vẫn đói', 'dân vẫn nghèo', 'dân vẫn khổ', 'hết thuốc chữa', 'cướp đất của dân', 'cướp đất', 'sản phẩm tuyên truyền', 'tuyên truyền bịp', 'nhồi sọ')} NOT ${any('phản bác', 'luận điệu', 'thế lực thù địch', 'tin giả', 'đính chính', 'cảnh giác')}`,
    description: 'History, slogans and reforms (mergers, streamlining) distorted.',
  },
  {
    id: 'tntc-bo-tui-chiem-doat',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('chấm mút', 'đút túi', 'bỏ túi riêng', 'túi riêng', 'vào túi ai', 'vào túi ông', 'vào túi bà', 'vào túi họ', 'vào túi cán bộ', 'chui vào túi', 'túi tham', 'ăn đút', 'ăn của đút', 'nhận đút', 'nhận hối lộ', 'ăn hối lộ', 'nhận phong bì', 'lo lót', 'tiền lo lót', 'biếu xén', 'cánh hẩu', 'quan tham', 'tham quan ô lại', 'làm giàu bất chính', 'tài sản bất minh', 'bất minh', 'chi sai nguyên tắc', 'chi sai quy định', 'sử dụng sai mục đích', 'sai mục đích', 'chiếm dụng', 'ăn bẩn', 'ăn không chừa', 'ăn không từ', 'ăn sạch', 'ăn hết tiền', 'nuốt tiền', 'nuốt trọn', 'ngâm hồ sơ', 'nghiệm thu khống', 'nghiệm thu ẩu', 'hóa đơn khống', 'chứng từ khống', 'danh sách khống', 'hộ nghèo ảo', 'hộ nghèo khống', 'thông thầu', 'quân xanh quân đỏ', 'rút bớt xi măng', 'bớt xi măng', 'bớt sắt', 'ăn bớt vật liệu', 'rút bớt vật tư', 'mang về nhà mình', 'đem về nhà', 'ưu ái người thân', 'ưu ái người nhà', 'ưu tiên người nhà', 'chia cho người nhà', 'cho người nhà', 'cả nhà làm xã', 'cả họ làm xã')} NOT ${any('phòng chống tham nhũng', 'phòng, chống tham nhũng', 'tham quan du lịch', 'đi tham quan')}`,
    description: 'Skimming, pocketing, bribes, rigged works and nepotism in colloquial words.',
  },
  {
    id: 'tntc-dua-tien-moi-lam',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('phải đưa', 'phải biếu', 'phải chi', 'phải lót', 'phải bồi dưỡng', 'phải có quà', 'biếu', 'đưa tiền', 'đưa phong bì', 'nhét phong bì', 'nhận tiền', 'cầm tiền', 'thu tiền', 'nộp tiền', 'tiền bồi dưỡng', 'bồi dưỡng cho', 'chút quà', 'chút lòng thành', 'trà nước', 'cà phê cà pháo')} NEAR/12 ${any('mới làm', 'mới ký', 'mới cho', 'mới được', 'mới xong', 'mới chịu', 'mới duyệt', 'mới cấp', 'làm nhanh', 'cho nhanh', 'ký nhanh', 'không thì', 'nếu không', 'đừng mơ', 'ngâm', 'ngâm hồ sơ', 'để được', 'được vào', 'vào danh sách', 'hộ nghèo', 'sổ đỏ', 'cấp sổ', 'xác nhận', 'ký giấy', 'đóng dấu', 'cán bộ', 'địa chính', 'chủ tịch', 'trưởng thôn', 'trưởng bản', 'công an')} NOT ${any('không phải đưa', 'không phải biếu', 'không mất đồng nào', 'không thu tiền', 'miễn phí', 'đi chợ', 'thu tiền điện', 'thu tiền nước')}`,
    description: 'Paying officials to get a service done.',
  },
  {
    id: 'tntc-nguoi-nha-can-bo',
    category: 'tham_nhung_tieu_cuc',
    query: `(${any('con', 'con gái', 'con trai', 'con rể', 'con dâu', 'vợ', 'chồng', 'cháu', 'em vợ', 'em trai', 'em gái', 'anh trai', 'người nhà', 'họ hàng', 'người thân', 'con cháu', 'người quen', 'đệ tử', 'thân tín')} NEAR/3 ${any('chủ tịch', 'phó chủ tịch', 'bí thư', 'trưởng thôn', 'trưởng bản', 'cán bộ', 'lãnh đạo', 'địa chính', 'kế toán', 'trưởng công an', 'cán bộ xã')}) NEAR/15 ${any('vào làm', 'được nhận vào', 'được vào', 'vào biên chế', 'biên chế', 'được cấp', 'được hưởng', 'được chia', 'hộ nghèo', 'trúng thầu', 'nhận thầu', 'được giao', 'được ưu tiên', 'ưu ái', 'đặc cách', 'không cần thi', 'không phải thi', 'thi mãi', 'ra trường đã', 'cài vào', 'nhét vào', 'đứng tên', 'lô đẹp', 'đất đẹp', 'trong khi', 'còn dân')}`,
    description: "Officials' relatives favoured in jobs, benefits, land and contracts.",
  },
  {
    id: 'tntc-tien-di-dau',
    category: 'tham_nhung_tieu_cuc',
    severity: 'medium',
    query: `${any('thu mỗi hộ', 'thu của dân', 'thu tiền', 'bắt đóng', 'tiền đóng góp', 'đóng góp', 'tiền quỹ', 'quỹ thôn', 'quỹ xã', 'tiền làm đường', 'tiền xây', 'tiền hỗ trợ', 'tiền cứu trợ', 'tiền ủng hộ', 'kinh phí', 'ngân sách', 'bao nhiêu tiền', 'mấy trăm triệu', 'mấy tỷ', 'tiền tỷ')} NEAR/20 ${any('vào túi', 'đi đâu', 'đi đâu hết', 'đâu hết rồi', 'biến đi đâu', 'không công khai', 'chưa công khai', 'không thấy công khai', 'không minh bạch', 'chẳng thấy làm', 'không thấy làm', 'chưa thấy làm', 'chẳng thấy đâu', 'tiêu hết', 'tiêu vào đâu', 'tiêu gì', 'chi vào đâu', 'không biết đi đâu', 'lờ đi', 'ém', 'ỉm', 'không báo cáo', 'không có chứng từ', 'không ai biết', 'mờ ám', 'khuất tất')}`,
    description: 'Money collected or allocated and unaccounted for.',
  },
  {
    id: 'tntc-hang-cuu-tro',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('gạo cứu trợ', 'hàng cứu trợ', 'quà cứu trợ', 'tiền cứu trợ', 'gạo cứu đói', 'tiền hỗ trợ', 'gạo hỗ trợ', 'quà hỗ trợ', 'tiền ủng hộ', 'quà tết', 'hàng hỗ trợ', 'bò giống', 'cây giống', 'con giống', 'xi măng hỗ trợ', 'tôn hỗ trợ')} NEAR/12 ${any('mang về nhà', 'đem về nhà', 'lấy về nhà', 'giữ lại', 'chia nhau', 'cắt xén', 'ăn bớt', 'bớt mỗi', 'trừ mỗi', 'không phát', 'không đến tay', 'phát cho người nhà', 'cho người nhà', 'bán lại', 'đem bán', 'mang bán', 'biến mất', 'chỉ nhận được', 'dân chỉ nhận', 'một nửa', 'thiếu mất', 'đánh tráo', 'kém chất lượng hơn')}`,
    description: 'Relief and support goods diverted.',
  },
  {
    id: 'tntc-thanh-tra-ket-luan',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('thanh tra', 'kiểm tra', 'kiểm toán', 'ủy ban kiểm tra', 'công an', 'cơ quan điều tra')} NEAR/15 ${any('chi sai', 'chi sai nguyên tắc', 'sai nguyên tắc', 'thất thoát', 'sai phạm', 'vi phạm trong quản lý', 'chiếm đoạt', 'tham ô', 'lập khống', 'khai khống', 'sai mục đích', 'giao đất trái thẩm quyền', 'cấp đất sai', 'bán đất trái phép')}`,
    description: 'Inspections finding misspending or misappropriation.',
  },
  {
    id: 'tntc-dat-cong',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('đất công', 'đất công ích', 'quỹ đất công ích', 'đất 5%', 'đất 5 phần trăm', 'đất rừng', 'đất trường', 'đất nhà văn hóa', 'đất chợ', 'đấu giá đất', 'đấu giá')} NEAR/15 ${any('chia nhau', 'chia cho người nhà', 'người nhà', 'người quen', 'cho thuê', 'tự ý', 'bán trái phép', 'bán cho', 'chiếm', 'lấn chiếm', 'chiếm dụng', 'cấp sai', 'cấp trái phép', 'giao trái phép', 'dàn xếp', 'hình thức', 'quân xanh', 'thông đồng', 'vào tay')}`,
    description: 'Public land and land auctions captured.',
  },
  {
    id: 'tntc-chay-viec',
    category: 'tham_nhung_tieu_cuc',
    query: `${any('chạy vào biên chế', 'chạy biên chế', 'chạy vào ngành', 'chạy suất', 'chạy một suất', 'mất tiền mới được vào', 'phải chạy mới', 'chạy mới được')} OR (${any('mất', 'tốn', 'hết', 'phải chi', 'phải nộp', 'phải đưa', 'chạy', 'lo')} NEAR/6 ${any('triệu', 'trăm triệu', 'tỷ', 'cây vàng', 'chỉ vàng')} NEAR/15 ${any('biên chế', 'vào ngành', 'xin việc', 'vào làm', 'công chức', 'viên chức', 'hợp đồng', 'giáo viên', 'chuyển công tác', 'lên chức', 'đề bạt', 'bổ nhiệm')})`,
    description: 'Buying jobs and promotions.',
  },
  {
    id: 'tntc-giau-nhanh',
    category: 'tham_nhung_tieu_cuc',
    severity: 'medium',
    query: `${any('nhà ba tầng', 'nhà 3 tầng', 'nhà bốn tầng', 'nhà 4 tầng', 'nhà to', 'nhà cao cửa rộng', 'ô tô', 'xe hơi', 'xe sang', 'mua xe', 'mua đất', 'mua ô tô', 'biệt thự', 'xây nhà', 'nhà lầu', 'đất đai khắp nơi', 'giàu lên', 'giàu nhanh')} NEAR/25 ${any('tiền ở đâu', 'tiền đâu ra', 'lấy tiền đâu', 'lấy đâu ra', 'ở đâu ra', 'từ đâu ra', 'lương có', 'lương mấy', 'lương ba cọc', 'lương cán bộ', 'lương thì', 'làm cán bộ', 'mới làm chủ tịch', 'mới lên chức', 'mới làm trưởng thôn')}`,
    description: 'Officials suddenly rich.',
  },
  {
    id: 'tsst-nghe-noi-them',
    category: 'tin_sai_su_that',
    query: `${any('có người bảo', 'có người nói', 'có người kể', 'người ta bảo', 'người ta nói', 'người ta truyền', 'truyền tai', 'truyền nhau', 'đồn nhau', 'tin nội bộ', 'nguồn tin', 'tin mật', 'tin hành lang', 'nghe loáng thoáng', 'nghe phong thanh', 'nghe mấy', 'thấy trên mạng', 'trên mạng nói', 'trên mạng đồn', 'trên mạng bảo', 'đọc được trên', 'được biết là', 'nghe nói', 'nghe bảo', 'nghe đâu', 'nghe đồn', 'hình như')} NEAR/25 ${any('sắp', 'bị bắt', 'bắt cóc', 'bỏ trốn', 'kỷ luật', 'cưỡng chế', 'thu hồi', 'sáp nhập', 'giải tỏa', 'được phát', 'phát tiền', 'mỗi hộ', 'nộp tiền', 'vắc xin', 'tiêm', 'liệt', 'chết', 'tử vong', 'nhiễm độc', 'có độc', 'đập', 'thủy điện', 'vỡ', 'dịch', 'giấu', 'thực hư', 'thật giả', 'đúng sai', 'chả biết', 'chẳng biết', 'không biết có', 'chưa biết', 'có thật', 'thật không', 'xác minh')} NOT ${any('phim', 'ca sĩ', 'bài hát', 'diễn viên', 'trận đấu')}`,
    description: 'More ways of passing on hearsay.',
  },
  {
    id: 'tsst-bac-bo',
    category: 'tin_sai_su_that',
    query: `${any('thông tin', 'tin', 'bài viết', 'bài đăng', 'clip', 'video', 'ảnh', 'hình ảnh', 'tin nhắn', 'trên mạng', 'mạng xã hội', 'bài trên mạng', 'tài khoản')} NEAR/20 ${any('là bịa', 'bịa ra', 'toàn bịa', 'không chính xác', 'là giả', 'giả mạo', 'không có thật', 'không có chuyện', 'làm gì có chuyện', 'hoàn toàn sai', 'sai lệch', 'bà con đừng tin', 'mọi người đừng tin', 'đừng tin mấy', 'đừng tin những', 'đừng vội tin', 'không nên tin', 'đừng nghe', 'chưa được xác minh', 'chưa xác minh', 'cần xác minh', 'xác minh giúp', 'đề nghị xác minh', 'từ năm', 'ở tỉnh khác', 'ở nơi khác', 'không phải ở', 'cắt ghép', 'dựng lên', 'câu view', 'câu like', 'giật gân')} NOT ${any('tập huấn', 'khuyến cáo chung', 'nâng cao nhận thức', 'kỹ năng nhận diện', 'báo chí nhà nước', 'báo nhà nước', 'báo đảng', 'trang độc lập')}`,
    description: 'Claims debunked or called unverified.',
  },
  {
    id: 'dttg-bo-tho-cung',
    category: 'dan_toc_ton_giao',
    query: `${any('theo đạo', 'đạo lạ', 'truyền đạo', 'đọc kinh', 'cầu nguyện', 'nhóm họp', 'phát sách', 'phát đĩa', 'người lạ', 'lôi kéo', 'dâng hiến', 'rủ rê', 'vận động', 'tiếng mông')} NEAR/20 ${any('bàn thờ', 'cúng ma', 'cúng bái', 'không cúng', 'bỏ cúng', 'thờ cúng', 'thờ tổ tiên', 'tổ tiên', 'tận thế', 'ngày tận thế', 'nộp tiền', 'tiền dâng hiến', 'bỏ đạo', 'ép bỏ', 'không phải cúng', 'chữa bệnh', 'khỏi bệnh', 'lén lút', 'đạo lạ', 'theo đạo')} NOT ${any('lễ hội', 'khen thưởng', 'đoàn kết tôn giáo')}`,
    description: 'Proselytising that asks people to drop ancestor worship, pay, or fear the end of the world.',
  },
  {
    id: 'dttg-mia-mai-dan-toc',
    category: 'dan_toc_ton_giao',
    query: any('mán mọi', 'bọn mán', 'lũ mán', 'thằng mán', 'con mán', 'dân mán', 'bọn mọi', 'lũ mọi', 'man di mọi rợ', 'mọi rợ', 'dân tộc ăn bám', 'chỉ biết ăn trợ cấp', 'chỉ biết ngồi ăn trợ cấp', 'ngồi ăn trợ cấp', 'bọn dân tộc', 'lũ dân tộc', 'bọn mèo mán', 'mèo mán', 'dân tộc thì biết gì', 'ép bỏ đạo', 'bị ép bỏ đạo', 'bắt bỏ đạo', 'cấm theo đạo', 'không cho theo đạo', 'hội thánh đức chúa trời', 'pháp luân', 'đạo giê sùa', 'đạo hà mòn', 'đạo bà cô dợ'),
    description: 'Ethnic slurs, forced renunciation, named heterodox groups.',
  },
  {
    id: 'antt-tap-trung-keo-den',
    category: 'an_ninh_trat_tu',
    query: `${any('tập trung trước', 'tập trung tại', 'tập trung ở', 'tập trung lên', 'tập trung đông', 'kéo đến', 'kéo ra', 'kéo lên', 'kéo nhau', 'rủ nhau', 'kéo về', 'đi càng đông', 'càng đông càng tốt', 'cả thôn đi', 'cả bản đi')} NEAR/12 ${any('đòi tiền', 'đòi đất', 'đòi lại', 'đòi quyền', 'đòi gặp', 'đòi đền bù', 'đòi giải quyết', 'đòi xã', 'đòi chủ tịch', 'phản đối', 'không cho máy', 'không cho xe', 'không cho thi công', 'không cho làm', 'chặn máy', 'chặn xe', 'cổng ủy ban', 'trước cổng', 'trụ sở xã', 'công trường', 'gây áp lực', 'làm căng', 'làm to chuyện', 'cho ra nhẽ', 'càng đông càng tốt')} NOT ${any('họp thôn', 'họp dân', 'đối thoại', 'tiếp công dân', 'hội nghị')}`,
    description: 'People gathering or called to gather to press a demand.',
  },
  {
    id: 'antt-chan-may',
    category: 'an_ninh_trat_tu',
    query: `${any('không cho', 'chặn xe', 'chặn máy', 'chặn lại', 'ra chặn', 'chặn không cho', 'ngăn cản', 'cản trở', 'giữ lại', 'vây', 'bao vây', 'nằm trước', 'nằm chắn', 'đuổi')} NEAR/4 ${any('máy xúc', 'máy múc', 'máy ủi', 'xe cẩu', 'xe công trình', 'máy móc', 'công nhân', 'đơn vị thi công', 'nhà thầu', 'đoàn cưỡng chế', 'đoàn công tác', 'cán bộ đo đạc', 'xe của cán bộ', 'cán bộ địa chính', 'đoàn kiểm đếm')} NOT ${any('ăn chặn', 'chặn tiền')}`,
    description: 'Works, machines and official teams blocked.',
  },
  {
    id: 'antt-trom-ma-tuy-them',
    category: 'an_ninh_trat_tu',
    severity: 'high',
    query: `${any('kẻ gian', 'bị trộm', 'lấy trộm', 'trộm mất', 'dắt mất', 'bẻ khóa', 'đột nhập', 'chơi ke', 'hút đá', 'ma túy đá', 'bay lắc', 'thuốc lắc', 'cần sa', 'heroin', 'thuốc phiện', 'trồng thuốc phiện', 'cây thuốc phiện', 'đối tượng nghiện', 'sử dụng ma túy', 'tàng trữ', 'sòng bạc', 'sát phạt', 'xóc đĩa', 'đánh bài ăn tiền', 'lạng lách', 'rú ga', 'đánh võng', 'nẹt pô', 'đánh ghen', 'truy sát', 'bị đâm', 'bị chém', 'đánh trọng thương', 'quậy phá', 'say xỉn gây rối', 'say rượu gây rối', 'say rượu đập phá', 'mất tích', 'lừa bán', 'bị bán sang', 'buôn bán người', 'vượt biên', 'xuất cảnh trái phép', 'nhập cảnh trái phép', 'hiếp dâm', 'xâm hại', 'dâm ô')} OR (${any('bị mất', 'mất trộm', 'mất cắp')} NEAR/3 ${any('con trâu', 'con bò', 'trâu', 'con lợn', 'xe máy', 'xe đạp điện', 'dây điện', 'tài sản', 'két sắt')} NOT ${any('tìm lại', 'trả lại', 'trao trả', 'đã tìm thấy')}) OR (${any('chơi đá', 'chơi thuốc')} NOT ${any('đá bóng', 'đá cầu', 'đá banh')}) NOT ${any('phòng chống ma túy', 'tuyên truyền phòng chống', 'tháng hành động', 'phòng ngừa', 'khuyến cáo')}`,
    description: 'Theft, drugs, gambling, reckless riding, violence, trafficking, in everyday words.',
  },
  {
    id: 'bc-ap-luc-gian-lan',
    category: 'bau_cu',
    query: `${any('bầu cử', 'cử tri', 'thẻ cử tri', 'tổ bầu cử', 'đi bầu', 'bỏ phiếu', 'phiếu bầu', 'lá phiếu', 'ngày bầu', 'ứng cử viên', 'ứng viên', 'người ứng cử', 'tiếp xúc cử tri', 'danh sách bầu', 'hòm phiếu', 'điểm bầu cử', 'đi bỏ phiếu')} NEAR/20 ${any('bỏ hộ', 'bầu giúp', 'bỏ giúp', 'đi bầu giúp', 'đưa thẻ', 'cầm thẻ', 'gom thẻ', 'thu thẻ', 'bầu cho có', 'cho có', 'trò diễn', 'diễn kịch', 'diễn cho', 'chẳng ai biết', 'không ai biết', 'chưa ai biết', 'không biết là ai', 'là ai', 'chưa ai đi', 'báo đạt', 'đạt 100', 'khống', 'tỷ lệ ảo', 'phát phong bì', 'phong bì', 'cho tiền', 'phát tiền', 'đúng luật không', 'có đúng luật', 'sai luật', 'trái luật', 'bị kỷ luật', 'vẫn được giới thiệu', 'dặn phải', 'phải bầu', 'dặn bầu', 'bảo bầu', 'bắt bầu', 'chỉ đạo bầu', 'phải gạch', 'dặn gạch', 'bảo gạch', 'ghi sai', 'sai ngày sinh', 'sai địa chỉ', 'bỏ sót', 'thiếu tên', 'cắt hộ nghèo', 'cắt trợ cấp', 'bị cắt', 'người đã chết', 'người chết', 'đã mất', 'ép', 'bắt buộc', 'không đi thì')} NOT ${any('niêm yết công khai', 'kính mời', 'theo quy định của luật', 'tổng thống', 'nước mỹ', 'bầu cử mỹ')}`,
    description: 'Elections: proxy voting, pressure, padded turnout, money, unknown candidates, list errors.',
  },
  {
    id: 'bc-tay-chay-them',
    category: 'bau_cu',
    query: any('bầu cho có', 'bầu cho vui', 'bầu cũng thế', 'bầu cũng như không', 'bầu ai chẳng thế', 'bầu ai cũng vậy', 'bầu ai cũng thế', 'bầu cũng vô ích', 'bầu ai thì họ cũng', 'chọn sẵn rồi', 'sắp đặt sẵn', 'đi bầu giúp', 'bầu giúp', 'bỏ phiếu giúp', 'bỏ phiếu hộ', 'bầu cử là trò diễn', 'bầu cử chỉ là trò', 'bầu cử là trò lừa', 'bầu cử bịp', 'không thèm đi bầu', 'ở nhà không đi bầu', 'gom thẻ cử tri', 'thu thẻ cử tri'),
    description: 'More ways of calling an election a sham or voting for others.',
  },
  {
    id: 'ttdb-vat-nuoi-ngo-doc',
    category: 'thien_tai_dich_benh',
    query: `${any('lở mồm', 'long móng', 'chảy dãi', 'tụ huyết trùng', 'dịch tả', 'gà rù', 'chết toi', 'chết cả đàn', 'chết hàng loạt', 'chết rải rác', 'chết dần chết mòn', 'trâu bò chết', 'gia súc chết', 'lợn chết', 'gà chết', 'vịt chết', 'cá chết', 'chết rét', 'chết cóng', 'đau mắt đỏ', 'thủy đậu', 'quai bị', 'sốt phát ban', 'nổi mẩn', 'sốt li bì')} OR (${any('cấp cứu', 'nôn mửa', 'nôn', 'đau bụng', 'co giật', 'tử vong', 'nhập viện', 'ngộ độc')} NEAR/12 ${any('ăn nấm', 'nấm rừng', 'nấm độc', 'nấm hái', 'thịt cóc', 'ăn cóc', 'cá nóc', 'lá rừng', 'rau rừng', 'uống rượu', 'rượu', 'ăn cỗ', 'đám cưới', 'đám giỗ', 'bếp ăn', 'bánh mì', 'bữa trưa', 'bữa ăn', 'suất ăn', 'ăn cơm')}) OR (${any('nhiều đứa', 'nhiều cháu', 'nhiều trẻ', 'nhiều người', 'cả nhà', 'cả xóm', 'cả thôn', 'cả bản', 'hàng loạt')} NEAR/8 ${any('sốt cao', 'bị sốt', 'lên cơn sốt', 'ho sốt', 'bị ho', 'tiêu chảy', 'nổi mẩn', 'phát ban', 'đau mắt', 'nôn mửa')}) NOT ${any('tiêm phòng', 'tiêm chủng', 'vắc xin', 'diễn tập', 'tuyên truyền', 'khuyến cáo')}`,
    description: 'Sick or dying animals, poisonings, clusters of illness.',
  },
  {
    id: 'pakn-dien-nuoc-them',
    category: 'phan_anh_kien_nghi',
    severity: 'low',
    query: `(${any('điện', 'điện lưới', 'dòng điện', 'bên điện')} NEAR/10 ${any('yếu quá', 'là yếu', 'yếu lắm', 'yếu như', 'sụt áp', 'tụt áp', 'đỏ quạch', 'không chạy nổi', 'không chạy được', 'chập chờn', 'lúc có lúc không', 'mất suốt', 'mất liên tục', 'mất hoài', 'cúp', 'cắt suốt')}) OR ${any('điện mất', 'điện cúp', 'mất điện suốt', 'mất điện liên tục', 'cúp điện suốt', 'cúp điện liên tục', 'điện đóm chập chờn')} OR (${any('nước máy', 'nước sinh hoạt', 'vòi nước', 'nước chảy ra', 'nước giếng', 'đường ống nước', 'nước sạch')} NEAR/10 ${any('bùn', 'vàng khè', 'đục ngầu', 'đỏ quạch', 'tanh', 'có giòi', 'nhỏ giọt', 'không chảy', 'mất mấy', 'cả tuần', 'mấy hôm', 'mấy ngày', 'vỡ ống', 'rò rỉ')}) NOT ${any('lịch cắt điện', 'lịch tạm ngừng', 'thông báo tạm ngừng', 'bảo dưỡng đường dây')}`,
    description: 'Electricity and water complaints in everyday words.',
  },
  {
    id: 'pakn-hua-bao-gio',
    category: 'phan_anh_kien_nghi',
    query: `(${any('hứa', 'hứa hẹn', 'hứa là', 'xã hứa', 'cam kết', 'nói là sẽ', 'bảo là sẽ')} NEAR/15 ${any('đến giờ', 'đến nay', 'vẫn chưa', 'vẫn phải', 'chưa thấy', 'chưa làm', 'chẳng thấy', 'không thấy', 'chả thấy', 'từ năm ngoái', 'từ năm kia', 'mấy năm', 'bao lâu rồi', 'mãi chưa', 'mãi không')}) OR (${any('bao giờ', 'đến bao giờ', 'khi nào', 'đến khi nào', 'bao lâu nữa')} NEAR/10 ${any('mới có đường', 'mới có điện', 'mới có nước', 'mới có cầu', 'mới làm', 'mới sửa', 'mới xong', 'mới được', 'mới trả', 'mới đền', 'mới cấp', 'mới giải quyết', 'mới có', 'mới hết')} NEAR/20 ${any('đường', 'đường nhựa', 'đường bê tông', 'cây cầu', 'cầu', 'điện', 'nước sạch', 'sổ đỏ', 'tiền', 'đền bù', 'xã ơi', 'chính quyền', 'ủy ban', 'thôn', 'bản', 'trường', 'trạm y tế')}) OR ${any('vẫn phải lội suối', 'lội suối đi học', 'phải lội qua', 'đu dây qua suối', 'chưa có cầu', 'không có cầu', 'bặt tin', 'không thấy hồi âm', 'chưa thấy hồi âm', 'chưa có hồi âm', 'im như thóc', 'phớt lờ', 'lờ đi', 'ngâm hồ sơ', 'hẹn lên hẹn xuống', 'hẹn lần hẹn lữa', 'hẹn lần hẹn lượt', 'đi lại mấy lần', 'đi đi lại lại', 'hành dân', 'làm khổ dân', 'nói trống không', 'mặt nặng mày nhẹ', 'quát nạt', 'nạt nộ', 'cau có', 'sừng sộ', 'ngồi chơi game', 'chơi game trong giờ', 'lướt facebook', 'không thèm trả lời', 'không thèm nghe', 'bảo chiều quay lại', 'bảo mai quay lại', 'quay lại sau', 'bỏ vị trí', 'đi làm muộn')}`,
    description: 'Promises not kept, "when will we get…", people left waiting or talked down to.',
  },
];

export const DEFAULT_RULE_PACK: { readonly version: string; readonly rules: readonly RuleInput[] } = {
  version: '2026.1',
  rules: RULES.map((rule) => ({ requires_about: false, ...rule })),
};
