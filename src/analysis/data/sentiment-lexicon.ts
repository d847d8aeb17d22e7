// The project's Vietnamese sentiment lexicon, written by hand for the commune's social-listening
// domain (complaints about land clearance, public services, roads, environment, officials'
// conduct; good news and good deeds). Phrases are written in ordinary Vietnamese; sentiment.ts
// runs every phrase through the tokenizer once at load, so tone placement, case and teencode
// are canonicalised exactly as in the posts they are matched against.
//
// Weights are in [-3, 3]: ±3 very strong, ±2 clear, ±1 mild.

/** Sentiment-bearing words and phrases, grouped by weight. */
export const SENTIMENT_TERMS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [
    -3,
    [
      'phẫn nộ', 'căm phẫn', 'phẫn uất', 'căm ghét', 'căm thù', 'uất ức', 'uất ức quá', 'tột cùng bức xúc',
      'vô trách nhiệm', 'vô lương tâm', 'táng tận lương tâm', 'bất nhân', 'độc ác', 'tàn nhẫn', 'dã man',
      'lừa đảo', 'lừa bịp', 'ăn cướp', 'cướp đất', 'cướp trắng', 'ăn chặn', 'ăn bớt', 'rút ruột', 'tham ô',
      'biển thủ', 'nhận hối lộ', 'ăn hối lộ', 'nhũng nhiễu', 'thối nát', 'mục nát', 'tồi tệ', 'tệ hại',
      'kinh khủng', 'khủng khiếp', 'thảm họa', 'thảm hại', 'thảm khốc', 'khốn nạn', 'ghê tởm', 'kinh tởm',
      'nhục nhã', 'ô nhục', 'đáng lên án', 'mất trắng', 'trắng tay', 'tán gia bại sản', 'chết oan',
      'ức hiếp dân', 'ép dân', 'coi dân như cỏ rác', 'nói một đằng làm một nẻo',
    ],
  ],
  [
    -2.5,
    [
      'đm', 'dm', 'đcm', 'dcm', 'đkm', 'dkm', 'đmm', 'vcl', 'clgt', 'như cc', 'như cứt', 'như c', 'như l',
      'như hạch', 'ngu như bò', 'ngu như lợn', 'ngu như chó', 'đồ chó', 'súc vật', 'mọi rợ', 'đàn áp',
      'bịt miệng', 'độc tài', 'bóc phét', 'nói dối', 'dàn dựng', 'trò hề', 'thiên vị', 'bắt cóc', 'xạo',
      'bức xúc', 'búc xúc', 'bức bối', 'hách dịch', 'cửa quyền', 'tắc trách', 'thiếu trách nhiệm', 'gian dối',
      'gian lận', 'dối trá', 'lừa gạt', 'lừa dối', 'bôi nhọ', 'vu khống', 'bịa đặt', 'xuyên tạc', 'xúc phạm',
      'miệt thị', 'ngang ngược', 'côn đồ', 'láo toét', 'ô nhiễm', 'ô nhiễm nặng', 'hôi thối', 'ổ voi',
      'lũ quét', 'bao che', 'móc ngoặc', 'lợi ích nhóm', 'chạy chức', 'chạy án', 'hối lộ', 'đút lót',
      'trục lợi', 'lạm quyền', 'lộng quyền', 'sách nhiễu', 'hạch sách', 'vòi vĩnh', 'vòi tiền', 'gây khó dễ',
      'gây phiền hà', 'bỏ mặc', 'kém chất lượng', 'điên tiết', 'bất công', 'oan ức', 'oan sai', 'đáng xấu hổ',
      'bê bối', 'nát bét', 'tan hoang', 'tệ nạn', 'đau đớn', 'đau khổ', 'tuyệt vọng', 'bế tắc',
      'quá đáng', 'quá quắt', 'vô lý hết sức', 'làm ăn gian dối', 'chiếm đoạt', 'lấn chiếm', 'cưỡng đoạt',
      'ức hiếp', 'hà hiếp', 'chèn ép', 'đe dọa', 'hành hung', 'đánh đập', 'bạo lực', 'mất dạy', 'đểu cáng',
      'trơ trẽn', 'trơ tráo', 'vô liêm sỉ', 'tham nhũng', 'tiêu cực', 'sai phạm nghiêm trọng',
    ],
  ],
  [
    -2,
    [
      'bất bình', 'thất vọng', 'chán nản', 'chán ngán', 'ngán ngẩm', 'ngao ngán', 'bất mãn', 'bực mình',
      'bực bội', 'bực tức', 'tức giận', 'tức tối', 'giận dữ', 'ức chế', 'căng thẳng', 'đau lòng', 'đau xót',
      'thương tâm', 'chán ghét', 'ghét', 'thù ghét', 'khinh thường', 'coi thường', 'xem thường', 'khinh miệt',
      'chậm trễ', 'lề mề', 'trì trệ', 'đình trệ', 'ách tắc', 'tê liệt', 'chậm tiến độ', 'trễ tiến độ',
      'chây ì', 'quan liêu', 'thờ ơ', 'vô cảm', 'làm ngơ', 'làm lơ', 'phớt lờ', 'lờ đi', 'đùn đẩy',
      'đá bóng trách nhiệm', 'né tránh trách nhiệm', 'sai phạm', 'sai trái', 'khuất tất', 'mờ ám',
      'thiếu minh bạch', 'thiếu công khai', 'ép giá', 'ép buộc', 'xuống cấp', 'hư hỏng', 'hư hại', 'sụt lún',
      'sạt lở', 'sạt lở đất', 'ổ gà', 'lầy lội', 'ngập úng', 'ngập lụt', 'ngập sâu', 'lũ lụt', 'hôi hám',
      'bốc mùi', 'mùi hôi', 'hôi', 'xả thải', 'nước thải', 'chất thải', 'tai nạn', 'tai nạn giao thông',
      'hỏa hoạn', 'thiệt hại', 'tổn thất', 'thiệt thòi', 'cực khổ', 'khổ sở', 'khốn khổ', 'khốn đốn',
      'lao đao', 'điêu đứng', 'nghèo đói', 'túng quẫn', 'hoảng sợ', 'sợ hãi', 'hoảng loạn', 'bất an',
      'nguy hiểm', 'hiểm họa', 'phiền hà', 'nhiêu khê', 'làm khó', 'tin giả', 'sai sự thật',
      'láo', 'hỗn láo', 'thô lỗ', 'cộc cằn', 'quát tháo', 'quát nạt', 'nạt nộ', 'cẩu thả', 'làm ẩu',
      'rởm', 'hàng giả', 'hàng nhái', 'đểu', 'nhếch nhác', 'bẩn thỉu', 'mất vệ sinh', 'xập xệ', 'dột nát',
      'tan nát', 'đổ nát', 'hỗn loạn', 'mất trật tự', 'mất an ninh', 'mất an toàn', 'gây rối', 'đánh nhau',
      'ẩu đả', 'cướp', 'cướp giật', 'trộm', 'trộm cắp', 'ăn trộm', 'ma túy', 'cờ bạc', 'lô đề', 'tín dụng đen',
      'cho vay nặng lãi', 'lũ lớn', 'hạn hán', 'mất mùa', 'ngộ độc', 'dịch bệnh', 'chết', 'tử vong',
      'thiệt mạng', 'thua lỗ', 'phá sản', 'mất đất', 'mất nhà', 'vô gia cư', 'bỏ rơi', 'dung túng', 'tiếp tay',
      'lạm dụng', 'bè phái', 'lãng phí', 'thất thoát', 'đắp chiếu', 'dự án treo', 'quy hoạch treo', 'bỏ hoang',
      'hứa suông', 'hứa hão', 'qua loa', 'đại khái', 'làm màu', 'mòn mỏi', 'chờ mãi', 'đợi mãi', 'vô lý',
      'phi lý', 'ngang trái', 'kêu cứu', 'kêu trời', 'kêu trời không thấu', 'than trời', 'yếu kém', 'tồi',
      'tệ', 'quá tệ', 'kém cỏi', 'lạc hậu', 'tồi tàn', 'xấu hổ', 'tủi nhục', 'tủi thân', 'mất lòng dân',
      'bị thương', 'thương tích', 'bị đánh', 'đánh người', 'hư', 'hỏng', 'hỏng hóc', 'nứt nẻ', 'nứt toác',
      'đổ sập', 'sập', 'rò rỉ', 'vỡ', 'vỡ đê', 'khó hiểu', 'đáng lo ngại', 'báo động', 'nghiêm trọng',
      'đáng thất vọng', 'cạn lời', 'hết nói nổi', 'không thể chấp nhận', 'chướng tai gai mắt', 'chướng mắt',
      'ngứa mắt', 'bóc lột', 'bán đứng', 'phản bội', 'bất hợp lý', 'không hợp lý',
    ],
  ],
  [
    -1.5,
    [
      'chậm', 'ngu', 'đéo', 'cc', 'vl', 'cấm', 'chia nhau', 'bó tay', 'mệt xỉu', 'mệt', 'nát', 'nát hết', 'làm cảnh',
      'viển vông', 'chập chờn', 'xóc', 'thiếu tên', 'đắt', 'cao chót vót',
      'chán', 'buồn', 'buồn bã', 'buồn phiền', 'lo lắng', 'lo ngại', 'lo sợ', 'hoang mang', 'bối rối', 'sợ',
      'khó chịu', 'phiền', 'phiền phức', 'rắc rối', 'rườm rà', 'chậm chạp', 'trễ hẹn', 'lỡ hẹn', 'mất thời gian',
      'tốn kém', 'đắt đỏ', 'khó khăn', 'khổ', 'cơ cực', 'vất vả quá', 'nghèo khó', 'thiếu thốn', 'đói',
      'đói kém', 'mệt mỏi', 'kiệt sức', 'hư hao', 'bất cập', 'yếu', 'kém', 'dở', 'xấu', 'xấu xí',
      'bẩn', 'dơ', 'dơ bẩn', 'hôi tanh', 'bụi bặm', 'khói bụi', 'bụi mù', 'ồn ào', 'ầm ĩ', 'inh ỏi', 'náo loạn',
      'ngập', 'ngập nước', 'úng', 'lụt', 'lũ', 'bão lũ', 'mưa lũ', 'sạt', 'nứt', 'lún', 'thủng', 'gãy',       'ùn tắc', 'kẹt xe', 'tắc đường', 'tắc nghẽn', 'mất điện', 'cúp điện', 'cắt điện', 'mất nước', 'cúp nước',
      'thiếu nước', 'nước bẩn', 'nước đục', 'cháy', 'cháy nổ', 'cháy rừng', 'chập điện', 'rác thải', 'xả rác',
      'vứt rác', 'bãi rác tự phát', 'lấn chiếm vỉa hè', 'cưỡng chế', 'phản đối', 'khiếu kiện', 'tố cáo',
      'kiện cáo', 'cầu cứu', 'quá hạn', 'quá tải', 'chen chúc', 'lộn xộn', 'bừa bãi', 'lung tung', 'vớ vẩn',
      'tào lao', 'nhảm nhí', 'vô bổ', 'sơ sài', 'chiếu lệ', 'hình thức chủ nghĩa', 'mang tính hình thức',
      'đối phó', 'mập mờ', 'lấp lửng', 'úp mở', 'lơ là', 'buông lỏng', 'thất nghiệp', 'mất việc', 'nợ nần',
      'nợ đọng', 'nợ lương', 'dang dở', 'bỏ dở', 'tiêu điều', 'nghèo nàn', 'đơn điệu', 'bất ổn', 'bão',
      'áp thấp', 'giông lốc', 'lốc xoáy', 'mưa đá', 'rét hại', 'xâm nhập mặn', 'hạn mặn', 'sốt xuất huyết',
      'dịch', 'ốm', 'ốm đau', 'bệnh tật', 'tiếc', 'tiếc nuối', 'đáng tiếc', 'hối hận', 'ân hận', 'tủi',
      'cô đơn', 'xót xa', 'ái ngại', 'nghi ngờ', 'ngờ vực', 'nghi vấn', 'khiếu nại', 'kiến nghị mãi',
      'ngán', 'oải', 'nản', 'chán đời', 'khó', 'khó dễ', 'trục trặc', 'lỗi', 'sự cố', 'hỏng hết',
      'thất bại', 'thua', 'sai', 'sai lầm', 'nhầm lẫn', 'sai sót', 'thiếu sót', 'thiếu sót nghiêm trọng',
      'ô uế', 'tanh', 'nồng nặc', 'ô nhiễm tiếng ồn', 'đìu hiu', 'hoang tàn', 'bất tiện', 'kém cỏi', 'lạm thu',
      'thu sai', 'thu vô lý', 'tăng giá', 'đội giá', 'chặt chém', 'hét giá', 'ép', 'bực', 'giận',
      'cáu', 'cáu gắt', 'gắt gỏng', 'nóng nảy', 'hỗn', 'láo lếu', 'hống hách', 'kênh kiệu',
    ],
  ],
  [
    -1,
    [
      'hạn chế', 'mất lòng tin', 'mất niềm tin', 'đòi',
      'vất vả', 'tội nghiệp', 'đáng thương', 'thở dài', 'nhạt nhẽo', 'chán phèo', 'tẻ nhạt', 'linh tinh',
      'tạm bợ', 'chắp vá', 'chờ đợi', 'đằng đẵng', 'ròng rã', 'kéo dài', 'mãi mãi chưa',       'nóng bức', 'oi bức', 'rét', 'lạnh giá', 'mưa to', 'mưa lớn', 'ngập nhẹ', 'bão số', 'cảnh báo',
      'nguy cơ', 'rủi ro', 'tin đồn', 'đồn thổi', 'lan truyền', 'tốn thời gian', 'đi lại nhiều lần',
      'nhiều lần', 'hụt hẫng', 'ngại', 'e ngại', 'nghèo', 'khó khăn lắm', 'tụ tập', 'biểu tình',
      'gây mất đoàn kết', 'mâu thuẫn', 'tranh chấp', 'xích mích', 'cãi nhau', 'cãi vã', 'than phiền',
      'phàn nàn', 'kêu ca', 'ca thán', 'than thở', 'trách', 'trách móc', 'phê phán', 'chỉ trích', 'chê',
      'chê bai', 'dè bỉu', 'mỉa mai', 'châm biếm', 'lo âu', 'sốt ruột', 'nóng ruột', 'thấp thỏm', 'khắt khe',
      'gắt', 'khắc nghiệt', 'nặng nề', 'ảm đạm', 'u ám', 'đen đủi', 'xui', 'xui xẻo', 'rủi',
      'bad', 'worst', 'terrible', 'sad', 'angry', 'fail',
    ],
  ],
  [
    -0.5,
    ['thấp', 'chật', 'chật hẹp', 'hẹp', 'tối tăm', 'tối om', 'mù mờ', 'vẫn thế', 'như cũ'],
  ],
  [
    0.5,
    [
      'tạm ổn', 'tạm được', 'cũng được', 'chấp nhận được', 'không sao', 'ổn thỏa',
      'khởi công', 'đầu tư', 'chúc', 'thăm hỏi',
    ],
  ],
  [
    1,
    [
      'ổn', 'ổn định', 'an toàn', 'dễ dàng', 'hợp lý', 'cải thiện', 'hoàn thành', 'hoàn thiện', 'đổi mới',
      'phát triển', 'tiến triển', 'đổi thay', 'điển hình', 'ghi nhận', 'lắng nghe', 'chăm sóc', 'dứt điểm',
      'hài hòa', 'rộng rãi', 'bền vững', 'vững chắc', 'sáng sủa', 'phong phú', 'náo nhiệt', 'mát mẻ', 'xúc động',
      'hy vọng', 'hi vọng', 'kỳ vọng', 'ok', 'oke', 'okay', 'okê', 'like', 'được việc', 'gọn gàng', 'ngăn nắp',
      'nề nếp', 'kỷ cương', 'đầy đủ', 'đủ', 'chu toàn', 'công tâm', 'khách quan',
      'đúng quy định', 'đúng pháp luật', 'kịp', 'nhanh', 'tiện', 'lãi', 'có lãi', 'mát', 'xanh mát',
      'trong xanh', 'sạch', 'thơm', 'ngon', 'ấm', 'tặng', 'nhận quà', 'an cư', 'lạc nghiệp', 'khá giả',
      'miễn phí', 'giảm giá', 'hạ giá', 'được mùa', 'nâng cấp xong', 'thông xe', 'khánh thành',
      'đưa vào sử dụng', 'bàn giao', 'đạt chuẩn', 'về đích', 'good', 'nice', 'thanks', 'thank', 'thank you',
      'tks', 'thanks ad', 'cool', 'tài năng', 'đỉnh cao', 'thích đáng',
    ],
  ],
  [
    1.5,
    [
      'tốt', 'đẹp', 'đẹp đẽ', 'sạch sẽ', 'văn minh', 'thoáng mát', 'thông thoáng', 'yên bình', 'bình yên',
      'an lành', 'bình an', 'yên tâm', 'an tâm', 'tin tưởng', 'đồng tình', 'ủng hộ', 'hưởng ứng', 'đồng lòng',
      'chung tay', 'chung sức', 'đoàn kết', 'thân thiện', 'chuyên nghiệp', 'nhanh chóng', 'nhanh gọn',
      'thuận tiện', 'thuận lợi', 'tiện lợi', 'tiện ích', 'minh bạch', 'công bằng', 'thỏa đáng', 'đúng hạn',
      'đúng tiến độ', 'hiệu quả', 'thiết thực', 'ý nghĩa', 'bổ ích', 'hữu ích', 'giúp đỡ', 'cứu giúp',
      'trao quà', 'tặng quà', 'quyên góp', 'từ thiện', 'ấm áp', 'tấm lòng', 'tấm gương', 'tiên tiến',
      'tiến bộ', 'vui', 'vui vẻ', 'vui tươi', 'mừng', 'khen', 'khen thưởng', 'trân trọng', 'trân quý',
      'tích cực', 'sáng tạo', 'năng động', 'gương mẫu', 'sát dân', 'vì dân', 'thấu hiểu', 'chăm lo',
      'hiện đại', 'tiện nghi', 'kiên cố', 'khang trang', 'sôi nổi', 'rộn ràng', 'đẹp mắt', 'dễ thương',
      'đáng yêu', 'yêu', 'thích', 'ưng', 'ưng ý', 'xịn', 'chất lượng cao', 'chất lượng tốt', 'năng suất cao',
      'thu nhập cao', 'thoát nghèo', 'bội thu', 'trúng mùa', 'lạc quan', 'trong lành', 'rực rỡ', 'lung linh',
      'xứng đáng', 'may mắn', 'an toàn tuyệt đối', 'trung thực', 'thật thà', 'liêm khiết', 'tận tụy', 'chịu khó',
      'siêng năng', 'có trách nhiệm', 'cần cù', 'chăm chỉ', 'giỏi', 'tài giỏi', 'hay quá', 'hay lắm', 'quá hay', 'rất hay',
      'bài hay', 'hay ghê', 'đỉnh', 'vững vàng', 'mạnh mẽ', 'ngon lành', 'hài hước', 'thú vị', 'hấp dẫn',
      'great', 'love', 'awesome', 'perfect', 'best',
    ],
  ],
  [
    2,
    [
      'cảm ơn', 'cám ơn', 'tri ân', 'cảm kích', 'hoan nghênh', 'khen ngợi', 'tuyên dương', 'biểu dương',
      'vinh danh', 'hãnh diện', 'hạnh phúc', 'hài lòng', 'rất hài lòng', 'nhiệt tình', 'tận tình', 'tận tâm',
      'chu đáo', 'niềm nở', 'kịp thời', 'vượt tiến độ', 'thành công', 'nghĩa tình', 'tình nghĩa', 'ấm lòng',
      'cảm động', 'gương sáng', 'việc tốt', 'khởi sắc', 'thay da đổi thịt', 'giàu đẹp', 'no ấm', 'ấm no',
      'sung túc', 'chúc mừng', 'liêm chính', 'thanh liêm', 'gần dân', 'giải quyết dứt điểm',
      'thấu tình đạt lý', 'tươi đẹp', 'yêu thương', 'tốt bụng', 'đáng khen', 'đáng học hỏi', 'nể phục',
      'khâm phục', 'cảm phục', 'ngưỡng mộ', 'quá tuyệt', 'hết lòng', 'hết mình', 'xả thân', 'dũng cảm',
      'anh hùng', 'quả cảm', 'nhân ái', 'nhân hậu', 'nhân văn', 'tử tế', 'hào hứng', 'háo hức', 'sạch đẹp',
      'xanh sạch đẹp', 'đẹp lắm', 'tốt lắm',
    ],
  ],
  [
    2.5,
    [
      'biết ơn', 'tự hào', 'vui mừng', 'phấn khởi', 'hân hoan', 'tuyệt', 'tuyệt đẹp', 'tuyệt hảo',
      'hoàn hảo', 'hết sảy', 'người tốt việc tốt', 'vô cùng biết ơn', 'mãn nguyện', 'sung sướng', 'phấn chấn',
    ],
  ],
  [3, ['tuyệt vời', 'xuất sắc', 'tuyệt diệu', 'tuyệt vời quá', 'quá tuyệt vời', 'vô cùng tự hào']],
];

