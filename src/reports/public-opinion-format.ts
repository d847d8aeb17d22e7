// How the public-opinion report's figures are defined for people, printed under the PDF and in the
// XLSX (README "Trends and the public-opinion report" says the same; src/trends/opinion.ts computes it).

export const OPINION_DEFINITIONS: readonly string[] = [
  'Bài viết trong kỳ: các bài viết, bình luận được hệ thống thu thập có thời điểm đăng (nếu không rõ thì thời điểm thu thập) trong kỳ báo cáo, theo giờ Việt Nam; bài viết đã xoá nội dung theo chính sách lưu trữ vẫn được tính.',
  'Theo lĩnh vực: số bài viết được bộ phân tích xếp vào từng lĩnh vực; một bài viết thuộc hai lĩnh vực được tính ở cả hai. Theo loại nguồn tin: loại của nguồn đã thu thập bài viết.',
  'Bài viết về xã: bài viết đăng trên kênh của xã hoặc nhắc đến tên xã, thôn, bản, địa danh trong hồ sơ xã. Sắc thái tích cực / tiêu cực / trung tính và tỷ lệ của chúng tính trên số bài viết về xã.',
  'Tỷ lệ thông tin tích cực («phủ xanh»): số bài viết về xã thuộc lĩnh vực «Thông tin tích cực» (người tốt, việc tốt, tin vui của địa phương) chia cho số bài viết về xã.',
  'Câu chuyện: các bài viết của cùng một vụ việc, hoặc một bài viết cùng các bình luận của nó. Mức lan tỏa = số bài viết + số lượt tương tác (chia sẻ, cảm xúc, bình luận). Kết quả xử lý: trạng thái của vụ việc và các việc đã làm; câu chuyện không thành vụ việc ghi «Không phải vụ việc».',
  'So sánh với kỳ trước: kỳ này trừ kỳ liền trước cùng loại (tháng, quý, 6 tháng, năm; với khoảng ngày tùy chọn là bấy nhiêu ngày liền trước); tỷ lệ thay đổi tính bằng điểm phần trăm.',
  'Số liệu chỉ tính trên nội dung thông tin, không thống kê theo cá nhân người đăng.',
];