/**
 * Things citizens expect from the authorities. Affirmed they are mildly good ("đã được giải
 * quyết"); negated they are a grievance ("chưa được bồi thường", "chẳng ai giải quyết").
 */
export const EXPECTATION_TERMS: readonly string[] = [
  'giải quyết', 'bồi thường', 'đền bù', 'hỗ trợ', 'trả lời', 'phản hồi', 'hồi âm', 'xử lý', 'khắc phục',
  'sửa chữa', 'sửa', 'quan tâm', 'xem xét', 'giải đáp', 'can thiệp', 'thu gom', 'chi trả', 'giải ngân',
  'cấp', 'cấp sổ', 'cấp giấy', 'làm rõ', 'công khai', 'đối thoại', 'tiếp dân', 'nâng cấp', 'thông báo', 'trực', 'mở cửa', 'nghe máy', 'bắt máy', 'dám',
  'giúp', 'chấp nhận', 'đồng ý', 'đáp ứng', 'điện', 'nước sạch', 'nước', 'sóng', 'hoàn trả', 'trả tiền', 'trả lại', 'bố trí tái định cư',
  'tái định cư', 'làm đường', 'thông tin', 'giải thích', 'hướng dẫn', 'tiếp nhận', 'kiểm tra', 'nạo vét',
  'khơi thông', 'dọn dẹp', 'dọn', 'thu dọn', 'có điện', 'có nước', 'lắp đặt', 'bảo vệ', 'đảm bảo', 'bảo đảm',
  'thực hiện', 'đến', 'xuống', 'về', 'ra mặt', 'lên tiếng', 'vào cuộc',
];

/** Expectation terms that are too common to count when affirmed (only negated they carry weight). */
export const EXPECTATION_NEGATED_ONLY: readonly string[] = [
  'đến', 'xuống', 'về', 'điện', 'nước', 'sóng', 'thông tin', 'thông báo', 'trực', 'mở cửa', 'dám', 'kiểm tra', 'thực hiện', 'cấp', 'giúp', 'sửa', 'dọn',
];

/**
 * Positive words that a complaint turns ironic ("giỏi thật", "hay nhỉ", "nhanh ghê") when they are
 * followed by a sarcasm particle.
 */
export const IRONIC_TERMS: readonly string[] = [
  'giỏi', 'tài', 'tài giỏi', 'hay', 'hay quá', 'hay ghê', 'hay lắm', 'đỉnh', 'tuyệt', 'tuyệt vời', 'nhanh',
  'nhanh chóng', 'khéo', 'tốt', 'đẹp', 'văn minh', 'chuyên nghiệp', 'hiện đại', 'minh bạch', 'vì dân',
  'kịp thời', 'hiệu quả', 'xuất sắc', 'siêng', 'chăm',
];
/** Irony-only words: not sentiment by themselves ("hay" is mostly "or"; "khéo" "careful"). */
export const IRONY_ONLY_TERMS: readonly string[] = ['hay', 'khéo', 'siêng', 'chăm', 'tài'];

/** Particles that, right after a praise word inside a complaint, mark sarcasm. */
export const SARCASM_PARTICLES: readonly string[] = [
  'nhỉ', 'nhể', 'nhở', 'ghê', 'thật', 'thế', 'cơ đấy', 'cơ mà', 'gớm', 'ha', 'hen', 'ta', 'đấy', 'quá ha',
  'thật đấy', 'ghê chưa', 'thế cơ', 'dữ', 'dữ vậy', 'vậy ta', 'chưa',
];

/** Negators with the number of syllables their scope reaches. */
export const NEGATORS: ReadonlyArray<readonly [string, number]> = [
  ['không', 4], ['chẳng', 4], ['chả', 4], ['chưa', 4], ['đâu có', 4], ['không hề', 4], ['chẳng hề', 4],
  ['chả hề', 4], ['chưa hề', 4], ['chưa từng', 4], ['chưa bao giờ', 4], ['không bao giờ', 4],
  ['chẳng bao giờ', 4], ['chả bao giờ', 4], ['không ai', 4], ['chẳng ai', 4], ['chả ai', 4], ['chưa ai', 4],
  ['không một ai', 4], ['chẳng có ai', 4], ['không có ai', 4], ['chẳng một ai', 4], ['không có', 4],
  ['chẳng có', 4], ['chả có', 4], ['chưa có', 4], ['không còn', 4], ['chẳng còn', 4], ['không thấy', 4],
  ['chẳng thấy', 4], ['chưa thấy', 4], ['không được', 4], ['chẳng được', 4], ['chưa được', 4],
  ['đừng', 3], ['chớ', 3], ['thiếu', 2], ['hết', 2], ['mất', 2], ['không nên', 3], 
  ['không chịu', 4], ['chẳng chịu', 4], ['chưa chịu', 4], 
];

/** Intensifiers before the word they strengthen. */
export const PRE_INTENSIFIERS: ReadonlyArray<readonly [string, number]> = [
  ['rất', 1.5], ['quá', 1.5], ['cực kỳ', 1.8], ['cực kì', 1.8], ['cực', 1.6], ['vô cùng', 1.8],
  ['thật sự', 1.4], ['thực sự', 1.4], ['siêu', 1.6], ['hết sức', 1.7], ['cực độ', 1.8], ['thật là', 1.4],
  ['thật', 1.3], ['quá là', 1.6], ['quá sức', 1.7], ['rất là', 1.6], ['vô cùng là', 1.8], ['đặc biệt', 1.3],
  ['cực kỳ là', 1.8], ['rõ', 1.2], ['rõ là', 1.3], ['quá trời', 1.7], ['vô cùng vô tận', 2], ['very', 1.5],
  ['càng', 1.2], ['càng ngày càng', 1.4], ['ngày càng', 1.3], ['thậm chí', 1.2], ['toàn', 1.2],
  ['nhiều', 1.2], ['hoàn toàn', 1.4], ['tuyệt đối', 1.4], ['mười phần', 1.5],
];

/** Intensifiers after the word they strengthen ("đẹp lắm", "chậm quá", "tệ vl"). */
export const POST_INTENSIFIERS: ReadonlyArray<readonly [string, number]> = [
  ['lắm', 1.5], ['quá', 1.5], ['quá đi', 1.6], ['quá trời', 1.7], ['quá xá', 1.7], ['ghê', 1.4],
  ['ghê gớm', 1.6], ['kinh khủng', 1.7], ['khủng khiếp', 1.7], ['vô cùng', 1.8], ['cực kỳ', 1.8],
  ['nhất', 1.4], ['thật', 1.3], ['thật sự', 1.3], ['lắm lắm', 1.8], ['dã man', 1.6], ['vãi', 1.5],
  ['vãi chưởng', 1.6], ['vl', 1.5], ['vcl', 1.6], ['vkl', 1.6], ['vờ lờ', 1.5], ['hết sức', 1.6],
  ['hết chỗ nói', 1.8], ['hết nước chấm', 1.8], ['tột độ', 1.8], ['tột cùng', 1.8], ['vô đối', 1.6],
  ['cực', 1.5], ['dữ', 1.3], ['dữ lắm', 1.6], ['dữ dội', 1.6], ['thế', 1.2], ['vậy', 1.1], ['thế nhỉ', 1.2],
  ['nhiều', 1.2], ['nhất quả đất', 1.8], ['số một', 1.4], ['so much', 1.5],
];

/** Diminishers before the word they soften. */
export const DIMINISHERS: ReadonlyArray<readonly [string, number]> = [
  ['hơi', 0.6], ['khá', 0.8], ['tương đối', 0.7], ['có phần', 0.7], ['hơi hơi', 0.5], ['hơi bị', 1.2],
  ['có vẻ', 0.8], ['dường như', 0.8], ['một chút', 0.6], ['chút', 0.6], ['chút ít', 0.6], ['ít nhiều', 0.7],
  ['đôi chút', 0.6], ['phần nào', 0.7], ['tạm', 0.6], ['khá là', 0.8], ['chưa thật sự', 0.7],
  ['không quá', 0.5], ['ít', 0.7], ['kha khá', 0.8],
];

/** Contrast markers: what follows weighs more than what precedes. */
export const CONTRASTS: readonly string[] = [
  'nhưng', 'nhưng mà', 'song', 'tuy nhiên', 'có điều', 'mỗi tội', 'chỉ tiếc', 'chỉ tiếc là', 'mà lại',
  'thế nhưng', 'vậy mà', 'thế mà', 'ấy vậy mà', 'ngược lại', 'trái lại', 'nhưng rồi', 'but',
];

/** Concession markers: their own clause weighs less ("tuy chậm, nhưng ..."). */
export const CONCESSIONS: readonly string[] = [
  'tuy', 'tuy là', 'tuy rằng', 'mặc dù', 'mặc dầu', 'dù', 'dù cho', 'dù rằng', 'dẫu', 'dẫu cho', 'dẫu rằng',
  'dù sao', 'dù sao thì', 'although',
];

/**
 * Compounds that contain a cue word but mean something else: matched (longest first) so the cue
 * inside them is not ("không khí" is air; "chả giò" a dish; "không những ... mà còn" is additive).
 */
export const NEUTRAL_COMPOUNDS: readonly string[] = [
  'không khí', 'không gian', 'hàng không', 'không quân', 'không trung', 'không những', 'không chỉ',
  'chẳng những', 'chẳng hạn', 'chả giò', 'chả cá', 'chả lụa', 'chả chìa', 'bún chả', 'giò chả', 'không có gì',
  'không biết', 'chẳng biết', 'chả biết', 'chưa biết', 'không rõ', 'chưa rõ', 'không sao đâu', 'yêu cầu',
  'yêu sách', 'vui lòng', 'tốt nghiệp', 'tức là', 'tức thì', 'tức khắc', 'hay là', 'hay không', 'thương mại',
  'thương binh', 'thương hiệu', 'thương lượng', 'quá trình', 'quá khứ', 'quá mức', 'quá cảnh', 'siêu thị',
  'siêu âm', 'siêu bão', 'cực bắc', 'cực nam', 'thiếu nhi', 'thiếu niên', 'thiếu tá', 'thiếu úy', 'thiếu tướng',
  'thiếu nữ', 'sự thật', 'thật thà', 'song song', 'song ngữ', 'còn lại', 'vẫn còn', 'hết hạn', 'mất tích',
  'không ngừng', 'không ngại', 'không quản', 'không quản ngại', 'chẳng quản', 'không kể', 'không riêng',
  'chưa kể', 'không chỉ vậy', 'hơn thế', 'dù vậy', 'mất ngủ', 'ngủ ngon', 'không những thế', 'khỏi phải nói',
  'hết lòng', 'hết mình', 'tốt nhất là', 'nên', 'chúc ngủ ngon', 'đi đâu', 'ở đâu', 'đâu đó', 'đâu đây',
  'bất kể', 'ít nhất', 'nhiều nhất', 'xử lý nghiêm', 'không khỏi', 'chẳng khác gì', 'không khác gì',
  'khác gì', 'chả khác gì', 'hơi nước', 'khá nhiều', 'khá đông', 'thật ra', 'thực ra', 'nhanh lên', 'ok chưa',
  'đường dây nóng', 'tin tốt', 'tin vui', 'mong chờ', 'trách nhiệm', 'dịch vụ', 'dịch thuật',
  'dịch chuyển', 'phiên dịch', 'bão hòa', 'lũ trẻ', 'đòi hỏi', 'xin lỗi', 'tiền tệ', 'chủ yếu', 'thiết yếu',
  'trọng yếu', 'yếu tố', 'hỗn hợp', 'mồ hôi', 'lãi suất', 'đỉnh núi', 'đỉnh điểm', 'đỉnh lũ', 'thích hợp',
  'thích ứng', 'an toàn giao thông', 'an ninh trật tự', 'trật tự an toàn', 'thời gian', 'tin tức', 'tài sản',
  'tài chính', 'tài xế', 'tài liệu', 'tài khoản', 'tài nguyên', 'buồn ngủ',
];

/** Laughter: friendly on its own, mockery after a complaint. */
export const LAUGHTER: readonly string[] = [
  'haha', 'hahaha', 'hihi', 'hehe', 'kaka', 'keke', 'kkk', 'kk', 'hhh', 'lmao', 'hahah', 'hơ hơ',
];

/** Emoji and emoticons with their weights (looked up without variation selectors). */
export const EMOJI_WEIGHTS: Readonly<Record<string, number>> = {
  '😡': -2.5, '😠': -2, '🤬': -3, '😤': -1.5, '👿': -2, '💢': -1.5, '😾': -1.5,
  '😢': -1.5, '😭': -1.5, '😥': -1.2, '😞': -1.5, '😔': -1.2, '😟': -1.2, '🙁': -1.2, '☹': -1.5,
  '😩': -1.5, '😫': -1.5, '😖': -1.5, '😣': -1.2, '😓': -1, '😰': -1.5, '😨': -1.5, '😱': -1.5,
  '💔': -2, '👎': -2, '🙄': -1.2, '😒': -1.2, '😑': -0.8, '😐': -0.5, '🤦': -1.5, '🤮': -2.5, '🤢': -2,
  '💩': -2, '🖕': -3, '😪': -1, '😕': -1, '🥺': -0.8, '😿': -1.5, '🥲': -0.5, '🤡': -1.5, '🐍': -1,
  '😏': -0.5, '🆘': -1.5, '⚠': -0.8, '🔥': 0, '🥵': -1,
  '❤': 2, '♥': 2, '💕': 2, '💖': 2, '💗': 2, '💓': 2, '💞': 2, '💙': 1.8, '💚': 1.8, '💛': 1.8, '💜': 1.8,
  '🧡': 1.8, '😍': 2, '🥰': 2, '😘': 1.8, '😊': 1.5, '☺': 1.5, '🙂': 0.8, '😀': 1.2, '😃': 1.5, '😄': 1.5,
  '😁': 1.2, '😆': 1, '😉': 1, '😇': 1.5, '🤗': 1.5, '👍': 1.5, '👏': 1.8, '🙌': 1.8, '💪': 1.2,
  '🎉': 2, '🎊': 2, '🥳': 2, '🌹': 1.5, '🌸': 1, '💐': 1.5, '⭐': 1, '🌟': 1.2, '✨': 1, '💯': 1.8,
  '👌': 1.2, '✌': 0.8, '🙏': 1.2, '🫶': 2, '😋': 1.2, '🤩': 2, '😎': 1, '🏆': 1.5, '🇻🇳': 1,
  ':(': -1.5, ':((': -2, ':-(': -1.5, '=(': -1.5, '=((': -2, ":'(": -1.8, ":'((": -2, 'T_T': -1.8,
  'T.T': -1.8, ';(': -1.5, '-_-': -1, '-.-': -1, '>.<': -0.8, '>_<': -0.8, ':/': -0.8, ':-/': -0.8,
  ':|': -0.5, '>:(': -2, ':@': -2, 'D:': -1.2,
  ':)': 1, ':-)': 1, '=)': 0.8, ':D': 1.5, ':-D': 1.5, '=D': 1.5, 'xD': 1.2, '^^': 1.2, '^_^': 1.2,
  '^.^': 1.2, '<3': 2, ';)': 1, ':P': 0.8, ':p': 0.8, ':3': 1, ':">': 1, ':v': 0, ':O': -0.3, ':*': 1.5, ":')": 1, ':>': 0.8, ':<': -1,
  '=.=': -1, '><': -0.8, 'o_O': -0.5,
};

/** Emoji and emoticons of laughter: friendly alone, mockery after a complaint. */
export const LAUGHTER_EMOJI: readonly string[] = [
  '😂', '🤣', '😹', '=))', ':))', ';))', '=)))', ':)))', ':)))))', '=)))))', 'haha', ':]]', '=]]',
];

/**
 * Single syllables whose diacritic-free form is unambiguous enough to look up in a sentence typed
 * without diacritics. Every other single-syllable entry is looked up only by its exact form
 * ("do" is "because" far more often than "dở", "toi" is "tôi" far more often than "tồi").
 * Multi-syllable entries are always looked up folded.
 */
export const FOLDED_SINGLE_SYLLABLES: readonly string[] = [
  'tốt', 'vui', 'ghét', 'tệ', 'xấu', 'ngon', 'xịn', 'khen', 'thích', 'ngập', 'lụt', 'chết', 'cướp', 'trộm',
  'hư', 'sai', 'tanh', 'bực', 'không', 'chẳng', 'chưa', 'rất', 'quá', 'lắm', 'hơi', 'khá', 'siêu', 'cực',
  'ghê', 'nhỉ', 'nhể', 'nhở', 'thật', 'nhất', 'tuyệt', 'ok', 'oke', 'like', 'good', 'nice', 'bad', 'thanks',
  'tks', 'haha', 'hihi', 'hehe', 'kkk', 'đm', 'dm', 'vl', 'vcl', 'cc', 'đcm', 'dcm', 'đéo',
];
